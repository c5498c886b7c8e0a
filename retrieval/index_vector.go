package retrieval

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"github.com/philippgille/chromem-go"
)

// vectorIndex holds the chunk vectors in chromem-go, one collection per
// chunk kind, named after the embedder so that vectors of two models never
// share a collection. Documents carry only an id and a vector: the text
// lives in the corpus, which keeps memory and the saved file small.
type vectorIndex struct {
	db   *chromem.DB
	emb  Embedder
	cols map[chunkKind]*chromem.Collection
	// arts holds one vector per article for two-stage search (see
	// vector_articles.go); nil for an index saved without them.
	arts *chromem.Collection
	// artVecs holds arts' vectors (or copies of them after an import) for
	// scanning.
	artVecs articleVectors
}

func collectionName(emb Embedder, k chunkKind) string { return emb.Name() + "/" + k.String() }

// newVectorIndex returns an empty index for emb's vectors.
func newVectorIndex(emb Embedder) (*vectorIndex, error) {
	v := &vectorIndex{db: chromem.NewDB(), emb: emb, cols: map[chunkKind]*chromem.Collection{}}
	for _, k := range kinds {
		// Always pass our embedding function: with nil, chromem would call
		// OpenAI with OPENAI_API_KEY.
		c, err := v.db.CreateCollection(collectionName(emb, k), nil, chromem.EmbeddingFunc(EmbedFunc(emb)))
		if err != nil {
			return nil, fmt.Errorf("create collection: %w", err)
		}
		v.cols[k] = c
	}
	c, err := v.db.CreateCollection(articleCollectionName(emb), nil, chromem.EmbeddingFunc(EmbedFunc(emb)))
	if err != nil {
		return nil, fmt.Errorf("create collection: %w", err)
	}
	v.arts = c
	return v, nil
}

// add stores the vectors of chunks, in order.
func (v *vectorIndex) add(ctx context.Context, chunks []*chunk, vecs [][]float32) error {
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
		err := v.cols[c.kind].AddDocument(ctx, chromem.Document{ID: c.id, Embedding: vecs[i]})
		if err != nil {
			return fmt.Errorf("add vector of %s: %w", c.id, err)
		}
		c.vec = vecs[i]
	}
	return v.setArticles(ctx, chunks, vecs)
}

// remove deletes the vectors of chunks.
func (v *vectorIndex) remove(ctx context.Context, chunks []*chunk) error {
	byKind := map[chunkKind][]string{}
	for _, c := range chunks {
		byKind[c.kind] = append(byKind[c.kind], c.id)
	}
	for _, k := range kinds {
		if ids := byKind[k]; len(ids) > 0 {
			if err := v.cols[k].Delete(ctx, nil, nil, ids...); err != nil {
				return fmt.Errorf("delete vectors: %w", err)
			}
		}
	}
	return v.removeArticles(ctx, chunks)
}

// count returns the number of vectors of kind k.
func (v *vectorIndex) count(k chunkKind) int { return v.cols[k].Count() }

// vector returns the stored vector of a chunk.
func (v *vectorIndex) vector(ctx context.Context, c *chunk) ([]float32, error) {
	d, err := v.cols[c.kind].GetByID(ctx, c.id)
	if err != nil {
		return nil, fmt.Errorf("get vector of %s: %w", c.id, err)
	}
	return d.Embedding, nil
}

// query returns the n chunks of kind k (0 = any) most similar to q, best
// first, ties broken by id so that the result is deterministic.
func (v *vectorIndex) query(ctx context.Context, q []float32, k chunkKind, n int) ([]scored, error) {
	var all []scored
	for _, kk := range kinds {
		if k != 0 && k != kk {
			continue
		}
		res, err := queryCollection(ctx, v.cols[kk], q, n)
		if err != nil {
			return nil, fmt.Errorf("query %s vectors: %w", kk, err)
		}
		all = append(all, res...)
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
