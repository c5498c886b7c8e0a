package retrieval

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"testing/fstest"
	"time"
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

// syntheticCorpus returns articles of random seed words: n articles of 20
// paragraphs of 60 words, for measuring how search time grows.
func syntheticCorpus(tb testing.TB, n int) fstest.MapFS {
	tb.Helper()
	var words []string
	for _, s := range mustOpen(tb, Options{}).Corpus().Sources {
		words = append(words, strings.Fields(s.Text[s.Body:])...)
	}
	r := rand.New(rand.NewPCG(1, 2))
	m := fstest.MapFS{}
	for a := range n {
		var b strings.Builder
		fmt.Fprintf(&b, "Title: Synthetic article %d\n\n", a)
		for range 20 {
			for w := range 60 {
				if w > 0 {
					b.WriteByte(' ')
				}
				b.WriteString(words[r.IntN(len(words))])
			}
			b.WriteString(".\n\n")
		}
		m[fmt.Sprintf("%06d.txt", a)] = &fstest.MapFile{Data: []byte(b.String())}
	}
	return m
}

// BenchmarkSearchSynthetic measures search time as the index grows, to
// extrapolate to the ~2M paragraphs of the target scale. Skipped with -short.
func BenchmarkSearchSynthetic(b *testing.B) {
	if testing.Short() {
		b.Skip("slow")
	}
	for _, n := range []int{100, 1000} {
		b.Run(fmt.Sprintf("paragraphs=%d", n*20), func(b *testing.B) {
			fsys := syntheticCorpus(b, n)
			start := time.Now()
			l := mustOpen(b, Options{FS: fsys})
			build := time.Since(start)
			ctx := context.Background()
			queries := []string{"How many users does Messenger have?", "fraud alerts banks", "JP Morgn", "Cambridge Analytica data"}
			i := 0
			for b.Loop() {
				if _, err := l.Search(ctx, SearchOptions{Query: queries[i%len(queries)], K: 8}); err != nil {
					b.Fatal(err)
				}
				i++
			}
			b.ReportMetric(float64(build.Milliseconds()), "build-ms")
		})
	}
}
