package main

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/privacybot/privacybot/bot"
	"github.com/privacybot/privacybot/quote"
)

// runQuotes prints the quote ledger: privacybot quotes [--json] [--speaker NAME].
func (a *App) runQuotes(ctx context.Context, args []string) error {
	fs, cf := a.newFlagSet("quotes")
	speaker := fs.String("speaker", "", "only quotes by `NAME`, a person or organization; aliases and small typos work (default: every quote)")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("quotes: unexpected argument %q; use --speaker NAME", pos[0])
	}
	lib, err := a.openLibrary(ctx, cf, a.logger(slog.LevelWarn))
	if err != nil {
		return err
	}
	defer lib.Close()
	qs := lib.Ledger().Quotes
	if *speaker != "" {
		qs, _ = lib.Ledger().BySpeaker(*speaker)
	}
	if qs == nil {
		qs = []quote.Quote{}
	}
	if cf.json {
		return writeJSON(a, qs)
	}
	if len(qs) == 0 {
		fmt.Fprintln(a.Stdout, "No quotes found.")
		return nil
	}
	for _, q := range qs {
		who := bot.SpeakerLabel(q.Speaker, q.Role, q.Organization)
		fmt.Fprintf(a.Stdout, "“%s”\n    — %s %s [%s %d:%d]\n\n", q.Text, who, q.Verb, bot.ShortID(q.Source), q.Start, q.End)
	}
	return nil
}
