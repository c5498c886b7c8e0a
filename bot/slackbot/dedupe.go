package slackbot

import (
	"sync"
	"time"
)

// dedupeTTL is how long an event id is remembered. Slack retries an event
// three times, the last about five minutes after the first delivery.
const dedupeTTL = 30 * time.Minute

// deduper remembers which events have been taken, so each is answered at
// most once however often it is delivered, even when a retry arrives while
// the first delivery is still being answered. It is safe for concurrent use.
type deduper struct {
	mu    sync.Mutex
	now   func() time.Time
	seen  map[string]time.Time
	prune time.Time
}

func newDeduper(now func() time.Time) *deduper {
	return &deduper{now: now, seen: map[string]time.Time{}}
}

// claim reports whether key is new, and remembers it. Only the first
// caller for a key gets true.
func (d *deduper) claim(key string) bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	now := d.now()
	if now.After(d.prune) {
		for k, t := range d.seen {
			if now.Sub(t) > dedupeTTL {
				delete(d.seen, k)
			}
		}
		d.prune = now.Add(time.Minute)
	}
	if t, ok := d.seen[key]; ok && now.Sub(t) <= dedupeTTL {
		return false
	}
	d.seen[key] = now
	return true
}
