package main

import (
	"fmt"
	"math/rand/v2"
	"net/http"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/privacybot/privacybot/bot/slackbot"
	"github.com/privacybot/privacybot/bot/slackbot/slackfake"
	"github.com/privacybot/privacybot/internal/testkit/pgtest"
	"github.com/privacybot/privacybot/internal/testkit/testlog"
)

// e2eSecret is the signing secret of the replicas under test.
const e2eSecret = "8f742231b10e8888abcd99yyyzzz85a5"

// startReplica runs the binary as serve --http on a loopback port with
// the shared database and the variables of env on top, and returns its
// address.
func startReplica(t *testing.T, bin, dbURL string, fake *slackfake.Server, env ...string) (addr string, proc *os.Process, logs *testlog.Buffer) {
	t.Helper()
	cmd := exec.Command(bin, "serve", "--http", "127.0.0.1:0")
	cmd.Dir = t.TempDir()
	cmd.Env = append(os.Environ(), "SLACK_BOT_TOKEN="+slackfake.BotToken, "SLACK_SIGNING_SECRET="+e2eSecret,
		"SLACK_API_URL="+fake.URL, "PRIVACYBOT_DATA="+t.TempDir(), "PRIVACYBOT_DATABASE_URL="+dbURL,
		"PRIVACYBOT_RATE_LIMIT=10000", "OPENAI_API_KEY=", "OPENAI_BASE_URL=", "PRIVACYBOT_CORPUS=")
	cmd.Env = append(cmd.Env, env...)
	logs = &testlog.Buffer{}
	cmd.Stderr, cmd.Stdout = logs, logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	waited := make(chan struct{})
	go func() { _ = cmd.Wait(); close(waited) }()
	t.Cleanup(func() {
		_ = cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-waited:
		case <-time.After(35 * time.Second):
			_ = cmd.Process.Kill()
			<-waited
		}
		if t.Failed() {
			t.Logf("replica logs:\n%s", logs.String())
		}
	})
	return httpServeAddr(t, logs), cmd.Process, logs
}

// eventClient sends the events, keeping a connection open to each
// replica for each of the up to 50 requests at a time, as Slack keeps
// its connections (Go's default keeps two per host, so most requests
// would open a new connection).
var eventClient = &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}, Timeout: 30 * time.Second}

// postEvent sends a signed event to addr and returns how long the
// acknowledgement took.
func postEvent(addr string, body []byte, retry int) (time.Duration, error) {
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	req, _ := http.NewRequest(http.MethodPost, "http://"+addr+slackbot.PathEvents, strings.NewReader(string(body)))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Slack-Request-Timestamp", ts)
	req.Header.Set("X-Slack-Signature", slackbot.Sign(e2eSecret, ts, body))
	if retry > 0 {
		req.Header.Set("X-Slack-Retry-Num", strconv.Itoa(retry))
		req.Header.Set("X-Slack-Retry-Reason", "http_timeout")
	}
	start := time.Now()
	res, err := eventClient.Do(req)
	if err != nil {
		return 0, err
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return 0, fmt.Errorf("status %d", res.StatusCode)
	}
	return time.Since(start), nil
}

// Two real serve --http processes on one database and the fake Slack:
// 200 distinct mentions, each sent to a random replica and redelivered
// once to the other as a retry, 50 requests at a time, get exactly 200
// answers. The acknowledgement latency is logged (a measurement, not an
// assertion).
func TestReplicaProcessesAnswerOnce(t *testing.T) {
	bin := buildBinary(t)
	dbURL := pgtest.NewDatabase(t)
	fake := slackfake.New(t)
	addrA, _, _ := startReplica(t, bin, dbURL, fake)
	addrB, _, _ := startReplica(t, bin, dbURL, fake)
	addrs := []string{addrA, addrB}

	const events, concurrency = 200, 50
	type delivery struct {
		addr  string
		body  []byte
		retry int
	}
	var deliveries []delivery
	for i := range events {
		ts := fmt.Sprintf("1700001000.%06d", i)
		body := fmt.Appendf(nil, `{"type":"event_callback","team_id":"T0TEST","event_id":"EvE2E%05d","event":{"type":"app_mention","user":"U%07d","text":"<@UBOTPRIVACY> What did JPMorgan say?","ts":%q,"channel":"C1","event_ts":%q}}`, i, i, ts, ts)
		first := rand.IntN(2)
		deliveries = append(deliveries, delivery{addrs[first], body, 0}, delivery{addrs[1-first], body, 1})
	}
	rand.Shuffle(len(deliveries), func(i, j int) { deliveries[i], deliveries[j] = deliveries[j], deliveries[i] })
	var mu sync.Mutex
	var lat []time.Duration
	work := make(chan delivery)
	var wg sync.WaitGroup
	for range concurrency {
		wg.Go(func() {
			for d := range work {
				took, err := postEvent(d.addr, d.body, d.retry)
				if err != nil {
					t.Error(err)
					continue
				}
				mu.Lock()
				lat = append(lat, took)
				mu.Unlock()
			}
		})
	}
	for _, d := range deliveries {
		work <- d
	}
	close(work)
	wg.Wait()
	fake.Wait(t, 120*time.Second, "200 answers", func() bool { return len(fake.Calls("chat.update")) >= events })
	time.Sleep(time.Second) // a duplicate answer would show up by now
	if n := len(fake.Calls("chat.update")); n != events {
		t.Errorf("%d answers to %d events delivered twice each, want exactly %d", n, events, events)
	}
	for ts, n := range callsPer(fake, "chat.postMessage", "thread_ts") {
		if n != 1 {
			t.Errorf("thread %s: %d placeholders, want 1", ts, n)
		}
	}
	slices.Sort(lat)
	pct := func(p float64) time.Duration { return lat[min(len(lat)-1, int(float64(len(lat))*p))] }
	t.Logf("ack latency over %d deliveries, %d at a time, two replicas and PostgreSQL: p50 %v, p99 %v, max %v",
		len(lat), concurrency, pct(0.50).Round(time.Millisecond/10), pct(0.99).Round(time.Millisecond/10), lat[len(lat)-1].Round(time.Millisecond/10))
}

// callsPer counts the calls of method the fake Slack received, by the value
// of their field.
func callsPer(fake *slackfake.Server, method, field string) map[string]int {
	n := map[string]int{}
	for _, c := range fake.Calls(method) {
		n[c.Field(field)]++
	}
	return n
}
