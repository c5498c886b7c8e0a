package retrieval

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"testing/fstest"

	"github.com/privacybot/privacybot/corpus"
	"github.com/privacybot/privacybot/quote"
	"github.com/privacybot/privacybot/seeds"
)

// countingEmbedder is a LocalEmbedder that counts the texts it embeds.
type countingEmbedder struct {
	*LocalEmbedder
	texts atomic.Int64
}

func (c *countingEmbedder) Embed(ctx context.Context, texts []string) ([][]float32, error) {
	c.texts.Add(int64(len(texts)))
	return c.LocalEmbedder.Embed(ctx, texts)
}

func newCounting() *countingEmbedder { return &countingEmbedder{LocalEmbedder: NewLocalEmbedder()} }

// failingEmbedder fails every call.
type failingEmbedder struct{ err error }

func (f failingEmbedder) Name() string { return "failing" }
func (f failingEmbedder) Embed(context.Context, []string) ([][]float32, error) {
	return nil, f.err
}

func mustOpen(tb testing.TB, o Options) *Library {
	tb.Helper()
	if o.FS == nil {
		o.FS = seeds.FS
	}
	l, err := Open(context.Background(), o)
	if err != nil {
		tb.Fatalf("Open: %v", err)
	}
	tb.Cleanup(func() { l.Close() })
	return l
}

func mustSearch(tb testing.TB, l *Library, o SearchOptions) []Hit {
	tb.Helper()
	hs, err := l.Search(context.Background(), o)
	if err != nil {
		tb.Fatalf("Search(%q): %v", o.Query, err)
	}
	return hs
}

// seedsCopy returns a writable copy of the seeds.
func seedsCopy(tb testing.TB) fstest.MapFS {
	tb.Helper()
	m := fstest.MapFS{}
	err := fs.WalkDir(seeds.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(seeds.FS, p)
		m[p] = &fstest.MapFile{Data: b}
		return err
	})
	if err != nil {
		tb.Fatal(err)
	}
	return m
}

func hasWarning(l *Library, sub string) bool {
	for _, w := range l.Warnings() {
		if strings.Contains(w, sub) {
			return true
		}
	}
	return false
}

func TestOpenErrors(t *testing.T) {
	tests := []struct {
		name string
		o    Options
	}{
		{"nil FS", Options{}},
		{"failing embedder", Options{FS: seeds.FS, Embedder: failingEmbedder{errors.New("boom")}}},
		{"data dir is a file", Options{FS: seeds.FS, DataDir: filepath.Join("library_test.go", "x")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := Open(context.Background(), tt.o); err == nil {
				t.Fatal("Open succeeded, want an error")
			}
		})
	}
}

func TestOpenCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := Open(ctx, Options{FS: seeds.FS})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Open with a cancelled context: %v, want context.Canceled", err)
	}
}

func TestPersistedIndexReloadsWithoutEmbedding(t *testing.T) {
	dir := t.TempDir()
	first := newCounting()
	l1 := mustOpen(t, Options{DataDir: dir, Embedder: first})
	n := int64(len(l1.chunks))
	if got := first.texts.Load(); got != n {
		t.Fatalf("first Open embedded %d texts, want %d", got, n)
	}
	second := newCounting()
	l2 := mustOpen(t, Options{DataDir: dir, Embedder: second})
	if got := second.texts.Load(); got != 0 {
		t.Fatalf("second Open embedded %d texts, want 0", got)
	}
	if w := l2.Warnings(); len(w) != 0 {
		t.Fatalf("warnings on reload: %q", w)
	}
	q := SearchOptions{Query: "Which banks did Facebook ask for customer data?", K: 8}
	a, b := mustSearch(t, l1, q), mustSearch(t, l2, q)
	if !sameHits(a, b) {
		t.Errorf("reloaded index ranks differently:\n%v\n%v", a, b)
	}
	if got := second.texts.Load(); got != 1 {
		t.Errorf("a search embedded %d texts, want 1 (the query)", got)
	}
}

