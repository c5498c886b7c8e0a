package main

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"text/tabwriter"

	"github.com/privacybot/privacybot/bot"
)

// runSources lists every source: privacybot sources [--json].
func (a *App) runSources(ctx context.Context, args []string) error {
	fs, cf := a.newFlagSet("sources")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("sources takes no arguments; to see one source, run privacybot source ID")
	}
	log := a.logger(slog.LevelWarn)
	eng, lib, err := a.openEngine(ctx, cf, log)
	if err != nil {
		return err
	}
	defer lib.Close()
	if err := a.readShared(ctx, "sources", cf, lib, log); err != nil {
		return err
	}
	list := eng.Sources()
	if cf.json {
		return writeJSON(a, list)
	}
	// A URL column, beside the titles, when any source has one.
	urls := false
	for _, s := range list {
		urls = urls || s.URL != ""
	}
	tw := tabwriter.NewWriter(a.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprint(tw, "ID\tTITLE\tOUTLET\tDATE\tQUOTES")
	if urls {
		fmt.Fprint(tw, "\tURL")
	}
	fmt.Fprintln(tw)
	for _, s := range list {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%d", bot.ShortID(s.ID), truncate(s.Title, 60), dash(s.Outlet), dash(s.Date), s.Quotes)
		if urls {
			fmt.Fprint(tw, "\t"+dash(s.URL))
		}
		fmt.Fprintln(tw)
	}
	return tw.Flush()
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

func writeJSON(a *App, v any) error {
	enc := json.NewEncoder(a.Stdout)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("write JSON: %w", err)
	}
	return nil
}
