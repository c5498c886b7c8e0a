package slackbot

import (
	"slices"
	"strings"
	"testing"

	"github.com/privacybot/privacybot/bot/slackbot/slackfake"
)

// The assistant thread of the fixtures.
const (
	assistantChannel = "D123ABC456"
	assistantTS      = "1729999327.187299"
)

func TestAssistantThread(t *testing.T) { eachTransport(t, runAssistantScenario) }

// inAssistantThread matches assistant.threads calls on the fixtures' thread.
func inAssistantThread(c slackfake.Call) bool {
	return c.Field("channel_id") == assistantChannel && c.Field("thread_ts") == assistantTS && c.Status == 200
}

func runAssistantScenario(t *testing.T, h *harness, tr transport) {
	t.Run("suggested prompts when the assistant opens", func(t *testing.T) {
		h.t = t
		tr.event(fixture(t, "assistant_thread_started.json"), 0)
		c := h.waitCall("suggested prompts", "assistant.threads.setSuggestedPrompts", inAssistantThread)
		ps := c.Prompts()
		if len(ps) < 1 || len(ps) > 4 {
			t.Fatalf("%d prompts, want 1 to 4: %s", len(ps), c.Field("prompts"))
		}
		var msgs []string
		for _, p := range ps {
			msgs = append(msgs, p.Message)
		}
		for _, want := range []string{"What did Facebook say?", "What did JPMorgan Chase say?"} {
			if !slices.Contains(msgs, want) {
				t.Errorf("prompts %q lack the most quoted organization's %q", msgs, want)
			}
		}
		if c.Field("title") == "" {
			t.Errorf("the prompts have no title")
		}
		// A redelivery suggests nothing more; a change of context is
		// acknowledged and needs no reply.
		tr.event(fixture(t, "assistant_thread_started.json"), 1)
		tr.event(fixture(t, "assistant_thread_context_changed.json"), 0)
		settle(h, tr)
		if n := len(h.fake.Calls("assistant.threads.setSuggestedPrompts")); n != 1 {
			t.Errorf("%d setSuggestedPrompts calls, want 1", n)
		}
		if n := chatCalls(h); n != 0 {
			t.Errorf("%d chat calls after opening the assistant, want none", n)
		}
	})

	t.Run("question answered in the thread with a status", func(t *testing.T) {
		h.t = t
		tr.event(fixture(t, "assistant_message.json"), 0)
		answer := h.waitCall("answer in the assistant thread", "chat.postMessage", inThread(assistantChannel, assistantTS))
		settle(h, tr)
		if !strings.Contains(answer.Text(), jpmorganQuote) || !strings.Contains(answer.All(), "[001]") {
			t.Errorf("answer lacks the JPMorgan quotation or its citation:\n%s", answer.Text())
		}
		if !strings.Contains(answer.Blocks(), feedbackActionUp) {
			t.Errorf("answer has no feedback buttons")
		}
		checkBlocks(t, answer.Blocks())
		if n := len(h.callsWhere("chat.postMessage", inThread(assistantChannel, assistantTS))); n != 1 || len(h.fake.Calls("chat.update")) != 0 {
			t.Errorf("%d messages posted and %d updated, want the answer posted once and no placeholder", n, len(h.fake.Calls("chat.update")))
		}
		// The status reads "Searching the sources…" before the answer and
		// is cleared after it.
		var order []string
		for _, c := range h.fake.Calls("") {
			switch {
			case c.Method == "assistant.threads.setStatus" && inAssistantThread(c):
				order = append(order, "status:"+c.Field("status"))
			case c.Method == "chat.postMessage" && c.TS == answer.TS:
				order = append(order, "answer")
			}
		}
		if want := []string{"status:Searching the sources…", "answer", "status:"}; !slices.Equal(order, want) {
			t.Errorf("status and answer in the order %q, want %q", order, want)
		}
		titles := h.callsWhere("assistant.threads.setTitle", inAssistantThread)
		if len(titles) != 1 || titles[0].Field("title") != "What did JPMorgan Chase say?" {
			t.Errorf("thread titled %v, want once after the question", titles)
		}
	})

	t.Run("follow-up in the thread uses its context", func(t *testing.T) {
		h.t = t
		tr.event(edit(t, fixture(t, "assistant_message.json"), func(m map[string]any) {
			m["event_id"] = "Ev0ASSTMSG2"
			ev := m["event"].(map[string]any)
			ev["text"], ev["ts"], ev["event_ts"], ev["client_msg_id"] = "and Citigroup?", "1729999400.000100", "1729999400.000100", "7f3d4c5b-2e1f-4a6b-8c9d-0e1f2a3b4c5d"
		}), 0)
		up := h.waitNth(t, "follow-up answer", "chat.postMessage", 2, inThread(assistantChannel, assistantTS))
		settle(h, tr)
		if !strings.Contains(h.logs.String(), "history=1") {
			t.Errorf("the follow-up was not given the thread's earlier turn")
		}
		if !strings.Contains(up.Text(), citigroupQuote) {
			t.Errorf("follow-up answer lacks the Citigroup quotation:\n%s", up.Text())
		}
		if n := len(h.fake.Calls("assistant.threads.setTitle")); n != 1 {
			t.Errorf("thread titled %d times, want once (after the first question only)", n)
		}
		if n := len(h.callsWhere("assistant.threads.setStatus", inAssistantThread)); n != 4 {
			t.Errorf("%d setStatus calls after two questions, want 4 (set and cleared each time)", n)
		}
	})

	t.Run("a DM outside a thread is answered as before", func(t *testing.T) {
		h.t = t
		before := len(h.fake.Calls("assistant.threads.setStatus"))
		tr.event(fixture(t, "dm.json"), 0)
		ph := h.waitCall("DM placeholder", "chat.postMessage", func(c slackfake.Call) bool { return c.Field("channel") == "D0DIRECT1" })
		h.waitCall("DM answer", "chat.update", func(c slackfake.Call) bool { return c.Field("ts") == ph.TS })
		settle(h, tr)
		if n := len(h.fake.Calls("assistant.threads.setStatus")); n != before {
			t.Errorf("a top-level DM set an assistant status")
		}
	})
}

// TestAssistantRefusedFallsBack checks that a reply in a DM thread is
// still answered, under the usual placeholder, when Slack refuses the
// assistant status (an app installed without the assistant view).
func TestAssistantRefusedFallsBack(t *testing.T) {
	h := newHarness(t, nil)
	h.fake.Refuse("assistant.threads.setStatus", "missing_scope")
	tr := h.http()
	tr.event(fixture(t, "assistant_message.json"), 0)
	ph := h.waitCall("placeholder", "chat.postMessage", inThread(assistantChannel, assistantTS))
	if !strings.Contains(ph.Text(), "Looking through the sources") {
		t.Errorf("first post = %q, want the placeholder", ph.Text())
	}
	up := h.waitCall("answer", "chat.update", func(c slackfake.Call) bool { return c.Field("ts") == ph.TS })
	if !strings.Contains(up.Text(), jpmorganQuote) {
		t.Errorf("answer lacks the JPMorgan quotation:\n%s", up.Text())
	}
	h.bot.waitIdle()
	if n := len(h.fake.Calls("assistant.threads.setStatus")); n != 1 {
		t.Errorf("%d setStatus calls, want the one refused (no clearing of a status never set)", n)
	}
}
