package bot

import (
	"context"

	"github.com/privacybot/privacybot/corpus"
	"github.com/privacybot/privacybot/quote"
	"github.com/privacybot/privacybot/retrieval"
)

// The engine depends on what it declares here, not on a concrete library:
// cmd/privacybot passes it a *retrieval.Library, and tests a fake. The
// corpus and the ledger themselves are values (never changed once made),
// so the engine reads them directly from a snapshot.

// Catalog hands out the sources and their quote ledger.
type Catalog interface {
	// Snapshot returns the current corpus and quote ledger, read together
	// so that both are of one generation of the library. Neither may be
	// changed, by the library or by the engine; a new source makes a new
	// generation.
	Snapshot() retrieval.Snapshot
}

// Searcher finds the paragraphs and quotations relevant to a query, best
// first. It searches the index as it is when called, which may be newer
// than the snapshot an answer started from; the engine keeps only the hits
// that are in that snapshot.
type Searcher interface {
	Search(ctx context.Context, o retrieval.SearchOptions) ([]retrieval.Hit, error)
}

// Cache says where statistics derived from a corpus may be kept between
// runs.
type Cache interface {
	// CacheFile returns the file for a cache called name, derived only from
	// corpus c and its ledger, and the key that names c and the program;
	// both are "" when nothing is to be cached.
	CacheFile(name string, c *corpus.Corpus) (path, key string)
}

// Library is everything an [Engine] answers from.
type Library interface {
	Catalog
	Searcher
	Cache
}

// snapshot is one answer's view of the library: the corpus and ledger of
// one generation, their word statistics, and search restricted to that
// corpus. Every step of an answer reads the library through one snapshot,
// so a source added or removed meanwhile never mixes two corpora. A
// snapshot belongs to one goroutine.
type snapshot struct {
	corpus *corpus.Corpus
	ledger *quote.Ledger
	search Searcher
	stats  *corpusStats
	st     *statsSnapshot // the statistics of corpus and ledger; nil until first used
}

// snapshot takes the snapshot for one answer or look-up.
func (e *Engine) snapshot() *snapshot {
	s := e.lib.Snapshot()
	return &snapshot{corpus: s.Corpus, ledger: s.Ledger, search: e.lib, stats: e.stats}
}

// statistics returns the word statistics of the snapshot's corpus and
// ledger, counting them (or updating the last ones) on first use.
func (s *snapshot) statistics() *statsSnapshot {
	if s.st == nil {
		s.st = s.stats.get(s.corpus, s.ledger)
	}
	return s.st
}

// Search searches the library and keeps only the hits of the snapshot's
// corpus: those whose text is, byte for byte, the text at their span in
// the snapshot's source of that id. The index is shared by all
// generations and changed in place by Add and Remove, so a hit from a
// source added (or replaced) since the snapshot was taken is dropped
// rather than cited from a corpus the answer does not see; the search then
// returns fewer than K hits.
func (s *snapshot) Search(ctx context.Context, o retrieval.SearchOptions) ([]retrieval.Hit, error) {
	hits, err := s.search.Search(ctx, o)
	if err != nil {
		return nil, err
	}
	out := hits[:0]
	for _, h := range hits {
		src, ok := s.corpus.ByID(h.Source)
		if ok && h.Start >= 0 && h.Start <= h.End && h.End <= len(src.Text) && src.Text[h.Start:h.End] == h.Text {
			out = append(out, h)
		}
	}
	return out, nil
}
