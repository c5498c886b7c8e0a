package slackbot

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/privacybot/privacybot/bot"
	"github.com/privacybot/privacybot/bot/slackbot/slackfake"
	"github.com/privacybot/privacybot/feedback"
	"github.com/privacybot/privacybot/ingest"
	"github.com/privacybot/privacybot/internal/testkit/testlog"
	"github.com/privacybot/privacybot/retrieval"
	"github.com/privacybot/privacybot/seeds"
)

// Quotations the real engine (with the quote ledger and the index) gives;
// the retrieval stand-in does not find them yet.
const (
	jpmorganQuote  = "We don't share our customers' off-platform transaction data"
	citigroupQuote = "safeguarding the security and privacy of our customers' data"
)

// needsRetrieval marks an assertion that holds only with the real
// retrieval (speakers and quote search), not with its temporary stand-in.
func needsRetrieval(t *testing.T, ok bool, format string, args ...any) {
	t.Helper()
	if !ok {
		t.Errorf("[needs real retrieval] "+format, args...)
	}
}

// settle makes sure every event delivered so far has been taken in and
// its answer, if any, finished. Over the socket, events are taken in order,
// so once a later event is acknowledged the earlier ones have been decided.
func settle(h *harness, tr transport) {
	h.t.Helper()
	if _, ok := tr.(*socketTransport); ok {
		tr.event(fixture(h.t, "reaction_added.json"), 0)
	}
	h.bot.waitIdle()
}

// chatCalls counts the calls that post or change messages.
func chatCalls(h *harness) int {
	return len(h.fake.Calls("chat.postMessage")) + len(h.fake.Calls("chat.update")) +
		len(h.fake.Calls("chat.postEphemeral")) + len(h.fake.Calls("response_url"))
}

func TestEndToEnd(t *testing.T) { eachTransport(t, runScenario) }

// eachTransport runs scenario twice, each time on a new harness: over
// Socket Mode and over HTTP.
func eachTransport(t *testing.T, scenario func(*testing.T, *harness, transport)) {
	for _, mode := range []string{"socket", "http"} {
		t.Run(mode, func(t *testing.T) {
			h := newHarness(t, nil)
			scenario(t, h, h.transport(mode))
		})
	}
}

// transport connects to the bot over mode, "socket" or "http".
func (h *harness) transport(mode string) transport {
	if mode == "socket" {
		return h.socket()
	}
	return h.http()
}

