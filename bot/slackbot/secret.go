package slackbot

import "log/slog"

// Secret is a token or signing secret. It prints, formats and logs as
// "[redacted]", so a value that reaches a log line or an error message by
// mistake does not leak. Convert it with string(s) only where Slack needs it.
type Secret string

const redacted = "[redacted]"

// String returns "[redacted]", or "" when the secret is empty.
func (s Secret) String() string {
	if s == "" {
		return ""
	}
	return redacted
}

// GoString returns "[redacted]", for %#v.
func (s Secret) GoString() string { return s.String() }

// LogValue keeps the secret out of slog output.
func (s Secret) LogValue() slog.Value { return slog.StringValue(s.String()) }

// MarshalText keeps the secret out of JSON and other encodings.
func (s Secret) MarshalText() ([]byte, error) { return []byte(s.String()), nil }
