package retrieval

import (
	"context"
	"testing"
)

// BenchmarkOpenBuild builds the seed index from scratch: load, ledger,
// fit, embed, BM25 and save to a fresh DataDir.
func BenchmarkOpenBuild(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		dir := b.TempDir()
		b.StartTimer()
		mustOpen(b, Options{DataDir: dir})
	}
}

// BenchmarkOpenWarm opens the seeds with an index already saved.
func BenchmarkOpenWarm(b *testing.B) {
	dir := b.TempDir()
	mustOpen(b, Options{DataDir: dir})
	b.ReportAllocs()
	for b.Loop() {
		l := mustOpen(b, Options{DataDir: dir})
		if len(l.Warnings()) != 0 {
			b.Fatal(l.Warnings())
		}
	}
}

// BenchmarkSearch runs a mix of queries against the seed index.
func BenchmarkSearch(b *testing.B) {
	l := mustOpen(b, Options{})
	ctx := context.Background()
	queries := []SearchOptions{
		{Query: "How many users does Messenger have?", K: 8},
		{Query: "Which features would users get, like fraud alerts?", K: 8},
		{Query: "JP Morgn", K: 8},
		{Query: "What did JPMorgan say?", K: 8, Speakers: []string{"JPMorgan Chase"}},
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if _, err := l.Search(ctx, queries[i%len(queries)]); err != nil {
			b.Fatal(err)
		}
		i++
	}
}
