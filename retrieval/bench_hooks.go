package retrieval

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"
)

// The hooks below let the benchmarks in internal/bench time the vector part
// of a search against chromem-go and a plain scan over the same vectors.
// They are not meant for anything else.

var errNoVectors = errors.New("no vector index")

// BenchEmbedQuery returns the query vector Search would use for q.
func (l *Library) BenchEmbedQuery(ctx context.Context, q string) ([]float32, error) {
	return EmbedFunc(l.emb)(ctx, q)
}

// BenchVectorSearch runs the vector stage of Search for the query vector
// q, wanting k results, as Search runs it.
func (l *Library) BenchVectorSearch(ctx context.Context, q []float32, k int) error {
	l.mu.RLock()
	defer l.mu.RUnlock()
	if l.vec == nil {
		return errNoVectors
	}
	_, err := l.vectorTop(ctx, q, 0, k)
	return err
}

// BenchStage2Vectors returns the chunk vectors the second stage of the
// vector search reads for the query vector q: those of the articles the
// first stage keeps. It returns none when the search is exhaustive.
func (l *Library) BenchStage2Vectors(ctx context.Context, q []float32) ([][]float32, error) {
	l.mu.RLock()
	defer l.mu.RUnlock()
	if l.vec == nil {
		return nil, errNoVectors
	}
	return l.stage2Vectors(ctx, q)
}

// BenchChromemQuery runs chromem-go's QueryEmbedding for q over every
// stored vector, with no filter.
func (l *Library) BenchChromemQuery(ctx context.Context, q []float32, k int) error {
	l.mu.RLock()
	defer l.mu.RUnlock()
	if l.vec == nil {
		return errNoVectors
	}
	if err := l.vec.waitAll(ctx); err != nil {
		return err
	}
	for _, s := range l.vec.shards {
		for _, kind := range kinds {
			c := s.cols[kind]
			if c.Count() == 0 {
				continue
			}
			if _, err := c.QueryEmbedding(ctx, q, min(k, c.Count()), nil, nil); err != nil {
				return fmt.Errorf("chromem query: %w", err)
			}
		}
	}
	return nil
}

// BenchVectors returns every chunk vector, the vectors an exhaustive
// search reads. They are shared with the store and must not be modified.
func (l *Library) BenchVectors() [][]float32 {
	l.mu.RLock()
	defer l.mu.RUnlock()
	if l.vec == nil || l.vec.waitAll(context.Background()) != nil {
		return nil
	}
	out := make([][]float32, 0, len(l.chunks))
	for _, c := range l.chunks {
		if v, err := l.chunkVector(context.Background(), c); err == nil {
			out = append(out, v)
		}
	}
	return out
}

// BenchStageVectors returns the vectors the first stage of the vector
// search reads: one per article, or every chunk vector when the search is
// exhaustive.
func (l *Library) BenchStageVectors() [][]float32 {
	l.mu.RLock()
	arts := l.vec.articleCount()
	l.mu.RUnlock()
	if arts <= stage1Articles {
		return l.BenchVectors()
	}
	_, vecs := l.vec.artVecs.list()
	return vecs
}

// BenchImportVectors reads every vector section of the saved index (chunk
// and article vectors) and imports it into a new chromem-go DB, on all
// CPUs, as Open and the background load do, but without listing or
// linking the vectors: the least loading every vector through chromem-go's
// export can cost. It returns how long that took.
func (l *Library) BenchImportVectors() (time.Duration, error) {
	if l.path == "" {
		return 0, errors.New("the library has no saved index")
	}
	f, hdr, err := readIndexHeader(l.path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	start := time.Now()
	var (
		mu    sync.Mutex
		first error
	)
	secs := hdr.Sections[1 : 1+2*hdr.Shards]
	parallelEach(len(secs), func(i int) {
		if _, err := importSection(f, secs[i], l.emb); err != nil {
			mu.Lock()
			first = cmpErr(first, err)
			mu.Unlock()
		}
	})
	return time.Since(start), first
}
