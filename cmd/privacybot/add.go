package main

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/privacybot/privacybot/ingest"
)

// addOutcome is one argument of add, for --json.
type addOutcome struct {
	Ref    string         `json:"ref"`
	Result *ingest.Result `json:"result,omitempty"`
	Error  string         `json:"error,omitempty"`
}

// runAdd adds articles from files and web pages:
// privacybot add [--json] [--by NAME] PATH|URL...
func (a *App) runAdd(ctx context.Context, args []string) error {
	pos, cf, by, in, err := a.ingestArgs(ctx, "add", args, "add: give a file or URL, e.g. privacybot add https://example.com/news/story")
	if err != nil {
		return err
	}
	defer in.Library.Close()
	var outs []addOutcome
	failed := 0
	prog := a.addMeter(len(pos))
	for i, ref := range pos {
		prog.update(i)
		res, err := in.Service.Add(ctx, ref, by)
		o := addOutcome{Ref: ref}
		if err != nil {
			failed++
			o.Error = err.Error()
			if !cf.json {
				fmt.Fprintf(a.Stdout, "failed     %s: %s\n", ref, oneLine(err.Error()))
			}
		} else {
			o.Result = &res
			if !cf.json {
				printAdded(a, ref, res)
			}
		}
		outs = append(outs, o)
		prog.update(i + 1)
		if ctx.Err() != nil {
			break
		}
	}
	prog.finish(outs, a.logger(slog.LevelInfo))
	if cf.json {
		if err := writeJSON(a, outs); err != nil {
			return err
		}
	}
	if failed > 0 {
		if !cf.json && len(pos) > 1 {
			fmt.Fprintf(a.Stdout, "%d of %d not added\n", failed, len(pos))
		}
		return errFailed
	}
	return nil
}

func printAdded(a *App, ref string, r ingest.Result) {
	if r.Duplicate {
		fmt.Fprintf(a.Stdout, "duplicate  %s is already source %s (%s): %s\n", ref, r.ID, r.DuplicateReason, r.Title)
		return
	}
	fmt.Fprintf(a.Stdout, "added      %s  %s\n", r.ID, r.Title)
	meta := dash(r.Outlet)
	if r.Author != "" {
		meta += ", " + r.Author
	}
	if r.Date != "" {
		meta += ", " + r.Date
	}
	fmt.Fprintf(a.Stdout, "           %s; %d words, %d quotes\n", meta, r.Words, r.Quotes)
}