func runScenario(t *testing.T, h *harness, tr transport) {
	const channel, parent = "C123ABC456", "1515449522.000016"
	var answer slackfake.Call

	t.Run("mention answered once in its thread", func(t *testing.T) {
		h.t = t
		tr.event(fixture(t, "mention.json"), 0)
		ph := h.waitCall("placeholder", "chat.postMessage", inThread(channel, parent))
		if !strings.Contains(ph.Text(), "Looking through the sources") {
			t.Errorf("placeholder = %q", ph.Text())
		}
		answer = h.waitCall("answer", "chat.update", func(c slackfake.Call) bool { return c.Field("ts") == ph.TS })
		if answer.Field("channel") != channel {
			t.Errorf("answer updated in channel %q", answer.Field("channel"))
		}
		all := answer.All()
		if !strings.Contains(all, "[001]") {
			t.Errorf("answer cites no [001]:\n%s", answer.Text())
		}
		needsRetrieval(t, strings.Contains(answer.Text(), jpmorganQuote), "answer lacks the JPMorgan quotation %q:\n%s", jpmorganQuote, answer.Text())
		needsRetrieval(t, strings.Contains(all, "JPMorgan"), "answer does not name JPMorgan as the speaker")
		checkBlocks(t, answer.Blocks())
		if !strings.Contains(answer.Blocks(), feedbackActionUp) {
			t.Errorf("answer has no feedback buttons")
		}
		settle(h, tr)
		if n := len(h.callsWhere("chat.postMessage", inThread(channel, parent))); n != 1 {
			t.Errorf("%d messages posted in the thread, want 1", n)
		}
		if n := len(h.fake.Calls("chat.update")); n != 1 {
			t.Errorf("%d chat.update calls, want 1", n)
		}
	})

	t.Run("retry not answered again", func(t *testing.T) {
		h.t = t
		before := chatCalls(h)
		for retry := 1; retry <= 3; retry++ {
			tr.event(fixture(t, "mention.json"), retry)
		}
		settle(h, tr)
		if after := chatCalls(h); after != before {
			t.Errorf("a redelivered event was answered again: %d chat calls, want %d", after, before)
		}
	})

	t.Run("bots, edits and other events ignored", func(t *testing.T) {
		h.t = t
		before := chatCalls(h)
		for _, f := range []string{"bot_message.json", "other_bot_user.json", "self_message.json",
			"message_changed.json", "message_deleted.json", "reaction_added.json", "app_rate_limited.json", "unknown_event.json"} {
			tr.event(fixture(t, f), 0)
		}
		settle(h, tr)
		if after := chatCalls(h); after != before {
			for _, c := range h.fake.Calls("")[before:] {
				t.Logf("unexpected %s: %s", c.Method, c.Text())
			}
			t.Errorf("ignored events were answered: %d chat calls, want %d", after, before)
		}
	})

	t.Run("thread follow-up uses the earlier turn", func(t *testing.T) {
		h.t = t
		tr.event(fixture(t, "followup.json"), 0)
		ph := h.waitNth(t, "second placeholder in the thread", "chat.postMessage", 2, inThread(channel, parent))
		up := h.waitCall("follow-up answer", "chat.update", func(c slackfake.Call) bool { return c.Field("ts") == ph.TS })
		if !strings.Contains(h.logs.String(), "history=1") {
			t.Errorf("the follow-up was not given the thread's earlier turn")
		}
		if !strings.Contains(up.All(), "Citigroup") {
			t.Errorf("follow-up answer does not mention Citigroup:\n%s", up.Text())
		}
		needsRetrieval(t, strings.Contains(up.Text(), citigroupQuote), "follow-up lacks the Citigroup quotation %q:\n%s", citigroupQuote, up.Text())
	})

	t.Run("slash commands", func(t *testing.T) {
		h.t = t
		if reply := tr.command(h.slashForm("help", "help")); !strings.Contains(reply, "/privacy ask") || !strings.Contains(reply, "ephemeral") {
			t.Errorf("help reply = %s", reply)
		}
		if reply := tr.command(h.slashForm("", "empty")); !strings.Contains(reply, "/privacy sources") {
			t.Errorf("empty command reply = %s", reply)
		}
		if reply := tr.command(h.slashForm("frobnicate", "unknown")); !strings.Contains(reply, "I don't know") || !strings.Contains(reply, "/privacy quotes") {
			t.Errorf("unknown subcommand reply = %s", reply)
		}

		if reply := tr.command(h.slashForm("sources", "sources")); strings.TrimSpace(reply) != "" {
			t.Errorf("sources acknowledged with %s, want an empty ack", reply)
		}
		c := h.waitCall("sources reply", "response_url", isResponse("sources"))
		if c.Field("response_type") != "ephemeral" || !strings.Contains(c.All(), "Facebook Wants Banks to Hand Over Your Financial Information") || !strings.Contains(c.All(), "[004]") {
			t.Errorf("sources reply = %s %s", c.Field("response_type"), c.All())
		}

		tr.command(h.slashForm("source 001", "source"))
		c = h.waitCall("source reply", "response_url", isResponse("source"))
		if c.Field("response_type") != "ephemeral" || !strings.Contains(c.All(), "Facebook asks US banks to share customer data") {
			t.Errorf("source 001 reply = %s", c.All())
		}
		needsRetrieval(t, strings.Contains(c.All(), jpmorganQuote) && strings.Contains(c.All(), "Patricia Wexler"), "source 001 does not show Patricia Wexler's quotation:\n%s", c.Text())

		tr.command(h.slashForm("source 999", "nosource"))
		c = h.waitCall("unknown source reply", "response_url", isResponse("nosource"))
		if c.Field("response_type") != "ephemeral" || !strings.Contains(c.Text(), "no source") {
			t.Errorf("source 999 reply = %s", c.All())
		}

		tr.command(h.slashForm("quotes Citigroup", "quotes"))
		c = h.waitCall("quotes reply", "response_url", isResponse("quotes"))
		if c.Field("response_type") != "ephemeral" || !strings.Contains(c.All(), "Citigroup") {
			t.Errorf("quotes reply = %s", c.All())
		}
		needsRetrieval(t, strings.Contains(c.All(), citigroupQuote), "quotes Citigroup lacks %q:\n%s", citigroupQuote, c.Text())

		if reply := tr.command(h.slashForm("ask What did JPMorgan say?", "ask")); !strings.Contains(reply, "Looking through the sources") {
			t.Errorf("ask acknowledged with %s", reply)
		}
		c = h.waitCall("ask reply", "response_url", isResponse("ask"))
		if c.Field("response_type") != "in_channel" {
			t.Errorf("ask answered %q, want in_channel", c.Field("response_type"))
		}
		if !strings.Contains(c.Text(), "<@U2147483697> asked: *What did JPMorgan say?*") || !strings.Contains(c.All(), "[001]") {
			t.Errorf("ask reply does not restate the question or cite [001]:\n%s", c.Text())
		}
		needsRetrieval(t, strings.Contains(c.Text(), jpmorganQuote), "ask reply lacks %q", jpmorganQuote)
		checkBlocks(t, c.Blocks())
	})

	t.Run("feedback button", func(t *testing.T) {
		h.t = t
		ts := answer.Field("ts")
		value := buttonValue(t, answer.Blocks(), feedbackActionUp)
		var blocks json.RawMessage = []byte(answer.Blocks())
		payload, _ := json.Marshal(map[string]any{
			"type":       "block_actions",
			"user":       map[string]any{"id": "U061F7AUR", "username": "reader", "team_id": slackfake.TeamID},
			"api_app_id": "A123ABC456",
			"token":      "9s8d9as89d8as9d8as989",
			"container":  map[string]any{"type": "message", "message_ts": ts, "channel_id": channel, "is_ephemeral": false},
			"trigger_id": "12321423423.333649436676.d8c1bb837935619ccad0f624c448ffb3",
			"team":       map[string]any{"id": slackfake.TeamID, "domain": "example"},
			"channel":    map[string]any{"id": channel, "name": "privacy"},
			"message": map[string]any{"type": "message", "bot_id": slackfake.BotID, "user": slackfake.BotUserID,
				"ts": ts, "text": answer.Text(), "blocks": blocks},
			"response_url": h.fake.ResponseURL("feedback"),
			"actions": []map[string]any{{"action_id": feedbackActionUp, "block_id": feedbackBlockID,
				"text": map[string]any{"type": "plain_text", "text": "👍 Helpful", "emoji": true}, "value": value,
				"type": "button", "action_ts": "1548426417.840180"}},
		})
		tr.interact(payload)
		up := h.waitCall("feedback shown", "chat.update", func(c slackfake.Call) bool {
			return c.Field("ts") == ts && strings.Contains(c.Blocks(), "Feedback recorded")
		})
		if strings.Contains(up.Blocks(), feedbackActionUp) {
			t.Errorf("buttons still shown after feedback")
		}
		logs := h.logs.String()
		for _, want := range []string{"msg=feedback", "value=up", "user=U061F7AUR", `question="What did JPMorgan say?"`, "answer_id="} {
			if !strings.Contains(logs, want) {
				t.Errorf("feedback log lacks %s", want)
			}
		}
		checkStoredVote(t, h, "U061F7AUR", "What did JPMorgan say?", feedback.Up)
	})

	t.Run("429 retried after Retry-After", func(t *testing.T) {
		h.t = t
		h.fake.RateLimit("chat.update", 1)
		tr.event(fixture(t, "dm.json"), 0)
		ph := h.waitCall("DM placeholder", "chat.postMessage", func(c slackfake.Call) bool { return c.Field("channel") == "D0DIRECT1" })
		if ph.Field("thread_ts") != "" {
			t.Errorf("top-level DM answered in thread %q", ph.Field("thread_ts"))
		}
		var tries []slackfake.Call
		h.fake.Wait(t, waitTimeout, "retried chat.update", func() bool {
			tries = nil
			for _, c := range h.fake.Calls("chat.update") {
				if c.Field("ts") == ph.TS {
					tries = append(tries, c)
				}
			}
			return len(tries) >= 2
		})
		if tries[0].Status != http.StatusTooManyRequests || tries[1].Status != http.StatusOK {
			t.Errorf("statuses %d, %d; want 429 then 200", tries[0].Status, tries[1].Status)
		}
		if gap := tries[1].At.Sub(tries[0].At); gap < time.Second {
			t.Errorf("retried after %v, before Retry-After: 1", gap)
		}
		if tries[0].Text() != tries[1].Text() || tries[0].Blocks() != tries[1].Blocks() {
			t.Errorf("the retry is not the same post")
		}
	})

	switch x := tr.(type) {
	case *socketTransport:
		t.Run("disconnect survived", func(t *testing.T) {
			h.t = t
			// The fake pings every 100 ms and the bot expects one every
			// 500 ms, so a second connection before this point would mean
			// pings were not handled.
			if n := h.fake.Connections(); n != 1 {
				t.Errorf("%d connections before the disconnect, want 1", n)
			}
			if err := h.fake.Disconnect("refresh_requested"); err != nil {
				t.Fatal(err)
			}
			h.fake.Wait(t, waitTimeout, "reconnection", func() bool { return h.fake.Connections() >= 2 && h.fake.Connected() })
			// A reply in a DM thread (an assistant thread) is answered in
			// the thread, under a status rather than a placeholder.
			tr.event(fixture(t, "dm_thread_reply.json"), 0)
			h.waitCall("answer after reconnecting", "chat.postMessage", func(c slackfake.Call) bool {
				return inThread("D111", "1726133698.626339")(c) && strings.Contains(c.Text(), "Facebook")
			})
		})
	case *httpTransport:
		t.Run("bad signature refused", func(t *testing.T) {
			h.t = t
			before := chatCalls(h)
			body := edit(t, fixture(t, "dm.json"), func(m map[string]any) { m["event_id"] = "Ev0FORGED" })
			code, _ := x.post(PathEvents, "application/json", body, map[string]string{"X-Slack-Signature": "v0=" + strings.Repeat("0", 64)})
			if code != http.StatusUnauthorized {
				t.Errorf("forged event: status %d, want 401", code)
			}
			code, _ = x.post(PathCommands, "application/x-www-form-urlencoded", []byte(h.slashForm("sources", "x").Encode()), map[string]string{"X-Slack-Signature": ""})
			if code != http.StatusUnauthorized {
				t.Errorf("unsigned command: status %d, want 401", code)
			}
			h.bot.waitIdle()
			if chatCalls(h) != before {
				t.Errorf("a refused request was acted on")
			}
		})
	}
}

