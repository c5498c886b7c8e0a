package slackbot

import (
	"context"
	"fmt"
	"log/slog"
	"net/url"

	"github.com/slack-go/slack"
)

// Response types for slash command and response_url replies.
const (
	responseEphemeral = "ephemeral"
	responseInChannel = "in_channel"
)

// respond posts m to a response_url (from a slash command or a button
// click): visible to the user alone (ephemeral) or to the channel
// (in_channel). replace makes it replace the message the button was on.
// A rate limit is retried like any Web API call.
func (b *Bot) respond(ctx context.Context, log *slog.Logger, responseURL, responseType string, replace bool, m message) error {
	u, err := url.Parse(responseURL)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		log.Error("unusable response_url")
		return fmt.Errorf("response_url: not an http(s) URL")
	}
	no := false
	wm := &slack.WebhookMessage{
		Text:            m.Text,
		ResponseType:    responseType,
		ReplaceOriginal: replace,
		UnfurlLinks:     &no,
		UnfurlMedia:     &no,
	}
	if len(m.Blocks) > 0 {
		wm.Blocks = &slack.Blocks{BlockSet: m.Blocks}
	}
	return b.call(ctx, log, "response_url", func(ctx context.Context) error {
		return slack.PostWebhookCustomHTTPContext(ctx, responseURL, b.httpClient, wm)
	})
}
