package bot

import (
	"regexp"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/privacybot/privacybot/corpus"
)

// What overview questions know of a corpus as a whole: its sources newest
// first, and which headlines and bylines hold which words.

// corpusOrder is, for one corpus, its sources newest first and the index
// of its headlines' words.
type corpusOrder struct {
	sync.Mutex
	c       *corpus.Corpus
	sources []*corpus.Source
	titles  map[string][]*corpus.Source
}

// recent is the order of the last corpus asked about.
var recent corpusOrder

// titleMatches returns up to n sources whose headlines (with the names on
// their bylines) hold most of the topic's weight, best first.
func titleMatches(c *corpus.Corpus, st *statsSnapshot, topic []string, n int) []*corpus.Source {
	recent.Lock()
	recent.index(c)
	titles := recent.titles
	recent.Unlock()
	score := map[*corpus.Source]float64{}
	var all float64
	for _, t := range topic {
		if !st.has(t) && len(titles[t]) == 0 {
			continue
		}
		w := st.idf(t)
		all += w
		for _, src := range titles[t] {
			score[src] += w
		}
	}
	var out []*corpus.Source
	for src, sc := range score {
		if sc >= 0.6*all {
			out = append(out, src)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if score[out[i]] != score[out[j]] {
			return score[out[i]] > score[out[j]]
		}
		return out[i].ID < out[j].ID
	})
	if len(out) > n {
		out = out[:n]
	}
	return out
}

// bylineRe finds an author's name on a byline.
var bylineRe = regexp.MustCompile(`\b[Bb]y:?\s+(\p{Lu}[\p{L}.'’-]+(?:\s+\p{Lu}[\p{L}.'’-]+){1,3})`)

// byline returns the author names of the bylines among the first lines of
// src ("Economy | By Melissa Porter"), so that a question naming the
// author finds the article.
func byline(src *corpus.Source) string {
	text := src.Text
	if len(text) > 1000 {
		text = text[:1000]
	}
	var names []string
	for i, line := range strings.Split(text, "\n") {
		if i > 12 {
			break
		}
		if l := strings.TrimSpace(line); len(l) < 100 {
			if m := bylineRe.FindStringSubmatch(l); m != nil {
				names = append(names, m[1])
			}
		}
	}
	return strings.Join(names, " ")
}

// inHeadlines reports whether a headline or byline of c holds the term.
func inHeadlines(c *corpus.Corpus, t string) bool {
	recent.Lock()
	defer recent.Unlock()
	recent.index(c)
	return len(recent.titles[t]) > 0
}

// recentSources returns the n most recently dated sources of c, newest
// first; undated ones follow in corpus order.
func recentSources(c *corpus.Corpus, n int) []*corpus.Source {
	recent.Lock()
	defer recent.Unlock()
	recent.index(c)
	if n > len(recent.sources) {
		n = len(recent.sources)
	}
	return recent.sources[:n]
}

// index works out the order and the headline index of c, once per corpus
// (tens of milliseconds at 10,000 articles). The caller holds the lock.
func (r *corpusOrder) index(c *corpus.Corpus) {
	if r.c == c {
		return
	}
	type dated struct {
		src *corpus.Source
		at  time.Time
		ok  bool
	}
	ds := make([]dated, len(c.Sources))
	titles := map[string][]*corpus.Source{}
	for i, s := range c.Sources {
		t, ok := articleDate(s)
		ds[i] = dated{s, t, ok}
		for _, w := range contentTerms(s.Title + " " + byline(s)) {
			titles[w] = append(titles[w], s)
		}
	}
	sort.SliceStable(ds, func(i, j int) bool {
		if ds[i].ok != ds[j].ok {
			return ds[i].ok
		}
		return ds[i].at.After(ds[j].at)
	})
	r.c, r.sources, r.titles = c, make([]*corpus.Source, len(ds)), titles
	for i, d := range ds {
		r.sources[i] = d.src
	}
}