func TestChangedCorpusRebuilds(t *testing.T) {
	tests := []struct {
		name   string
		change func(fstest.MapFS)
	}{
		{"edited", func(m fstest.MapFS) {
			f := m["002_9ed1676f4f69b874.txt"]
			f.Data = append(f.Data, []byte("\n\nA new closing paragraph about Zorblax.\n")...)
		}},
		{"removed", func(m fstest.MapFS) { delete(m, "003_cb03f695960322b5.txt") }},
		{"added", func(m fstest.MapFS) {
			m["005_new.txt"] = &fstest.MapFile{Data: []byte("New article\n\nZorblax bought a bank.\n")}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			m := seedsCopy(t)
			mustOpen(t, Options{FS: m, DataDir: dir})
			tt.change(m)
			e := newCounting()
			l := mustOpen(t, Options{FS: m, DataDir: dir, Embedder: e})
			if got, want := e.texts.Load(), int64(len(l.chunks)); got != want {
				t.Errorf("embedded %d texts, want a full rebuild of %d", got, want)
			}
			if !strings.Contains(l.Rebuilt(), "corpus changed") {
				t.Errorf("Rebuilt() = %q, want it to say the corpus changed", l.Rebuilt())
			}
			if len(l.Warnings()) != 0 {
				t.Errorf("an out-of-date index is normal, yet warned %q", l.Warnings())
			}
			e2 := newCounting()
			mustOpen(t, Options{FS: m, DataDir: dir, Embedder: e2})
			if got := e2.texts.Load(); got != 0 {
				t.Errorf("the rebuilt index was not saved: reopening embedded %d texts", got)
			}
		})
	}
}

func TestCorruptIndexIsRebuilt(t *testing.T) {
	tests := []struct {
		name    string
		corrupt func(t *testing.T, path string)
	}{
		{"garbage", func(t *testing.T, p string) { mustWrite(t, p, []byte("this is not an index\x00\x01\x02")) }},
		{"empty", func(t *testing.T, p string) { mustWrite(t, p, nil) }},
		{"truncated in the vectors", func(t *testing.T, p string) { truncate(t, p, 0.6) }},
		{"truncated in the header", func(t *testing.T, p string) { truncate(t, p, 0.0001) }},
		{"flipped bytes in the header", func(t *testing.T, p string) {
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			for i := len(b) - 200; i < len(b)-100; i++ {
				b[i] ^= 0xff
			}
			mustWrite(t, p, b)
		}},
		{"a flipped byte in the BM25 index", func(t *testing.T, p string) { flipInSection(t, p, lexicalSection) }},
		{"a flipped byte in the vectors", func(t *testing.T, p string) { flipInSection(t, p, vectorSection+"0") }},
		{"a flipped byte in the corpus snapshot", func(t *testing.T, p string) { flipInSection(t, p, corpusSection+"0") }},
		{"huge header length", func(t *testing.T, p string) {
			mustWrite(t, p, []byte(indexMagic+strings.Repeat("x", 64)+"\xff\xff\xff\xff\xff\xff\xff\x7f"+indexMagic))
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			l0 := mustOpen(t, Options{DataDir: dir})
			path := indexFile(dir, l0.emb)
			tt.corrupt(t, path)
			e := newCounting()
			l := mustOpen(t, Options{DataDir: dir, Embedder: e})
			if !hasWarning(l, "index was corrupt and has been rebuilt") {
				t.Errorf("warnings %q, want a corrupt-index warning", l.Warnings())
			}
			if got, want := e.texts.Load(), int64(len(l.chunks)); got != want {
				t.Errorf("embedded %d texts, want %d", got, want)
			}
			if hs := mustSearch(t, l, SearchOptions{Query: "fraud alerts"}); len(hs) == 0 {
				t.Error("no hits after the rebuild")
			}
			l2 := mustOpen(t, Options{DataDir: dir})
			if w := l2.Warnings(); len(w) != 0 {
				t.Errorf("the rebuilt index was not saved cleanly: %q", w)
			}
		})
	}
}

func TestEmbedderNamesKeepSeparateIndexes(t *testing.T) {
	dir := t.TempDir()
	mustOpen(t, Options{DataDir: dir})
	other := &renamed{LocalEmbedder: NewLocalEmbedder(), name: "other-model"}
	mustOpen(t, Options{DataDir: dir, Embedder: other})
	e := newCounting()
	mustOpen(t, Options{DataDir: dir, Embedder: e})
	if got := e.texts.Load(); got != 0 {
		t.Errorf("the local index was overwritten by another embedder's: reopening embedded %d texts", got)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "index-*"))
	if len(files) != 2 {
		t.Errorf("index files %q, want one per embedder", files)
	}
}

type renamed struct {
	*LocalEmbedder
	name string
}

func (r *renamed) Name() string { return r.name }

