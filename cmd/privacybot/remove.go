package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/privacybot/privacybot/corpus"
	"github.com/privacybot/privacybot/ingest"
)

// runRemove removes added articles: privacybot remove [--json] [--by NAME] ID...
// An id may be shortened to any prefix that names one source.
func (a *App) runRemove(ctx context.Context, args []string) error {
	pos, cf, by, in, err := a.ingestArgs(ctx, "remove", args, "remove: give the id of an added article; run privacybot sources to list them")
	if err != nil {
		return err
	}
	defer in.Library.Close()
	var removed []ingest.Result
	for _, ref := range pos {
		res, err := in.Service.Remove(ctx, ref, by)
		switch {
		case errors.Is(err, corpus.ErrUnknownSource), errors.Is(err, corpus.ErrAmbiguousSource):
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
