package slackbot

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/privacybot/privacybot/bot"
	"github.com/privacybot/privacybot/ingest"
)

func TestLinkArg(t *testing.T) {
	for in, want := range map[string]string{
		"https://example.com/story":                     "https://example.com/story",
		"  <https://example.com/story>  ":               "https://example.com/story",
		"<https://example.com/story|example.com/story>": "https://example.com/story",
		"<https://example.com/a?b=1&c=2|example.com/a>": "https://example.com/a?b=1&c=2",
		"":   "",
		"<>": "",
	} {
		if got := linkArg(in); got != want {
			t.Errorf("linkArg(%q) = %q, want %q", in, got, want)
		}
	}
}

// fakeIngester records the calls made to it.
type fakeIngester struct {
	mu    sync.Mutex
	calls []string
	err   error
	ctxOK bool
}

func (f *fakeIngester) record(op, ref, by string, ctx context.Context) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, op+" "+ref+" by "+by)
	_, f.ctxOK = ctx.Deadline()
}

func (f *fakeIngester) Add(ctx context.Context, ref, by string) (ingest.Result, error) {
	f.record("add", ref, by, ctx)
	if f.err != nil {
		return ingest.Result{}, f.err
	}
	return ingest.Result{ID: "story-0123456789", Title: "A <story>", Quotes: 1}, nil
}

func (f *fakeIngester) Remove(ctx context.Context, ref, by string) (ingest.Result, error) {
	f.record("remove", ref, by, ctx)
	return ingest.Result{}, f.err
}

func (f *fakeIngester) Calls() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.calls...)
}

func TestAddWithoutAdmins(t *testing.T) {
	fi := &fakeIngester{}
	h := newHarness(t, func(c *Config) { c.Ingest = fi; c.AddTimeout = 5 * time.Second })
	x := h.http()

	// Everyone may add when no admins are set.
	if reply := x.command(h.slashForm("add https://example.com/story", "add")); !strings.Contains(reply, "Adding https://example.com/story") {
		t.Errorf("add acknowledged with %s", reply)
	}
	c := h.waitCall("add reply", "response_url", isResponse("add"))
	if want := "Added `[story-0123456789]` *A &lt;story&gt;*, 1 quote."; !strings.Contains(c.Text(), want) {
		t.Errorf("add reply = %q, want %q", c.Text(), want)
	}
	if got := fi.Calls(); len(got) != 1 || got[0] != "add https://example.com/story by slack:U2147483697 (Steve)" {
		t.Errorf("calls = %q", got)
	}
	if !fi.ctxOK {
		t.Errorf("Add was called without a deadline")
	}
	if reply := x.command(h.slashForm("help", "help")); !strings.Contains(reply, "/privacy add URL") || strings.Contains(reply, "/privacy remove") {
		t.Errorf("help without admins = %s", reply)
	}

	// Nobody may remove when no admins are set.
	if reply := x.command(h.slashForm("remove story", "remove")); !strings.Contains(reply, "no admins are set") {
		t.Errorf("remove acknowledged with %s", reply)
	}
	h.bot.waitIdle()
	if n := len(fi.Calls()); n != 1 {
		t.Errorf("%d calls to the ingester, want 1", n)
	}
}

func TestAddErrorsShownPolitely(t *testing.T) {
	fi := &fakeIngester{err: errors.New("dial tcp 10.0.0.7:443: secret internal detail")}
	h := newHarness(t, func(c *Config) { c.Ingest = fi; c.Admins = ParseAdmins("U2147483697") })
	x := h.http()
	x.command(h.slashForm("add https://example.com/story", "add"))
	c := h.waitCall("add reply", "response_url", isResponse("add"))
	if c.Field("response_type") != "ephemeral" || !strings.Contains(c.Text(), "the operator's log has the details") || strings.Contains(c.Text(), "10.0.0.7") {
		t.Errorf("add error reply = %s %q", c.Field("response_type"), c.Text())
	}
	if !strings.Contains(h.logs.String(), "secret internal detail") {
		t.Errorf("the error is not logged")
	}
	fi.err = bot.ErrUnknownSource
	x.command(h.slashForm("remove [nope]", "remove"))
	c = h.waitCall("remove reply", "response_url", isResponse("remove"))
	if !strings.Contains(c.Text(), "No source has that id") || !strings.Contains(c.Text(), "/privacy sources") {
		t.Errorf("unknown remove reply = %q", c.Text())
	}
	if got := fi.Calls(); len(got) != 2 || got[1] != "remove nope by slack:U2147483697 (Steve)" {
		t.Errorf("calls = %q", got)
	}
}

func TestIngestOff(t *testing.T) {
	h := newHarness(t, nil)
	x := h.http()
	for _, text := range []string{"add https://example.com/story", "remove story"} {
		if reply := x.command(h.slashForm(text, "off")); !strings.Contains(reply, "not set up") {
			t.Errorf("%s acknowledged with %s", text, reply)
		}
	}
	if reply := x.command(h.slashForm("help", "help")); strings.Contains(reply, "/privacy add") {
		t.Errorf("help offers add on a bot that cannot: %s", reply)
	}
}
