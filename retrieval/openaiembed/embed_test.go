package openaiembed

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"testing"

	"github.com/sashabaranov/go-openai"

	"github.com/privacybot/privacybot/internal/testkit/fakeopenai"
	"github.com/privacybot/privacybot/retrieval"
)

var _ retrieval.Embedder = (*Embedder)(nil)

func TestEmbedBatchesAndNormalizes(t *testing.T) {
	srv := fakeopenai.New(nil)
	defer srv.Close()
	cfg := openai.DefaultConfig("")
	cfg.BaseURL = srv.BaseURL()
	e := New(openai.NewClientWithConfig(cfg), "nomic-embed-text", 4)
	if e.Name() != "openai:nomic-embed-text" {
		t.Errorf("Name() = %q", e.Name())
	}
	var texts []string
	for i := range 10 {
		texts = append(texts, fmt.Sprintf("text number %d about bank data %d", i, i*i))
	}
	vs, err := e.Embed(context.Background(), texts)
	if err != nil {
		t.Fatal(err)
	}
	if got := srv.Batches(); !slices.Equal(got, []int{4, 4, 2}) {
		t.Errorf("batches = %v, want [4 4 2]", got)
	}
	for i, v := range vs {
		var sum float64
		for _, x := range v {
			sum += float64(x) * float64(x)
		}
		if math.Abs(sum-1) > 1e-5 {
			t.Errorf("vector %d has squared norm %v", i, sum)
		}
		want, _ := normalize(fakeopenai.Vector(texts[i]))
		if !slices.Equal(v, want) {
			t.Errorf("vector %d is not the one for its text (order lost?)", i)
		}
	}
}

type fakeClient func(openai.EmbeddingRequest) (openai.EmbeddingResponse, error)

func (f fakeClient) CreateEmbeddings(_ context.Context, c openai.EmbeddingRequestConverter) (openai.EmbeddingResponse, error) {
	return f(c.Convert())
}

func TestEmbedErrors(t *testing.T) {
	tests := []struct {
		name string
		f    fakeClient
	}{
		{"request fails", func(openai.EmbeddingRequest) (openai.EmbeddingResponse, error) {
			return openai.EmbeddingResponse{}, &openai.APIError{HTTPStatusCode: 500, Message: "boom"}
		}},
		{"missing vector", func(openai.EmbeddingRequest) (openai.EmbeddingResponse, error) {
			return openai.EmbeddingResponse{Data: []openai.Embedding{{Index: 0, Embedding: []float32{1}}}}, nil
		}},
		{"zero vector", func(openai.EmbeddingRequest) (openai.EmbeddingResponse, error) {
			return openai.EmbeddingResponse{Data: []openai.Embedding{{Index: 0, Embedding: []float32{0, 0}}, {Index: 1, Embedding: []float32{1, 0}}}}, nil
		}},
		{"ragged", func(openai.EmbeddingRequest) (openai.EmbeddingResponse, error) {
			return openai.EmbeddingResponse{Data: []openai.Embedding{{Index: 0, Embedding: []float32{1, 0}}, {Index: 1, Embedding: []float32{1}}}}, nil
		}},
		{"bad index", func(openai.EmbeddingRequest) (openai.EmbeddingResponse, error) {
			return openai.EmbeddingResponse{Data: []openai.Embedding{{Index: 7, Embedding: []float32{1}}}}, nil
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := New(tt.f, "m", 0).Embed(context.Background(), []string{"a", "b"})
			var apiErr *openai.APIError
			if err == nil || !(errors.Is(err, ErrBadResponse) || errors.As(err, &apiErr)) {
				t.Errorf("err = %v, want a wrapped failure", err)
			}
		})
	}
}
