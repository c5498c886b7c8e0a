package retrieval

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"sync/atomic"

	"github.com/philippgille/chromem-go"
)

// vectorIndex holds the vectors in chromem-go. The articles are spread
// over shards by a hash of their id; each shard is a chromem-go DB with one
// collection per chunk kind, and a second DB with the collection of
// article vectors (see vector_articles.go), all named after the embedder so
// that vectors of two models never share a collection. Shards are saved
// and loaded independently, so that a large index loads on all CPUs, and
// the chunk vectors of a large saved index finish loading after Open
// returns (see vector_background.go). Documents carry only an id and a
// vector: the text lives in the corpus, which keeps memory and the saved
// file small.
type vectorIndex struct {
	emb    Embedder
	shards []*vectorShard
	// artVecs holds the article vectors of every shard, for scanning: the
	// slices chromem-go stores, not copies.
	artVecs articleVectors
	// resident is set once every shard's chunk vectors are in memory, so
	// that a search reads them without asking each shard.
	resident atomic.Bool
}

// vectorShard is one shard of the index: two chromem-go DBs, one of chunk
// vectors and one of article vectors, saved as two sections so that the
// article vectors can be loaded first.
type vectorShard struct {
	// db and cols hold the chunk vectors. While they are still loading
	// they are nil; they are set before loaded is closed and never change
	// after that, so code that has seen loaded closed may read them.
	db     *chromem.DB
	cols   map[chunkKind]*chromem.Collection
	loaded chan struct{}
	artDB  *chromem.DB
	arts   *chromem.Collection
}

// closedChan is closed: the loaded channel of a shard built in memory.
var closedChan = func() chan struct{} { c := make(chan struct{}); close(c); return c }()

// ready reports whether the shard's chunk vectors are in memory.
func (s *vectorShard) ready() bool {
	select {
	case <-s.loaded:
		return true
	default:
		return false
	}
}

// wait waits until the shard's chunk vectors are in memory.
func (s *vectorShard) wait(ctx context.Context) error { return waitClosed(ctx, s.loaded) }

// waitClosed waits until ch is closed or ctx is done.
func waitClosed(ctx context.Context, ch <-chan struct{}) error {
	select {
	case <-ch:
		return nil
	case <-ctx.Done():
		return fmt.Errorf("wait for vectors: %w", context.Cause(ctx))
	}
}

// waitAll waits until the chunk vectors of every shard are in memory.
func (v *vectorIndex) waitAll(ctx context.Context) error {
	for _, s := range v.shards {
		if err := s.wait(ctx); err != nil {
			return err
		}
	}
	return nil
}

// Shards are sized so that each holds about articlesPerShard articles,
// and there are at most maxShards of them.
const (
	articlesPerShard = 400
	maxShards        = 256
)

// shardCount is the number of shards for an index of n articles.
func shardCount(n int) int {
	return min(max(1, (n+articlesPerShard-1)/articlesPerShard), maxShards)
}

func collectionName(emb Embedder, k chunkKind) string { return emb.Name() + "/" + k.String() }

// newVectorIndex returns an empty index of n shards for emb's vectors.
func newVectorIndex(emb Embedder, n int) (*vectorIndex, error) {
	v := &vectorIndex{emb: emb, shards: make([]*vectorShard, n)}
	for i := range v.shards {
		s, err := newArticleShard(chromem.NewDB(), emb)
		if err != nil {
			return nil, err
		}
		s.db = chromem.NewDB()
		if s.cols, err = chunkCollections(s.db, emb); err != nil {
			return nil, err
		}
		s.loaded = closedChan
		v.shards[i] = s
	}
	v.resident.Store(true)
	return v, nil
}

