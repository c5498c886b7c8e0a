package slackbot

import (
	"context"
	"encoding/json"
	"log/slog"
	"regexp"
	"unicode/utf8"

	"github.com/slack-go/slack"
)

// The feedback buttons under each answer.
const (
	feedbackBlockID    = "privacybot_feedback"
	feedbackActionUp   = "feedback_up"
	feedbackActionDown = "feedback_down"
	// maxFeedbackQuestion bounds the question carried in a button's value
	// (Slack allows 2,000 characters per value).
	maxFeedbackQuestion = 1500
)

// feedbackValue is what a feedback button carries, so a click can be
// logged without any state kept in the process.
type feedbackValue struct {
	AnswerID string `json:"a"`
	Vote     string `json:"v"`
	Question string `json:"q"`
}

// feedbackBlock returns the 👍/👎 buttons for an answer.
func feedbackBlock(answerID, question string) slack.Block {
	if utf8.RuneCountInString(question) > maxFeedbackQuestion {
		question = question[:byteOffset(question, maxFeedbackQuestion)] + "…"
	}
	button := func(action, vote, emoji string) *slack.ButtonBlockElement {
		v, _ := json.Marshal(feedbackValue{AnswerID: answerID, Vote: vote, Question: question})
		return slack.NewButtonBlockElement(action, string(v), slack.NewTextBlockObject(slack.PlainTextType, emoji, true, false))
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
// feedback is logged and the message updated to say it was recorded.
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
		log.Info("feedback", "answer_id", v.AnswerID, "question", v.Question, "user", cb.User.ID, "value", v.Vote)
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
