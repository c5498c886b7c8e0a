package retrieval

import (
	"context"
	"fmt"
	"math"
	"runtime"
	"slices"
	"sync"

	"github.com/philippgille/chromem-go"
	"github.com/privacybot/privacybot/internal/pool"
)

// Two-stage vector search. Besides the chunk vectors, chromem-go holds one
// vector per article: the normalized sum of its chunks' vectors. A query
// first ranks the articles by that vector, then scores exactly the chunks of
// the best stage1Articles of them. A query thus reads one vector per article
// and a few thousand chunk vectors, instead of every chunk vector: some 20
// times less memory traffic. With no more than stage1Articles articles every
// chunk is scored, so the result is the exhaustive one.

// stage1Articles is how many articles the first stage keeps.
const stage1Articles = 100

func articleCollectionName(emb Embedder) string { return emb.Name() + "/article" }

// articleVector is the normalized sum of vecs, or nil when there are none.
func articleVector(vecs [][]float32) []float32 {
	if len(vecs) == 0 {
		return nil
	}
	sum := make([]float32, len(vecs[0]))
	for _, v := range vecs {
		for i, x := range v[:len(sum)] {
			sum[i] += x
		}
	}
	var norm float64
	for _, x := range sum {
		norm += float64(x) * float64(x)
	}
	if norm == 0 {
		return nil
	}
	inv := float32(1 / math.Sqrt(norm))
	for i := range sum {
		sum[i] *= inv
	}
	return sum
}

// setArticles stores the article vectors of the sources of chunks, whose
// vectors are vecs. Each source's chunks must all be among them.
func (v *vectorIndex) setArticles(ctx context.Context, chunks []*chunk, vecs [][]float32) error {
	bySrc := map[string][][]float32{}
	var order []string
	for i, c := range chunks {
		id := c.source.ID
		if _, ok := bySrc[id]; !ok {
			order = append(order, id)
		}
		bySrc[id] = append(bySrc[id], vecs[i])
	}
	for _, id := range order {
		av := articleVector(bySrc[id])
		if av == nil {
			continue
		}
		if !isNormalized(av) {
			av = normalized(av)
		}
		if err := v.shardOf(id).arts.AddDocument(ctx, chromem.Document{ID: id, Embedding: av}); err != nil {
			return fmt.Errorf("add article vector of %s: %w", id, err)
		}
		v.artVecs.set(id, av)
	}
	return nil
}

// removeArticles deletes the article vectors of the sources of chunks.
func (v *vectorIndex) removeArticles(ctx context.Context, chunks []*chunk) error {
	if len(chunks) == 0 {
		return nil
	}
	var ids []string
	for _, c := range chunks {
		if !slices.Contains(ids, c.source.ID) {
			ids = append(ids, c.source.ID)
		}
	}
	for _, id := range ids {
		if err := v.shardOf(id).arts.Delete(ctx, nil, nil, id); err != nil {
			return fmt.Errorf("delete article vector of %s: %w", id, err)
		}
		v.artVecs.remove(id)
	}
	return nil
}

// vectorTop returns the n chunks of kind k (0 = any) most similar to q,
// best first, ties broken by id. The caller holds l.mu.
func (l *Library) vectorTop(ctx context.Context, q []float32, k chunkKind, n int) ([]scored, error) {
	if l.vec.articleCount() <= stage1Articles {
		return l.vec.query(ctx, q, k, n)
	}
	// Score as chromem-go does, so that the scores equal the exhaustive
	// search's: a normalized query, a float32 dot product.
	if !isNormalized(q) {
		q = normalized(q)
	}
	// The second stage keeps the best n in a bounded heap: sorting the
	// thousands of chunks it scores cost more than scoring them.
	best := boundedTop{n: n}
	err := l.secondStage(ctx, q, func(c *chunk, vec []float32) {
		if k == 0 || c.kind == k {
			best.push(scored{c.id, float64(Dot(q, vec))})
		}
	})
	if err != nil {
		return nil, err
	}
	out := best.items
	slices.SortFunc(out, byScoreThenID)
	return out, nil
}

// secondStage calls f with every chunk, and its vector, of the articles
// the first stage keeps for the normalized query q. The first stage scans
// the article vectors that chromem-go holds directly: chromem-go's own
// QueryEmbedding adds every document to a heap under a lock, several times
// the cost of the scan. The caller holds l.mu.
func (l *Library) secondStage(ctx context.Context, q []float32, f func(c *chunk, vec []float32)) error {
	for _, r := range l.vec.artVecs.top(q, stage1Articles) {
		for _, c := range l.bySource[r.id] {
			vec, err := l.chunkVector(ctx, c)
			if err != nil {
				return err
			}
			f(c, vec)
		}
	}
	return nil
}

// isNormalized and normalized mirror chromem-go's checks, so that a query
// is scored exactly as chromem-go scores it.
func isNormalized(v []float32) bool {
	var sq float64
	for _, x := range v {
		sq += float64(x) * float64(x)
	}
	return math.Abs(math.Sqrt(sq)-1) < 1e-6
}

