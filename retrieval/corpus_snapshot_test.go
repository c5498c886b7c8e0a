package retrieval

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/privacybot/privacybot/corpus"
	"github.com/privacybot/privacybot/internal/synth"
)

// openCounter is a directory whose file opens are counted.
type openCounter struct {
	fs.FS
	opens atomic.Int64
}

func (o *openCounter) Open(name string) (fs.File, error) {
	if name != "." {
		o.opens.Add(1)
	}
	return o.FS.Open(name)
}

// A second Open takes unchanged articles from the saved snapshot without
// opening their files, and reads every file that changed in any way: new
// content, the same size with the old modification time put back, or gone.
func TestSnapshotReadsOnlyChangedFiles(t *testing.T) {
	ctx := context.Background()
	corpusDir, dataDir := t.TempDir(), t.TempDir()
	if err := synth.NewCorpus(synth.DefaultSeed, 60).WriteDir(corpusDir); err != nil {
		t.Fatal(err)
	}
	open := func() (*Library, int64) {
		t.Helper()
		fsys := &openCounter{FS: os.DirFS(corpusDir)}
		l, err := Open(ctx, Options{FS: fsys, DataDir: dataDir})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { l.Close() })
		if w := l.Warnings(); len(w) != 0 {
			t.Fatalf("warnings: %q", w)
		}
		return l, fsys.opens.Load()
	}
	first, n := open()
	if n != 60 {
		t.Fatalf("the first Open opened %d files, want all 60", n)
	}
	again, n := open()
	if n != 0 {
		t.Errorf("an Open with nothing changed opened %d files, want none", n)
	}
	for i, s := range again.Corpus().Sources {
		want := first.Corpus().Sources[i]
		if s.ID != want.ID || s.Text != want.Text || s.Hash != want.Hash || s.Title != want.Title ||
			s.Body != want.Body || len(s.Paragraphs) != len(want.Paragraphs) {
			t.Fatalf("source %s from the snapshot differs from the file's", s.ID)
		}
	}

	names := func() []string {
		ents, err := os.ReadDir(corpusDir)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, e := range ents {
			if strings.HasSuffix(e.Name(), ".txt") {
				out = append(out, e.Name())
			}
		}
		return out
	}()
	edited := filepath.Join(corpusDir, names[3])
	b, err := os.ReadFile(edited)
	if err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(edited)
	if err != nil {
		t.Fatal(err)
	}
	// Same size, old modification time: only the change time tells.
	swapped := []byte(strings.Replace(string(b), "the", "THE", 1))
	if len(swapped) != len(b) || string(swapped) == string(b) {
		t.Fatal("the test article has no 'the' to change")
	}
	if err := os.WriteFile(edited, swapped, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(edited, time.Time{}, info.ModTime()); err != nil {
		t.Fatal(err)
	}
	l, n := open()
	if n != 1 {
		t.Errorf("after one same-size edit, Open opened %d files, want 1", n)
	}
	id := strings.TrimSuffix(names[3], ".txt")
	if src, err := l.Corpus().Get(id); err != nil || src.Text != string(swapped) {
		t.Errorf("the edited article was not read again: %v", err)
	}
	if l.Rebuilt() == "" {
		t.Error("the index was not rebuilt after an edit")
	}

	if err := os.Remove(filepath.Join(corpusDir, names[5])); err != nil {
		t.Fatal(err)
	}
	l, n = open()
	if n != 0 {
		t.Errorf("after a deletion, Open opened %d files, want none", n)
	}
	if _, err := l.Corpus().Get(strings.TrimSuffix(names[5], ".txt")); err == nil {
		t.Error("a deleted article is still in the corpus")
	}
	if got := len(l.Corpus().Sources); got != 59 {
		t.Errorf("corpus holds %d sources, want 59", got)
	}
}

// A snapshot section round-trips, and a cut one is refused, never
// half-read.
func TestSnapshotCodec(t *testing.T) {
	c := synth.NewCorpus(synth.DefaultSeed, 12)
	var srcs []*corpus.Source
	for i := range c.Len() {
		a := c.Article(i)
		s := corpus.ParseSource(a.Name, a.Text)
		s.Stamp = corpus.Stamp{Size: int64(len(a.Text)), MTime: int64(1e9 + i), CTime: int64(2e9 + i), Ino: int64(i + 1)}
		srcs = append(srcs, s)
	}
	srcs[0].AddedAt = time.Date(2026, 11, 30, 9, 30, 0, 0, time.UTC)
	srcs[0].AddedBy = "U123"
	var buf strings.Builder
	if err := encodeSources(&buf, srcs); err != nil {
		t.Fatal(err)
	}
	b := []byte(buf.String())
	list, err := decodeSources(b)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]*corpus.Source{}
	for _, s := range list {
		got[s.Name] = s
	}
	if len(got) != len(srcs) {
		t.Fatalf("decoded %d sources, want %d", len(got), len(srcs))
	}
	for _, want := range srcs {
		g := got[want.Name]
		if g == nil || g.ID != want.ID || g.Text != want.Text || g.Hash != want.Hash || g.Title != want.Title ||
			g.Outlet != want.Outlet || g.Date != want.Date || g.Body != want.Body || g.Stamp != want.Stamp ||
			!g.AddedAt.Equal(want.AddedAt) || g.AddedBy != want.AddedBy || len(g.Paragraphs) != len(want.Paragraphs) {
			t.Fatalf("source %s did not round-trip", want.ID)
		}
		for i := range want.Paragraphs {
			if g.Paragraphs[i] != want.Paragraphs[i] {
				t.Fatalf("source %s: paragraph %d differs", want.ID, i)
			}
		}
	}
	for n := 0; n < len(b); n += 1 + len(b)/211 {
		if _, err := decodeSources(b[:n]); err == nil {
			t.Fatalf("a snapshot cut at %d of %d bytes was accepted", n, len(b))
		}
	}
}
