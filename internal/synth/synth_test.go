package synth_test

import (
	"crypto/sha256"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/privacybot/privacybot/corpus"
	"github.com/privacybot/privacybot/internal/synth"
)

func TestDeterministic(t *testing.T) {
	a := synth.NewCorpus(1, 50)
	b := synth.NewCorpus(1, 200)
	for i := range 50 {
		x, y := a.Article(i), b.Article(i)
		if x.Name != y.Name || x.Text != y.Text {
			t.Fatalf("article %d differs between corpora of 50 and 200", i)
		}
	}
	if synth.NewCorpus(2, 1).Article(0).Text == a.Article(0).Text {
		t.Fatal("seed does not change the text")
	}
}

func TestArticlesLookLikeNews(t *testing.T) {
	c := synth.NewCorpus(synth.DefaultSeed, 300)
	speakers := map[string]bool{}
	quotes, silences, facts := 0, 0, 0
	for i := range c.Len() {
		a := c.Article(i)
		src := corpus.ParseSource(a.Name, a.Text)
		if src.Title != a.Title || src.Outlet != a.Outlet || src.Date != a.Date {
			t.Fatalf("%s: header parsed as %q/%q/%q", a.Name, src.Title, src.Outlet, src.Date)
		}
		if n := len(src.Paragraphs); n < 6 || n > 20 {
			t.Fatalf("%s: %d paragraphs, want 6 to 20:\n%s", a.Name, n, a.Text)
		}
		for _, q := range a.Quotes {
			if !strings.Contains(a.Text, q.Text) {
				t.Fatalf("%s: quote %q not in text", a.Name, q.Text)
			}
			if q.Speaker != "" {
				speakers[q.Speaker] = true
			}
		}
		for _, s := range a.Silences {
			if !strings.Contains(a.Text, s.Text) {
				t.Fatalf("%s: silence %q not in text", a.Name, s.Text)
			}
		}
		quotes += len(a.Quotes)
		silences += len(a.Silences)
		facts += len(a.Facts)
	}
	if len(speakers) < 300 || quotes < 3*c.Len() || silences < c.Len()/4 || facts < c.Len()/2 {
		t.Fatalf("too little variety: %d speakers, %d quotes, %d silences, %d facts", len(speakers), quotes, silences, facts)
	}
	if v := c.Generator().Vocabulary(); v < 2000 {
		t.Fatalf("vocabulary of %d words, want a few thousand", v)
	}
}

func TestFS(t *testing.T) {
	c := synth.NewCorpus(synth.DefaultSeed, 20)
	fsys := c.FS()
	want := make([]string, 0, 20)
	for i := range 20 {
		want = append(want, c.Article(i).Name)
	}
	if err := fstest.TestFS(fsys, want...); err != nil {
		t.Fatal(err)
	}
	corp, warns, err := corpus.LoadFS(fsys)
	if err != nil || len(warns) > 0 || len(corp.Sources) != 20 {
		t.Fatalf("LoadFS: %d sources, warnings %v, error %v", len(corp.Sources), warns, err)
	}
	b, _ := fs.ReadFile(fsys, want[3])
	if string(b) != c.Article(3).Text {
		t.Fatal("FS serves other bytes than Article")
	}
}

func TestWriteDir(t *testing.T) {
	dir := t.TempDir()
	c := synth.NewCorpus(synth.DefaultSeed, 30)
	if err := c.WriteDir(dir); err != nil {
		t.Fatal(err)
	}
	h := func(fsys fs.FS) [32]byte {
		s := sha256.New()
		ents, _ := fs.ReadDir(fsys, ".")
		for _, e := range ents {
			b, _ := fs.ReadFile(fsys, e.Name())
			s.Write([]byte(e.Name()))
			s.Write(b)
		}
		return [32]byte(s.Sum(nil))
	}
	if h(c.FS()) != h(fstest.MapFS(nil)) && h(c.FS()) != h(osDir(dir)) {
		t.Fatal("files on disk differ from the in-memory corpus")
	}
}

func TestQuestions(t *testing.T) {
	c := synth.NewCorpus(synth.DefaultSeed, 100)
	for _, k := range []string{synth.WhoSaid, synth.FactQ, synth.NoAnswer} {
		qs := c.Questions(k, 10)
		if len(qs) != 10 {
			t.Fatalf("%s: %d questions", k, len(qs))
		}
		again := c.Questions(k, 10)
		for i := range qs {
			if qs[i] != again[i] {
				t.Fatalf("%s: questions are not deterministic", k)
			}
		}
	}
}