func normalized(v []float32) []float32 {
	var norm float32
	for _, x := range v {
		norm += x * x
	}
	norm = float32(math.Sqrt(float64(norm)))
	out := make([]float32, len(v))
	for i, x := range v {
		out[i] = x / norm
	}
	return out
}

// chunkVector returns the stored vector of c without copying it when the
// chunk shares it. While c's shard is still loading (see
// vector_background.go) it computes the vector again with the local
// embedder, which gives the stored one bit for bit, or waits for the shard.
func (l *Library) chunkVector(ctx context.Context, c *chunk) ([]float32, error) {
	if l.vec.resident.Load() && c.vec != nil {
		return c.vec, nil
	}
	s := l.vec.shardOf(c.source.ID)
	if !s.ready() {
		if e, ok := l.recomputable(); ok {
			v := e.Vector(c.indexText())
			if !isNormalized(v) {
				v = normalized(v)
			}
			return v, nil
		}
		if err := s.wait(ctx); err != nil {
			return nil, err
		}
	}
	if c.vec != nil {
		return c.vec, nil
	}
	return l.vec.vector(ctx, c)
}

// articleVectors holds the article vectors of chromem-go's collections for
// scanning. chromem-go keeps each vector in its own allocation; the scan
// reads a copy of them laid end to end in one block (an article's vector
// is 512 bytes, so 100,000 articles add 51 MB), which the CPU streams
// through instead of chasing 100,000 pointers. The block is rebuilt on the
// first scan after a change.
type articleVectors struct {
	mu    sync.Mutex
	byID  map[string][]float32
	ids   []string  // sorted; rebuilt after a change
	mat   []float32 // the vectors of ids, in order, end to end
	dim   int       // length of each vector in mat
	dirty bool
}

func (a *articleVectors) set(id string, v []float32) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.byID == nil {
		a.byID = map[string][]float32{}
	}
	a.byID[id] = v
	a.dirty = true
}

func (a *articleVectors) remove(id string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	delete(a.byID, id)
	a.dirty = true
}

// list returns the ids, sorted, and their vectors, as views of one block.
func (a *articleVectors) list() ([]string, [][]float32) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.refresh()
	vecs := make([][]float32, len(a.ids))
	for i := range vecs {
		vecs[i] = a.mat[i*a.dim : (i+1)*a.dim : (i+1)*a.dim]
	}
	return a.ids, vecs
}

// refresh rebuilds the sorted ids and the block after a change. The caller
// holds a.mu.
func (a *articleVectors) refresh() {
	if !a.dirty {
		return
	}
	a.ids = a.ids[:0]
	a.dim = 0
	for id, v := range a.byID {
		a.ids = append(a.ids, id)
		a.dim = max(a.dim, len(v))
	}
	slices.Sort(a.ids)
	// A new block, not the old one reused: scans in flight still read it.
	a.mat = make([]float32, len(a.ids)*a.dim)
	for i, id := range a.ids {
		copy(a.mat[i*a.dim:(i+1)*a.dim], a.byID[id]) // a shorter vector (none is) would be zero-padded
	}
	a.dirty = false
}

// top returns the n articles most similar to q, best first, ties broken by
// id.
func (a *articleVectors) top(q []float32, n int) []scored {
	a.mu.Lock()
	a.refresh()
	ids, mat, dim := a.ids, a.mat, a.dim
	a.mu.Unlock()
	if len(ids) == 0 || len(q) != dim {
		return nil
	}
	workers := min(runtime.GOMAXPROCS(0), max(1, len(ids)/4096))
	parts := make([][]scored, workers)
	per := (len(ids) + workers - 1) / workers
	pool.Each(workers, workers, func(w int) {
		h := boundedTop{n: n}
		for i := w * per; i < min((w+1)*per, len(ids)); i++ {
			h.push(scored{ids[i], float64(Dot(q, mat[i*dim:(i+1)*dim]))})
		}
		parts[w] = h.items
	})
	all := slices.Concat(parts...)
	slices.SortFunc(all, byScoreThenID)
	if len(all) > n {
		all = all[:n]
	}
	return all
}

// boundedTop keeps the n best scored items seen, as a heap whose root is
// the worst of them.
type boundedTop struct {
	n     int
	items []scored
}

func (h *boundedTop) push(s scored) {
	if len(h.items) < h.n {
		h.items = append(h.items, s)
		for i := len(h.items) - 1; i > 0; {
			p := (i - 1) / 2
			if byScoreThenID(h.items[i], h.items[p]) <= 0 {
				break
			}
			h.items[i], h.items[p] = h.items[p], h.items[i]
			i = p
		}
		return
	}
	if h.n == 0 || byScoreThenID(s, h.items[0]) >= 0 {
		return
	}
	h.items[0] = s
	for i := 0; ; {
		l, m := 2*i+1, i
		if l < len(h.items) && byScoreThenID(h.items[l], h.items[m]) > 0 {
			m = l
		}
		if r := l + 1; r < len(h.items) && byScoreThenID(h.items[r], h.items[m]) > 0 {
			m = r
		}
		if m == i {
			return
		}
		h.items[i], h.items[m] = h.items[m], h.items[i]
		i = m
	}
}
