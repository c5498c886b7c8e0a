package bot_test

import (
	"context"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/privacybot/privacybot/bot"
	"github.com/privacybot/privacybot/corpus"
	"github.com/privacybot/privacybot/quote"
	"github.com/privacybot/privacybot/retrieval"
)

// fakeLibrary is a [bot.Library] made of functions, for engine tests that
// need no search index. A nil function gives nothing: an empty snapshot, no
// hits, no cache.
type fakeLibrary struct {
	SnapshotFn  func() retrieval.Snapshot
	SearchFn    func(ctx context.Context, o retrieval.SearchOptions) ([]retrieval.Hit, error)
	CacheFileFn func(name string, c *corpus.Corpus) (path, key string)

	// snapshots counts the calls of Snapshot.
	snapshots atomic.Int32
}

var (
	_ bot.Library  = (*fakeLibrary)(nil)
	_ bot.Catalog  = (*fakeLibrary)(nil)
	_ bot.Searcher = (*fakeLibrary)(nil)
	_ bot.Cache    = (*fakeLibrary)(nil)
)

// Snapshot calls SnapshotFn and counts the call.
func (f *fakeLibrary) Snapshot() retrieval.Snapshot {
	f.snapshots.Add(1)
	if f.SnapshotFn == nil {
		c, _ := corpus.NewCorpus(nil)
		return retrieval.Snapshot{Corpus: c, Ledger: &quote.Ledger{}}
	}
	return f.SnapshotFn()
}

// Search calls SearchFn.
func (f *fakeLibrary) Search(ctx context.Context, o retrieval.SearchOptions) ([]retrieval.Hit, error) {
	if f.SearchFn == nil {
		return nil, nil
	}
	return f.SearchFn(ctx, o)
}

// CacheFile calls CacheFileFn.
func (f *fakeLibrary) CacheFile(name string, c *corpus.Corpus) (path, key string) {
	if f.CacheFileFn == nil {
		return "", ""
	}
	return f.CacheFileFn(name, c)
}

// generation is the corpus and ledger of articles, given as file name and
// text, extracted as the real library does but with no index.
func generation(tb testing.TB, articles map[string]string) retrieval.Snapshot {
	tb.Helper()
	var srcs []*corpus.Source
	for name, text := range articles {
		srcs = append(srcs, corpus.ParseSource(name, text))
	}
	c, warns := corpus.NewCorpus(srcs)
	if len(warns) > 0 {
		tb.Fatalf("corpus: %v", warns)
	}
	return retrieval.Snapshot{Corpus: c, Ledger: quote.BuildLedger(c, quote.DefaultAliases())}
}

// searchAll returns a search that finds, in snap, every paragraph and every
// quotation of the kind asked for, quotations by the speakers asked for
// first, best first by the number of query words the text holds.
func searchAll(snap retrieval.Snapshot) func(context.Context, retrieval.SearchOptions) ([]retrieval.Hit, error) {
	return func(_ context.Context, o retrieval.SearchOptions) ([]retrieval.Hit, error) {
		words := strings.Fields(strings.ToLower(o.Query))
		score := func(text string) float64 {
			n := 0.0
			for _, w := range words {
				if strings.Contains(strings.ToLower(text), strings.Trim(w, "?.,!")) {
					n++
				}
			}
			return n
		}
		var hits []retrieval.Hit
		if o.Kind != retrieval.KindQuote {
			for _, src := range snap.Corpus.Sources {
				for _, p := range src.Paragraphs {
					hits = append(hits, retrieval.Hit{Kind: retrieval.KindParagraph, Source: src.ID, Span: p, Text: src.Slice(p), Score: score(src.Slice(p))})
				}
			}
		}
		if o.Kind != retrieval.KindParagraph {
			for i := range snap.Ledger.Quotes {
				q := snap.Ledger.Quotes[i]
				h := retrieval.Hit{Kind: retrieval.KindQuote, Source: q.Source, Span: corpus.Span{Start: q.Start, End: q.End}, Text: q.Text, Score: score(q.Text), Quote: &q}
				for _, s := range o.Speakers {
					if strings.EqualFold(s, q.Speaker) || strings.EqualFold(s, q.Organization) {
						h.Score++
					}
				}
				hits = append(hits, h)
			}
		}
		slices.SortStableFunc(hits, func(a, b retrieval.Hit) int {
			switch {
			case a.Score > b.Score:
				return -1
			case a.Score < b.Score:
				return 1
			}
			return 0
		})
		if k := o.K; k > 0 && len(hits) > k {
			hits = hits[:k]
		}
		return hits, nil
	}
}
