package retrieval

import (
	"context"
	"fmt"
	"math"
	"slices"

	"github.com/philippgille/chromem-go"
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
	if v.arts == nil {
		return nil
	}
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
		if err := v.arts.AddDocument(ctx, chromem.Document{ID: id, Embedding: av}); err != nil {
			return fmt.Errorf("add article vector of %s: %w", id, err)
		}
	}
	return nil
}

// removeArticles deletes the article vectors of the sources of chunks.
func (v *vectorIndex) removeArticles(ctx context.Context, chunks []*chunk) error {
	if v.arts == nil || len(chunks) == 0 {
		return nil
	}
	var ids []string
	for _, c := range chunks {
		if !slices.Contains(ids, c.source.ID) {
			ids = append(ids, c.source.ID)
		}
	}
	for _, id := range ids {
		if err := v.arts.Delete(ctx, nil, nil, id); err != nil {
			return fmt.Errorf("delete article vector of %s: %w", id, err)
		}
	}
	return nil
}

// rebuildArticles recomputes every article vector from the stored chunk
// vectors; it serves indexes saved without them.
func (l *Library) rebuildArticles(ctx context.Context) error {
	c, err := l.vec.db.GetOrCreateCollection(articleCollectionName(l.emb), nil, chromem.EmbeddingFunc(EmbedFunc(l.emb)))
	if err != nil {
		return fmt.Errorf("create article collection: %w", err)
	}
	l.vec.arts = c
	for _, src := range l.corpus.Sources {
		cs := l.bySource[src.ID]
		vecs := make([][]float32, 0, len(cs))
		for _, ch := range cs {
			vec, err := l.vec.vector(ctx, ch)
			if err != nil {
				return err
			}
			vecs = append(vecs, vec)
		}
		if err := l.vec.setArticles(ctx, cs, vecs); err != nil {
			return err
		}
	}
	return nil
}

// vectorTop returns the n chunks of kind k (0 = any) most similar to q,
// best first, ties broken by id. The caller holds l.mu.
func (l *Library) vectorTop(ctx context.Context, q []float32, k chunkKind, n int) ([]scored, error) {
	arts := l.vec.arts
	if arts == nil || arts.Count() <= stage1Articles {
		return l.vec.query(ctx, q, k, n)
	}
	res, err := arts.QueryEmbedding(ctx, q, stage1Articles, nil, nil)
	if err != nil {
		return nil, fmt.Errorf("query article vectors: %w", err)
	}
	// Score as chromem-go does, so that the scores equal the exhaustive
	// search's: a normalized query, a float32 dot product.
	if !isNormalized(q) {
		q = normalized(q)
	}
	var out []scored
	for _, r := range res {
		for _, c := range l.bySource[r.ID] {
			if k != 0 && c.kind != k {
				continue
			}
			vec, err := l.vec.vector(ctx, c)
			if err != nil {
				return nil, err
			}
			out = append(out, scored{c.id, float64(dot(q, vec))})
		}
	}
	slices.SortFunc(out, byScoreThenID)
	if len(out) > n {
		out = out[:n]
	}
	return out, nil
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
