package retrieval

import (
	"context"
	"errors"
	"math"
	"runtime"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
)

func norm(v []float32) float64 {
	var s float64
	for _, x := range v {
		s += float64(x) * float64(x)
	}
	return math.Sqrt(s)
}

func TestLocalEmbedderVectors(t *testing.T) {
	e := NewLocalEmbedder()
	e.Fit([]string{
		"JPMorgan Chase declined to comment on the Facebook deal.",
		"Wells Fargo said its chatbot on Messenger could help customers.",
		"Citigroup told AFP that customer privacy is paramount.",
	})
	tests := []struct {
		name string
		text string
	}{
		{"sentence", "JPMorgan Chase spokeswoman Patricia Wexler"},
		{"stopwords only", "It is what it is."},
		{"empty", ""},
		{"unseen words", "zorblax quuxington"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := e.Vector(tt.text)
			if len(v) != LocalDim {
				t.Fatalf("len = %d, want %d", len(v), LocalDim)
			}
			if n := norm(v); math.Abs(n-1) > 1e-5 {
				t.Errorf("norm = %v, want 1", n)
			}
			if w := e.Vector(tt.text); !slices.Equal(v, w) {
				t.Error("two embeddings of the same text differ")
			}
		})
	}
}

func TestLocalEmbedderSimilarity(t *testing.T) {
	e := NewLocalEmbedder()
	e.Fit([]string{
		"JPMorgan Chase declined to comment.",
		"Wells Fargo said its chatbot could help.",
		"Citigroup told AFP that privacy is paramount.",
		"Facebook has 1.3 billion users on Messenger.",
	})
	tests := []struct {
		name, query, near, far string
	}{
		{"typo via character 3-grams", "JP Morgn", "JPMorgan Chase declined to comment.", "Wells Fargo said its chatbot could help."},
		{"split compound", "Wells Fargo", "WellsFargo", "Citigroup"},
		{"shared words", "Messenger users", "Facebook has 1.3 billion users on Messenger.", "Citigroup told AFP that privacy is paramount."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q := e.Vector(tt.query)
			near, far := Dot(q, e.Vector(tt.near)), Dot(q, e.Vector(tt.far))
			if near <= far {
				t.Errorf("sim(%q, %q) = %v, not above sim to %q = %v", tt.query, tt.near, near, tt.far, far)
			}
		})
	}
}

func TestLocalEmbedderState(t *testing.T) {
	e := NewLocalEmbedder()
	e.Fit([]string{"banks share data", "Facebook asks banks", "privacy concerns"})
	st, err := e.MarshalState()
	if err != nil {
		t.Fatal(err)
	}
	f := NewLocalEmbedder()
	if err := f.UnmarshalState(st); err != nil {
		t.Fatalf("UnmarshalState: %v", err)
	}
	if !slices.Equal(e.Vector("banks and privacy"), f.Vector("banks and privacy")) {
		t.Error("restored embedder embeds differently")
	}
	unfitted, _ := NewLocalEmbedder().MarshalState()
	if err := f.UnmarshalState(unfitted); err != nil {
		t.Errorf("unfitted state: %v", err)
	}
	bad := []struct {
		name  string
		state []byte
	}{
		{"empty", nil},
		{"bad magic", []byte("nope")},
		{"truncated", st[:len(st)/2]},
		{"trailing", append(slices.Clone(st), 1)},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			if err := NewLocalEmbedder().UnmarshalState(tt.state); err == nil {
				t.Error("UnmarshalState succeeded, want an error")
			}
		})
	}
}

// flakyEmbedder fails its n-th call. It counts the calls that begin after
// their context was cancelled.
type flakyEmbedder struct {
	failAt int64
	calls  atomic.Int64
	late   atomic.Int64
}

func (f *flakyEmbedder) Name() string { return "flaky" }
func (f *flakyEmbedder) Embed(ctx context.Context, texts []string) ([][]float32, error) {
	if ctx.Err() != nil {
		f.late.Add(1)
	}
	if f.calls.Add(1) == f.failAt {
		return nil, errors.New("boom")
	}
	out := make([][]float32, len(texts))
	for i := range out {
		out[i] = []float32{1}
	}
	return out, nil
}

func TestEmbedAll(t *testing.T) {
	texts := make([]string, 50*embedBatchSize+7)
	for i := range texts {
		texts[i] = "text"
	}
	t.Run("all in order", func(t *testing.T) {
		vs, err := embedAll(context.Background(), NewLocalEmbedder(), texts)
		if err != nil || len(vs) != len(texts) {
			t.Fatalf("embedAll = %d vectors, %v", len(vs), err)
		}
		for i, v := range vs {
			if len(v) != LocalDim {
				t.Fatalf("vector %d has length %d", i, len(v))
			}
		}
	})
	t.Run("first error stops the rest", func(t *testing.T) {
		f := &flakyEmbedder{failAt: 3}
		_, err := embedAll(context.Background(), f, texts)
		if err == nil || !strings.Contains(err.Error(), "boom") {
			t.Fatalf("embedAll = %v, want the embedder's error", err)
		}
		// Once the error cancels the run, a worker that had already taken
		// a batch may still embed it; no worker starts another. (How many
		// batches ran before the cancel depends on scheduling: a worker
		// preempted inside the failing call lets the others run on.)
		if got, most := f.late.Load(), int64(runtime.NumCPU()); got > most {
			t.Errorf("%d batches began after the run was cancelled, want at most %d (one per worker)", got, most)
		}
		if got := f.calls.Load(); got < f.failAt {
			t.Errorf("%d batches were attempted, want at least %d", got, f.failAt)
		}
	})
	t.Run("cancelled", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		if _, err := embedAll(ctx, NewLocalEmbedder(), texts); !errors.Is(err, context.Canceled) {
			t.Errorf("embedAll = %v, want context.Canceled", err)
		}
	})
	t.Run("wrong count", func(t *testing.T) {
		if _, err := embedAll(context.Background(), shortEmbedder{}, texts); err == nil {
			t.Error("embedAll accepted too few vectors")
		}
	})
}

type shortEmbedder struct{}

func (shortEmbedder) Name() string { return "short" }
func (shortEmbedder) Embed(context.Context, []string) ([][]float32, error) {
	return [][]float32{{1}}, nil
}

func TestEmbedFunc(t *testing.T) {
	f := EmbedFunc(NewLocalEmbedder())
	v, err := f(context.Background(), "banks")
	if err != nil || len(v) != LocalDim {
		t.Fatalf("EmbedFunc = %d numbers, %v", len(v), err)
	}
	if _, err := EmbedFunc(shortEmbedder{})(context.Background(), "x"); err != nil {
		t.Errorf("one vector for one text: %v", err)
	}
	if _, err := EmbedFunc(failingEmbedder{errors.New("boom")})(context.Background(), "x"); err == nil {
		t.Error("EmbedFunc hid the embedder's error")
	}
}