// newArticleShard returns a shard whose article vectors are in artDB and
// whose chunk vectors are not loaded yet.
func newArticleShard(artDB *chromem.DB, emb Embedder) (*vectorShard, error) {
	c, err := artDB.GetOrCreateCollection(articleCollectionName(emb), nil, embeddingFunc(emb))
	if err != nil {
		return nil, fmt.Errorf("create collection: %w", err)
	}
	return &vectorShard{artDB: artDB, arts: c, loaded: make(chan struct{})}, nil
}

// chunkCollections gets or creates emb's chunk collections in db.
func chunkCollections(db *chromem.DB, emb Embedder) (map[chunkKind]*chromem.Collection, error) {
	cols := map[chunkKind]*chromem.Collection{}
	for _, k := range kinds {
		c, err := db.GetOrCreateCollection(collectionName(emb, k), nil, embeddingFunc(emb))
		if err != nil {
			return nil, fmt.Errorf("create collection: %w", err)
		}
		cols[k] = c
	}
	return cols, nil
}

// embeddingFunc is emb for chromem-go. Always pass our embedding function:
// with nil, chromem would call OpenAI with OPENAI_API_KEY.
func embeddingFunc(emb Embedder) chromem.EmbeddingFunc {
	return chromem.EmbeddingFunc(EmbedFunc(emb))
}

// shardIndex returns the number of the shard that holds source id's
// vectors.
func (v *vectorIndex) shardIndex(id string) int { return shardFor(id, len(v.shards)) }

// shardFor returns the number of the shard, of n, that holds source id's
// vectors: an FNV-1a hash of the id, modulo n.
func shardFor(id string, n int) int {
	h := uint32(2166136261) // FNV-1a, as hash/fnv computes it, without allocating
	for i := 0; i < len(id); i++ {
		h = (h ^ uint32(id[i])) * 16777619
	}
	return int(h % uint32(n))
}

func (v *vectorIndex) shardOf(id string) *vectorShard { return v.shards[v.shardIndex(id)] }

// add stores the vectors of chunks, in order, and their articles'.
func (v *vectorIndex) add(ctx context.Context, chunks []*chunk, vecs [][]float32) error {
	if err := v.addChunks(ctx, chunks, vecs); err != nil {
		return err
	}
	return v.setArticles(ctx, chunks, vecs)
}

// addChunks stores the vectors of chunks, in order, in their shards'
// collections, and hands each chunk its vector.
func (v *vectorIndex) addChunks(ctx context.Context, chunks []*chunk, vecs [][]float32) error {
	for i, c := range chunks {
		if i%1024 == 0 && ctx.Err() != nil {
			return fmt.Errorf("add vectors: %w", context.Cause(ctx))
		}
		if len(vecs[i]) == 0 {
			return fmt.Errorf("add vector of %s: %w", c.id, errEmptyVector)
		}
		// Normalize as chromem-go would, so that it keeps our slice and
		// the chunk can share it.
		if !isNormalized(vecs[i]) {
			vecs[i] = normalized(vecs[i])
		}
		// AddDocument, not AddDocuments: the latter starts one goroutine
		// per document, which at millions of chunks costs gigabytes.
		err := v.shardOf(c.source.ID).cols[c.kind].AddDocument(ctx, chromem.Document{ID: c.id, Embedding: vecs[i]})
		if err != nil {
			return fmt.Errorf("add vector of %s: %w", c.id, err)
		}
		c.vec = vecs[i]
	}
	return nil
}

// remove deletes the vectors of chunks.
func (v *vectorIndex) remove(ctx context.Context, chunks []*chunk) error {
	type key struct {
		shard *vectorShard
		kind  chunkKind
	}
	ids := map[key][]string{}
	var order []key
	for _, c := range chunks {
		k := key{v.shardOf(c.source.ID), c.kind}
		if _, ok := ids[k]; !ok {
			order = append(order, k)
		}
		ids[k] = append(ids[k], c.id)
	}
	for _, k := range order {
		if err := k.shard.cols[k.kind].Delete(ctx, nil, nil, ids[k]...); err != nil {
			return fmt.Errorf("delete vectors: %w", err)
		}
	}
	return v.removeArticles(ctx, chunks)
}

