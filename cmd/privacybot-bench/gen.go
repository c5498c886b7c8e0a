package main

import (
	"flag"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/privacybot/privacybot/internal/synth"
)

// runGen writes a synthetic corpus: privacybot-bench gen [--seed S] N DIR.
func runGen(args []string, stderr io.Writer) error {
	fs := flag.NewFlagSet("gen", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	seed := fs.Uint64("seed", synth.DefaultSeed, "random seed; the same seed and N give the same bytes")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 2 {
		return usagef("gen: want N and DIR\n%s", usage)
	}
	n, err := strconv.Atoi(pos[0])
	if err != nil || n < 1 {
		return usagef("gen: N must be a positive number, not %q", pos[0])
	}
	start := time.Now()
	if err := synth.NewCorpus(*seed, n).WriteDir(pos[1]); err != nil {
		return fmt.Errorf("gen: %w", err)
	}
	fmt.Fprintf(stderr, "wrote %d articles to %s in %s\n", n, pos[1], time.Since(start).Round(time.Millisecond))
	return nil
}
