package slackbot

import (
	"context"
	"io"
	"net/http"
	"time"
)

// PathReady answers GET with 200 when the bot can do all its work, and
// 503 when the shared database ([Config.Database]) does not answer, so
// that a load balancer sends Slack's requests to replicas that reach it.
const PathReady = "/readyz"

// Pinger reports whether a shared store answers; *pgstate.Store is one.
type Pinger interface {
	// Ping returns nil when the store answers.
	Ping(ctx context.Context) error
}

// pingTimeout bounds the database check of a health request.
const pingTimeout = 2 * time.Second

// databaseState returns "" when there is no shared database, else "ok"
// or "unavailable".
func (b *Bot) databaseState(ctx context.Context) string {
	if b.cfg.Database == nil {
		return ""
	}
	ctx, cancel := context.WithTimeout(ctx, pingTimeout)
	defer cancel()
	if err := b.cfg.Database.Ping(ctx); err != nil {
		b.log.Warn("database unavailable", "err", err)
		return "unavailable"
	}
	return "ok"
}

// serveHealth answers [PathHealth]: 200 while the process runs (it still
// answers from its index when the database is down), with the database's
// state on a second line when there is one.
func (b *Bot) serveHealth(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	body := "ok\n"
	if st := b.databaseState(r.Context()); st != "" {
		body += "database: " + st + "\n"
	}
	_, _ = io.WriteString(w, body)
}

// serveReady answers [PathReady].
func (b *Bot) serveReady(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	st := b.databaseState(r.Context())
	if st == "unavailable" {
		w.WriteHeader(http.StatusServiceUnavailable)
		_, _ = io.WriteString(w, "not ready\ndatabase: unavailable\n")
		return
	}
	body := "ready\n"
	if st != "" {
		body += "database: " + st + "\n"
	}
	_, _ = io.WriteString(w, body)
}
