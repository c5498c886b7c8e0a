package retrieval

import (
	"context"
	"errors"
)

// The hooks below let the benchmarks in internal/bench time the vector part
// of a search against chromem-go and a plain scan over the same vectors.
// They are not meant for anything else.

var errNoVectors = errors.New("no vector index")

// BenchEmbedQuery returns the query vector Search would use for q.
func (l *Library) BenchEmbedQuery(ctx context.Context, q string) ([]float32, error) {
	return nil, errNoVectors
}

// BenchVectorSearch runs the vector stage of Search for the query vector
// q, wanting k results, as Search runs it.
func (l *Library) BenchVectorSearch(ctx context.Context, q []float32, k int) error {
	return errNoVectors
}

// BenchChromemQuery runs chromem-go's QueryEmbedding for q over every
// stored vector, with no filter.
func (l *Library) BenchChromemQuery(ctx context.Context, q []float32, k int) error {
	return errNoVectors
}

// BenchVectors returns every stored vector. The slices are the store's
// own and must not be modified.
func (l *Library) BenchVectors() [][]float32 { return nil }

// BenchStageVectors returns the vectors the first stage of the vector
// search reads.
func (l *Library) BenchStageVectors() [][]float32 { return nil }
