package slackbot

import (
	"fmt"
	"testing"
	"time"
)

// Events that come too close together ever to go quiet (a busy channel)
// are still answered while they keep coming, not only once they stop:
// the work on an acknowledged event waits for the acknowledgements to go
// quiet for a bounded time only.
func TestSteadyStreamOfEventsIsAnsweredAsItComes(t *testing.T) {
	h := newHarness(t, nil)
	h.bot.acks.quiet = time.Hour // the stream never goes quiet
	h.bot.acks.hold = 200 * time.Millisecond
	h.bot.acks.acked() // and every event of it comes in a burst
	x := h.http()
	deadline := time.Now().Add(waitTimeout)
	for i := 0; len(h.fake.Calls("chat.update")) == 0; i++ {
		if time.Now().After(deadline) {
			t.Fatalf("no answer to any of %d events sent one every 10 ms over %v", i, waitTimeout)
		}
		x.event(edit(t, fixture(t, "mention.json"), func(m map[string]any) {
			m["event_id"] = fmt.Sprintf("EvStream%05d", i)
			ev := m["event"].(map[string]any)
			ev["user"], ev["ts"] = fmt.Sprintf("U%08d", i), fmt.Sprintf("1515449522.%06d", i)
		}), 0)
		time.Sleep(10 * time.Millisecond)
	}
}
