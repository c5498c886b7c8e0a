package slackbot

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strconv"

	"github.com/slack-go/slack"
)

// HTTP mode paths.
const (
	// PathEvents receives Events API deliveries (the Event Subscriptions
	// Request URL).
	PathEvents = "/slack/events"
	// PathCommands receives the /privacy command (its Request URL).
	PathCommands = "/slack/commands"
	// PathInteractive receives button clicks (the Interactivity Request
	// URL).
	PathInteractive = "/slack/interactive"
	// PathHealth answers GET with 200 "ok", for load balancers.
	PathHealth = "/healthz"
)

// maxBodyBytes bounds a request body; Slack's payloads are far smaller.
const maxBodyBytes = 1 << 20

// Handler returns the handler for HTTP mode (the Events API): events on
// [PathEvents], the slash command on [PathCommands], button clicks on
// [PathInteractive], and a health check on [PathHealth]. Every Slack
// request's signature is verified with [Config.SigningSecret] before its
// body is parsed; an unsigned, wrongly signed or stale request gets 401.
// Each is answered within Slack's 3 seconds; the work continues in the
// background.
func (b *Bot) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET "+PathHealth, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		_, _ = io.WriteString(w, "ok\n")
	})
	mux.Handle("POST "+PathEvents, b.verified(b.serveEvents))
	mux.Handle("POST "+PathCommands, b.verified(b.serveCommand))
	mux.Handle("POST "+PathInteractive, b.verified(b.serveInteractive))
	return mux
}

// verified reads the raw body and checks its signature before passing it
// on.
func (b *Bot) verified(next func(w http.ResponseWriter, r *http.Request, body []byte)) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBodyBytes))
		if err != nil {
			var tooBig *http.MaxBytesError
			if errors.As(err, &tooBig) {
				http.Error(w, "request body too large", http.StatusRequestEntityTooLarge)
				return
			}
			http.Error(w, "could not read request body", http.StatusBadRequest)
			return
		}
		if err := VerifySignature(b.cfg.SigningSecret, r.Header, body, b.now()); err != nil {
			b.log.Warn("refused a request that Slack did not sign", "path", r.URL.Path, "reason", err.Error(), "remote", r.RemoteAddr)
			http.Error(w, "invalid request signature", http.StatusUnauthorized)
			return
		}
		next(w, r, body)
	})
}

// serveEvents handles an Events API delivery.
func (b *Bot) serveEvents(w http.ResponseWriter, r *http.Request, body []byte) {
	cb, err := parseEventCallback(body)
	if err != nil {
		b.log.Warn("unreadable event", "err", err)
		w.WriteHeader(http.StatusOK)
		return
	}
	if cb.Type == typeURLVerification {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		_, _ = io.WriteString(w, cb.Challenge)
		return
	}
	if !b.accepting() {
		// Not acknowledged, so Slack delivers it again later.
		http.Error(w, "shutting down", http.StatusServiceUnavailable)
		return
	}
	retry, _ := strconv.Atoi(r.Header.Get("X-Slack-Retry-Num"))
	b.handleEventCallback(cb, retry)
	w.WriteHeader(http.StatusOK)
}

// serveCommand handles a slash command; the reply, if any, is in the
// response body.
func (b *Bot) serveCommand(w http.ResponseWriter, r *http.Request, body []byte) {
	v, err := url.ParseQuery(string(body))
	if err != nil {
		writeJSON(w, ephemeralReply(textMessage("Sorry, I could not read that command. Please try again.")))
		return
	}
	if v.Get("ssl_check") == "1" {
		w.WriteHeader(http.StatusOK)
		return
	}
	cmd := slack.SlashCommand{
		Token: v.Get("token"), TeamID: v.Get("team_id"), TeamDomain: v.Get("team_domain"),
		EnterpriseID: v.Get("enterprise_id"), EnterpriseName: v.Get("enterprise_name"),
		ChannelID: v.Get("channel_id"), ChannelName: v.Get("channel_name"),
		UserID: v.Get("user_id"), UserName: v.Get("user_name"),
		Command: v.Get("command"), Text: v.Get("text"),
		ResponseURL: v.Get("response_url"), TriggerID: v.Get("trigger_id"), APIAppID: v.Get("api_app_id"),
	}
	reply := b.handleCommand(cmd)
	if reply == nil {
		w.WriteHeader(http.StatusOK)
		return
	}
	writeJSON(w, reply)
}

// serveInteractive handles a button click: acknowledged at once, handled
// in the background.
func (b *Bot) serveInteractive(w http.ResponseWriter, r *http.Request, body []byte) {
	v, err := url.ParseQuery(string(body))
	var cb slack.InteractionCallback
	if err == nil {
		err = json.Unmarshal([]byte(v.Get("payload")), &cb)
	}
	if err != nil {
		b.log.Warn("unreadable interaction payload", "err", err)
		w.WriteHeader(http.StatusOK)
		return
	}
	w.WriteHeader(http.StatusOK)
	b.spawn(func(ctx context.Context) { b.handleInteraction(ctx, cb) })
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	if err := json.NewEncoder(w).Encode(v); err != nil {
		// Headers are sent; nothing more can be done for this request.
		return
	}
}
