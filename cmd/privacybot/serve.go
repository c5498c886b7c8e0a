package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"sync/atomic"
	"time"

	"github.com/privacybot/privacybot/bot"
	"github.com/privacybot/privacybot/bot/slackbot"
	"github.com/privacybot/privacybot/feedback"
	"github.com/privacybot/privacybot/ingest"
	"github.com/privacybot/privacybot/pgstate"
	"github.com/privacybot/privacybot/retrieval"
)

// Shutdown bounds: how long answers under way may take to finish after
// SIGINT or SIGTERM (counted from the signal), and how long, within that,
// the HTTP server waits for its requests.
const (
	shutdownAnswers = 30 * time.Second
	shutdownHTTP    = 10 * time.Second
)

// runServe runs the Slack bot: privacybot serve [--http ADDR]. Without
// --http it connects over Socket Mode; with it, it serves the HTTP Events
// API on ADDR. It runs until ctx ends (SIGINT or SIGTERM), then stops
// taking events and lets the answers under way finish.
func (a *App) runServe(ctx context.Context, args []string) error {
	fs, cf := a.newFlagSet("serve")
	addr := fs.String("http", "", "serve the HTTP Events API on `ADDR`, like :3000 (default: Socket Mode, which needs no public address)")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("serve: unexpected argument %q; see 'privacybot help'", pos[0])
	}
	// Run has put the .env file beneath the environment (App.prepare).
	app, getenv := *a, a.Getenv
	cfg, err := loadConfig(getenv, *addr)
	if err != nil {
		// A missing or malformed variable is a usage error: exit code 2.
		return usagef("serve: %v", err)
	}
	// Check the ingest variables too before the slow start-up.
	if _, err := ingest.ConfigFromEnv(getenv); err != nil {
		return usagef("serve: %v", err)
	}
	log := app.logger(slog.LevelInfo)
	var db *pgstate.Store
	if cfg.DatabaseURL != "" {
		// A database that refuses stops serve before the slow start-up.
		if db, err = openDatabase(ctx, cfg.DatabaseURL, log); err != nil {
			return fmt.Errorf("serve: %w", err)
		}
		defer db.Close()
	}
	// The drain is counted from the signal, so that the HTTP server's own
	// shutdown comes out of it, and main's watchdog (stopGrace) holds.
	var stoppedAt atomic.Int64
	stopWatch := context.AfterFunc(ctx, func() { stoppedAt.Store(time.Now().UnixNano()) })
	defer stopWatch()
	lib, err := app.openLibrary(ctx, cf, log)
	if err != nil {
		return err
	}
	defer lib.Close()
	in, err := app.serveIngest(ctx, cf, lib, db, log)
	if err != nil {
		return err
	}
	opts, err := app.llmOptions(log)
	if err != nil {
		return err
	}
	eng := bot.New(lib, append(opts, bot.WithLogger(log))...)
	// The word statistics take seconds on a large corpus: build them while
	// the bot connects, not on the first question. serve returns only once
	// they are built, so nothing writes their cache into the data directory
	// after it has stopped.
	warmed := make(chan struct{})
	go func() {
		defer close(warmed)
		eng.Warm()
	}()
	defer func() { <-warmed }()
	bcfg := slackbot.Config{
		BotToken:      cfg.BotToken,
		AppToken:      cfg.AppToken,
		SigningSecret: cfg.SigningSecret,
		APIURL:        cfg.APIURL,
		RateLimit:     cfg.RateLimit,
		ClaimLease:    cfg.ClaimLease,
		Logger:        log,
	}
	if in != nil {
		bcfg.Ingest = in.Service
		bcfg.Admins = cfg.Admins
	}
	if dir := app.dataDir(cf); dir != "" {
		bcfg.Feedback = feedback.NewFile(dir)
	}
	if db != nil {
		shareState(&bcfg, db)
		bcfg.Feedback = db
	}
	b, err := slackbot.New(eng, bcfg)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	if err := b.Start(ctx); err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	if db != nil && in != nil {
		// Articles added to the data directory before the database was
		// configured join the shared library.
		if _, err := syncShared(ctx, db, in.Service, true, log); err != nil {
			log.Warn("could not bring the data directory in line with the shared library; following it anyway", "err", err)
		}
		defer followLibrary(ctx, db, in.Service, log)()
	}
	if in != nil && in.Poller != nil {
		pctx, stopPoll := context.WithCancel(ctx)
		polled := make(chan struct{})
		go func() {
			defer close(polled)
			if db != nil {
				// One replica at a time polls; another takes over when it dies.
				db.Lead(pctx, "feeds", feedLeaderRetry, func(ctx context.Context) {
					log.Info("this replica polls the feeds")
					_ = in.Poller.Run(ctx)
				})
				return
			}
			_ = in.Poller.Run(pctx)
		}()
		log.Info("polling feeds", "feeds", len(in.Config.Feeds), "interval", in.Config.FeedInterval)
		// Stop polling before returning, and let an add under way finish
		// or be undone, so the data directory is left consistent.
		defer func() {
			stopPoll()
			<-polled
		}()
	}
	if cfg.HTTPAddr != "" {
		err = serveHTTP(ctx, b, cfg.HTTPAddr, log)
	} else {
		log.Info("starting in socket mode", "rate_limit", cfg.RateLimit)
		err = b.RunSocketMode(ctx)
	}
	log.Info("shutting down; finishing answers under way", "within", shutdownAnswers)
	from := time.Now()
	if ns := stoppedAt.Load(); ns != 0 {
		from = time.Unix(0, ns)
	}
	sctx, cancel := context.WithDeadline(context.WithoutCancel(ctx), from.Add(shutdownAnswers))
	defer cancel()
	if serr := b.Shutdown(sctx); serr != nil {
		log.Warn("shutdown", "err", serr)
	}
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	log.Info("stopped")
	return nil
}

