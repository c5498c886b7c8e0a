package main

import (
	"fmt"
	"math/rand/v2"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/privacybot/privacybot/bot/slackbot/slackfake"
	"github.com/privacybot/privacybot/internal/testkit/fakeopenai"
	"github.com/privacybot/privacybot/internal/testkit/pgtest"
	"github.com/privacybot/privacybot/internal/testkit/poll"
	"github.com/privacybot/privacybot/internal/testkit/testlog"
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
	for ts, n := range callsPer(fake, "chat.update", "ts") {
		if n != 1 {
			t.Errorf("placeholder %s replaced %d times", ts, n)
		}
	}
	if !strings.Contains(logsB.String(), "taking over an event") {
		t.Errorf("B did not log the take-over")
	}
}

// articleWords make up the synthetic articles of the restart test, each
// a different draw, so that none is a near-duplicate of another.
var articleWords = strings.Fields(`regulator fine breach customers records
	consent cookies tracking advertisers court ruling appeal complaint watchdog
	biometric camera school hospital bank insurer retailer app location health
	children encryption password leak hackers ransom vendor audit inquiry
	minister parliament law directive guidance transfer cloud server backup
	employee contractor email phone number address payment card loyalty scheme
	airline hotel telecom broadband satellite drone doorbell speaker television`)

// writeArticle writes the i-th synthetic article as an HTML file in dir.
func writeArticle(t *testing.T, dir string, i int, rng *rand.Rand) string {
	t.Helper()
	var body strings.Builder
	for range 4 {
		body.WriteString("<p>")
		for range 20 {
			body.WriteString(articleWords[rng.IntN(len(articleWords))] + " ")
		}
		body.WriteString("</p>")
	}
	title := fmt.Sprintf("Restart story %d about %s", i, articleWords[rng.IntN(len(articleWords))])
	page := fmt.Sprintf(`<html><head><title>%s</title></head><body><article><h1>%s</h1><p>By Ann Lee, 3 March 2026</p>%s<p>"Story %d is on the record," said Speaker%d Smith, a spokesman.</p></article></body></html>`,
		title, title, body.String(), i, i)
	path := filepath.Join(dir, fmt.Sprintf("story%03d.html", i))
	if err := os.WriteFile(path, []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// Two real serve --http processes under load (mentions sent to either
// replica and retried to the other, and privacybot add runs) while their
// PostgreSQL is stopped and started again. No replica crashes, every
// event is acknowledged and answered, both replicas report the database
// ready again, every article whose add was acknowledged (before,
// during or after the restart) is indexed by both replicas (the LISTEN
// connection comes back and its catch-up read finds what was missed),
// and events sent to both replicas after it are answered once each.
func TestReplicasSurviveDatabaseRestart(t *testing.T) {
	bin := buildBinary(t)
	srv := pgtest.StartT(t)
	dbURL := srv.URL("postgres")
	fake := slackfake.New(t)
	addrA, procA, logsA := startReplica(t, bin, dbURL, fake)
	addrB, procB, logsB := startReplica(t, bin, dbURL, fake)
	addrs := []string{addrA, addrB}

	var restarted, stop atomic.Bool
	var events atomic.Int64
	var wg sync.WaitGroup
	for w := range 4 { // events, four at a time
		wg.Go(func() {
			for i := w; !stop.Load(); i += 4 {
				ev := faultMention(100+i, fmt.Sprintf("U%08d", i))
				first := i % 2
				for try, addr := range []string{addrs[first], addrs[1-first]} {
					if _, err := postEvent(addr, ev, try); err != nil {
						t.Errorf("event %d to replica %d: %v", i, first^try, err)
						return
					}
				}
				events.Add(1)
				time.Sleep(20 * time.Millisecond)
			}
		})
	}
	dir := t.TempDir()
	var acked []string
	addedRe := regexp.MustCompile(`(?m)^added\s+(\S+)`)
	afterRestart := 0
	wg.Go(func() { // adds, one after another, until two have been acknowledged after the restart
		rng := rand.New(rand.NewPCG(19, 19))
		giveUp := time.Now().Add(2 * time.Minute)
		for i := 0; afterRestart < 2 && time.Now().Before(giveUp); i++ {
			was := restarted.Load()
			cmd := exec.Command(bin, "add", writeArticle(t, dir, i, rng))
			cmd.Env = append(os.Environ(), "PRIVACYBOT_DATA="+t.TempDir(), "PRIVACYBOT_DATABASE_URL="+dbURL,
				"OPENAI_API_KEY=", "OPENAI_BASE_URL=", "PRIVACYBOT_CORPUS=")
			out, err := cmd.Output()
			if err != nil {
				continue // not acknowledged: the database was down
			}
			m := addedRe.FindSubmatch(out)
			if m == nil {
				t.Errorf("add %d acknowledged without an id:\n%s", i, out)
				continue
			}
			acked = append(acked, string(m[1]))
			if was {
				afterRestart++
			}
		}
	})

	time.Sleep(3 * time.Second)
	if err := srv.StopOnly(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(3 * time.Second)
	if err := srv.StartAgain(); err != nil {
		t.Fatal(err)
	}
	restarted.Store(true)
	time.Sleep(3 * time.Second)
	stop.Store(true)
	wg.Wait()
	if afterRestart < 2 {
		t.Errorf("only %d adds acknowledged after the restart", afterRestart)
	}

	for name, p := range map[string]*os.Process{"A": procA, "B": procB} {
		if err := syscall.Kill(p.Pid, 0); err != nil {
			t.Fatalf("replica %s died: %v", name, err)
		}
	}
	for _, addr := range addrs {
		poll.Until(t, 15*time.Second, "replica "+addr+" ready again", func() bool {
			res, err := http.Get("http://" + addr + "/readyz")
			if err != nil {
				return false
			}
			res.Body.Close()
			return res.StatusCode == http.StatusOK
		})
	}
	for name, logs := range map[string]*testlog.Buffer{"A": logsA, "B": logsB} {
		poll.Until(t, 20*time.Second, fmt.Sprintf("replica %s indexing all %d acknowledged articles", name, len(acked)), func() bool {
			l := logs.String()
			for _, id := range acked {
				if !strings.Contains(l, "id="+id+" ") {
					return false
				}
			}
			return true
		})
	}
	n := int(events.Load())
	fake.Wait(t, 60*time.Second, "an answer to every event", func() bool {
		threads := map[string]bool{}
		for _, c := range fake.Calls("chat.postMessage") {
			threads[c.Field("thread_ts")] = true
		}
		return len(threads) >= n
	})
	answers := answersIn(fake)
	t.Logf("%d events (each sent twice) and %d acknowledged adds across a PostgreSQL restart; %d answers (events delivered while the database was down may be answered by both replicas)", n, len(acked), answers)

	// With the database back, each event is answered once again.
	fake.Wait(t, 60*time.Second, "every placeholder replaced", func() bool {
		return len(fake.Calls("chat.postMessage")) == answersIn(fake)
	})
	time.Sleep(time.Second)
	before := answersIn(fake)
	for i := range 20 {
		ev := faultMention(5000+i, "U0AFTER01")
		for try, addr := range []string{addrs[i%2], addrs[1-i%2]} {
			if _, err := postEvent(addr, ev, try); err != nil {
				t.Fatal(err)
			}
		}
	}
	fake.Wait(t, 60*time.Second, "20 answers after the restart", func() bool { return answersIn(fake) >= before+20 })
	time.Sleep(time.Second)
	if got := answersIn(fake) - before; got != 20 {
		t.Errorf("%d answers to 20 events sent to both replicas after the restart, want 20", got)
	}
}
