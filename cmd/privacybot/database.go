package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"strings"
	"time"

	"github.com/privacybot/privacybot/bot/slackbot"
	"github.com/privacybot/privacybot/feedback"
	"github.com/privacybot/privacybot/ingest"
	"github.com/privacybot/privacybot/pgstate"
)

// databaseVar names the variable of the shared database's URL.
const databaseVar = "PRIVACYBOT_DATABASE_URL"

// databaseURL reads PRIVACYBOT_DATABASE_URL: "" when it is not set, an
// error of one line naming it (never quoting it: it may hold a password)
// when it is not a postgres:// URL.
func databaseURL(getenv func(string) string) (string, error) {
	v := strings.TrimSpace(getenv(databaseVar))
	if v == "" {
		return "", nil
	}
	u, err := url.Parse(v)
	if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") || (u.Host == "" && u.Query().Get("host") == "") {
		return "", errors.New(databaseVar + " is malformed: it should be a postgres:// URL, like postgres://privacybot:PASSWORD@db.example.com:5432/privacybot")
	}
	return v, nil
}

// openDatabase connects to the shared database and migrates its schema.
// Its error is one line naming PRIVACYBOT_DATABASE_URL, without the
// password.
func openDatabase(ctx context.Context, dbURL string, log *slog.Logger) (*pgstate.Store, error) {
	return openDatabaseWithin(ctx, dbURL, 30*time.Second, 0, log)
}

// openDatabaseWithin is openDatabase giving up after wait, each
// connection attempt after connect (zero means pgstate's default).
func openDatabaseWithin(ctx context.Context, dbURL string, wait, connect time.Duration, log *slog.Logger) (*pgstate.Store, error) {
	ctx, cancel := context.WithTimeout(ctx, wait)
	defer cancel()
	st, err := pgstate.Open(ctx, dbURL, pgstate.Options{ConnectTimeout: connect})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", databaseVar, err)
	}
	if log != nil {
		log.Info("shared state in postgresql", "schema_version", pgstate.SchemaVersion)
	}
	return st, nil
}

// shareState makes the bot keep its event dedupe, rate limit and thread
// memory in st, shared with the other replicas, and report st in its
// health checks.
func shareState(cfg *slackbot.Config, st *pgstate.Store) {
	cfg.Claims = st
	cfg.RateLimiter = st.Limiter(cfg.RateLimit)
	cfg.Threads = st
	cfg.Database = st
}

// readFeedback returns the votes cast since from (all when zero): from
// the shared database when PRIVACYBOT_DATABASE_URL is set, else from the
// data directory, with how many unreadable lines the file had.
func (a *App) readFeedback(ctx context.Context, cf *corpusFlags, from time.Time) ([]feedback.Feedback, int, error) {
	dbURL, err := databaseURL(a.Getenv)
	if err != nil {
		return nil, 0, usagef("feedback: %v", err)
	}
	if dbURL != "" {
		st, err := openDatabase(ctx, dbURL, nil)
		if err != nil {
			return nil, 0, fmt.Errorf("feedback: %w", err)
		}
		defer st.Close()
		votes, err := st.Feedback(ctx, from)
		if err != nil {
			return nil, 0, fmt.Errorf("feedback: %s: %w", databaseVar, err)
		}
		return votes, 0, nil
	}
	dir := a.dataDir(cf)
	if dir == "" {
		return nil, 0, usagef("feedback: no data directory; set --data DIR or PRIVACYBOT_DATA (or %s)", databaseVar)
	}
	votes, skipped, err := feedback.NewFile(dir).Read()
	if err != nil {
		return nil, 0, fmt.Errorf("feedback: %w", err)
	}
	return votes, skipped, nil
}

// cliDatabase opens the shared database for the add or remove command
// name when PRIVACYBOT_DATABASE_URL is set; nil when it is not. The
// process exits soon after, which closes it.
func (a *App) cliDatabase(ctx context.Context, name string, log *slog.Logger) (*pgstate.Store, error) {
	dbURL, err := databaseURL(a.Getenv)
	if err != nil {
		return nil, usagef("%s: %v", name, err)
	}
	if dbURL == "" {
		return nil, nil
	}
	db, err := openDatabase(ctx, dbURL, log)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return db, nil
}

// followLibrary applies to svc every article added or removed through
// any replica, from the shared database: those already there at start,
// then each as it is announced, catching up after a lost connection. It
// returns a function that stops following and waits for it.
func followLibrary(ctx context.Context, db *pgstate.Store, svc *ingest.Service, log *slog.Logger) (stop func()) {
	fctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		_ = db.Follow(fctx, 0, func(arts []pgstate.Article) error {
			for _, art := range arts {
				if err := svc.ApplyShared(fctx, art.ID, art.Body, art.Removed); err != nil {
					log.Warn("could not apply a shared article; retrying", "id", art.ID, "err", err)
					return err
				}
			}
			return nil
		})
	}()
	log.Info("following the shared library")
	return func() { cancel(); <-done }
}

// feedLeaderRetry is how often a replica that does not poll the feeds
// checks whether the one that does has gone.
const feedLeaderRetry = 10 * time.Second
