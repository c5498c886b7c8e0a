package bot

import (
	"math"
	"strings"
	"sync"

	"github.com/privacybot/privacybot/retrieval"
)

// corpusStats holds word statistics over the corpus that the engine uses to
// judge whether a question is covered at all. It is built on first use.
type corpusStats struct {
	lib    *retrieval.Library
	once   sync.Once
	docs   int             // paragraphs
	df     map[string]int  // stemmed word → number of paragraphs holding it
	vocab  map[string]bool // lowercase surface words
	quoter map[string]bool // lowercase words of quoted speakers and organizations
}

func newCorpusStats(lib *retrieval.Library) *corpusStats { return &corpusStats{lib: lib} }

func (s *corpusStats) build() {
	s.once.Do(func() {
		s.df = map[string]int{}
		s.vocab = map[string]bool{}
		s.quoter = map[string]bool{}
		c := s.lib.Corpus()
		for _, src := range c.Sources {
			for _, w := range words(src.Text[:src.Body]) {
				s.vocab[w] = true
			}
			for _, p := range src.Paragraphs {
				s.docs++
				seen := map[string]bool{}
				for _, w := range words(src.Text[p.Start:p.End]) {
					s.vocab[w] = true
					st := stem(w)
					if !seen[st] {
						seen[st] = true
						s.df[st]++
					}
				}
			}
		}
		led := s.lib.Ledger()
		for _, q := range led.Quotes {
			for _, w := range words(q.Speaker + " " + q.Organization) {
				s.quoter[w] = true
			}
		}
		for _, q := range led.Silences {
			for _, w := range words(q.Speaker + " " + q.Organization) {
				s.quoter[w] = true
			}
		}
	})
}

// idf is the inverse paragraph frequency of a stemmed term: near zero for a
// word most paragraphs hold, high for a rare one, and highest for a word no
// paragraph holds.
func (s *corpusStats) idf(term string) float64 {
	s.build()
	n := float64(s.docs)
	return math.Log(1 + (n-float64(s.df[term])+0.5)/(float64(s.df[term])+0.5))
}

// has reports whether any source holds the stemmed term.
func (s *corpusStats) has(term string) bool {
	s.build()
	return s.df[term] > 0
}

// mentions reports whether the corpus holds the word w (lowercase), allowing
// for a small typo or for w being the start of a longer word ("citi").
func (s *corpusStats) mentions(w string) bool {
	s.build()
	if s.vocab[w] {
		return true
	}
	for v := range s.vocab {
		if len(w) >= 4 && strings.HasPrefix(v, w) {
			return true
		}
		if closeEnough(w, v) {
			return true
		}
	}
	return false
}

// quoted reports whether w is a word of some quoted speaker's name.
func (s *corpusStats) quoted(w string) bool {
	s.build()
	if s.quoter[w] {
		return true
	}
	for v := range s.quoter {
		if closeEnough(w, v) {
			return true
		}
	}
	return false
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
	return editDistance(a, b, max) <= max
}

// editDistance is the Levenshtein distance of a and b, or max+1 when it
// exceeds max.
func editDistance(a, b string, max int) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		best := cur[0]
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			best = min(best, cur[j])
		}
		if best > max {
			return max + 1
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
