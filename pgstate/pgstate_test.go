package pgstate_test

import (
	"context"
	"fmt"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/privacybot/privacybot/bot"
	"github.com/privacybot/privacybot/feedback"
	"github.com/privacybot/privacybot/internal/testkit/pgtest"
	"github.com/privacybot/privacybot/pgstate"
)

func TestMain(m *testing.M) { os.Exit(pgtest.Run(m)) }

// open opens a store on dbURL, closed when the test ends.
func open(t *testing.T, dbURL string, now func() time.Time) *pgstate.Store {
	t.Helper()
	s, err := pgstate.Open(context.Background(), dbURL, pgstate.Options{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	return s
}

// Two replicas starting at once on a fresh database both migrate it
// without error, and the schema ends at the current version, once.
func TestConcurrentMigrate(t *testing.T) {
	dbURL := pgtest.NewDatabase(t)
	var wg sync.WaitGroup
	stores := make([]*pgstate.Store, 4)
	errs := make([]error, 4)
	for i := range stores {
		wg.Go(func() {
			stores[i], errs[i] = pgstate.Open(context.Background(), dbURL, pgstate.Options{})
		})
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("replica %d: %v", i, err)
		}
		defer stores[i].Close()
	}
	// Migrating again is a no-op.
	if err := stores[0].Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	v, err := stores[1].Version(context.Background())
	if err != nil || v != pgstate.SchemaVersion || v < 1 {
		t.Fatalf("schema version %d (err %v), want %d", v, err, pgstate.SchemaVersion)
	}
}

// Two replicas racing to claim the same events: exactly one wins each.
func TestClaimExactlyOnce(t *testing.T) {
	dbURL := pgtest.NewDatabase(t)
	a, b := open(t, dbURL, nil), open(t, dbURL, nil)
	const events = 200
	var wins [events]atomic.Int32
	var wg sync.WaitGroup
	for i := range events {
		for _, s := range []*pgstate.Store{a, b, a, b} {
			wg.Go(func() {
				ok, err := s.Claim(context.Background(), fmt.Sprintf("event:Ev%d", i))
				if err != nil {
					t.Error(err)
				}
				if ok {
					wins[i].Add(1)
				}
			})
		}
	}
	wg.Wait()
	for i := range events {
		if n := wins[i].Load(); n != 1 {
			t.Errorf("event %d claimed %d times, want exactly once", i, n)
		}
	}
}

// A claim is forgotten after a day, so the key can be claimed again.
func TestClaimExpires(t *testing.T) {
	dbURL := pgtest.NewDatabase(t)
	var clock atomic.Int64
	clock.Store(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).UnixNano())
	now := func() time.Time { return time.Unix(0, clock.Load()) }
	s := open(t, dbURL, now)
	ctx := context.Background()
	if ok, _ := s.Claim(ctx, "k"); !ok {
		t.Fatal("first claim lost")
	}
	clock.Add(int64(23 * time.Hour))
	if ok, _ := s.Claim(ctx, "k"); ok {
		t.Fatal("claimed again within a day")
	}
	clock.Add(int64(2 * time.Hour))
	if ok, _ := s.Claim(ctx, "k"); !ok {
		t.Fatal("not claimable after a day")
	}
}

// The rate limit counts a user's questions on both replicas together.
func TestRateLimitShared(t *testing.T) {
	dbURL := pgtest.NewDatabase(t)
	at := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	now := func() time.Time { return at }
	a, b := open(t, dbURL, now).Limiter(10), open(t, dbURL, now).Limiter(10)
	ctx := context.Background()
	var allowed atomic.Int32
	var wg sync.WaitGroup
	for i := range 30 {
		l := a
		if i%2 == 1 {
			l = b
		}
		wg.Go(func() {
			ok, _, err := l.Allow(ctx, "U1")
			if err != nil {
				t.Error(err)
			}
			if ok {
				allowed.Add(1)
			}
		})
	}
	wg.Wait()
	if n := allowed.Load(); n != 10 {
		t.Fatalf("%d of 30 questions allowed across two replicas, want 10", n)
	}
	ok, wait, err := b.Allow(ctx, "U1")
	if err != nil || ok || wait < time.Second || wait > 7*time.Second {
		t.Fatalf("11th question: allowed %v, wait %v, err %v; want refused with a wait of about 6 s", ok, wait, err)
	}
	// Another user has an allowance of their own.
	if ok, _, _ := a.Allow(ctx, "U2"); !ok {
		t.Fatal("another user was limited")
	}
	// After six seconds one more question is allowed, on either replica.
	at = at.Add(6 * time.Second)
	if ok, _, _ := a.Allow(ctx, "U1"); !ok {
		t.Fatal("no question allowed after the allowance refilled")
	}
	if ok, _, _ := b.Allow(ctx, "U1"); ok {
		t.Fatal("two questions allowed after one refill")
	}
}

