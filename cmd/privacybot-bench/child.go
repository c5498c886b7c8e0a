package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"

	"github.com/privacybot/privacybot/internal/bench"
)

// runChild is one phase of the suite, run by runSuite in a fresh process
// (privacybot-bench child --phase build|serve --size N ...); it prints its
// result as JSON.
func runChild(ctx context.Context, args []string, stdout io.Writer) error {
	fs, sf := newFlagSet("child")
	phase := fs.String("phase", "", "build or serve")
	size := fs.Int("size", 0, "articles")
	if _, err := parseArgs(fs, args); err != nil {
		return err
	}
	if *size < 1 {
		return usagef("child: --size must be a positive number")
	}
	fsys, err := bench.CorpusFS(sf.seed, *size, sf.corpusDir(*size))
	if err != nil {
		return fmt.Errorf("corpus: %w", err)
	}
	var res any
	switch *phase {
	case "build":
		res, err = bench.Build(ctx, fsys, *size, sf.indexDir(*size))
	case "serve":
		res, err = bench.Serve(ctx, fsys, *size, sf.indexDir(*size), sf.config())
	default:
		return usagef("child: unknown phase %q", *phase)
	}
	if err != nil {
		return fmt.Errorf("%s phase: %w", *phase, err)
	}
	if err := json.NewEncoder(stdout).Encode(res); err != nil {
		return fmt.Errorf("write result: %w", err)
	}
	return nil
}
