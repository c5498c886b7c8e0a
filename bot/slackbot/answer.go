package slackbot

import (
	"context"
	"errors"
	"log/slog"
	"strings"
	"time"

	"github.com/slack-go/slack"

	"github.com/privacybot/privacybot/bot"
)

// Texts the bot shows while answering and when it cannot.
const (
	placeholderText = "Looking through the sources… :mag:"
	sorryText       = "Sorry, something went wrong while I was looking through the sources. Please try again in a moment."
	// deliverTimeout bounds posting an answer once it is worked out, even
	// when the answer's own context has run out.
	deliverTimeout = 15 * time.Second
)

// answer answers a question from a mention or a direct message: a
// placeholder in the thread, the engine's answer with the thread's earlier
// turns, then the placeholder replaced with the answer.
func (b *Bot) answer(ctx context.Context, log *slog.Logger, q question) {
	defer b.finishClaims(log, claimKeys(q))
	asked, err := bot.ParseQuestion(q.text)
	if err != nil {
		b.deliver(ctx, log, q.channel, q.threadTS, "", []message{textMessage(escape(userMessage(err)))})
		return
	}
	if ok, wait := b.allow(ctx, log, q.user); !ok {
		log.Info("user rate limited", "retry_in", wait)
		_ = b.postEphemeral(ctx, log, q.channel, q.user, q.threadTS, textMessage(rateLimitText(b.rateLimit, wait)))
		return
	}
	// An assistant thread shows a status while the answer is worked out;
	// elsewhere (or if Slack refuses the status) a placeholder message
	// does, which the answer then replaces.
	status := q.assistant && b.setStatus(ctx, log, q.channel, q.threadTS, assistantStatus) == nil
	placeholder := ""
	if !status {
		if ts, err := b.postMessage(ctx, log, q.channel, q.threadTS, textMessage(placeholderText)); err == nil {
			placeholder = ts
		}
	}
	key := conversationKey(q.channel, q.threadTS)
	history, known := b.history(ctx, log, key)
	if !known && q.threadTS != "" && q.threadTS != q.ts {
		history = b.readThread(ctx, log, q)
	}
	if q.assistant && len(history) == 0 {
		b.setTitle(ctx, log, q.channel, q.threadTS, q.text)
	}
	start := time.Now()
	asked.History = history
	ans, err := b.eng.Answer(ctx, asked)
	var msgs []message
	switch {
	case errors.Is(err, bot.ErrBadQuestion):
		msgs = []message{textMessage(escape(userMessage(err)))}
	case err != nil:
		log.Error("could not answer", "err", err)
		msgs = []message{textMessage(sorryText)}
	default:
		msgs = answerMessages(ans, "", true)
		log.Info("answered", "answer_id", ans.ID, "kind", string(ans.Kind), "quotes", len(ans.Quotes()),
			"sources", len(ans.Sources), "history", len(history), "took", time.Since(start).Round(time.Millisecond))
	}
	b.deliver(ctx, log, q.channel, q.threadTS, placeholder, msgs)
	if status {
		b.clearStatus(ctx, log, q.channel, q.threadTS)
	}
	if err == nil {
		if !known {
			for _, t := range history {
				b.remember(ctx, log, key, t)
			}
		}
		b.remember(ctx, log, key, bot.Turn{Question: q.text, Answer: ans.Text})
	}
}

// deliver posts msgs in the thread, the first one replacing the
// placeholder when there is one. It runs on a context of its own, so an
// answer that took until its deadline is still posted.
func (b *Bot) deliver(ctx context.Context, log *slog.Logger, channel, threadTS, placeholder string, msgs []message) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), deliverTimeout)
	defer cancel()
	for i, m := range msgs {
		if i == 0 && placeholder != "" {
			if err := b.updateMessage(ctx, log, channel, placeholder, m); err == nil {
				continue
			}
		}
		if _, err := b.postMessage(ctx, log, channel, threadTS, m); err != nil {
			return
		}
	}
}

// readThread rebuilds a thread's earlier turns from Slack
// (conversations.replies): each question to the bot, paired with the
// bot's answer after it. Used when the thread is not in memory, for
// example after a restart. Failure just means no history.
func (b *Bot) readThread(ctx context.Context, log *slog.Logger, q question) []bot.Turn {
	var msgs []slack.Message
	err := b.call(ctx, log, "conversations.replies", func(ctx context.Context) error {
		var err error
		msgs, _, _, err = b.api.GetConversationRepliesContext(ctx, &slack.GetConversationRepliesParameters{
			ChannelID: q.channel, Timestamp: q.threadTS, Limit: 200,
		})
		return err
	})
	if err != nil {
		return nil
	}
	var turns []bot.Turn
	pending := ""
	for _, m := range msgs {
		switch {
		case m.Timestamp == q.ts:
			continue
		case b.isSelf(m.User) || b.isSelfBot(m.BotID):
			if pending != "" && !strings.HasPrefix(m.Text, "Looking through the sources") {
				turns = append(turns, bot.Turn{Question: pending, Answer: unescape(m.Text)})
				pending = ""
			}
		case m.BotID != "" || (m.SubType != "" && m.SubType != "thread_broadcast"):
			continue
		case q.dm || mentionsSelf(m.Text, b.isSelf):
			pending = questionText(m.Text, b.isSelf)
		}
	}
	if len(turns) > maxTurns {
		turns = turns[len(turns)-maxTurns:]
	}
	return turns
}

// mentionsSelf reports whether text mentions the bot.
func mentionsSelf(text string, isSelf func(string) bool) bool {
	for _, m := range userMentionRe.FindAllStringSubmatch(text, -1) {
		if isSelf(m[1]) {
			return true
		}
	}
	return false
}

// userMessage is the part of a bad-question error meant for the user.
func userMessage(err error) string {
	msg := err.Error()
	if i := strings.Index(msg, bot.ErrBadQuestion.Error()+": "); i >= 0 {
		return msg[i+len(bot.ErrBadQuestion.Error())+2:]
	}
	return msg
}
