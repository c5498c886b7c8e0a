package slackbot

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"time"

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

// Limits on a request to the Slack endpoints. Slack sends bodies of a few
// kilobytes in one go and gives up on an answer after 3 seconds, so a
// client that declares a large body, or sends its body slowly, is not
// Slack and is cut off.
const (
	// maxBodyBytes bounds a request body; Slack's payloads are far smaller.
	// A larger Content-Length is refused before the body is read.
	maxBodyBytes = 1 << 20
	// bodyReadTimeout bounds reading a request's body, from when its
	// headers have been read.
	bodyReadTimeout = 5 * time.Second
)

// Handler returns the handler for HTTP mode (the Events API): events on
// [PathEvents], the slash command on [PathCommands], button clicks on
// [PathInteractive], and health checks on [PathHealth] and [PathReady] (see
// health.go). Every Slack
// request's signature is verified with [Config.SigningSecret] before its
// body is parsed; an unsigned, wrongly signed or stale request gets 401.
// Each is answered within Slack's 3 seconds; the work continues in the
// background.
func (b *Bot) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET "+PathHealth, b.serveHealth)
	mux.HandleFunc("GET "+PathReady, b.serveReady)
	mux.Handle("POST "+PathEvents, b.verified(b.serveEvents))
	mux.Handle("POST "+PathCommands, b.verified(b.serveCommand))
	mux.Handle("POST "+PathInteractive, b.verified(b.serveInteractive))
	return mux
}

// verified reads the raw body and checks its signature before passing it
// on. A request without fresh, well-formed signing headers, or declaring a
// body over [maxBodyBytes], is refused before its body is read; the body
// must arrive within [bodyReadTimeout], and is hashed as it is read. A
// refused request's connection is closed, so a client cannot hold it open
// by sending the rest of its body slowly.
func (b *Bot) verified(next func(w http.ResponseWriter, r *http.Request, body []byte)) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.ContentLength > maxBodyBytes {
			refuse(w, "request body too large", http.StatusRequestEntityTooLarge)
			return
		}
		// The headers alone show a missing, malformed or stale signature;
		// only whether the signature matches needs the body.
		sv, err := newVerifier(b.cfg.SigningSecret, r.Header, b.now())
		if err != nil {
			b.unsigned(w, r, err)
			return
		}
		// The server's own deadlines also apply; this one holds whatever
		// server the handler runs in. A ResponseWriter without a
		// connection (a test's recorder) has no deadline to set.
		if err := http.NewResponseController(w).SetReadDeadline(time.Now().Add(bodyReadTimeout)); err != nil && !errors.Is(err, http.ErrNotSupported) {
			b.log.Warn("could not set the request body deadline", "err", err)
		}
		body, err := io.ReadAll(io.TeeReader(http.MaxBytesReader(w, r.Body, maxBodyBytes), sv))
		if err != nil {
			var tooBig *http.MaxBytesError
			var ne net.Error
			switch {
			case errors.As(err, &tooBig):
				refuse(w, "request body too large", http.StatusRequestEntityTooLarge)
			case errors.As(err, &ne) && ne.Timeout():
				b.log.Warn("refused a request whose body came too slowly", "path", r.URL.Path, "within", bodyReadTimeout, "remote", r.RemoteAddr)
				refuse(w, "request body too slow", http.StatusRequestTimeout)
			default:
				refuse(w, "could not read request body", http.StatusBadRequest)
			}
			return
		}
		if err := ensure(sv); err != nil {
			b.unsigned(w, r, err)
			return
		}
		next(w, r, body)
	})
}

// unsigned refuses a request that Slack did not sign.
func (b *Bot) unsigned(w http.ResponseWriter, r *http.Request, err error) {
	b.log.Warn("refused a request that Slack did not sign", "path", r.URL.Path, "reason", err.Error(), "remote", r.RemoteAddr)
	refuse(w, "invalid request signature", http.StatusUnauthorized)
}

// refuse answers code and closes the connection after the answer, rather
// than reading the rest of an unwanted body to keep it alive: the server
// would otherwise read up to 256 KB of it, as slowly as the client sends.
func refuse(w http.ResponseWriter, msg string, code int) {
	w.Header().Set("Connection", "close")
	_ = http.NewResponseController(w).SetReadDeadline(time.Now())
	http.Error(w, msg, code)
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
	// Acknowledge at once, as over Socket Mode: claiming the event (a
	// round trip to the shared database with several replicas) happens
	// after, and decides who answers. In a burst, that work waits for the
	// burst to be acknowledged (see ackfirst.go).
	burst := b.acks.acked()
	if !b.track(func() {
		if burst {
			b.acks.waitQuiet(func() bool { return !b.accepting() })
		}
		b.handleEventCallback(cb, retry)
	}) {
		http.Error(w, "shutting down", http.StatusServiceUnavailable)
		return
	}
	w.WriteHeader(http.StatusOK)
}

// serveCommand handles a slash command; the reply, if any, is in the
// response body.
func (b *Bot) serveCommand(w http.ResponseWriter, r *http.Request, body []byte) {
	cmd, sslCheck, err := parseCommand(r.Context(), body)
	if err != nil {
		writeJSON(w, ephemeralReply(textMessage("Sorry, I could not read that command. Please try again.")))
		return
	}
	if sslCheck {
		w.WriteHeader(http.StatusOK)
		return
	}
	reply := b.handleCommand(cmd)
	if reply == nil {
		w.WriteHeader(http.StatusOK)
		return
	}
	writeJSON(w, reply)
}

// parseCommand reads a slash command from its verified form body with
// slack-go's [slack.SlashCommandParse], and reports whether it is Slack's
// SSL check rather than a command. The body (already read, to check its
// signature) is parsed from a request rebuilt over it: as a form whatever
// Content-Type the client declared, since the command endpoint receives
// nothing else, and without the URL's query, which Slack does not use.
func parseCommand(ctx context.Context, body []byte) (cmd slack.SlashCommand, sslCheck bool, err error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, PathCommands, bytes.NewReader(body))
	if err != nil {
		return slack.SlashCommand{}, false, fmt.Errorf("parse slash command: %w", err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if cmd, err = slack.SlashCommandParse(req); err != nil {
		return slack.SlashCommand{}, false, fmt.Errorf("parse slash command: %w", err)
	}
	return cmd, req.PostForm.Get("ssl_check") == "1", nil
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
