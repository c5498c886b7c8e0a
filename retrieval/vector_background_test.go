package retrieval

import (
	"context"
	"os"
	"reflect"
	"sync"
	"testing"

	"github.com/privacybot/privacybot/corpus"
	"github.com/privacybot/privacybot/internal/synth"
)

// gateShards makes the background load wait, before each shard, until the
// returned release is called or the library is closed. It is undone when
// the test ends.
func gateShards(t *testing.T) (release func()) {
	t.Helper()
	gate := make(chan struct{})
	testBeforeShard = func(ctx context.Context, _ int) {
		select {
		case <-gate:
		case <-ctx.Done():
		}
	}
	var once sync.Once
	release = func() { once.Do(func() { close(gate) }) }
	t.Cleanup(func() {
		release()
		testBeforeShard = nil
	})
	return release
}

// twoStage returns a corpus large enough to be searched in two stages, a
// data directory of the test's own holding its saved index, the library
// that built it and a few questions about it. The index is built once per
// test binary.
func twoStage(t *testing.T) (*synth.Corpus, string, *Library, []SearchOptions) {
	t.Helper()
	twoStageOnce.Do(func() {
		ts := &twoStageIndex
		ts.corpus = synth.NewCorpus(synth.DefaultSeed, 2*articlesPerShard+50)
		ts.dir, ts.err = os.MkdirTemp("", "twostage-")
		if ts.err != nil {
			return
		}
		ts.built, ts.err = Open(context.Background(), Options{FS: ts.corpus.FS(), DataDir: ts.dir})
		for _, k := range []string{synth.WhoSaid, synth.FactQ, synth.NoAnswer} {
			for _, q := range ts.corpus.Questions(k, 4) {
				ts.qs = append(ts.qs, SearchOptions{Query: q.Text, K: 20}, SearchOptions{Query: q.Text, K: 5, Kind: KindQuote})
			}
		}
	})
	ts := &twoStageIndex
	if ts.err != nil {
		t.Fatal(ts.err)
	}
	dir := t.TempDir()
	b, err := os.ReadFile(indexFile(ts.dir, ts.built.emb))
	if err != nil {
		t.Fatal(err)
	}
	mustWrite(t, indexFile(dir, ts.built.emb), b)
	return ts.corpus, dir, ts.built, ts.qs
}

var (
	twoStageOnce  sync.Once
	twoStageIndex struct {
		corpus *synth.Corpus
		dir    string
		built  *Library
		qs     []SearchOptions
		err    error
	}
)

func loadedShards(l *Library) int {
	n := 0
	for _, s := range l.vec.shards {
		if s.ready() {
			n++
		}
	}
	return n
}

// Open returns before the chunk vectors of a large index are in, and the
// searches that run meanwhile find exactly what they find afterwards and
// what the index found when it was built.
func TestSearchesWhileVectorsLoadMatchTheBuiltIndex(t *testing.T) {
	syn, dir, built, qs := twoStage(t)
	release := gateShards(t)
	l := mustOpen(t, Options{FS: syn.FS(), DataDir: dir})
	if w := l.Warnings(); len(w) != 0 || l.Rebuilt() != "" {
		t.Fatalf("the saved index was not used: %q %q", w, l.Rebuilt())
	}
	if n := loadedShards(l); n != 0 {
		t.Fatalf("%d of %d shards loaded before Open returned, want none (they wait on the gate)", n, len(l.vec.shards))
	}
	for _, o := range qs {
		if want, got := mustSearch(t, built, o), mustSearch(t, l, o); len(want) == 0 || !reflect.DeepEqual(got, want) {
			t.Errorf("%q while loading: found\n%v\nthe built index\n%v", o.Query, got, want)
		}
	}
	if n := loadedShards(l); n != 0 {
		t.Fatalf("searches loaded %d shards; they should compute the vectors again", n)
	}
	release()
	if err := l.WaitVectors(context.Background()); err != nil {
		t.Fatal(err)
	}
	if n := loadedShards(l); n != len(l.vec.shards) {
		t.Fatalf("%d of %d shards loaded after WaitVectors", n, len(l.vec.shards))
	}
	for _, o := range qs {
		if want, got := mustSearch(t, built, o), mustSearch(t, l, o); !reflect.DeepEqual(got, want) {
			t.Errorf("%q once loaded: found\n%v\nthe built index\n%v", o.Query, got, want)
		}
	}
	// What a search computed while loading is what was stored.
	for _, src := range l.Corpus().Sources[:50] {
		for _, c := range l.bySource[src.ID] {
			again := l.emb.(*LocalEmbedder).Vector(c.indexText())
			if !isNormalized(again) {
				again = normalized(again)
			}
			if !reflect.DeepEqual(again, c.vec) {
				t.Fatalf("the vector of %s computed again differs from the stored one", c.id)
			}
		}
	}
}