// count returns the number of vectors of kind k. The caller has waited
// for every shard (waitAll).
func (v *vectorIndex) count(k chunkKind) int {
	n := 0
	for _, s := range v.shards {
		n += s.cols[k].Count()
	}
	return n
}

// articleCount returns the number of article vectors.
func (v *vectorIndex) articleCount() int {
	n := 0
	for _, s := range v.shards {
		n += s.arts.Count()
	}
	return n
}

// vector returns a copy of the stored vector of a chunk.
func (v *vectorIndex) vector(ctx context.Context, c *chunk) ([]float32, error) {
	s := v.shardOf(c.source.ID)
	if err := s.wait(ctx); err != nil {
		return nil, err
	}
	d, err := s.cols[c.kind].GetByID(ctx, c.id)
	if err != nil {
		return nil, fmt.Errorf("get vector of %s: %w", c.id, err)
	}
	return d.Embedding, nil
}

// query returns the n chunks of kind k (0 = any) most similar to q, best
// first, ties broken by id so that the result is deterministic. It asks
// chromem-go for the top n of every collection and merges them.
func (v *vectorIndex) query(ctx context.Context, q []float32, k chunkKind, n int) ([]scored, error) {
	if err := v.waitAll(ctx); err != nil {
		return nil, err
	}
	var all []scored
	for _, s := range v.shards {
		for _, kk := range kinds {
			if k != 0 && k != kk {
				continue
			}
			res, err := queryCollection(ctx, s.cols[kk], q, n)
			if err != nil {
				return nil, fmt.Errorf("query %s vectors: %w", kk, err)
			}
			all = append(all, res...)
		}
	}
	slices.SortFunc(all, byScoreThenID)
	if len(all) > n {
		all = all[:n]
	}
	return all, nil
}

// queryCollection returns the top n of one collection deterministically.
// chromem ranks by similarity alone, so which of several equally similar
// documents make its top n is arbitrary. We therefore ask for more until
// the last one returned is strictly less similar than the n-th: then every
// document tied with the n-th is among the results, and sorting by id
// settles the order. nResults is clamped to Count(), as chromem requires.
func queryCollection(ctx context.Context, c *chromem.Collection, q []float32, n int) ([]scored, error) {
	total := c.Count()
	n = min(n, total)
	if n <= 0 {
		return nil, nil
	}
	m := min(n+1, total)
	for {
		res, err := c.QueryEmbedding(ctx, q, m, nil, nil)
		if err != nil {
			return nil, fmt.Errorf("query: %w", err)
		}
		out := make([]scored, len(res))
		for i, r := range res {
			out[i] = scored{r.ID, float64(r.Similarity)}
		}
		slices.SortFunc(out, byScoreThenID)
		if len(out) <= n || m >= total || cmp.Less(out[len(out)-1].score, out[n-1].score) {
			return out[:min(n, len(out))], nil
		}
		m = min(2*m, total)
	}
}

// storedVectors returns every document of c with the vector chromem-go
// stores for it. GetByID returns a copy of a vector; QueryEmbedding returns
// the stored slice, so asking it for every document reads the vectors
// without copying them. dim is the length of the vectors.
func storedVectors(ctx context.Context, c *chromem.Collection, dim int) ([]chromem.Result, error) {
	n := c.Count()
	if n == 0 {
		return nil, nil
	}
	if dim <= 0 {
		return nil, fmt.Errorf("read vectors: dimension %d", dim)
	}
	q := make([]float32, dim)
	q[0] = 1
	res, err := c.QueryEmbedding(ctx, q, n, nil, nil)
	if err != nil {
		return nil, fmt.Errorf("read vectors: %w", err)
	}
	if len(res) != n {
		return nil, fmt.Errorf("read vectors: %d of %d documents", len(res), n)
	}
	return res, nil
}
