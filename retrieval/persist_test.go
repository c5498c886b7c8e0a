package retrieval

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/privacybot/privacybot/corpus"
	"github.com/privacybot/privacybot/internal/synth"
)

func TestIndexFileNames(t *testing.T) {
	tests := []struct {
		name string
		emb  Embedder
		want string
	}{
		{"local", NewLocalEmbedder(), "index-local-v1-128-"},
		{"remote", &renamed{NewLocalEmbedder(), "openai:text-embedding-3-small"}, "index-openai_text-embedding-3-small-"},
		{"path characters", &renamed{NewLocalEmbedder(), "../../etc/passwd"}, "index-.._.._etc_passwd-"},
	}
	seen := map[string]bool{}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := indexFile("/data", tt.emb)
			if filepath.Dir(p) != "/data" || !strings.HasPrefix(filepath.Base(p), tt.want) {
				t.Errorf("indexFile = %q, want /data/%s…", p, tt.want)
			}
			if seen[p] {
				t.Errorf("two embedders share %q", p)
			}
			seen[p] = true
		})
	}
}

// TestSaveIsAtomic saves repeatedly while other goroutines (standing in for
// other processes) load the file: no load may see a partial file.
func TestSaveIsAtomic(t *testing.T) {
	dir := t.TempDir()
	l := mustOpen(t, Options{DataDir: dir})
	ctx := context.Background()
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				// A reader as a second process would be: its own embedder and
				// its own view of the files.
				f, hdr, err := readIndexHeader(l.path)
				if err != nil {
					t.Errorf("reader saw a damaged file: %v", err)
					return
				}
				f.Close()
				_, err = loadIndex(context.Background(), l.path, indexWant{
					emb: NewLocalEmbedder(), corpusHash: hdr.CorpusHash, chunkHash: hdr.ChunkHash, counts: hdr.Counts,
					chunk:  func(id string, k chunkKind) *chunk { return &chunk{id: id, kind: k} },
					vector: func(int, int, chunkKind, string, []float32) error { return nil },
				})
				if errors.Is(err, errIndexStale) {
					continue // replaced between the two reads by another whole file
				}
				if err != nil {
					t.Errorf("reader saw a damaged file: %v", err)
					return
				}
			}
		}()
	}
	for range 10 {
		if err := l.Add(ctx, corpus.ParseSource("900_zorblax.txt", addedArticle)); err != nil {
			t.Fatal(err)
		}
		if err := l.Remove(ctx, "900_zorblax"); err != nil {
			t.Fatal(err)
		}
	}
	close(stop)
	wg.Wait()
	left, _ := filepath.Glob(filepath.Join(dir, ".tmp-*"))
	if len(left) != 0 {
		t.Errorf("temporary files left behind: %q", left)
	}
}

func TestSaveFailureIsAWarning(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root can write anywhere")
	}
	dir := t.TempDir()
	if err := os.Chmod(dir, 0o500); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(dir, 0o700)
	l := mustOpen(t, Options{DataDir: dir})
	if !hasWarning(l, "couldn't save the index") {
		t.Errorf("warnings %q, want a save failure", l.Warnings())
	}
	if err := l.Add(context.Background(), corpus.ParseSource("900_zorblax.txt", addedArticle)); err == nil {
		t.Error("Add reported success although the index could not be saved")
	}
}

// An index saved by an older version is out of date, not damaged: it is
// rebuilt, with one warning that says so (it happens once, after an
// upgrade).
func TestOldFormatIsRebuiltWithAWarning(t *testing.T) {
	dir := t.TempDir()
	l0 := mustOpen(t, Options{DataDir: dir})
	mustWrite(t, l0.path, []byte(oldIndexMagics[0]+strings.Repeat("old index ", 100)))
	l := mustOpen(t, Options{DataDir: dir})
	if w := l.Warnings(); len(w) != 1 || !strings.Contains(w[0], "older version") {
		t.Errorf("warnings %q, want one naming the older version", w)
	}
	if !strings.Contains(l.Rebuilt(), "older version") {
		t.Errorf("Rebuilt() = %q, want it to name the older version", l.Rebuilt())
	}
}

