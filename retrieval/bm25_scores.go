package retrieval

import (
	"slices"
	"sync"
)

// lexScores are the BM25 scores of one query: the chunks that hold a query
// term, with their scores, in a dense array indexed by BM25 slot.
type lexScores struct {
	x   *bm25
	acc *scratch // nil when nothing was scored
}

// scratch is a dense score accumulator: sum and hit are indexed by slot,
// and touched lists the slots whose hit is set, so that resetting it
// costs as much as the query did, not as much as the corpus.
type scratch struct {
	sum     []float64
	hit     []bool
	touched []int32
}

var scratchPool sync.Pool // of *scratch

// getScratch returns a cleared accumulator for at least n slots.
func getScratch(n int) *scratch {
	s, _ := scratchPool.Get().(*scratch)
	if s == nil || len(s.sum) < n {
		s = &scratch{sum: make([]float64, n), hit: make([]bool, n)}
	}
	return s
}

// release returns the accumulator to the pool; r must not be used after.
func (r *lexScores) release() {
	if r.acc == nil {
		return
	}
	for _, d := range r.acc.touched {
		r.acc.sum[d], r.acc.hit[d] = 0, false
	}
	r.acc.touched = r.acc.touched[:0]
	scratchPool.Put(r.acc)
	r.acc = nil
}

// len returns how many chunks were scored.
func (r *lexScores) len() int {
	if r.acc == nil {
		return 0
	}
	return len(r.acc.touched)
}

// score returns the score of chunk id and whether it was scored.
func (r *lexScores) score(id string) (float64, bool) {
	if r.acc == nil {
		return 0, false
	}
	slot, ok := r.x.slots[id]
	if !ok || int(slot) >= len(r.acc.hit) || !r.acc.hit[slot] {
		return 0, false
	}
	return r.acc.sum[slot], true
}

// top returns the n best scored chunks, best first, ties broken by id.
func (r *lexScores) top(n int) []scored {
	if r.acc == nil || n <= 0 {
		return nil
	}
	h := boundedTop{n: n}
	for _, d := range r.acc.touched {
		h.push(scored{r.x.docs[d].id, r.acc.sum[d]})
	}
	slices.SortFunc(h.items, byScoreThenID)
	return h.items
}
