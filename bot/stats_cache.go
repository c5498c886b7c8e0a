package bot

import (
	"encoding/binary"
	"errors"
	"maps"
	"os"
	"slices"

	"github.com/privacybot/privacybot/corpus"
	"github.com/privacybot/privacybot/internal/flatfile"
	"github.com/privacybot/privacybot/quote"
)

// Counting the word statistics of 100,000 articles takes seconds, so they
// are saved in the data directory, keyed by the corpus and the program
// (see [Cache]), and a later process with the same corpus
// reads them instead. The file is a flatfile whose body is:
//
//	paragraphs | df, vocab, quoter: each a count, then word and count
//	pairs in word order
//
// A missing, stale or damaged file is counted again and rewritten.

const (
	statsMagic = "PBSTAT1\n"
	statsName  = "stats.bin"
)

var errBadStats = errors.New("damaged statistics file")

// encodeStats returns the saved form of st's counts under key.
func encodeStats(key string, st *statsSnapshot) []byte {
	b := binary.AppendUvarint(nil, uint64(st.docs))
	for _, m := range []map[string]int{st.df, st.vocab, st.quoter} {
		b = binary.AppendUvarint(b, uint64(len(m)))
		for _, w := range slices.Sorted(maps.Keys(m)) {
			b = binary.AppendUvarint(flatfile.AppendString(b, w), uint64(m[w]))
		}
	}
	return flatfile.Seal(statsMagic, key, b)
}

// decodeStats reads counts saved by encodeStats under key into st. The
// words are views of b, which must never change.
func decodeStats(b []byte, key string, st *statsSnapshot) error {
	r, err := flatfile.Open(b, statsMagic, key, errBadStats)
	if err != nil {
		return err
	}
	st.docs = r.Num()
	counts := make([]map[string]int, 3)
	for i := range counts {
		n := r.Count(2)
		counts[i] = make(map[string]int, n)
		for range n {
			w := r.View()
			if c := r.Num(); c > 0 {
				counts[i][w] = c
			} else {
				r.Fail("word %q has count 0", w)
			}
		}
	}
	if err := r.End(); err != nil {
		return err
	}
	st.df, st.vocab, st.quoter = counts[0], counts[1], counts[2]
	return nil
}

// loadStats returns the saved statistics of corpus c and ledger led, or
// nil when there are none to trust.
func loadStats(cache Cache, c *corpus.Corpus, led *quote.Ledger) *statsSnapshot {
	path, key := cache.CacheFile(statsName, c)
	if path == "" {
		return nil
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil
	}
	st := &statsSnapshot{corpus: c, ledger: led}
	if decodeStats(b, key, st) != nil {
		return nil
	}
	return st
}

// saveStats saves st for a later process, atomically; failing is no
// error, as the next process counts again.
func saveStats(cache Cache, st *statsSnapshot) {
	if path, key := cache.CacheFile(statsName, st.corpus); path != "" {
		_ = flatfile.WriteAtomic(path, encodeStats(key, st))
	}
}