// With an embedder that is not the local one, a search waits for the
// shards it needs instead of embedding their chunks again.
func TestOtherEmbeddersWaitForTheirShards(t *testing.T) {
	syn, dir, built, qs := twoStage(t)
	release := gateShards(t)
	e := newCounting()
	l := mustOpen(t, Options{FS: syn.FS(), DataDir: dir, Embedder: e})
	done := make(chan []Hit)
	go func() {
		hs, _ := l.Search(context.Background(), qs[0])
		done <- hs
	}()
	release()
	if got, want := <-done, mustSearch(t, built, qs[0]); !reflect.DeepEqual(got, want) {
		t.Errorf("found\n%v\nthe built index\n%v", got, want)
	}
	if got := e.texts.Load(); got != 1 {
		t.Errorf("embedded %d texts, want 1 (the query)", got)
	}
}

// A shard whose saved vectors are damaged is embedded again in the
// background, said in the Warnings, and saved, so the next Open is clean.
func TestDamagedShardIsEmbeddedAgainInTheBackground(t *testing.T) {
	syn, dir, built, qs := twoStage(t)
	flipInSection(t, indexFile(dir, built.emb), vectorSection+"1")
	e := newCounting()
	l := mustOpen(t, Options{FS: syn.FS(), DataDir: dir, Embedder: e})
	if err := l.WaitVectors(context.Background()); err != nil {
		t.Fatal(err)
	}
	if !hasWarning(l, "vectors of shard 1 of the saved index could not be read, so they were embedded again") {
		t.Errorf("warnings %q, want one about shard 1", l.Warnings())
	}
	if got, want := e.texts.Load(), int64(l.shardChunkCounts(len(l.vec.shards))[1]); got != want {
		t.Errorf("embedded %d texts, want shard 1's %d chunks", got, want)
	}
	for _, o := range qs {
		if want, got := mustSearch(t, built, o), mustSearch(t, l, o); !reflect.DeepEqual(got, want) {
			t.Errorf("%q: found\n%v\nthe built index\n%v", o.Query, got, want)
		}
	}
	again := newCounting()
	l2 := mustOpen(t, Options{FS: syn.FS(), DataDir: dir, Embedder: again})
	if err := l2.WaitVectors(context.Background()); err != nil {
		t.Fatal(err)
	}
	if w := l2.Warnings(); len(w) != 0 || again.texts.Load() != 0 {
		t.Errorf("the repaired index was not saved: warnings %q, %d texts embedded", w, again.texts.Load())
	}
}

// Add waits for the background load, then indexes as usual.
func TestAddWhileVectorsLoad(t *testing.T) {
	syn, dir, _, _ := twoStage(t)
	release := gateShards(t)
	l := mustOpen(t, Options{FS: syn.FS(), DataDir: dir})
	extra := synth.New(synth.DefaultSeed).Article(2*articlesPerShard + 50)
	src := corpus.ParseSource(extra.Name, extra.Text)
	done := make(chan error)
	go func() { done <- l.Add(context.Background(), src) }()
	release()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	want := l.bySource[src.ID][1]
	if hs := mustSearch(t, l, SearchOptions{Query: want.text(), K: 1}); len(hs) == 0 || hs[0].Source != src.ID {
		t.Errorf("the added article is not found: %v", hs)
	}
}

func TestMain(m *testing.M) {
	code := m.Run()
	if twoStageIndex.built != nil {
		twoStageIndex.built.Close()
	}
	if twoStageIndex.dir != "" {
		os.RemoveAll(twoStageIndex.dir)
	}
	os.Exit(code)
}