// A library opened from its saved index, spread over several shards,
// searches exactly as the one that built it: the same hits with the same
// scores, quantity questions included (they use the saved numeric flags).
func TestSavedIndexSearchesAsBuilt(t *testing.T) {
	ctx := context.Background()
	n := 2*articlesPerShard + 50
	syn := synth.NewCorpus(synth.DefaultSeed, n)
	dir := t.TempDir()
	built := mustOpen(t, Options{FS: syn.FS(), DataDir: dir})
	if len(built.vec.shards) != 3 {
		t.Fatalf("%d shards, want 3", len(built.vec.shards))
	}
	e := newCounting()
	loaded, err := Open(ctx, Options{FS: syn.FS(), DataDir: dir, Embedder: e})
	if err != nil {
		t.Fatal(err)
	}
	defer loaded.Close()
	if w := loaded.Warnings(); len(w) != 0 || loaded.Rebuilt() != "" {
		t.Fatalf("the saved index was not used: %q %q", w, loaded.Rebuilt())
	}
	if got := e.texts.Load(); got != 0 {
		t.Fatalf("opening the saved index embedded %d texts", got)
	}
	var qs []string
	for _, k := range []string{synth.WhoSaid, synth.FactQ, synth.NoAnswer} {
		for _, q := range syn.Questions(k, 5) {
			qs = append(qs, q.Text)
		}
	}
	qs = append(qs, "How many customers were affected?", "what did the spokesperson say about fines")
	for _, q := range qs {
		for _, o := range []SearchOptions{{Query: q, K: 20}, {Query: q, K: 5, Kind: KindQuote}} {
			want := mustSearch(t, built, o)
			got := mustSearch(t, loaded, o)
			if len(want) == 0 || !reflect.DeepEqual(got, want) {
				t.Errorf("%q: loaded index found\n%v\nthe built one\n%v", q, got, want)
			}
		}
	}
}

// sectionBytes returns the bytes of every section of the index at path.
func sectionBytes(t *testing.T, path string) map[string][]byte {
	t.Helper()
	f, hdr, err := readIndexHeader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string][]byte{}
	for _, s := range hdr.Sections {
		b, err := readSection(f, s)
		if err != nil {
			t.Fatal(err)
		}
		out[s.Name] = b
	}
	return out
}

// Adding or removing an article re-exports only its own shard: the others
// are copied from the saved file byte for byte (a re-export would list the
// documents in another order), and the result reopens without embedding
// anything and finds the added article.
func TestWritesSaveOnlyTheirShard(t *testing.T) {
	ctx := context.Background()
	n := 2*articlesPerShard + 50
	syn := synth.NewCorpus(synth.DefaultSeed, n)
	dir := t.TempDir()
	l := mustOpen(t, Options{FS: syn.FS(), DataDir: dir})
	extra := synth.New(synth.DefaultSeed).Article(n)
	added := corpus.ParseSource(extra.Name, extra.Text)
	removed := l.Corpus().Sources[0].ID
	for _, step := range []struct {
		id string
		do func() error
	}{
		{added.ID, func() error { return l.Add(ctx, added) }},
		{removed, func() error { return l.Remove(ctx, removed) }},
	} {
		before := sectionBytes(t, l.path)
		changed := vectorSection + strconv.Itoa(l.vec.shardIndex(step.id))
		snapshot := corpusSection + strconv.Itoa(l.vec.shardIndex(step.id))
		articles := articleSection + strconv.Itoa(l.vec.shardIndex(step.id))
		if err := step.do(); err != nil {
			t.Fatal(err)
		}
		after := sectionBytes(t, l.path)
		for name, b := range after {
			if name == lexicalSection || name == changed || name == snapshot || name == articles {
				continue
			}
			if !bytes.Equal(b, before[name]) {
				t.Errorf("%s changed although only %s holds %s", name, changed, step.id)
			}
		}
		for _, name := range []string{changed, articles} {
			if bytes.Equal(after[name], before[name]) {
				t.Errorf("%s was not saved again", name)
			}
		}
	}
	files := fstest.MapFS{}
	for _, s := range l.Corpus().Sources {
		files[s.ID+".txt"] = &fstest.MapFile{Data: []byte(s.Text)}
	}
	e := newCounting()
	again, err := Open(ctx, Options{FS: files, DataDir: dir, Embedder: e})
	if err != nil {
		t.Fatal(err)
	}
	defer again.Close()
	if w := again.Warnings(); len(w) != 0 || again.Rebuilt() != "" || e.texts.Load() != 0 {
		t.Fatalf("the saved index was not used: warnings %q, rebuilt %q, %d texts embedded", w, again.Rebuilt(), e.texts.Load())
	}
	want := l.bySource[added.ID][1]
	hs := mustSearch(t, again, SearchOptions{Query: want.text(), K: 1})
	if len(hs) == 0 || hs[0].Source != added.ID {
		t.Errorf("the added article is not found after reopening: %v", hs)
	}
}
