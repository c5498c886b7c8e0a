package bot

import (
	"maps"
	"math"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/privacybot/privacybot/corpus"
	"github.com/privacybot/privacybot/internal/pool"
	"github.com/privacybot/privacybot/quote"
)

// corpusStats holds word statistics over the corpus that the engine uses to
// judge whether a question is covered at all. They are built on first use;
// when the library's corpus or ledger changes (an article was added or
// removed while the engine runs), the counts of the changed articles are
// taken out and put in, rather than the whole corpus counted again, which
// takes seconds at 100,000 articles.
type corpusStats struct {
	cache Cache
	mu    sync.Mutex // serializes rebuilds
	cur   atomic.Pointer[statsSnapshot]
}

// statsSnapshot is the statistics of one corpus and ledger; never modified
// once built.
type statsSnapshot struct {
	corpus *corpus.Corpus
	ledger *quote.Ledger
	docs   int            // paragraphs
	df     map[string]int // stemmed word → number of paragraphs holding it
	vocab  map[string]int // lowercase surface word → occurrences
	quoter map[string]int // lowercase word of quoted speakers and organizations → occurrences
	// sorted is vocab in order, for prefix lookups; vocabByLen and
	// quoterByLen group the words by byte length, for typo lookups, which
	// only words within two bytes of the length can pass.
	sorted      []string
	vocabByLen  map[int][]string
	quoterByLen map[int][]string
}

// byLen groups the words of set by byte length.
func byLen(set map[string]int) map[int][]string {
	m := map[int][]string{}
	for w := range set {
		m[len(w)] = append(m[len(w)], w)
	}
	return m
}

// anyClose reports whether some word of the groups is closeEnough to w.
func anyClose(w string, groups map[int][]string) bool {
	if len(w) < 5 {
		return false // closeEnough allows no edit
	}
	for n := len(w) - 2; n <= len(w)+2; n++ {
		for _, v := range groups[n] {
			if closeEnough(w, v) {
				return true
			}
		}
	}
	return false
}

func newCorpusStats(cache Cache) *corpusStats { return &corpusStats{cache: cache} }

