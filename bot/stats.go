package bot

import (
	"math"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/privacybot/privacybot/retrieval"
)

// corpusStats holds word statistics over the corpus that the engine uses to
// judge whether a question is covered at all. They are built on first use
// and rebuilt when the library's corpus or ledger changes (an article was
// added or removed while the engine runs).
type corpusStats struct {
	lib *retrieval.Library
	mu  sync.Mutex // serializes rebuilds
	cur atomic.Pointer[statsSnapshot]
}

// statsSnapshot is the statistics of one corpus and ledger; never modified
// once built.
type statsSnapshot struct {
	corpus *retrieval.Corpus
	ledger *retrieval.Ledger
	docs   int             // paragraphs
	df     map[string]int  // stemmed word → number of paragraphs holding it
	vocab  map[string]bool // lowercase surface words
	quoter map[string]bool // lowercase words of quoted speakers and organizations
	// sorted is vocab in order, for prefix lookups; vocabByLen and
	// quoterByLen group the words by byte length, for typo lookups, which
	// only words within two bytes of the length can pass.
	sorted      []string
	vocabByLen  map[int][]string
	quoterByLen map[int][]string
}

// byLen groups the words of set by byte length.
func byLen(set map[string]bool) map[int][]string {
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

func newCorpusStats(lib *retrieval.Library) *corpusStats { return &corpusStats{lib: lib} }

// get returns the statistics of the library's current corpus and ledger,
// which the library replaces (never changes) on Add and Remove.
func (s *corpusStats) get() *statsSnapshot {
	c, led := s.lib.Corpus(), s.lib.Ledger()
	if snap := s.cur.Load(); snap != nil && snap.corpus == c && snap.ledger == led {
		return snap
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if snap := s.cur.Load(); snap != nil && snap.corpus == c && snap.ledger == led {
		return snap
	}
	snap := &statsSnapshot{corpus: c, ledger: led, quoter: map[string]bool{}}
	snap.docs, snap.df, snap.vocab = paragraphStats(c.Sources)
	for _, q := range led.Quotes {
		for _, w := range words(q.Speaker + " " + q.Organization) {
			snap.quoter[w] = true
		}
	}
	for _, q := range led.Silences {
		for _, w := range words(q.Speaker + " " + q.Organization) {
			snap.quoter[w] = true
		}
	}
	snap.sorted = make([]string, 0, len(snap.vocab))
	for w := range snap.vocab {
		snap.sorted = append(snap.sorted, w)
	}
	sort.Strings(snap.sorted)
	snap.vocabByLen, snap.quoterByLen = byLen(snap.vocab), byLen(snap.quoter)
	s.cur.Store(snap)
	return snap
}

// idf is the inverse document frequency of a stemmed term: near zero for a
// word every source holds, high for a rare one, and highest for a word no
// source holds.
func (s *corpusStats) idf(term string) float64 {
	st := s.get()
	n := float64(st.docs)
	return math.Log(1 + (n-float64(st.df[term])+0.5)/(float64(st.df[term])+0.5))
}

// has reports whether any source holds the stemmed term.
func (s *corpusStats) has(term string) bool {
	return s.get().df[term] > 0
}

// mentions reports whether the corpus holds the word w (lowercase), allowing
// for a small typo or for w being the start of a longer word ("citi").
func (s *corpusStats) mentions(w string) bool {
	st := s.get()
	if st.vocab[w] {
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
func (s *corpusStats) quoted(w string) bool {
	st := s.get()
	if st.quoter[w] {
		return true
	}
	return anyClose(w, st.quoterByLen)
}

// closeEnough allows one edit in words of five or more letters and two in
// words of nine or more.
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
	return retrieval.EditDistance(a, b, max) <= max
}

// paragraphStats counts the paragraphs of srcs, the paragraphs holding each
// stemmed word, and every surface word of headers and paragraphs. Sources
// are independent, so it runs on every CPU, each worker counting its share
// before the counts are added up.
func paragraphStats(srcs []*retrieval.Source) (int, map[string]int, map[string]bool) {
	type part struct {
		docs  int
		df    map[string]int
		vocab map[string]bool
	}
	workers := max(1, min(runtime.GOMAXPROCS(0), len(srcs)/256))
	parts := make([]part, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			p := part{df: map[string]int{}, vocab: map[string]bool{}}
			seen := map[string]bool{}
			for i := w; i < len(srcs); i += workers {
				src := srcs[i]
				for _, w := range words(src.Text[:src.Body]) {
					p.vocab[w] = true
				}
				for _, para := range src.Paragraphs {
					p.docs++
					clear(seen)
					for _, w := range words(src.Text[para.Start:para.End]) {
						p.vocab[w] = true
						st := stem(w)
						if !seen[st] {
							seen[st] = true
							p.df[st]++
						}
					}
				}
			}
			parts[w] = p
		}()
	}
	wg.Wait()
	docs, df, vocab := parts[0].docs, parts[0].df, parts[0].vocab
	for _, p := range parts[1:] {
		docs += p.docs
		for k, n := range p.df {
			df[k] += n
		}
		for k := range p.vocab {
			vocab[k] = true
		}
	}
	return docs, df, vocab
}