// checkLinked checks that blocks show the added article's title as a link
// to its original, <url|title>, and no seed as a link; it returns the
// blocks' texts.
func checkLinked(t *testing.T, what, blocks, url, id string) string {
	t.Helper()
	texts := blockTexts(t, blocks)
	if want := "<" + url + "|ICO fines facial recognition firm over scraped images>"; !strings.Contains(texts, want) {
		t.Errorf("%s does not link the title of [%s] to its original %s:\n%s", what, id, want, texts)
	}
	if n := strings.Count(texts, "<http"); n == 0 || strings.Contains(texts, "|Facebook") {
		t.Errorf("%s links a seed, which has no URL:\n%s", what, texts)
	}
	return texts
}

// buttonValue returns the value of the button with actionID in blocks.
func buttonValue(t *testing.T, blocks, actionID string) string {
	t.Helper()
	var bs []map[string]any
	if err := json.Unmarshal([]byte(blocks), &bs); err != nil {
		t.Fatalf("blocks: %v", err)
	}
	for _, b := range bs {
		els, _ := b["elements"].([]any)
		for _, e := range els {
			m, _ := e.(map[string]any)
			if m["action_id"] == actionID {
				return m["value"].(string)
			}
		}
	}
	t.Fatalf("no %s button", actionID)
	return ""
}