// get returns the statistics of corpus c and ledger led, one snapshot of
// the library, which replaces (never changes) both on Add and Remove.
func (s *corpusStats) get(c *corpus.Corpus, led *quote.Ledger) *statsSnapshot {
	if snap := s.cur.Load(); snap != nil && snap.corpus == c && snap.ledger == led {
		return snap
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if snap := s.cur.Load(); snap != nil && snap.corpus == c && snap.ledger == led {
		return snap
	}
	var snap *statsSnapshot
	if old := s.cur.Load(); old != nil {
		snap = old.updated(c, led)
	}
	if snap == nil {
		snap = loadStats(s.cache, c, led)
	}
	if snap == nil {
		snap = countAll(c, led)
		saveStats(s.cache, snap)
	}
	snap.index()
	s.cur.Store(snap)
	return snap
}

// countAll counts the statistics of a whole corpus and ledger.
func countAll(c *corpus.Corpus, led *quote.Ledger) *statsSnapshot {
	snap := &statsSnapshot{corpus: c, ledger: led, quoter: map[string]int{}}
	snap.docs, snap.df, snap.vocab = paragraphStats(c.Sources)
	countQuoters(led, nil, snap.quoter, 1)
	return snap
}

// countQuoters adds sign to the count of every word of the speakers and
// organizations of the ledger's quotes and silences, of the sources in only
// (every source when only is nil).
func countQuoters(led *quote.Ledger, only map[string]bool, quoter map[string]int, sign int) {
	add := func(src, speaker, org string) {
		if only != nil && !only[src] {
			return
		}
		for _, w := range words(speaker + " " + org) {
			if quoter[w] += sign; quoter[w] == 0 {
				delete(quoter, w)
			}
		}
	}
	for _, q := range led.Quotes {
		add(q.Source, q.Speaker, q.Organization)
	}
	for _, q := range led.Silences {
		add(q.Source, q.Speaker, q.Organization)
	}
}

// maxIncremental is the largest share of a corpus that updated changes in
// place of counting everything again.
const maxIncremental = 0.25

// updated returns the statistics of corpus c and ledger led, made from
// these by taking out the articles c no longer holds (or holds changed) and
// putting in its new ones, or nil when so much changed that counting
// everything again is quicker.
func (st *statsSnapshot) updated(c *corpus.Corpus, led *quote.Ledger) *statsSnapshot {
	before := make(map[*corpus.Source]bool, len(st.corpus.Sources))
	for _, src := range st.corpus.Sources {
		before[src] = true
	}
	var added []*corpus.Source
	for _, src := range c.Sources {
		if before[src] {
			delete(before, src)
		} else {
			added = append(added, src)
		}
	}
	// What is left in before was removed or replaced.
	if float64(len(added)+len(before)) > maxIncremental*float64(max(1, len(c.Sources))) {
		return nil
	}
	snap := &statsSnapshot{corpus: c, ledger: led, docs: st.docs,
		df: maps.Clone(st.df), vocab: maps.Clone(st.vocab), quoter: maps.Clone(st.quoter)}
	gone, fresh := map[string]bool{}, map[string]bool{}
	seen := map[string]bool{}
	for src := range before {
		snap.docs -= countSource(src, snap.df, snap.vocab, seen, -1)
		gone[src.ID] = true
	}
	for _, src := range added {
		snap.docs += countSource(src, snap.df, snap.vocab, seen, 1)
		fresh[src.ID] = true
	}
	countQuoters(st.ledger, gone, snap.quoter, -1)
	countQuoters(led, fresh, snap.quoter, 1)
	return snap
}

// index builds the sorted vocabulary and the length groups.
func (st *statsSnapshot) index() {
	st.sorted = make([]string, 0, len(st.vocab))
	for w := range st.vocab {
		st.sorted = append(st.sorted, w)
	}
	sort.Strings(st.sorted)
	st.vocabByLen, st.quoterByLen = byLen(st.vocab), byLen(st.quoter)
}

// idf is the inverse document frequency of a stemmed term: near zero for a
// word every source holds, high for a rare one, and highest for a word no
// source holds.
func (st *statsSnapshot) idf(term string) float64 {
	n := float64(st.docs)
	return math.Log(1 + (n-float64(st.df[term])+0.5)/(float64(st.df[term])+0.5))
}

// has reports whether any source holds the stemmed term.
func (st *statsSnapshot) has(term string) bool {
	return st.df[term] > 0
}

// mentions reports whether the corpus holds the word w (lowercase), allowing
// for a small typo or for w being the start of a longer word ("citi").
func (st *statsSnapshot) mentions(w string) bool {
	if st.vocab[w] > 0 {
		return true
	}
	if len(w) >= 4 {
		// Words starting with w follow w in sorted order.
		if i := sort.SearchStrings(st.sorted, w); i < len(st.sorted) && strings.HasPrefix(st.sorted[i], w) {
			return true
		}
	}
	return anyClose(w, st.vocabByLen)
}

// quoted reports whether w is a word of some quoted speaker's name.
func (st *statsSnapshot) quoted(w string) bool {
	if st.quoter[w] > 0 {
		return true
	}
	return anyClose(w, st.quoterByLen)
}

// closeEnough allows one edit in words of five or more letters and two in
// words of nine or more (bytes), measured by quote.EditDistance; the speaker
// ledger's typo look-up uses the same distance with its own tolerance.
func closeEnough(a, b string) bool {
	max := 0
	switch {
	case len(a) >= 9:
		max = 2
	case len(a) >= 5:
		max = 1
	default:
		return false
	}
	if d := len(a) - len(b); d > max || -d > max {
		return false
	}
	return quote.EditDistance(a, b, max) <= max
}

// countSource adds sign to the counts of one source's words: df per
// paragraph holding a stem, vocab per occurrence of a surface word in the
// header or a paragraph. Counts that reach zero are deleted. seen is
// scratch space. It returns the number of paragraphs.
func countSource(src *corpus.Source, df, vocab map[string]int, seen map[string]bool, sign int) int {
	bump := func(m map[string]int, k string) {
		if m[k] += sign; m[k] == 0 {
			delete(m, k)
		}
	}
	for _, w := range words(src.Text[:src.Body]) {
		bump(vocab, w)
	}
	for _, para := range src.Paragraphs {
		clear(seen)
		for _, w := range words(src.Text[para.Start:para.End]) {
			bump(vocab, w)
			st := stem(w)
			if !seen[st] {
				seen[st] = true
				bump(df, st)
			}
		}
	}
	return len(src.Paragraphs)
}

// paragraphStats counts the paragraphs of srcs, the paragraphs holding each
// stemmed word, and every surface word of headers and paragraphs. Sources
// are independent, so it runs on every CPU, each worker counting its share
// before the counts are added up.
func paragraphStats(srcs []*corpus.Source) (int, map[string]int, map[string]int) {
	type part struct {
		docs      int
		df, vocab map[string]int
	}
	workers := max(1, min(runtime.GOMAXPROCS(0), len(srcs)/256))
	parts := make([]part, workers)
	pool.Each(workers, workers, func(w int) {
		p := part{df: map[string]int{}, vocab: map[string]int{}}
		seen := map[string]bool{}
		for i := w; i < len(srcs); i += workers {
			p.docs += countSource(srcs[i], p.df, p.vocab, seen, 1)
		}
		parts[w] = p
	})
	docs, df, vocab := parts[0].docs, parts[0].df, parts[0].vocab
	for _, p := range parts[1:] {
		docs += p.docs
		for k, n := range p.df {
			df[k] += n
		}
		for k, n := range p.vocab {
			vocab[k] += n
		}
	}
	return docs, df, vocab
}
