package slackbot

import (
	"context"
	"log/slog"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/slack-go/slack"

	"github.com/privacybot/privacybot/bot"
)

// Slack's AI-app surface: the split-view assistant thread. When a user
// opens it, Slack sends assistant_thread_started and the bot offers
// suggested prompts; the user's messages in it arrive as message events
// in the direct-message channel (channel_type "im") with the thread's
// thread_ts, and are answered like any direct message, with a status
// while the answer is worked out and the thread titled after its first
// question.

// The assistant events the bot subscribes to.
const (
	// EventAssistantThreadStarted is sent when a user opens the assistant.
	EventAssistantThreadStarted = "assistant_thread_started"
	// EventAssistantThreadContextChanged is sent when the user, with the
	// assistant open, moves to another channel.
	EventAssistantThreadContextChanged = "assistant_thread_context_changed"
)

// Texts and limits of the assistant view.
const (
	// assistantStatus is shown under the thread while an answer is worked
	// out.
	assistantStatus = "Searching the sources…"
	// assistantPromptsTitle heads the suggested prompts.
	assistantPromptsTitle = "Ask about privacy news in the sources, for example:"
	// maxSuggestedPrompts is the most prompts Slack shows.
	maxSuggestedPrompts = 4
	// maxThreadTitle bounds a thread's title, in characters.
	maxThreadTitle = 80
	// statusClearTimeout bounds clearing the status after an answer.
	statusClearTimeout = 5 * time.Second
)

// Suggester offers questions the engine answers well from its library as
// it is now. *bot.Engine satisfies it; for an [Engine] that does not, the
// assistant offers [DefaultPrompts].
type Suggester interface {
	Suggestions(n int) []bot.Suggestion
}

var _ Suggester = (*bot.Engine)(nil)

// DefaultPrompts are offered when the engine suggests nothing.
var DefaultPrompts = []bot.Suggestion{{Title: "Which sources do you have?", Question: "Which sources do you have?"}}

// assistantThread is the assistant_thread object of the assistant events.
type assistantThread struct {
	UserID    string `json:"user_id"`
	ChannelID string `json:"channel_id"`
	ThreadTS  string `json:"thread_ts"`
	Context   struct {
		ChannelID    string `json:"channel_id"`
		TeamID       string `json:"team_id"`
		EnterpriseID string `json:"enterprise_id"`
	} `json:"context"`
}

// isAssistantEvent reports whether an inner event type is one of the
// assistant's own events.
func isAssistantEvent(typ string) bool {
	return typ == EventAssistantThreadStarted || typ == EventAssistantThreadContextChanged
}

// handleAssistantEvent handles assistant_thread_started (suggested prompts
// are posted in the background) and assistant_thread_context_changed
// (logged: answers come from the sources, whatever channel is open).
func (b *Bot) handleAssistantEvent(log *slog.Logger, cb eventCallback) {
	at := cb.Event.AssistantThread
	if at.ChannelID == "" || at.ThreadTS == "" {
		log.Warn("assistant event without a thread")
		return
	}
	log = log.With("channel", at.ChannelID, "thread", at.ThreadTS, "user", at.UserID)
	switch cb.Event.Type {
	case EventAssistantThreadStarted:
		if cb.EventID != "" && !b.claim(log, "event:"+cb.EventID) {
			log.Info("duplicate delivery; prompts already suggested")
			return
		}
		log.Info("assistant thread started")
		if !b.spawn(func(ctx context.Context) { b.suggestPrompts(ctx, log, at) }) {
			log.Warn("shutting down; no prompts suggested")
		}
	case EventAssistantThreadContextChanged:
		log.Debug("assistant thread context changed", "context_channel", at.Context.ChannelID)
	}
}

// suggestPrompts offers up to four questions drawn from the library in a
// new assistant thread.
func (b *Bot) suggestPrompts(ctx context.Context, log *slog.Logger, at assistantThread) {
	var ss []bot.Suggestion
	if s, ok := b.eng.(Suggester); ok {
		ss = s.Suggestions(maxSuggestedPrompts)
	}
	if len(ss) == 0 {
		ss = DefaultPrompts
	}
	params := slack.AssistantThreadsSetSuggestedPromptsParameters{
		Title: assistantPromptsTitle, ChannelID: at.ChannelID, ThreadTS: at.ThreadTS,
	}
	for _, s := range ss[:min(len(ss), maxSuggestedPrompts)] {
		params.AddPrompt(s.Title, s.Question)
	}
	_ = b.call(ctx, log, "assistant.threads.setSuggestedPrompts", func(ctx context.Context) error {
		return b.api.SetAssistantThreadsSuggestedPromptsContext(ctx, params)
	})
}

// setStatus shows status under an assistant thread; "" clears it.
func (b *Bot) setStatus(ctx context.Context, log *slog.Logger, channel, threadTS, status string) error {
	return b.call(ctx, log, "assistant.threads.setStatus", func(ctx context.Context) error {
		return b.api.SetAssistantThreadsStatusContext(ctx, slack.AssistantThreadsSetStatusParameters{
			ChannelID: channel, ThreadTS: threadTS, Status: status,
		})
	})
}

// clearStatus clears an assistant thread's status, even when the
// answer's context has ended.
func (b *Bot) clearStatus(ctx context.Context, log *slog.Logger, channel, threadTS string) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), statusClearTimeout)
	defer cancel()
	_ = b.setStatus(ctx, log, channel, threadTS, "")
}

// setTitle titles an assistant thread after its first question.
func (b *Bot) setTitle(ctx context.Context, log *slog.Logger, channel, threadTS, question string) {
	_ = b.call(ctx, log, "assistant.threads.setTitle", func(ctx context.Context) error {
		return b.api.SetAssistantThreadsTitleContext(ctx, slack.AssistantThreadsSetTitleParameters{
			ChannelID: channel, ThreadTS: threadTS, Title: threadTitle(question),
		})
	})
}

// threadTitle is a question cut to a thread title's length.
func threadTitle(q string) string {
	q = strings.Join(strings.Fields(q), " ")
	if utf8.RuneCountInString(q) <= maxThreadTitle {
		return q
	}
	return strings.TrimSpace(q[:byteOffset(q, maxThreadTitle-1)]) + "…"
}
