package retrieval

import (
	"context"
	"errors"
	"fmt"
	"runtime"

	"golang.org/x/sync/errgroup"
)

// EmbeddingFunc turns text into an L2-normalized vector. It has the shape of
// chromem.EmbeddingFunc, so it converts to one directly.
type EmbeddingFunc func(ctx context.Context, text string) ([]float32, error)

// Embedder turns texts into L2-normalized vectors, all of one length.
type Embedder interface {
	// Name identifies the model and its version, such as "local-v1-128" or
	// "openai:text-embedding-3-small". Vectors from embedders with different
	// names are never mixed: the name keys the persisted collection.
	Name() string
	// Embed returns one vector per text, in order. It must be safe for
	// concurrent use.
	Embed(ctx context.Context, texts []string) ([][]float32, error)
}

// FittedEmbedder is an [Embedder] that learns statistics from the corpus,
// such as the IDF table of [LocalEmbedder]. The [Library] calls Fit before
// building an index and saves MarshalState with it, so that documents added
// later, and queries, are embedded with the same statistics.
type FittedEmbedder interface {
	Embedder
	// Fit learns from the texts that are about to be indexed. It is called
	// before any Embed, never concurrently with one.
	Fit(texts []string)
	// MarshalState returns what Fit learned.
	MarshalState() ([]byte, error)
	// UnmarshalState restores what MarshalState returned.
	UnmarshalState(state []byte) error
}

// EmbedFunc adapts e to a single-text [EmbeddingFunc], as chromem-go wants.
func EmbedFunc(e Embedder) EmbeddingFunc {
	return func(ctx context.Context, text string) ([]float32, error) {
		vs, err := e.Embed(ctx, []string{text})
		if err != nil {
			return nil, err
		}
		if len(vs) != 1 {
			return nil, fmt.Errorf("embedder %s returned %d vectors for 1 text", e.Name(), len(vs))
		}
		return vs[0], nil
	}
}

// embedBatchSize is how many texts go to one Embed call; it suits both the
// local embedder and remote APIs that accept batches.
const embedBatchSize = 128

// embedAll embeds texts in batches on runtime.NumCPU workers. The first
// error cancels the other workers and is returned.
func embedAll(ctx context.Context, e Embedder, texts []string) ([][]float32, error) {
	return embedAllProgress(ctx, e, texts, nil)
}

// embedAllProgress is embedAll calling done(n), when done is not nil, as
// each batch of n texts is embedded, from the worker that embedded it.
func embedAllProgress(ctx context.Context, e Embedder, texts []string, done func(n int)) ([][]float32, error) {
	out := make([][]float32, len(texts))
	if len(texts) == 0 {
		return out, nil
	}
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(runtime.NumCPU())
	for start := 0; start < len(texts) && gctx.Err() == nil; start += embedBatchSize {
		g.Go(func() error {
			if gctx.Err() != nil {
				return nil // a batch failed or ctx is done: drain
			}
			end := min(start+embedBatchSize, len(texts))
			vs, err := e.Embed(gctx, texts[start:end])
			if err == nil && len(vs) != end-start {
				err = fmt.Errorf("got %d vectors for %d texts", len(vs), end-start)
			}
			if err != nil {
				return fmt.Errorf("embed texts %d-%d with %s: %w", start, end-1, e.Name(), err)
			}
			copy(out[start:end], vs)
			if done != nil {
				done(end - start)
			}
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	if err := context.Cause(ctx); err != nil {
		return nil, fmt.Errorf("embed: %w", err)
	}
	return out, nil
}

// errEmptyVector reports an embedder that returned no numbers.
var errEmptyVector = errors.New("embedder returned an empty vector")
