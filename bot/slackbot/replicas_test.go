package slackbot

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/privacybot/privacybot/internal/testkit/pgtest"
	"github.com/privacybot/privacybot/internal/testkit/testengine"
	"github.com/privacybot/privacybot/internal/testkit/testlog"
	"github.com/privacybot/privacybot/pgstate"
)

func TestMain(m *testing.M) { os.Exit(pgtest.Run(m)) }

// replicas is two bots on one fake Slack and one real PostgreSQL, each
// with its own HTTP endpoint, as two replicas behind a load balancer.
type replicas struct {
	a, b   *harness
	ta, tb *httpTransport
	storeA *pgstate.Store
}

// newReplicas starts two replicas; bClock, when given, is replica B's
// clock for the shared state.
func newReplicas(t *testing.T, perMinute int, bClock ...func() time.Time) *replicas {
	t.Helper()
	dbURL := pgtest.NewDatabase(t)
	store := func(now func() time.Time) *pgstate.Store {
		s, err := pgstate.Open(context.Background(), dbURL, pgstate.Options{Now: now})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(s.Close)
		return s
	}
	shared := func(s *pgstate.Store) func(*Config) {
		return func(c *Config) {
			c.RateLimit = perMinute
			c.Claims, c.RateLimiter, c.Threads = s, s.Limiter(perMinute), s
		}
	}
	var cfgA Config
	sa := store(nil)
	a := newHarness(t, func(c *Config) { shared(sa)(c); cfgA = *c })

	// Replica B: the same configuration, its own store and logs.
	cfgB := cfgA
	var bNow func() time.Time
	if len(bClock) > 0 {
		bNow = bClock[0]
	}
	shared(store(bNow))(&cfgB)
	logs := &testlog.Buffer{}
	cfgB.Logger = slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	bb, err := New(testengine.Seeds(t), cfgB)
	if err != nil {
		t.Fatal(err)
	}
	if err := bb.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := bb.Shutdown(ctx); err != nil {
			t.Errorf("shutdown B: %v", err)
		}
		if t.Failed() {
			t.Logf("replica B logs:\n%s", logs.String())
		}
	})
	b := &harness{t: t, fake: a.fake, bot: bb, logs: logs, now: time.Now}
	srv := httptest.NewServer(bb.Handler())
	t.Cleanup(srv.Close)
	return &replicas{a: a, b: b, ta: a.http(), tb: &httpTransport{b, srv}, storeA: sa}
}

func (r *replicas) waitIdle() { r.a.bot.waitIdle(); r.b.bot.waitIdle() }

// mentionEvent is mention.json with its own event id, ts and user.
func mentionEvent(t *testing.T, i int, user string) ([]byte, string) {
	ts := fmt.Sprintf("1700000000.%06d", i)
	return edit(t, fixture(t, "mention.json"), func(m map[string]any) {
		m["event_id"] = fmt.Sprintf("EvREPLICA%05d", i)
		ev := m["event"].(map[string]any)
		ev["ts"], ev["event_ts"], ev["user"] = ts, ts, user
	}), ts
}

// Each event delivered to one replica and redelivered (a retry) to the
// other, at the same time, is answered exactly once.
func TestReplicasAnswerEachEventOnce(t *testing.T) {
	r := newReplicas(t, 1000)
	const events = 30
	var wg sync.WaitGroup
	tss := make([]string, events)
	for i := range events {
		payload, ts := mentionEvent(t, i, fmt.Sprintf("U%04d", i))
		tss[i] = ts
		first, retry := r.ta, r.tb
		if i%2 == 1 {
			first, retry = r.tb, r.ta
		}
		wg.Go(func() { first.event(payload, 0) })
		wg.Go(func() { retry.event(payload, 1) })
	}
	wg.Wait()
	r.waitIdle()
	for i, ts := range tss {
		if n := len(r.a.callsWhere("chat.postMessage", inThread("C123ABC456", ts))); n != 1 {
			t.Errorf("event %d: %d placeholders posted, want exactly 1", i, n)
		}
	}
	if n := len(r.a.fake.Calls("chat.update")); n != events {
		t.Errorf("%d answers for %d events, want one each", n, events)
	}
}

// A user's rate limit counts their questions on both replicas.
func TestReplicasShareRateLimit(t *testing.T) {
	r := newReplicas(t, 2)
	for i := range 3 {
		payload, _ := mentionEvent(t, 100+i, "ULIMITED")
		tr := r.ta
		if i == 1 {
			tr = r.tb
		}
		tr.event(payload, 0)
		r.waitIdle()
	}
	eph := r.a.fake.Calls("chat.postEphemeral")
	if len(eph) != 1 || !strings.Contains(eph[0].Text(), "up to 2 a minute") {
		t.Fatalf("third question in a minute over two replicas: %d ephemeral replies, want one rate-limit notice", len(eph))
	}
	if n := len(r.a.fake.Calls("chat.update")); n != 2 {
		t.Errorf("%d answers, want 2", n)
	}
}

