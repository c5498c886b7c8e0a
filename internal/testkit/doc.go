// Package testkit gathers what privacybot's tests share and production
// code never imports: testengine (an engine over the seeds, built once per
// test binary), testlog (a logger that writes to the test's log), synthlib
// (libraries over synthetic corpora), fakeopenai (an OpenAI-compatible
// server on loopback) and cmd/fakeopenai (the same as a command), pgtest (a
// real PostgreSQL from Debian's package in a temporary directory), poll
// (waiting for a condition) and child (a test run as a child process, to
// be killed mid-way). Each is a package of its own below this
// directory.
package testkit
