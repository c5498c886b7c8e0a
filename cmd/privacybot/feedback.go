package main

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/privacybot/privacybot/feedback"
)

// runFeedback shows what readers thought of the answers:
// privacybot feedback [--json] [--since DURATION]. It counts the 👍 and 👎
// votes stored in the shared database when PRIVACYBOT_DATABASE_URL is
// set, else in the data directory, and lists the questions marked 👎,
// newest first.
func (a *App) runFeedback(ctx context.Context, args []string) error {
	fs, cf := a.newFlagSet("feedback")
	since := fs.String("since", "", "only votes from the last `DURATION`, like 24h or 7d (default: all votes)")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("feedback takes no arguments; see 'privacybot help'")
	}
	var from time.Time
	if *since != "" {
		d, err := parseSince(*since)
		if err != nil {
			return usagef("feedback: --since %q: give a duration like 24h, 90m or 7d", *since)
		}
		from = time.Now().Add(-d)
	}
	votes, skipped, err := a.readFeedback(ctx, cf, from)
	if err != nil {
		return err
	}
	s := feedback.Summarize(votes, from)
	s.Skipped = skipped
	if cf.json {
		return writeJSON(a, s)
	}
	w := a.Stdout
	period := "in all"
	if !from.IsZero() {
		period = "in the last " + *since
	}
	fmt.Fprintf(w, "%d 👍  %d 👎  (%d votes %s)\n", s.Up, s.Down, s.Up+s.Down, period)
	if skipped > 0 {
		fmt.Fprintf(w, "(%d unreadable line(s) skipped)\n", skipped)
	}
	if len(s.Disliked) == 0 {
		return nil
	}
	fmt.Fprintln(w, "\nMarked 👎, newest first:")
	for _, v := range s.Disliked {
		var meta []string
		for _, m := range []string{v.Mode, v.User, v.AnswerID} {
			if m != "" {
				meta = append(meta, m)
			}
		}
		fmt.Fprintf(w, "  %s  %s", v.Time.Local().Format("2006-01-02 15:04"), oneLine(v.Question))
		if len(meta) > 0 {
			fmt.Fprintf(w, "  (%s)", strings.Join(meta, ", "))
		}
		fmt.Fprintln(w)
	}
	return nil
}

// parseSince reads a Go duration, or a whole number of days such as 7d.
func parseSince(s string) (time.Duration, error) {
	if n, ok := strings.CutSuffix(s, "d"); ok {
		days, err := strconv.Atoi(n)
		if err != nil || days < 0 {
			return 0, fmt.Errorf("bad number of days %q", n)
		}
		return time.Duration(days) * 24 * time.Hour, nil
	}
	d, err := time.ParseDuration(s)
	if err != nil || d < 0 {
		return 0, fmt.Errorf("bad duration %q", s)
	}
	return d, nil
}
