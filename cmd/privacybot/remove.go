package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"

	"github.com/privacybot/privacybot/ingest"
	"github.com/privacybot/privacybot/retrieval"
)

// runRemove removes added articles: privacybot remove [--json] [--by NAME] ID...
// An id may be shortened to any prefix that names one source.
func (a *App) runRemove(ctx context.Context, args []string) error {
	fs, cf := a.newFlagSet("remove")
	by := fs.String("by", "", "record `NAME` as who removed the articles (default: $USER)")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return usagef("remove: give the id of an added article; run privacybot sources to list them")
	}
	if *by == "" {
		*by = a.Getenv("USER")
	}
	if *by == "" {
		*by = "cli"
	}
	log := a.logger(slog.LevelInfo)
	lib, err := a.openLibrary(ctx, cf, log)
	if err != nil {
		return err
	}
	in, err := a.openIngest(ctx, cf, lib, log)
	if err != nil {
		return err
	}
	var removed []ingest.Result
	for _, ref := range pos {
		res, err := in.Service.Remove(ctx, ref, *by)
		switch {
		case errors.Is(err, retrieval.ErrUnknownSource), errors.Is(err, retrieval.ErrAmbiguousSource):
			return usagef("remove: %v; run privacybot sources to list them", errors.Unwrap(err))
		case errors.Is(err, ingest.ErrNotAdded):
			return usagef("remove: %v", err)
		case err != nil:
			return err
		}
		removed = append(removed, res)
		if !cf.json {
			fmt.Fprintf(a.Stdout, "removed    %s  %s\n", res.ID, res.Title)
		}
	}
	if cf.json {
		return writeJSON(a, removed)
	}
	return nil
}
