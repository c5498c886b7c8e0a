package slackbot

import (
	"context"
	"encoding/json"
	"log/slog"
	"regexp"
	"unicode/utf8"

	"github.com/slack-go/slack"

	"github.com/privacybot/privacybot/feedback"
)

// FeedbackStore keeps the 👍/👎 votes readers give answers.
// *feedback.File satisfies it; a shared database can replace it.
type FeedbackStore interface {
	// Record stores one vote; it returns once the vote is kept.
	Record(ctx context.Context, fb feedback.Feedback) error
}

var _ FeedbackStore = (*feedback.File)(nil)

// The feedback buttons under each answer.
const (
	feedbackBlockID    = "privacybot_feedback"
	feedbackActionUp   = "feedback_up"
	feedbackActionDown = "feedback_down"
	// maxFeedbackQuestion bounds the question carried in a button's value.
	maxFeedbackQuestion = 1500
	// maxButtonValue is the longest value Slack allows a button.
	maxButtonValue = 2000
)

// feedbackValue is what a feedback button carries, so a click can be
// recorded without any state kept in the process.
type feedbackValue struct {
	AnswerID string `json:"a"`
	Vote     string `json:"v"`
	Question string `json:"q"`
	Mode     string `json:"m,omitempty"`
}

// encode encodes v in at most maxButtonValue characters, shortening
// the question as far as needed (JSON escapes make some characters
// longer).
func (v feedbackValue) encode() string {
	if utf8.RuneCountInString(v.Question) > maxFeedbackQuestion {
		v.Question = v.Question[:byteOffset(v.Question, maxFeedbackQuestion)] + "…"
	}
	for {
		b, _ := json.Marshal(v)
		n := utf8.RuneCount(b)
		if n <= maxButtonValue || v.Question == "" {
			return string(b)
		}
		keep := max(0, utf8.RuneCountInString(v.Question)-(n-maxButtonValue)-1)
		v.Question = v.Question[:byteOffset(v.Question, keep)] + "…"
		if keep == 0 {
			v.Question = ""
		}
	}
}

// feedbackBlock returns the 👍/👎 buttons for an answer to question, made
// in mode.
func feedbackBlock(answerID, question, mode string) slack.Block {
	button := func(action, vote, emoji string) *slack.ButtonBlockElement {
		v := feedbackValue{AnswerID: answerID, Vote: vote, Question: question, Mode: mode}.encode()
		return slack.NewButtonBlockElement(action, v, slack.NewTextBlockObject(slack.PlainTextType, emoji, true, false))
	}
	return slack.NewActionBlock(feedbackBlockID,
		button(feedbackActionUp, "up", "👍 Helpful"),
		button(feedbackActionDown, "down", "👎 Not helpful"),
	)
}

var slackIDRe = regexp.MustCompile(`^[A-Z0-9]{2,}$`)

// mention formats a user mention, or "" when id is not a Slack user id.
func mention(id string) string {
	if !slackIDRe.MatchString(id) {
		return ""
	}
	return "<@" + id + ">"
}

// handleInteraction handles a button click that has been acknowledged:
// feedback is logged, stored in [Config.Feedback] when there is one, and
// the message updated to say it was recorded.
// Other interactions (shortcuts, other buttons) are ignored.
func (b *Bot) handleInteraction(ctx context.Context, cb slack.InteractionCallback) {
	log := b.log.With("interaction", string(cb.Type), "channel", cb.Channel.ID)
	if cb.Type != slack.InteractionTypeBlockActions {
		log.Debug("ignoring interaction")
		return
	}
	for _, a := range cb.ActionCallback.BlockActions {
		if a.ActionID != feedbackActionUp && a.ActionID != feedbackActionDown {
			log.Debug("ignoring action", "action", a.ActionID)
			continue
		}
		var v feedbackValue
		if err := json.Unmarshal([]byte(a.Value), &v); err != nil || (v.Vote != "up" && v.Vote != "down") {
			log.Warn("feedback button with an unreadable value", "action", a.ActionID)
			continue
		}
		log.Info("feedback", "answer_id", v.AnswerID, "question", v.Question, "mode", v.Mode, "user", cb.User.ID, "value", v.Vote)
		if b.cfg.Feedback != nil {
			fb := feedback.Feedback{AnswerID: v.AnswerID, Question: v.Question, Mode: v.Mode, User: cb.User.ID, Value: v.Vote, Time: b.now()}
			if err := b.cfg.Feedback.Record(ctx, fb); err != nil {
				log.Error("could not store feedback", "answer_id", v.AnswerID, "err", err)
			}
		}
		b.showFeedback(ctx, log, cb, v.Vote)
	}
}

// showFeedback replaces the feedback buttons of the clicked message with a
// note that the feedback was recorded: with chat.update for an ordinary
// message, else (or if that fails) through the response_url.
func (b *Bot) showFeedback(ctx context.Context, log *slog.Logger, cb slack.InteractionCallback, vote string) {
	emoji := "👍"
	if vote == "down" {
		emoji = "👎"
	}
	note := "Feedback recorded " + emoji
	if m := mention(cb.User.ID); m != "" {
		note += " from " + m
	}
	note += ". Thank you!"
	var blocks []slack.Block
	for _, blk := range cb.Message.Blocks.BlockSet {
		if a, ok := blk.(*slack.ActionBlock); ok && a.BlockID == feedbackBlockID {
			continue
		}
		blocks = append(blocks, blk)
	}
	blocks = append(blocks, slack.NewContextBlock("feedback_recorded", slack.NewTextBlockObject(slack.MarkdownType, note, false, false)))
	text := cb.Message.Text
	if text == "" {
		text = note
	}
	m := message{Text: text, Blocks: blocks}

	channel, ts := cb.Container.ChannelID, cb.Container.MessageTs
	if channel == "" {
		channel = cb.Channel.ID
	}
	if ts == "" {
		ts = cb.Message.Timestamp
	}
	if !cb.Container.IsEphemeral && channel != "" && ts != "" {
		if err := b.updateMessage(ctx, log, channel, ts, m); err == nil {
			return
		}
	}
	if cb.ResponseURL != "" {
		_ = b.respond(ctx, log, cb.ResponseURL, "", true, m)
	}
}
