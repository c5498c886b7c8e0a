package slackbot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/slack-go/slack"
)

// webAPI is the part of the Slack Web API the bot calls. *slack.Client
// satisfies it.
type webAPI interface {
	AuthTestContext(ctx context.Context) (*slack.AuthTestResponse, error)
	PostMessageContext(ctx context.Context, channelID string, options ...slack.MsgOption) (string, string, error)
	UpdateMessageContext(ctx context.Context, channelID, timestamp string, options ...slack.MsgOption) (string, string, string, error)
	PostEphemeralContext(ctx context.Context, channelID, userID string, options ...slack.MsgOption) (string, error)
	GetConversationRepliesContext(ctx context.Context, params *slack.GetConversationRepliesParameters) ([]slack.Message, bool, string, error)
	SetAssistantThreadsSuggestedPromptsContext(ctx context.Context, params slack.AssistantThreadsSetSuggestedPromptsParameters) error
	SetAssistantThreadsStatusContext(ctx context.Context, params slack.AssistantThreadsSetStatusParameters) error
	SetAssistantThreadsTitleContext(ctx context.Context, params slack.AssistantThreadsSetTitleParameters) error
}

var _ webAPI = (*slack.Client)(nil)

// Retry limits for rate-limited (HTTP 429) Web API calls.
const (
	// defaultMaxRetries is how many times a rate-limited call is retried.
	defaultMaxRetries = 3
	// maxRetryWait caps how long one Retry-After is honoured.
	maxRetryWait = 60 * time.Second
	// fallbackRetryWait is the wait when a 429 carries no Retry-After.
	fallbackRetryWait = 2 * time.Second
	// minRetryWait keeps "Retry-After: 0" from becoming a hot loop.
	minRetryWait = 250 * time.Millisecond
)

// retryAfter reports whether err is a rate limit, and how long to wait.
func retryAfter(err error) (time.Duration, bool) {
	var rl *slack.RateLimitedError
	if errors.As(err, &rl) {
		return min(max(rl.RetryAfter, minRetryWait), maxRetryWait), true
	}
	var sc slack.StatusCodeError
	if errors.As(err, &sc) && sc.Code == http.StatusTooManyRequests {
		return fallbackRetryWait, true
	}
	return 0, false
}

// call runs one Web API call, retrying it after the wait Slack asks for
// when it is rate limited, at most b.maxRetries times. Failures are logged
// with the method name and Slack's error code ({"ok":false,"error":...}),
// and returned wrapped; they are never fatal to the process.
func (b *Bot) call(ctx context.Context, log *slog.Logger, method string, f func(context.Context) error) error {
	for attempt := 0; ; attempt++ {
		err := f(ctx)
		if err == nil {
			return nil
		}
		wait, limited := retryAfter(err)
		if limited && attempt < b.maxRetries {
			log.Warn("slack rate limited; retrying", "method", method, "retry_after", wait, "attempt", attempt+1)
			t := time.NewTimer(wait)
			select {
			case <-ctx.Done():
				t.Stop()
				return fmt.Errorf("%s: %w", method, ctx.Err())
			case <-t.C:
			}
			continue
		}
		var se slack.SlackErrorResponse
		if errors.As(err, &se) {
			log.Error("slack api error", "method", method, "error", se.Err, "needed", se.Needed)
		} else {
			log.Error("slack api call failed", "method", method, "err", err)
		}
		return fmt.Errorf("%s: %w", method, err)
	}
}

// postMessage posts to a channel, in thread threadTS when it is not empty,
// and returns the new message's ts.
func (b *Bot) postMessage(ctx context.Context, log *slog.Logger, channel, threadTS string, m message) (string, error) {
	var ts string
	opts := append(m.options(), slack.MsgOptionTS(threadTS))
	if threadTS == "" {
		opts = m.options()
	}
	err := b.call(ctx, log, "chat.postMessage", func(ctx context.Context) error {
		var err error
		_, ts, err = b.api.PostMessageContext(ctx, channel, opts...)
		return err
	})
	return ts, err
}

// updateMessage replaces message ts in channel.
func (b *Bot) updateMessage(ctx context.Context, log *slog.Logger, channel, ts string, m message) error {
	return b.call(ctx, log, "chat.update", func(ctx context.Context) error {
		_, _, _, err := b.api.UpdateMessageContext(ctx, channel, ts, m.options()...)
		return err
	})
}

// postEphemeral shows m to user only, in thread threadTS when it is not
// empty.
func (b *Bot) postEphemeral(ctx context.Context, log *slog.Logger, channel, user, threadTS string, m message) error {
	opts := m.options()
	if threadTS != "" {
		opts = append(opts, slack.MsgOptionTS(threadTS))
	}
	return b.call(ctx, log, "chat.postEphemeral", func(ctx context.Context) error {
		_, err := b.api.PostEphemeralContext(ctx, channel, user, opts...)
		return err
	})
}