// Who may change the sources in the ingest scenario.
const (
	adminUser = "U0ADMIN01"
	otherUser = "U0OTHER01"
	// carloQuote is what the added article quotes Silkie Carlo saying.
	carloQuote = "This is a landmark decision for everyone who has ever posted a photo online"
)

// newsSite serves a real-looking news article (navigation, ads, a byline,
// quotes) at /news/ico-fine, and a 404 elsewhere.
func newsSite(t *testing.T) *httptest.Server {
	t.Helper()
	page := fixture(t, "news_article.html")
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/news/ico-fine" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(page)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// ingestEngine opens a library of its own (the seeds plus DATA/articles, as
// serve does) with an ingest service that may fetch from loopback, and the
// engine on it.
func ingestEngine(t *testing.T, logs *testlog.Buffer) (*bot.Engine, *ingest.Service) {
	t.Helper()
	dir := t.TempDir()
	ctx := context.Background()
	lib, err := retrieval.Open(ctx, retrieval.Options{
		FS:      ingest.Overlay(seeds.FS, os.DirFS(filepath.Join(dir, ingest.ArticlesDir))),
		DataDir: dir,
	})
	if err != nil {
		t.Fatalf("open library: %v", err)
	}
	svc, err := ingest.New(ctx, ingest.Options{
		Library: lib,
		DataDir: dir,
		Fetcher: ingest.NewFetcher(ingest.FetchConfig{AllowPrivate: true}),
		Logger:  slog.New(slog.NewTextHandler(logs, nil)),
	})
	if err != nil {
		t.Fatalf("ingest: %v", err)
	}
	return bot.New(lib), svc
}

// slashAs is a /privacy command from user.
func (h *harness) slashAs(user, text, responseID string) url.Values {
	f := h.slashForm(text, responseID)
	f.Set("user_id", user)
	f.Set("user_name", strings.ToLower(user))
	return f
}

func TestEndToEndIngest(t *testing.T) {
	for _, mode := range []string{"socket", "http"} {
		t.Run(mode, func(t *testing.T) {
			ingestLogs := &testlog.Buffer{}
			eng, svc := ingestEngine(t, ingestLogs)
			h := newHarnessEngine(t, eng, func(c *Config) {
				c.Ingest = svc
				c.Admins = ParseAdmins(adminUser)
			})
			tr := h.transport(mode)
			runIngestScenario(t, h, tr, newsSite(t), ingestLogs)
		})
	}
}

func runIngestScenario(t *testing.T, h *harness, tr transport, site *httptest.Server, ingestLogs *testlog.Buffer) {
	const channel = "C123ABC456"
	pageURL := site.URL + "/news/ico-fine"
	var id string

	// ask mentions the bot with q in a new thread and returns the answer.
	ask := func(t *testing.T, q, ts string) slackfake.Call {
		t.Helper()
		tr.event(edit(t, fixture(t, "mention.json"), func(m map[string]any) {
			m["event_id"] = "Ev" + strings.ReplaceAll(ts, ".", "")
			ev := m["event"].(map[string]any)
			ev["text"], ev["ts"], ev["event_ts"] = "<@UBOTPRIVACY> "+q, ts, ts
		}), 0)
		ph := h.waitCall("placeholder", "chat.postMessage", inThread(channel, ts))
		return h.waitCall("answer", "chat.update", func(c slackfake.Call) bool { return c.Field("ts") == ph.TS })
	}

	t.Run("help lists add and remove for an admin only", func(t *testing.T) {
		h.t = t
		if reply := tr.command(h.slashAs(adminUser, "help", "help-admin")); !strings.Contains(reply, "/privacy add URL") || !strings.Contains(reply, "/privacy remove ID") {
			t.Errorf("admin's help = %s", reply)
		}
		if reply := tr.command(h.slashAs(otherUser, "help", "help-other")); strings.Contains(reply, "/privacy add") || strings.Contains(reply, "/privacy remove") {
			t.Errorf("non-admin's help offers add or remove: %s", reply)
		}
	})

	t.Run("add refused to a non-admin", func(t *testing.T) {
		h.t = t
		before := chatCalls(h)
		reply := tr.command(h.slashAs(otherUser, "add "+pageURL, "add-refused"))
		if !strings.Contains(reply, "only the admins") || !strings.Contains(reply, "ephemeral") {
			t.Errorf("non-admin add acknowledged with %s", reply)
		}
		h.bot.waitIdle()
		if chatCalls(h) != before || strings.Contains(ingestLogs.String(), "article added") {
			t.Errorf("a refused add was acted on")
		}
	})

	t.Run("add by an admin", func(t *testing.T) {
		h.t = t
		// Slack may wrap a link as <url|label>.
		reply := tr.command(h.slashAs(adminUser, "add <"+pageURL+"|"+strings.TrimPrefix(pageURL, "http://")+">", "add"))
		if !strings.Contains(reply, "Adding") || !strings.Contains(reply, "ephemeral") {
			t.Errorf("add acknowledged with %s", reply)
		}
		c := h.waitCall("add reply", "response_url", isResponse("add"))
		m := regexp.MustCompile("Added `\\[([a-z0-9-]+)\\]` \\*ICO fines facial recognition firm over scraped images\\*, (\\d+) quotes").FindStringSubmatch(c.Text())
		if m == nil {
			t.Fatalf("add reply = %s", c.Text())
		}
		id = m[1]
		if n, _ := strconv.Atoi(m[2]); n < 3 || c.Field("response_type") != "ephemeral" {
			t.Errorf("add reply = %s %s", c.Field("response_type"), c.Text())
		}
		logs := ingestLogs.String()
		if !strings.Contains(logs, "msg=\"article added\"") || !strings.Contains(logs, "by=\"slack:"+adminUser) || !strings.Contains(logs, "id="+id) {
			t.Errorf("the add is not logged with the user:\n%s", logs)
		}
		if !strings.Contains(h.logs.String(), "subcommand=add") {
			t.Errorf("the bot did not log the command")
		}
	})
	if id == "" {
		t.FailNow()
	}

	t.Run("added article answerable at once", func(t *testing.T) {
		h.t = t
		a := ask(t, "What did Silkie Carlo say about the fine?", "1700000100.000001")
		if !strings.Contains(a.Text(), carloQuote) {
			t.Errorf("answer lacks the added article's quotation %q:\n%s", carloQuote, a.Text())
		}
		if all := a.All(); !strings.Contains(all, "Silkie Carlo") || !strings.Contains(all, "["+id+"]") {
			t.Errorf("answer does not name Silkie Carlo or cite [%s]:\n%s", id, all)
		}
		tr.command(h.slashAs(otherUser, "sources", "sources-added"))
		c := h.waitCall("sources reply", "response_url", isResponse("sources-added"))
		if !strings.Contains(c.All(), id) || !strings.Contains(c.All(), "ICO fines facial recognition firm") {
			t.Errorf("sources do not list the added article:\n%s", c.All())
		}
		checkLinked(t, "sources", c.Blocks(), pageURL, id)
	})

	t.Run("added article links to its original", func(t *testing.T) {
		h.t = t
		a := ask(t, "What did Silkie Carlo say about the fine?", "1700000150.000001")
		texts := checkLinked(t, "answer", a.Blocks(), pageURL, id)
		if cite := "<" + pageURL + "|[" + id + "]>"; !strings.Contains(texts, cite) {
			t.Errorf("the quotation's citation is not a link %s:\n%s", cite, texts)
		}
		tr.command(h.slashAs(otherUser, "source "+id, "source-added"))
		c := h.waitCall("source reply", "response_url", isResponse("source-added"))
		checkLinked(t, "source", c.Blocks(), pageURL, id)
	})

	t.Run("assistant suggests the newest article", func(t *testing.T) {
		h.t = t
		tr.event(edit(t, fixture(t, "assistant_thread_started.json"), func(m map[string]any) { m["event_id"] = "Ev0ASSTNEWEST" }), 0)
		c := h.waitCall("suggested prompts", "assistant.threads.setSuggestedPrompts", func(c slackfake.Call) bool { return c.Status == http.StatusOK })
		ps := c.Prompts()
		if len(ps) == 0 || !strings.HasPrefix(ps[0].Title, "Newest: ICO fines facial recognition firm") || !strings.HasPrefix(ps[0].Message, "What did ") {
			t.Fatalf("first prompt = %+v, want what the newest article's most quoted speaker said", ps)
		}
		if a := ask(t, ps[0].Message, "1700000160.000001"); !strings.Contains(a.All(), "["+id+"]") || !strings.Contains(a.Text(), "“") {
			t.Errorf("the suggested %q is not answered with a quotation from the added article [%s]:\n%s", ps[0].Message, id, a.Text())
		}
	})

	t.Run("duplicate and broken pages", func(t *testing.T) {
		h.t = t
		tr.command(h.slashAs(adminUser, "add "+pageURL+"?utm_source=slack", "dup"))
		c := h.waitCall("duplicate reply", "response_url", isResponse("dup"))
		if want := "Already in the library as `[" + id + "]`"; !strings.Contains(c.Text(), want) || !strings.Contains(c.Text(), "(same URL)") {
			t.Errorf("duplicate reply = %s, want %s … (same URL)", c.Text(), want)
		}
		tr.command(h.slashAs(adminUser, "add "+site.URL+"/news/missing", "404"))
		c = h.waitCall("404 reply", "response_url", isResponse("404"))
		if !strings.Contains(c.Text(), "404 Not Found") || c.Field("response_type") != "ephemeral" || strings.Contains(c.Text(), site.URL) {
			t.Errorf("404 reply = %s %s", c.Field("response_type"), c.Text())
		}
		if reply := tr.command(h.slashAs(adminUser, "add ftp://example.com/x", "ftp")); !strings.Contains(reply, "not an http or https link") {
			t.Errorf("ftp add acknowledged with %s", reply)
		}
		if reply := tr.command(h.slashAs(adminUser, "add", "nourl")); !strings.Contains(reply, "Give the link") {
			t.Errorf("empty add acknowledged with %s", reply)
		}
	})

	t.Run("remove refused to a non-admin", func(t *testing.T) {
		h.t = t
		reply := tr.command(h.slashAs(otherUser, "remove "+id, "remove-refused"))
		if !strings.Contains(reply, "only the admins") || !strings.Contains(reply, "ephemeral") {
			t.Errorf("non-admin remove acknowledged with %s", reply)
		}
		h.bot.waitIdle()
		if strings.Contains(ingestLogs.String(), "article removed") {
			t.Errorf("a refused remove was acted on")
		}
	})

	t.Run("remove by an admin", func(t *testing.T) {
		h.t = t
		tr.command(h.slashAs(adminUser, "remove 001", "remove-seed"))
		c := h.waitCall("remove seed reply", "response_url", isResponse("remove-seed"))
		if !strings.Contains(c.Text(), "Only articles added at run time can be removed") {
			t.Errorf("removing a seed: %s", c.Text())
		}
		tr.command(h.slashAs(adminUser, "remove "+id[:14], "remove"))
		c = h.waitCall("remove reply", "response_url", isResponse("remove"))
		if !strings.Contains(c.Text(), "Removed `["+id+"]`") {
			t.Errorf("remove reply = %s", c.Text())
		}
		if logs := ingestLogs.String(); !strings.Contains(logs, "msg=\"article removed\" id="+id) || !strings.Contains(logs, "by=\"slack:"+adminUser) {
			t.Errorf("the remove is not logged with the user:\n%s", logs)
		}
		a := ask(t, "What did Silkie Carlo say about the fine?", "1700000200.000001")
		if strings.Contains(a.All(), carloQuote) || strings.Contains(a.All(), id) {
			t.Errorf("the removed article is still quoted:\n%s", a.All())
		}
	})
}
