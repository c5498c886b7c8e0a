package slackbot

import (
	"bytes"
	"context"
	"errors"
	"github.com/privacybot/privacybot/internal/testkit/poll"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/privacybot/privacybot/bot"
	"github.com/privacybot/privacybot/bot/slackbot/slackfake"
	"github.com/privacybot/privacybot/internal/testkit/testengine"
	"github.com/privacybot/privacybot/internal/testkit/testlog"
)

func TestConcurrentRetriesAnsweredOnce(t *testing.T) {
	h := newHarness(t, nil)
	x := h.http()
	payload := fixture(t, "mention.json")
	var wg sync.WaitGroup
	for i := range 10 {
		wg.Go(func() { x.event(payload, i%4) })
	}
	wg.Wait()
	h.bot.waitIdle()
	if n := len(h.fake.Calls("chat.postMessage")); n != 1 {
		t.Errorf("%d posts for one event delivered 10 times at once, want 1", n)
	}
}

func TestRateLimitPerUser(t *testing.T) {
	h := newHarness(t, func(c *Config) { c.RateLimit = 2 })
	x := h.http()
	dm := func(id, user, ts string) []byte {
		return edit(t, fixture(t, "dm.json"), func(m map[string]any) {
			m["event_id"] = id
			ev := m["event"].(map[string]any)
			ev["user"], ev["ts"] = user, ts
		})
	}
	for i, ts := range []string{"1.000001", "1.000002", "1.000003"} {
		x.event(dm("EvRL"+ts, "U0BUSY", ts), 0)
		_ = i
	}
	x.event(dm("EvRLother", "U0CALM", "1.000004"), 0)
	h.bot.waitIdle()
	eph := h.fake.Calls("chat.postEphemeral")
	if len(eph) != 1 || eph[0].Field("user") != "U0BUSY" {
		t.Fatalf("ephemeral notices = %+v, want one to U0BUSY", eph)
	}
	if txt := eph[0].Text(); !strings.Contains(txt, "try again in") || !strings.Contains(txt, "2 a minute") {
		t.Errorf("rate limit notice = %q", txt)
	}
	if n := len(h.fake.Calls("chat.postMessage")); n != 3 {
		t.Errorf("%d placeholders, want 3 (two for the busy user, one for the other)", n)
	}
	// The slash command shares the allowance.
	if reply := x.command(h.slashForm("ask What did JPMorgan say?", "rl")); !strings.Contains(reply, "try again in") {
		// U2147483697 is a fresh user: allowed.
		if !strings.Contains(reply, "Looking through the sources") {
			t.Errorf("ask reply = %s", reply)
		}
	}
}

func TestFollowUpAfterRestartReadsThread(t *testing.T) {
	h := newHarness(t, nil)
	x := h.http()
	setThread(h, "What did JPMorgan say?", "JPMorgan said things [001]", "and Citigroup?")
	x.event(fixture(t, "followup.json"), 0)
	h.bot.waitIdle()
	if n := len(h.fake.Calls("conversations.replies")); n != 1 {
		t.Errorf("%d conversations.replies calls, want 1", n)
	}
	if !strings.Contains(h.logs.String(), "history=1") {
		t.Errorf("the thread's earlier turn was not passed on")
	}
	if ph := h.callsWhere("chat.postMessage", inThread("C123ABC456", "1515449522.000016")); len(ph) != 1 {
		t.Errorf("answered %d times in the parent thread, want 1", len(ph))
	}
}

func TestSlackErrorsAreNotFatal(t *testing.T) {
	h := newHarness(t, func(c *Config) { c.MaxRetries = 1 })
	x := h.http()
	h.fake.RateLimit("chat.postMessage", 5) // more than the retries
	x.event(fixture(t, "dm.json"), 0)
	h.bot.waitIdle()
	if n := len(h.fake.Calls("chat.postMessage")); n < 2 {
		t.Errorf("%d attempts, want the post and its retries", n)
	}
	if !strings.Contains(h.logs.String(), "chat.postMessage") {
		t.Errorf("the failed post was not logged")
	}
	// Still serving.
	x.event(fixture(t, "mention.json"), 0)
	h.bot.waitIdle()
	if len(h.fake.Calls("chat.update"))+len(h.fake.Calls("chat.postMessage")) < 3 {
		t.Errorf("the bot stopped answering after a failed post")
	}
}

// gatedEngine holds every answer until released.
type gatedEngine struct {
	*bot.Engine
	started chan struct{}
	release chan struct{}
}

func (g *gatedEngine) Answer(ctx context.Context, q bot.Question) (bot.Answer, error) {
	g.started <- struct{}{}
	select {
	case <-g.release:
	case <-ctx.Done():
		return bot.Answer{}, ctx.Err()
	}
	return g.Engine.Answer(ctx, q)
}

