// Package synthlib opens libraries over synthetic corpora for tests and
// benchmarks.
package synthlib

import (
	"context"
	"testing"

	"github.com/privacybot/privacybot/internal/synth"
	"github.com/privacybot/privacybot/retrieval"
)

// Open returns a library, kept in memory, over the first n articles of the
// default synthetic corpus. It is closed when the test ends.
func Open(tb testing.TB, n int) *retrieval.Library {
	tb.Helper()
	lib, err := retrieval.Open(context.Background(), retrieval.Options{FS: synth.NewCorpus(synth.DefaultSeed, n).FS()})
	if err != nil {
		tb.Fatalf("open a synthetic library of %d articles: %v", n, err)
	}
	tb.Cleanup(func() { lib.Close() })
	return lib
}
