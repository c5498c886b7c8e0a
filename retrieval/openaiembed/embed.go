// Package openaiembed embeds text with an OpenAI-compatible embeddings
// endpoint through go-openai, for retrieval. It is kept apart from
// retrieval so that retrieval never depends on an OpenAI client.
package openaiembed

import (
	"context"
	"errors"
	"fmt"
	"math"

	"github.com/sashabaranov/go-openai"
)

// DefaultBatch is how many texts go in one request unless told otherwise.
const DefaultBatch = 64

// client is the part of go-openai's client the embedder uses; an
// *openai.Client fits as it is.
type client interface {
	CreateEmbeddings(ctx context.Context, conv openai.EmbeddingRequestConverter) (openai.EmbeddingResponse, error)
}

var _ client = (*openai.Client)(nil)

// ErrBadResponse is wrapped when the server's reply does not hold one
// usable vector per text.
var ErrBadResponse = errors.New("bad embeddings response")

// Embedder embeds texts with one model. It implements the retrieval
// package's Embedder interface and is safe for concurrent use.
type Embedder struct {
	c     client
	model string
	batch int
}

// New returns an embedder that calls c with model, sending at most batch
// texts per request (batch <= 0 means [DefaultBatch]). model must not be
// empty.
func New(c client, model string, batch int) *Embedder {
	if batch <= 0 {
		batch = DefaultBatch
	}
	return &Embedder{c: c, model: model, batch: batch}
}

// Name identifies the model, "openai:" plus its name, so that vectors of
// different models are kept in different collections.
func (e *Embedder) Name() string { return "openai:" + e.model }

// Embed returns one L2-normalized vector per text, in order, requesting
// them in batches. It fails if any request fails or the server returns a
// vector that is missing, empty, zero or of another length than the rest.
func (e *Embedder) Embed(ctx context.Context, texts []string) ([][]float32, error) {
	out := make([][]float32, len(texts))
	dims := 0
	for lo := 0; lo < len(texts); lo += e.batch {
		hi := min(lo+e.batch, len(texts))
		resp, err := e.c.CreateEmbeddings(ctx, openai.EmbeddingRequest{
			Input: texts[lo:hi], Model: openai.EmbeddingModel(e.model), EncodingFormat: openai.EmbeddingEncodingFormatFloat,
		})
		if err != nil {
			return nil, fmt.Errorf("embed texts %d-%d of %d with %s: %w", lo+1, hi, len(texts), e.model, err)
		}
		for _, d := range resp.Data {
			if d.Index < 0 || d.Index >= hi-lo {
				return nil, fmt.Errorf("embed with %s: index %d out of range: %w", e.model, d.Index, ErrBadResponse)
			}
			v, err := normalize(d.Embedding)
			if err != nil {
				return nil, fmt.Errorf("embed with %s: text %d: %w", e.model, lo+d.Index+1, err)
			}
			if dims == 0 {
				dims = len(v)
			}
			if len(v) != dims {
				return nil, fmt.Errorf("embed with %s: vector of %d dimensions after %d: %w", e.model, len(v), dims, ErrBadResponse)
			}
			out[lo+d.Index] = v
		}
		for i := lo; i < hi; i++ {
			if out[i] == nil {
				return nil, fmt.Errorf("embed with %s: no vector for text %d: %w", e.model, i+1, ErrBadResponse)
			}
		}
	}
	return out, nil
}

// normalize returns v scaled to unit length.
func normalize(v []float32) ([]float32, error) {
	var sum float64
	for _, x := range v {
		sum += float64(x) * float64(x)
	}
	if len(v) == 0 || sum == 0 || math.IsNaN(sum) || math.IsInf(sum, 0) {
		return nil, fmt.Errorf("empty or zero vector: %w", ErrBadResponse)
	}
	n := math.Sqrt(sum)
	out := make([]float32, len(v))
	for i, x := range v {
		out[i] = float32(float64(x) / n)
	}
	return out, nil
}