func mustWrite(t *testing.T, p string, b []byte) {
	t.Helper()
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// flipInSection inverts one byte in the middle of the named section of the
// index at p.
func flipInSection(t *testing.T, p, name string) {
	t.Helper()
	f, hdr, err := readIndexHeader(p)
	if err != nil {
		t.Fatal(err)
	}
	f.Close()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range hdr.Sections {
		if s.Name == name {
			b[s.Offset+s.Length/2] ^= 0x10
			mustWrite(t, p, b)
			return
		}
	}
	t.Fatalf("no section %q in %v", name, hdr.Sections)
}

func truncate(t *testing.T, p string, frac float64) {
	t.Helper()
	info, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(p, int64(float64(info.Size())*frac)); err != nil {
		t.Fatal(err)
	}
}

const addedArticle = `Title: Zorblax fined over data broker deal
Source: Test Wire

Regulators fined Zorblax Corp, a data broker, for selling location histories of 4 million people to insurers.

"We never sold anything that identifies a person," a Zorblax spokesman said.
`

func TestAddAndRemove(t *testing.T) {
	for _, dataDir := range []string{"", "persisted"} {
		t.Run("datadir="+dataDir, func(t *testing.T) {
			o := Options{}
			if dataDir != "" {
				o.DataDir = t.TempDir()
			}
			l := mustOpen(t, o)
			ctx := context.Background()
			src := corpus.ParseSource("900_zorblax.txt", addedArticle)
			if err := l.Add(ctx, src); err != nil {
				t.Fatalf("Add: %v", err)
			}
			hs := mustSearch(t, l, SearchOptions{Query: "Which data broker sold location histories to insurers?", K: 3})
			if len(hs) == 0 || hs[0].Source != "900_zorblax" || !strings.Contains(hs[0].Text, "location histories") {
				t.Fatalf("top hit after Add = %+v, want the new paragraph", hs)
			}
			qs := mustSearch(t, l, SearchOptions{Query: "never sold anything that identifies a person", Kind: KindQuote, K: 3})
			if len(qs) == 0 || qs[0].Source != "900_zorblax" || qs[0].Quote == nil ||
				src.Text[qs[0].Start:qs[0].End] != qs[0].Text {
				t.Fatalf("top quote after Add = %+v, want the new quote, verbatim", qs)
			}
			if _, err := l.Corpus().Get("900"); err != nil {
				t.Errorf("corpus after Add: %v", err)
			}
			if !ledgerHas(l.Ledger(), "900_zorblax") {
				t.Error("ledger after Add has no quote of the new source")
			}

			// Replacing keeps only the new text.
			src2 := corpus.ParseSource("900_zorblax.txt", "Title: Zorblax\n\nZorblax now sells weather forecasts to farmers.\n")
			if err := l.Add(ctx, src2); err != nil {
				t.Fatalf("Add (replace): %v", err)
			}
			for _, h := range mustSearch(t, l, SearchOptions{Query: "Zorblax location histories insurers", K: 50}) {
				if strings.Contains(h.Text, "location histories") || strings.Contains(h.Text, "never sold") {
					t.Errorf("replaced text still found: %+v", h)
				}
			}
			if ledgerHas(l.Ledger(), "900_zorblax") {
				t.Error("ledger still holds the replaced source's quotes")
			}

			if err := l.Remove(ctx, "900_zorblax"); err != nil {
				t.Fatalf("Remove: %v", err)
			}
			for _, h := range mustSearch(t, l, SearchOptions{Query: "Zorblax weather forecasts farmers", K: 200}) {
				if h.Source == "900_zorblax" {
					t.Errorf("removed source still found: %+v", h)
				}
			}
			if _, err := l.Corpus().Get("900"); !errors.Is(err, corpus.ErrUnknownSource) {
				t.Errorf("corpus after Remove: Get = %v, want ErrUnknownSource", err)
			}
			if err := l.Remove(ctx, "900_zorblax"); !errors.Is(err, corpus.ErrUnknownSource) {
				t.Errorf("second Remove = %v, want ErrUnknownSource", err)
			}
			if l.lex.live != len(l.chunks) || l.vec.count(kindParagraph)+l.vec.count(kindQuote) != len(l.chunks) {
				t.Errorf("indexes out of step: %d BM25 docs, %d vectors, %d chunks",
					l.lex.live, l.vec.count(kindParagraph)+l.vec.count(kindQuote), len(l.chunks))
			}
		})
	}
}

func TestAddPersistsForTheSameCorpus(t *testing.T) {
	dir := t.TempDir()
	m := seedsCopy(t)
	l := mustOpen(t, Options{FS: m, DataDir: dir})
	if err := l.Add(context.Background(), corpus.ParseSource("900_zorblax.txt", addedArticle)); err != nil {
		t.Fatal(err)
	}
	// The caller also stores the file; the next start needs no embedding.
	m["900_zorblax.txt"] = &fstest.MapFile{Data: []byte(addedArticle)}
	e := newCounting()
	l2 := mustOpen(t, Options{FS: m, DataDir: dir, Embedder: e})
	if got := e.texts.Load(); got != 0 {
		t.Errorf("reopening after Add embedded %d texts, want 0 (warnings %q)", got, l2.Warnings())
	}
}

func TestAddErrors(t *testing.T) {
	l := mustOpen(t, Options{})
	tests := []struct {
		name string
		src  *corpus.Source
	}{
		{"nil", nil},
		{"no id", &corpus.Source{Text: "x"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := l.Add(context.Background(), tt.src); err == nil {
				t.Error("Add succeeded, want an error")
			}
		})
	}
	t.Run("cancelled", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		err := l.Add(ctx, corpus.ParseSource("900_zorblax.txt", addedArticle))
		if !errors.Is(err, context.Canceled) {
			t.Errorf("Add = %v, want context.Canceled", err)
		}
		if _, err := l.Corpus().Get("900"); err == nil {
			t.Error("a cancelled Add changed the corpus")
		}
	})
}