// newGatedHarness starts a bot whose answers wait on a gatedEngine. Unlike
// newHarness it leaves shutting the bot down to the test.
func newGatedHarness(t *testing.T) (*harness, *gatedEngine) {
	t.Helper()
	fake := slackfake.New(t)
	eng := &gatedEngine{Engine: testengine.Seeds(t), started: make(chan struct{}, 1), release: make(chan struct{})}
	b, err := New(eng, Config{BotToken: slackfake.BotToken, SigningSecret: testSigningSecret, APIURL: fake.URL})
	if err != nil {
		t.Fatal(err)
	}
	if err := b.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	return &harness{t: t, fake: fake, bot: b, logs: &testlog.Buffer{}, now: time.Now}, eng
}

func TestShutdownFinishesAnswers(t *testing.T) {
	h, eng := newGatedHarness(t)
	fake, b := h.fake, h.bot
	x := h.http()
	x.event(fixture(t, "mention.json"), 0)
	<-eng.started

	done := make(chan error, 1)
	go func() { done <- b.Shutdown(context.Background()) }()
	eventually(t, "shutdown to begin", func() bool { return !b.accepting() })
	if code, _ := x.post(PathEvents, "application/json", fixture(t, "dm.json"), nil); code != http.StatusServiceUnavailable {
		t.Errorf("event during shutdown: status %d, want 503 so Slack redelivers it", code)
	}
	select {
	case err := <-done:
		t.Fatalf("Shutdown returned (%v) before the answer under way was posted", err)
	default:
	}
	close(eng.release)
	if err := <-done; err != nil {
		t.Fatalf("Shutdown: %v", err)
	}
	if len(fake.Calls("chat.update")) != 1 {
		t.Errorf("the answer under way was not posted before shutdown finished")
	}
}

func TestShutdownIsBounded(t *testing.T) {
	h, eng := newGatedHarness(t)
	fake, b := h.fake, h.bot
	h.http().event(fixture(t, "mention.json"), 0)
	<-eng.started
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	if err := b.Shutdown(ctx); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Shutdown = %v, want a deadline error", err)
	}
	// The cancelled answer still tells the user.
	if up := fake.Calls("chat.update"); len(up) != 1 || !strings.Contains(up[0].Text(), "Sorry") {
		t.Errorf("placeholder not replaced with an apology: %+v", up)
	}
}

// eventually polls cond until it holds, failing the test after waitTimeout.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	poll.Until(t, waitTimeout, what, cond)
}

// A pronoun in a thread's follow-up stands for whom the thread was about,
// read from the thread as chat reads its history: "did they share any
// data?" after "What did US Bancorp say?" is answered with US Bancorp's
// denial, not with what another bank said.
func TestFollowUpPronounReadsThread(t *testing.T) {
	h := newHarness(t, nil)
	x := h.http()
	setThread(h, "What did US Bancorp say?", "The sources quote U.S. Bancorp once, in 1 article. [004]", "did they share any data?")
	x.event(bytes.ReplaceAll(fixture(t, "followup.json"), []byte("and Citigroup?"), []byte("did they share any data?")), 0)
	h.bot.waitIdle()
	posts := h.callsWhere("chat.postMessage", inThread("C123ABC456", "1515449522.000016"))
	if len(posts) != 1 {
		t.Fatalf("answered %d times in the thread, want 1", len(posts))
	}
	got := posts[0].Text()
	for _, c := range h.callsWhere("chat.update", func(slackfake.Call) bool { return true }) {
		got += c.Text()
	}
	if !strings.Contains(got, "haven't shared") || strings.Index(got, "JPMorgan") >= 0 && strings.Index(got, "JPMorgan") < strings.Index(got, "haven't shared") {
		t.Errorf("the follow-up was not answered with US Bancorp's words first:\n%s", got)
	}
}

// setThread makes the thread of the followup.json fixture read, in Slack,
// as question, the bot's reply, then followUp, each asked of the bot.
func setThread(h *harness, question, reply, followUp string) {
	const thread = "1515449522.000016"
	h.fake.SetReplies(thread, []map[string]any{
		{"type": "message", "user": "U061F7AUR", "text": "<@" + slackfake.BotUserID + "> " + question, "ts": thread, "thread_ts": thread},
		{"type": "message", "bot_id": slackfake.BotID, "user": slackfake.BotUserID, "text": reply, "ts": "1515449523.000100", "thread_ts": thread},
		{"type": "message", "user": "U061F7AUR", "text": "<@" + slackfake.BotUserID + "> " + followUp, "ts": "1515449600.000200", "thread_ts": thread},
	})
}