// A follow-up that lands on the other replica still has the thread's
// earlier turn, from the shared memory rather than from Slack.
func TestReplicasShareThreadMemory(t *testing.T) {
	r := newReplicas(t, 1000)
	r.ta.event(fixture(t, "mention.json"), 0)
	r.waitIdle()
	r.tb.event(fixture(t, "followup.json"), 0)
	r.waitIdle()
	if !strings.Contains(r.b.logs.String(), "history=1") {
		t.Errorf("replica B answered the follow-up without the earlier turn")
	}
	if n := len(r.a.fake.Calls("conversations.replies")); n != 0 {
		t.Errorf("replica B read the thread back from Slack (%d calls) instead of the shared memory", n)
	}
}

// get fetches path from the transport's server.
func get(t *testing.T, x *httpTransport, path string) (int, string) {
	t.Helper()
	res, err := http.Get(x.srv.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

// /healthz and /readyz report the database; while it is down the bot
// stays up and still answers, and once it is back the bot is ready again.
func TestDatabaseOutage(t *testing.T) {
	srv := pgtest.StartT(t)
	s, err := pgstate.Open(context.Background(), srv.URL("postgres"), pgstate.Options{ConnectTimeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	h := newHarness(t, func(c *Config) { c.Claims, c.RateLimiter, c.Threads, c.Database = s, s.Limiter(10), s, s })
	tr := h.http()
	if code, body := get(t, tr, PathHealth); code != 200 || body != "ok\ndatabase: ok\n" {
		t.Fatalf("healthz: %d %q", code, body)
	}
	if code, body := get(t, tr, PathReady); code != 200 || !strings.Contains(body, "database: ok") {
		t.Fatalf("readyz: %d %q", code, body)
	}

	if err := srv.StopOnly(); err != nil {
		t.Fatal(err)
	}
	if code, body := get(t, tr, PathHealth); code != 200 || !strings.Contains(body, "database: unavailable") {
		t.Fatalf("healthz with the database down: %d %q", code, body)
	}
	if code, _ := get(t, tr, PathReady); code != http.StatusServiceUnavailable {
		t.Fatalf("readyz with the database down: %d, want 503", code)
	}
	tr.event(fixture(t, "mention.json"), 0)
	h.bot.waitIdle()
	if n := len(h.fake.Calls("chat.update")); n != 1 {
		t.Fatalf("with the database down the mention got %d answers, want 1", n)
	}
	tr.event(fixture(t, "mention.json"), 1) // a retry: still answered once
	h.bot.waitIdle()
	if n := len(h.fake.Calls("chat.update")); n != 1 {
		t.Fatalf("a retry with the database down was answered again")
	}

	if err := srv.StartAgain(); err != nil {
		t.Fatal(err)
	}
	if code, body := get(t, tr, PathReady); code != 200 || !strings.Contains(body, "database: ok") {
		t.Fatalf("readyz after the database came back: %d %q", code, body)
	}
}

// An event claimed by a replica that died before answering (its claims
// were never finished) is answered by the other replica on a retry once
// the claim's lease has run out, exactly once; a first delivery never
// takes a claim over.
func TestReplicasTakeOverAbandonedEvent(t *testing.T) {
	later := func() time.Time { return time.Now().Add(10 * time.Minute) }
	r := newReplicas(t, 1000, later)
	payload, ts := mentionEvent(t, 500, "U0DIED001")
	// Replica A "dies" right after claiming: the claims, and no answer.
	for _, k := range []string{"event:EvREPLICA00500", "msg:C123ABC456:" + ts} {
		if ok, err := r.storeA.Claim(context.Background(), k); !ok || err != nil {
			t.Fatalf("claim %s: %v %v", k, ok, err)
		}
	}
	r.tb.event(payload, 0) // not a retry: no take-over
	r.waitIdle()
	if n := len(r.a.fake.Calls("chat.update")); n != 0 {
		t.Fatalf("a first delivery took over a claim")
	}
	r.tb.event(payload, 1) // ten minutes on, for B: the lease has run out
	r.waitIdle()
	if n := len(r.a.fake.Calls("chat.update")); n != 1 {
		t.Fatalf("%d answers after B's take-over, want 1", n)
	}
	r.tb.event(payload, 2)
	r.ta.event(payload, 2)
	r.waitIdle()
	if n := len(r.a.fake.Calls("chat.update")); n != 1 {
		t.Fatalf("%d answers after more retries, want 1", n)
	}
	if !strings.Contains(r.b.logs.String(), "taking over an event") {
		t.Error("replica B did not log the take-over")
	}
}