// serveIngest returns what serve needs to add and remove articles (for
// /privacy add and remove and the feeds), or nil when there is no data
// directory to keep them in and no feeds are configured; the bot then
// answers from its corpus alone.
func (a *App) serveIngest(ctx context.Context, cf *corpusFlags, lib *retrieval.Library, db *pgstate.Store, log *slog.Logger) (*ingestSetup, error) {
	if a.dataDir(cf) == "" {
		c, err := ingest.ConfigFromEnv(a.Getenv)
		if err != nil {
			return nil, usagef("serve: %v", err)
		}
		if len(c.Feeds) > 0 {
			return nil, usagef("serve: PRIVACYBOT_FEEDS needs a data directory to keep the articles in: set --data DIR or PRIVACYBOT_DATA")
		}
		log.Warn("no data directory: /privacy add and remove are off")
		return nil, nil
	}
	in, err := a.openIngest(ctx, cf, lib, db, log)
	if err != nil {
		var ue usageError
		if errors.As(err, &ue) {
			return nil, usagef("serve: %s", ue.msg)
		}
		return nil, fmt.Errorf("serve: %w", err)
	}
	return in, nil
}

// serveHTTP serves the bot's HTTP handler on addr until ctx ends, then
// stops taking requests. The server's timeouts and connection cap are in
// httpserver.go.
func serveHTTP(ctx context.Context, b *slackbot.Bot, addr string, log *slog.Logger) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", addr, err)
	}
	srv := newHTTPServer(b.Handler())
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(limitConns(ln)) }()
	log.Info("serving the slack events api over http", "addr", ln.Addr().String(),
		"events", slackbot.PathEvents, "commands", slackbot.PathCommands, "interactive", slackbot.PathInteractive)
	select {
	case err := <-errc:
		return fmt.Errorf("http server: %w", err)
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), shutdownHTTP)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("http server shutdown: %w", err)
	}
	return nil
}
