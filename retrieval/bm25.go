package retrieval

import (
	"cmp"
	"maps"
	"math"
	"slices"
)

const (
	bm25K1 = 1.2
	bm25B  = 0.75
)

// bm25 is an Okapi BM25 index with an inverted index: a query reads only
// the postings of its own terms, never every document. It is not safe for
// concurrent mutation; the Library guards it.
type bm25 struct {
	docs     []bm25Doc
	slots    map[string]int32 // chunk id → index in docs
	postings map[string][]posting
	fuzzy    fuzzyVocab
	free     []int32 // removed slots, reused by add
	live     int
	totalLen int64
}

type bm25Doc struct {
	id     string // "" when removed
	kind   chunkKind
	length int32
}

type posting struct {
	doc int32
	tf  int32
}

func newBM25() *bm25 {
	return &bm25{slots: map[string]int32{}, postings: map[string][]posting{}, fuzzy: newFuzzyVocab()}
}

// add indexes a chunk by its terms, replacing a chunk with the same id.
// Replacing needs the old terms, so callers remove first.
func (x *bm25) add(id string, kind chunkKind, terms []string) {
	if _, ok := x.slots[id]; ok {
		panic("bm25: add of an indexed id " + id) // a bug in the Library
	}
	var slot int32
	if n := len(x.free); n > 0 {
		slot, x.free = x.free[n-1], x.free[:n-1]
	} else {
		slot = int32(len(x.docs))
		x.docs = append(x.docs, bm25Doc{})
	}
	x.docs[slot] = bm25Doc{id: id, kind: kind, length: int32(len(terms))}
	x.slots[id] = slot
	x.live++
	x.totalLen += int64(len(terms))
	for t, tf := range termCounts(terms) {
		if _, ok := x.postings[t]; !ok {
			x.fuzzy.add(t)
		}
		x.postings[t] = append(x.postings[t], posting{slot, tf})
	}
}

// remove drops a chunk; terms must be the terms it was added with.
func (x *bm25) remove(id string, terms []string) {
	slot, ok := x.slots[id]
	if !ok {
		return
	}
	for t := range termCounts(terms) {
		ps := slices.DeleteFunc(x.postings[t], func(p posting) bool { return p.doc == slot })
		if len(ps) == 0 {
			delete(x.postings, t)
		} else {
			x.postings[t] = ps
		}
	}
	x.live--
	x.totalLen -= int64(x.docs[slot].length)
	x.docs[slot] = bm25Doc{}
	delete(x.slots, id)
	x.free = append(x.free, slot)
}

func termCounts(terms []string) map[string]int32 {
	m := make(map[string]int32, len(terms))
	for _, t := range terms {
		m[t]++
	}
	return m
}

// scored is a chunk id with a score.
type scored struct {
	id    string
	score float64
}

// queryWeights turns query terms into weighted terms: each term counts
// once per occurrence, and a term that no chunk holds (a typo, or two
// words that the corpus writes as one) is replaced by up to
// maxExpansions similar indexed terms, weighted by their similarity, so
// "JP Morgn" also searches "jpmorgan" and "morgan".
func (x *bm25) queryWeights(terms []string) map[string]float64 {
	w := map[string]float64{}
	for i, t := range terms {
		if len(x.postings[t]) > 0 {
			w[t]++
			continue
		}
		for _, e := range x.fuzzy.similar(t, x.postings) {
			w[e.id] = max(w[e.id], e.score)
		}
		if i > 0 {
			// The corpus may join what the query splits: "jp morgn".
			for _, e := range x.fuzzy.similar(terms[i-1]+t, x.postings) {
				w[e.id] = max(w[e.id], e.score)
			}
		}
	}
	return w
}

// search scores every chunk of the wanted kind (0 = any) that holds a
// query term (see queryWeights). The scores are summed in a dense array
// borrowed from a pool, so a common term costs no map inserts; the caller
// must call release on the result when done with it, and must keep x
// unchanged until then (the Library's read lock does).
func (x *bm25) search(terms []string, kind chunkKind) *lexScores {
	r := &lexScores{x: x}
	if x.live == 0 || len(terms) == 0 {
		return r
	}
	r.acc = getScratch(len(x.docs))
	avg := float64(x.totalLen) / float64(x.live)
	weights := x.queryWeights(terms)
	// Sum in term order: float addition is not associative, and map order
	// is random.
	for _, t := range slices.Sorted(maps.Keys(weights)) {
		qtf := weights[t]
		ps := x.postings[t]
		if len(ps) == 0 {
			continue
		}
		df := float64(len(ps))
		idf := math.Log(1 + (float64(x.live)-df+0.5)/(df+0.5))
		for _, p := range ps {
			d := x.docs[p.doc]
			if kind != 0 && d.kind != kind {
				continue
			}
			tf := float64(p.tf)
			norm := tf * (bm25K1 + 1) / (tf + bm25K1*(1-bm25B+bm25B*float64(d.length)/avg))
			if !r.acc.hit[p.doc] {
				r.acc.hit[p.doc] = true
				r.acc.touched = append(r.acc.touched, p.doc)
			}
			r.acc.sum[p.doc] += float64(qtf) * idf * norm
		}
	}
	return r
}

// topScored returns the n best entries of scores, best first, ties broken
// by id.
func topScored(scores map[string]float64, n int) []scored {
	if n <= 0 {
		return nil
	}
	// A bounded heap whose root is the worst of the best n so far.
	h := make([]scored, 0, min(n, len(scores)))
	worse := func(i, j int) bool { return byScoreThenID(h[i], h[j]) > 0 }
	down := func(i int) {
		for {
			l, m := 2*i+1, i
			if l < len(h) && worse(l, m) {
				m = l
			}
			if r := l + 1; r < len(h) && worse(r, m) {
				m = r
			}
			if m == i {
				return
			}
			h[i], h[m] = h[m], h[i]
			i = m
		}
	}
	for id, s := range scores {
		e := scored{id, s}
		if len(h) < n {
			h = append(h, e)
			for i := len(h) - 1; i > 0; {
				p := (i - 1) / 2
				if !worse(i, p) {
					break
				}
				h[i], h[p] = h[p], h[i]
				i = p
			}
			continue
		}
		if byScoreThenID(e, h[0]) < 0 {
			h[0] = e
			down(0)
		}
	}
	slices.SortFunc(h, byScoreThenID)
	return h
}

func byScoreThenID(a, b scored) int {
	if c := cmp.Compare(b.score, a.score); c != 0 {
		return c
	}
	return cmp.Compare(a.id, b.id)
}