func ledgerHas(l *quote.Ledger, src string) bool {
	for _, q := range l.Quotes {
		if q.Source == src {
			return true
		}
	}
	return false
}

func sameHits(a, b []Hit) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].Source != b[i].Source || a[i].Span != b[i].Span || a[i].Kind != b[i].Kind || a[i].Score != b[i].Score {
			return false
		}
	}
	return true
}

func TestConcurrentSearch(t *testing.T) {
	l := mustOpen(t, Options{DataDir: t.TempDir()})
	ctx := context.Background()
	queries := []string{"How many users does Messenger have?", "fraud alerts", "JP Morgn", "Cambridge Analytica"}
	want := map[string][]Hit{}
	for _, q := range queries {
		want[q] = mustSearch(t, l, SearchOptions{Query: q, K: 5})
	}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 20 {
				q := queries[(g+i)%len(queries)]
				if _, err := l.Search(ctx, SearchOptions{Query: q, K: 5}); err != nil {
					t.Errorf("Search: %v", err)
				}
			}
		}()
	}
	wg.Add(1)
	go func() { // a writer that leaves the library as it found it
		defer wg.Done()
		for range 3 {
			if err := l.Add(ctx, corpus.ParseSource("900_zorblax.txt", addedArticle)); err != nil {
				t.Errorf("Add: %v", err)
			}
			_ = l.Corpus()
			_ = l.Ledger()
			if err := l.Remove(ctx, "900_zorblax"); err != nil {
				t.Errorf("Remove: %v", err)
			}
		}
	}()
	wg.Wait()
	for _, q := range queries {
		if got := mustSearch(t, l, SearchOptions{Query: q, K: 5}); !sameHits(got, want[q]) {
			t.Errorf("%q after the writer: %v, want %v", q, got, want[q])
		}
	}
}

func TestEmptyCorpus(t *testing.T) {
	l := mustOpen(t, Options{FS: fstest.MapFS{"notes.bin": {Data: []byte{0}}}, DataDir: t.TempDir()})
	if hs := mustSearch(t, l, SearchOptions{Query: "banks"}); len(hs) != 0 {
		t.Errorf("hits in an empty library: %v", hs)
	}
	if err := l.Add(context.Background(), corpus.ParseSource("900_zorblax.txt", addedArticle)); err != nil {
		t.Fatal(err)
	}
	if err := l.Add(context.Background(), corpus.ParseSource("901_other.txt", "Title: Other\n\nWells Fargo launched a chatbot.\n")); err != nil {
		t.Fatal(err)
	}
	hs := mustSearch(t, l, SearchOptions{Query: "location histories sold to insurers", K: 1, Kind: KindParagraph})
	if len(hs) != 1 || hs[0].Source != "900_zorblax" {
		t.Errorf("search after adding to an empty library: %v", hs)
	}
	// Vectors alone must tell the two apart, or the embedder was left
	// fitted on nothing.
	a, _ := l.vec.vector(context.Background(), l.bySource["900_zorblax"][0])
	b, _ := l.vec.vector(context.Background(), l.bySource["901_other"][0])
	if slices.Equal(a, b) {
		t.Error("two different paragraphs have the same vector")
	}
}

func TestWarningsListSkippedFiles(t *testing.T) {
	m := seedsCopy(t)
	m["broken.txt"] = &fstest.MapFile{Data: []byte{0xff, 0xfe, 0x00}}
	l := mustOpen(t, Options{FS: m})
	if !hasWarning(l, "broken.txt") {
		t.Errorf("warnings %q, want the skipped file", l.Warnings())
	}
}
