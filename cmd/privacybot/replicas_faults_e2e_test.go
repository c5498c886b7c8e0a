package main

import (
	"fmt"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/privacybot/privacybot/bot/slackbot/slackfake"
	"github.com/privacybot/privacybot/internal/testkit/fakeopenai"
	"github.com/privacybot/privacybot/internal/testkit/pgtest"
	"github.com/privacybot/privacybot/internal/testkit/poll"
)

// faultMention is a signed-ready app_mention event with its own id and ts.
func faultMention(i int, user string) []byte {
	ts := fmt.Sprintf("1700002000.%06d", i)
	return fmt.Appendf(nil, `{"type":"event_callback","team_id":"T0TEST","event_id":"EvFAULT%05d","event":{"type":"app_mention","user":%q,"text":"<@UBOTPRIVACY> What did JPMorgan say?","ts":%q,"channel":"C1","event_ts":%q}}`, i, user, ts, ts)
}

// answersIn counts the answers (placeholders replaced) posted so far.
func answersIn(fake *slackfake.Server) int { return len(fake.Calls("chat.update")) }

// Two real serve --http processes with a 2 s claim lease. Replica A
// takes an event and hangs mid-answer in the language model. While A
// lives, it renews its claim: a retry to B well past the lease is not
// answered. Then A is killed with SIGKILL: B goes on serving, and the
// next retry of A's event, sent once the lease has run out, is answered
// by B, exactly once, however often it is retried after.
func TestReplicaKilledMidAnswer(t *testing.T) {
	bin := buildBinary(t)
	dbURL := pgtest.NewDatabase(t)
	fake := slackfake.New(t)
	hang := fakeopenai.New(func(int) fakeopenai.Reply { return fakeopenai.Reply{Delay: time.Hour} })
	t.Cleanup(hang.Close)
	const lease = 2 * time.Second
	leaseEnv := "PRIVACYBOT_CLAIM_LEASE=" + lease.String()
	addrA, procA, _ := startReplica(t, bin, dbURL, fake, leaseEnv,
		"OPENAI_BASE_URL="+hang.BaseURL(), "OPENAI_TIMEOUT=1h")
	addrB, _, logsB := startReplica(t, bin, dbURL, fake, leaseEnv)

	ev := faultMention(1, "U0KILLED1")
	if _, err := postEvent(addrA, ev, 0); err != nil {
		t.Fatal(err)
	}
	poll.Until(t, 30*time.Second, "replica A asking the model", func() bool { return len(hang.Chats()) > 0 })

	// A is alive and answering: its claim is renewed, not taken over.
	time.Sleep(3 * lease)
	if _, err := postEvent(addrB, ev, 1); err != nil {
		t.Fatal(err)
	}
	time.Sleep(time.Second)
	if n := len(fake.Calls("chat.postMessage")); n != 1 || answersIn(fake) != 0 {
		t.Fatalf("while A was still answering, B took the event over (%d placeholders, %d answers)", n, answersIn(fake))
	}

	if err := procA.Kill(); err != nil {
		t.Fatal(err)
	}
	poll.Until(t, 10*time.Second, "replica A gone", func() bool { return syscall.Kill(procA.Pid, 0) != nil })
	killed := time.Now()

	// B still serves new events at once.
	if _, err := postEvent(addrB, faultMention(2, "U0OTHER01"), 0); err != nil {
		t.Fatal(err)
	}
	fake.Wait(t, 30*time.Second, "B's answer to a new event", func() bool { return answersIn(fake) == 1 })

	// The next retry once the lease has run out is answered by B, once.
	time.Sleep(lease + 500*time.Millisecond - time.Since(killed))
	if _, err := postEvent(addrB, ev, 2); err != nil {
		t.Fatal(err)
	}
	fake.Wait(t, 30*time.Second, "B's answer to A's event", func() bool { return answersIn(fake) == 2 })
	for retry := 3; retry <= 5; retry++ {
		if _, err := postEvent(addrB, ev, retry); err != nil {
			t.Fatal(err)
		}
	}
	time.Sleep(time.Second)
	if n := answersIn(fake); n != 2 {
		t.Errorf("%d answers, want 2 (one new event, and A's event once)", n)
	}
	perThread := map[string]int{}
	for _, c := range fake.Calls("chat.update") {
		perThread[c.Field("ts")]++
	}
	for ts, n := range perThread {
		if n != 1 {
			t.Errorf("placeholder %s replaced %d times", ts, n)
		}
	}
	if !strings.Contains(logsB.String(), "taking over an event") {
		t.Errorf("B did not log the take-over")
	}
}
