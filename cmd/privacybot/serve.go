package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/privacybot/privacybot/bot/slackbot"
)

// Shutdown bounds: how long answers under way may take to finish after
// SIGINT or SIGTERM, and how long the HTTP server waits for its requests.
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
	addr := fs.String("http", "", "serve the HTTP Events API on `ADDR` (like :3000) instead of Socket Mode")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("serve: unexpected argument %q; see 'privacybot help'", pos[0])
	}
	getenv, err := a.dotenvGetenv()
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	app := *a
	app.Getenv = getenv
	cfg, err := loadConfig(getenv, *addr)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	log := app.logger(slog.LevelInfo)
	eng, err := app.openEngine(ctx, cf, log)
	if err != nil {
		return err
	}
	b, err := slackbot.New(eng, slackbot.Config{
		BotToken:      cfg.BotToken,
		AppToken:      cfg.AppToken,
		SigningSecret: cfg.SigningSecret,
		APIURL:        cfg.APIURL,
		RateLimit:     cfg.RateLimit,
		Logger:        log,
	})
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	if err := b.Start(ctx); err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	if cfg.HTTPAddr != "" {
		err = serveHTTP(ctx, b, cfg.HTTPAddr, log)
	} else {
		log.Info("starting in socket mode", "rate_limit", cfg.RateLimit)
		err = b.RunSocketMode(ctx)
	}
	log.Info("shutting down; finishing answers under way", "within", shutdownAnswers)
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), shutdownAnswers)
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

// serveHTTP serves the bot's HTTP handler on addr until ctx ends, then
// stops taking requests.
func serveHTTP(ctx context.Context, b *slackbot.Bot, addr string, log *slog.Logger) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", addr, err)
	}
	srv := &http.Server{Handler: b.Handler(), ReadHeaderTimeout: 10 * time.Second}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
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
