package slackbot

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/slack-go/slack"
)

// Outer Events API payload types.
const (
	typeEventCallback   = "event_callback"
	typeURLVerification = "url_verification"
	typeAppRateLimited  = "app_rate_limited"
)

// eventCallback is the outer Events API payload, as delivered over HTTP
// and inside a Socket Mode events_api envelope. Unknown fields are ignored.
type eventCallback struct {
	Type           string                     `json:"type"`
	Challenge      string                     `json:"challenge"`
	TeamID         string                     `json:"team_id"`
	EventID        string                     `json:"event_id"`
	Authorizations []slack.EventAuthorization `json:"authorizations"`
	Event          innerEvent                 `json:"event"`
}

// innerEvent holds the fields of app_mention and message events the bot
// reads. Timestamps stay strings: "1515449522.000016" is an id, not a
// number.
type innerEvent struct {
	Type        string `json:"type"`
	Subtype     string `json:"subtype"`
	User        string `json:"user"`
	BotID       string `json:"bot_id"`
	Text        string `json:"text"`
	TS          string `json:"ts"`
	ThreadTS    string `json:"thread_ts"`
	Channel     string `json:"channel"`
	ChannelType string `json:"channel_type"`
	Hidden      bool   `json:"hidden"`
	// AssistantThread is set on the assistant_thread_* events.
	AssistantThread assistantThread `json:"assistant_thread"`
}

// parseEventCallback decodes an Events API payload.
func parseEventCallback(raw []byte) (eventCallback, error) {
	var cb eventCallback
	if err := json.Unmarshal(raw, &cb); err != nil {
		return cb, fmt.Errorf("decode events api payload: %w", err)
	}
	return cb, nil
}

// question is a message the bot will answer.
type question struct {
	eventID  string
	channel  string
	user     string
	text     string // as typed, mention removed and unescaped
	ts       string // the message's own ts
	threadTS string // the thread to answer in; "" for a top-level DM
	dm       bool
	// assistant is set for a message in a thread of a direct message,
	// which is how Slack delivers the messages of an assistant thread.
	assistant bool
}

// ignoreReason says why an event is not answered, or "" if it is.
func (b *Bot) ignoreReason(ev innerEvent) string {
	switch {
	case ev.Type != "app_mention" && ev.Type != "message":
		return "unhandled event type"
	case ev.Type == "message" && ev.ChannelType != "im":
		return "message outside a direct message"
	case ev.Subtype == "bot_message" || ev.BotID != "":
		if b.isSelfBot(ev.BotID) {
			return "own message"
		}
		return "bot message"
	case b.isSelf(ev.User):
		return "own message"
	case ev.Subtype == "message_changed" || ev.Subtype == "message_deleted":
		return "edit or deletion"
	case ev.Subtype != "" && ev.Subtype != "thread_broadcast" && ev.Subtype != "file_share":
		return "message subtype " + ev.Subtype
	case ev.Hidden:
		return "hidden message"
	case ev.User == "" || ev.Channel == "" || ev.TS == "":
		return "no user, channel or ts"
	}
	return ""
}

// handleEventCallback handles an Events API payload that has been (or is
// about to be) acknowledged. It decides at once whether to answer and, if
// so, answers in the background; it never blocks on Slack or the engine.
// retry is the redelivery attempt (0 for the first delivery).
func (b *Bot) handleEventCallback(cb eventCallback, retry int) {
	log := b.log.With("event_id", cb.EventID, "event", cb.Event.Type, "channel", cb.Event.Channel)
	if retry > 0 {
		log = log.With("retry", retry)
	}
	switch cb.Type {
	case typeEventCallback:
	case typeAppRateLimited:
		log.Warn("slack is rate limiting this app's events")
		return
	default:
		log.Debug("ignoring payload", "type", cb.Type)
		return
	}
	b.learnSelf(cb.Authorizations)
	ev := cb.Event
	if isAssistantEvent(ev.Type) {
		b.handleAssistantEvent(log, cb)
		return
	}
	if why := b.ignoreReason(ev); why != "" {
		log.Debug("ignoring event", "reason", why, "subtype", ev.Subtype)
		return
	}
	// Answer each event once, and each message once even if it arrives
	// as both an app_mention and a message.
	switch b.claimDelivery(log, cb.EventID, "msg:"+ev.Channel+":"+ev.TS, retry) {
	case lostEvent:
		log.Info("duplicate delivery; already answered or answering")
		return
	case lostMessage:
		log.Info("message already answered under another event")
		return
	}
	q := question{
		eventID: cb.EventID,
		channel: ev.Channel,
		user:    ev.User,
		text:    questionText(ev.Text, b.isSelf),
		ts:      ev.TS,
		dm:      ev.ChannelType == "im",
	}
	switch {
	case ev.ThreadTS != "":
		q.threadTS = ev.ThreadTS // the parent, never a reply's own ts
		q.assistant = q.dm
	case !q.dm:
		q.threadTS = ev.TS
	}
	log = log.With("thread", q.threadTS, "user", q.user)
	b.holdClaims(claimKeys(q))
	if !b.spawn(func(ctx context.Context) { b.answer(ctx, log, q) }) {
		b.releaseClaims(claimKeys(q))
		log.Warn("shutting down; event not answered")
	}
}
