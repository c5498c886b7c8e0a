package retrieval

import (
	"context"
	"math"
	"slices"
	"testing"

	"github.com/privacybot/privacybot/corpus"
	"github.com/privacybot/privacybot/internal/synth"
)

// With more articles than the first stage keeps, the two-stage search must
// still find a paragraph by its own words, with the score the exhaustive
// search gives it, and Add and Remove must keep one vector per article.
func TestTwoStageVectorSearch(t *testing.T) {
	ctx := context.Background()
	n := 3 * stage1Articles
	lib, err := Open(ctx, Options{FS: synth.NewCorpus(synth.DefaultSeed, n).FS()})
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()
	if got := lib.vec.articleCount(); got != n {
		t.Fatalf("%d article vectors, want %d", got, n)
	}
	for _, i := range []int{0, 17, n - 1} {
		src := lib.corpus.Sources[i]
		want := lib.bySource[src.ID][2]
		qv, err := EmbedFunc(lib.emb)(ctx, want.indexText())
		if err != nil {
			t.Fatal(err)
		}
		two, err := lib.vectorTop(ctx, qv, 0, 10)
		if err != nil {
			t.Fatal(err)
		}
		all, err := lib.vec.query(ctx, qv, 0, 10)
		if err != nil {
			t.Fatal(err)
		}
		// The two stages sum in another order than chromem, so scores may
		// differ in the last bits of a float32.
		if two[0].id != want.id || two[0].id != all[0].id || math.Abs(two[0].score-all[0].score) > 1e-5 {
			t.Errorf("source %d: two-stage top %v, exhaustive top %v, want %s", i, two[0], all[0], want.id)
		}
	}

	extra := synth.New(synth.DefaultSeed).Article(n)
	if err := lib.Add(ctx, corpus.ParseSource(extra.Name, extra.Text)); err != nil {
		t.Fatal(err)
	}
	if got := lib.vec.articleCount(); got != n+1 {
		t.Fatalf("after Add: %d article vectors, want %d", got, n+1)
	}
	if err := lib.Remove(ctx, lib.corpus.Sources[0].ID); err != nil {
		t.Fatal(err)
	}
	if got := lib.vec.articleCount(); got != n {
		t.Fatalf("after Remove: %d article vectors, want %d", got, n)
	}
}

func TestArticleVectorsTop(t *testing.T) {
	var a articleVectors
	want := []scored{}
	for i := range 10000 {
		id := string(rune('a'+i%26)) + string(rune('a'+i/26%26)) + string(rune('a'+i/676))
		x := float32(i%97) / 97 // many ties
		a.set(id, []float32{x, 0, 0, 0})
		want = append(want, scored{id, float64(x)})
	}
	slices.SortFunc(want, byScoreThenID)
	got := a.top([]float32{1, 0, 0, 0}, 25)
	if !slices.Equal(got, want[:25]) {
		t.Fatalf("top = %v\nwant %v", got, want[:25])
	}
	a.remove(want[0].id)
	if got := a.top([]float32{1, 0, 0, 0}, 1); got[0] != want[1] {
		t.Fatalf("after remove, top = %v, want %v", got, want[1])
	}
}
