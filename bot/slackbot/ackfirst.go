package slackbot

import (
	"sync/atomic"
	"time"
)

// Acknowledgements first. In a burst of events over HTTP, the work that
// each acknowledged event starts (claiming it in the shared database,
// then answering it) takes the CPU, on the replica and on the database,
// from the acknowledgements still to be sent, which Slack wants within
// 3 seconds. So the work on an event acknowledged less than [burstQuiet]
// after another waits until no event has been acknowledged for
// burstQuiet, or for at most [burstHold], whichever comes first: a burst
// is acknowledged first and answered right after it, an event on its own
// is handled at once, and a steady stream of events, which never goes
// quiet, delays each answer by burstHold at most.
const (
	// burstQuiet is how long no event must have been acknowledged for
	// the work on the acknowledged ones to start.
	burstQuiet = 100 * time.Millisecond
	// burstHold bounds how long the work on an acknowledged event waits
	// for the acknowledgements to go quiet.
	burstHold = 500 * time.Millisecond
)

// ackClock remembers when the last event was acknowledged, and lets the
// work on acknowledged events wait for a quiet moment. It is safe for
// concurrent use.
type ackClock struct {
	// quiet and hold are burstQuiet and burstHold, but for tests.
	quiet, hold time.Duration
	// epoch is the origin of last, read from the monotonic clock.
	epoch time.Time
	// last is the time of the last acknowledgement, from epoch.
	last atomic.Int64
}

func newAckClock() *ackClock {
	c := &ackClock{quiet: burstQuiet, hold: burstHold, epoch: time.Now()}
	c.last.Store(-int64(time.Hour))
	return c
}

// acked records that an event is being acknowledged now, and reports
// whether it comes in a burst: less than c.quiet after the previous one.
func (c *ackClock) acked() (burst bool) {
	now := time.Since(c.epoch)
	prev := time.Duration(c.last.Swap(int64(now)))
	return now-prev < c.quiet
}

// waitQuiet returns once no event has been acknowledged for c.quiet, or
// c.hold after it was called, or as soon as stop reports true (it is
// asked at least every [burstQuiet]).
func (c *ackClock) waitQuiet(stop func() bool) {
	start := time.Since(c.epoch)
	for {
		now := time.Since(c.epoch)
		idle := now - time.Duration(c.last.Load())
		left := start + c.hold - now
		if idle >= c.quiet || left <= 0 || stop() {
			return
		}
		time.Sleep(min(c.quiet-idle, left, burstQuiet))
	}
}