// Thread memory written by one replica is read by the other, the latest
// turns in order, and forgotten after two idle hours.
func TestThreadMemoryShared(t *testing.T) {
	dbURL := pgtest.NewDatabase(t)
	at := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	now := func() time.Time { return at }
	a, b := open(t, dbURL, now), open(t, dbURL, now)
	ctx := context.Background()
	if _, known, err := b.Turns(ctx, "C1/1.0"); known || err != nil {
		t.Fatalf("unknown thread known (err %v)", err)
	}
	for i := range 8 {
		s := a
		if i%2 == 1 {
			s = b
		}
		if err := s.AddTurn(ctx, "C1/1.0", bot.Turn{Question: fmt.Sprintf("q%d", i), Answer: fmt.Sprintf("a%d", i)}); err != nil {
			t.Fatal(err)
		}
	}
	turns, known, err := b.Turns(ctx, "C1/1.0")
	if err != nil || !known {
		t.Fatalf("thread unknown on the other replica (err %v)", err)
	}
	var qs []string
	for _, tr := range turns {
		qs = append(qs, tr.Question)
	}
	if got := strings.Join(qs, " "); got != "q2 q3 q4 q5 q6 q7" {
		t.Fatalf("turns %q, want the latest six in order", got)
	}
	if _, known, _ := a.Turns(ctx, "C1/2.0"); known {
		t.Fatal("another thread shares the memory")
	}
	at = at.Add(pgstate.ConversationTTL + time.Minute)
	if _, known, _ := a.Turns(ctx, "C1/1.0"); known {
		t.Fatal("idle thread still remembered")
	}
}

// Feedback recorded on either replica is read back, oldest first.
func TestFeedback(t *testing.T) {
	dbURL := pgtest.NewDatabase(t)
	a, b := open(t, dbURL, nil), open(t, dbURL, nil)
	ctx := context.Background()
	t0 := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	if err := a.Record(ctx, feedback.Feedback{AnswerID: "A1", Question: "who?", Mode: "extractive", User: "U1", Value: feedback.Up, Time: t0}); err != nil {
		t.Fatal(err)
	}
	if err := b.Record(ctx, feedback.Feedback{AnswerID: "A2", Question: "what?", User: "U2", Value: feedback.Down, Time: t0.Add(time.Hour)}); err != nil {
		t.Fatal(err)
	}
	if err := b.Record(ctx, feedback.Feedback{AnswerID: "A3", Value: "meh"}); err == nil {
		t.Fatal("a vote that is neither up nor down was stored")
	}
	votes, err := a.Feedback(ctx, time.Time{})
	if err != nil || len(votes) != 2 {
		t.Fatalf("votes %+v (err %v), want 2", votes, err)
	}
	if v := votes[1]; v.AnswerID != "A2" || v.Question != "what?" || v.User != "U2" || v.Value != feedback.Down || !v.Time.Equal(t0.Add(time.Hour)) {
		t.Fatalf("second vote read back as %+v", v)
	}
	if s := feedback.Summarize(votes, time.Time{}); s.Up != 1 || s.Down != 1 {
		t.Fatalf("summary %+v", s)
	}
	recent, _ := a.Feedback(ctx, t0.Add(time.Minute))
	if len(recent) != 1 || recent[0].AnswerID != "A2" {
		t.Fatalf("votes since: %+v", recent)
	}
}

// A refused connection or a malformed URL is an error without the
// password.
func TestOpenErrorsHidePassword(t *testing.T) {
	for _, u := range []string{
		"postgres://bot:s3cr3t-pw@127.0.0.1:1/privacybot?connect_timeout=2",
		"postgres://bot:s3cr3t-pw@127.0.0.1:99999999/privacybot",
		"postgres://bot:s3cr3t-pw@[::1/privacybot",
	} {
		_, err := pgstate.Open(context.Background(), u, pgstate.Options{ConnectTimeout: 2 * time.Second})
		if err == nil {
			t.Fatalf("%s: no error", u)
		}
		if strings.Contains(err.Error(), "s3cr3t") || strings.Contains(err.Error(), "\n") {
			t.Fatalf("error shows the password or is not one line: %v", err)
		}
		t.Log(err)
	}
}

