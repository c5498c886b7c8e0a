// Package poll waits in tests for something another goroutine or process
// brings about.
package poll

import (
	"testing"
	"time"
)

// Until calls cond every few milliseconds until it returns true, and fails
// the test, naming what it waited for, if within passes first.
func Until(tb testing.TB, within time.Duration, what string, cond func() bool) {
	tb.Helper()
	deadline := time.Now().Add(within)
	tick := time.NewTicker(5 * time.Millisecond)
	defer tick.Stop()
	for !cond() {
		if time.Now().After(deadline) {
			tb.Fatalf("%s: not within %v", what, within)
		}
		<-tick.C
	}
}
