package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"

	"github.com/privacybot/privacybot/bot"
	"github.com/privacybot/privacybot/corpus"
)

// runSource shows one source: privacybot source [--json] ID.
func (a *App) runSource(ctx context.Context, args []string) error {
	fs, cf := a.newFlagSet("source")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("source: give one source id, e.g. privacybot source 001")
	}
	log := a.logger(slog.LevelWarn)
	eng, lib, err := a.openEngine(ctx, cf, log)
	if err != nil {
		return err
	}
	defer lib.Close()
	if err := a.readShared(ctx, "source", cf, lib, log); err != nil {
		return err
	}
	d, err := eng.Source(pos[0])
	if errors.Is(err, corpus.ErrUnknownSource) || errors.Is(err, corpus.ErrAmbiguousSource) {
		return usagef("source: %v; run privacybot sources to list them", errors.Unwrap(err))
	}
	if err != nil {
		return err
	}
	if cf.json {
		return writeJSON(a, d)
	}
	w := a.Stdout
	fmt.Fprintf(w, "[%s] %s", bot.ShortID(d.ID), d.Title)
	if d.URL != "" {
		fmt.Fprintf(w, " <%s>", d.URL)
	}
	fmt.Fprintln(w)
	fmt.Fprintf(w, "id: %s\n", d.ID)
	for _, kv := range [][2]string{{"outlet", d.Outlet}, {"author", d.Author}, {"date", d.Date}, {"url", d.URL}} {
		if kv[1] != "" {
			fmt.Fprintf(w, "%s: %s\n", kv[0], kv[1])
		}
	}
	fmt.Fprintf(w, "\n%s\n", d.Text)
	fmt.Fprintf(w, "\nQuotes (%d):\n", d.Quotes)
	for _, g := range d.Groups {
		fmt.Fprintf(w, "\n%s:\n", g.Label)
		for _, q := range g.Quotes {
			fmt.Fprintf(w, "  “%s” %s\n", q.Text, bot.Cite(q.Citations...))
		}
		for _, s := range g.Silences {
			fmt.Fprintf(w, "  (%s) “%s” %s\n", s.Kind, s.Text, bot.Cite(s.Citation))
		}
	}
	return nil
}