// An unfinished claim older than its lease is taken over by exactly one
// replica; a finished one never is.
func TestReclaim(t *testing.T) {
	dbURL := pgtest.NewDatabase(t)
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	var offset atomic.Int64
	now := func() time.Time { return t0.Add(time.Duration(offset.Load())) }
	a, b, c := open(t, dbURL, func() time.Time { return t0 }), open(t, dbURL, now), open(t, dbURL, now)
	ctx := context.Background()
	const lease = 3 * time.Minute
	if ok, _ := a.Claim(ctx, "event:Ev1"); !ok {
		t.Fatal("claim lost")
	}
	offset.Store(int64(time.Minute))
	if ok, err := b.Reclaim(ctx, "event:Ev1", lease); ok || err != nil {
		t.Fatalf("reclaimed within the lease (err %v)", err)
	}
	offset.Store(int64(5 * time.Minute))
	var wins atomic.Int32
	var wg sync.WaitGroup
	for _, s := range []*pgstate.Store{b, c, b, c} {
		wg.Go(func() {
			if ok, err := s.Reclaim(ctx, "event:Ev1", lease); err != nil {
				t.Error(err)
			} else if ok {
				wins.Add(1)
			}
		})
	}
	wg.Wait()
	if n := wins.Load(); n != 1 {
		t.Fatalf("%d replicas took over the claim, want 1", n)
	}
	if err := b.Finish(ctx, "event:Ev1"); err != nil {
		t.Fatal(err)
	}
	offset.Store(int64(20 * time.Minute))
	if ok, _ := c.Reclaim(ctx, "event:Ev1", lease); ok {
		t.Fatal("a finished claim was taken over")
	}
	if ok, _ := c.Reclaim(ctx, "event:unknown", lease); ok {
		t.Fatal("an unknown key was reclaimed")
	}
}

// A claim its holder keeps renewing is never taken over, however long
// its answer takes; once the renewals stop (the holder died), it is taken
// over a lease later. Another store's renewals do not keep it.
func TestRenewKeepsClaim(t *testing.T) {
	dbURL := pgtest.NewDatabase(t)
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	var offset atomic.Int64
	now := func() time.Time { return t0.Add(time.Duration(offset.Load())) }
	a, b := open(t, dbURL, now), open(t, dbURL, now)
	ctx := context.Background()
	const lease = 30 * time.Second
	if ok, _ := a.Claim(ctx, "event:Ev1"); !ok {
		t.Fatal("claim lost")
	}
	for range 10 { // five minutes of answering, renewed every 10 s
		offset.Add(int64(10 * time.Second))
		if err := a.Renew(ctx, []string{"event:Ev1", "event:other"}); err != nil {
			t.Fatal(err)
		}
		if ok, err := b.Reclaim(ctx, "event:Ev1", lease); ok || err != nil {
			t.Fatalf("a renewed claim was taken over after %v (err %v)", time.Duration(offset.Load()), err)
		}
		if err := b.Renew(ctx, []string{"event:Ev1"}); err != nil { // not b's to renew
			t.Fatal(err)
		}
	}
	offset.Add(int64(lease - time.Second))
	if ok, _ := b.Reclaim(ctx, "event:Ev1", lease); ok {
		t.Fatal("taken over within a lease of the last renewal")
	}
	offset.Add(int64(2 * time.Second))
	if ok, _ := b.Reclaim(ctx, "event:Ev1", lease); !ok {
		t.Fatal("a claim no longer renewed was not taken over")
	}
	// a's renewals no longer touch the claim b holds.
	offset.Add(int64(lease + time.Second))
	if err := a.Renew(ctx, []string{"event:Ev1"}); err != nil {
		t.Fatal(err)
	}
	if ok, _ := a.Reclaim(ctx, "event:Ev1", lease); !ok {
		t.Fatal("the old holder's renewal kept the new holder's claim")
	}
}

// ClaimPair, as Claim of the event then of its message: of replicas
// claiming the same pairs at once, one gets each event; a second event
// for a message already claimed gets its event but not the message; an
// event already claimed leaves its message unclaimed.
func TestClaimPair(t *testing.T) {
	dbURL := pgtest.NewDatabase(t)
	a, b := open(t, dbURL, nil), open(t, dbURL, nil)
	ctx := context.Background()
	var events, msgs atomic.Int32
	var wg sync.WaitGroup
	for i := range 100 {
		for _, s := range []*pgstate.Store{a, b, a, b} {
			wg.Go(func() {
				ev, msg, err := s.ClaimPair(ctx, fmt.Sprintf("event:P%d", i), fmt.Sprintf("msg:C:%d", i))
				if err != nil {
					t.Error(err)
				}
				if msg && !ev {
					t.Error("a message claimed under an event not won")
				}
				if ev {
					events.Add(1)
				}
				if msg {
					msgs.Add(1)
				}
			})
		}
	}
	wg.Wait()
	if events.Load() != 100 || msgs.Load() != 100 {
		t.Fatalf("%d events and %d messages won of 100 each", events.Load(), msgs.Load())
	}
	// The same message under another event (an app_mention and a message).
	ev, msg, err := b.ClaimPair(ctx, "event:Other", "msg:C:7")
	if err != nil || !ev || msg {
		t.Fatalf("another event for a claimed message: event %v message %v err %v", ev, msg, err)
	}
	// A claimed event leaves a new message key alone.
	if ev, msg, _ := a.ClaimPair(ctx, "event:P1", "msg:C:new"); ev || msg {
		t.Fatalf("claimed event: event %v message %v", ev, msg)
	}
	if ok, _ := a.Claim(ctx, "msg:C:new"); !ok {
		t.Fatal("the message key was claimed although its event was not won")
	}
}
