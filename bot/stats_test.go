package bot

import (
	"context"
	"maps"
	"os"
	"slices"
	"testing"

	"github.com/privacybot/privacybot/corpus"
	"github.com/privacybot/privacybot/internal/synth"
	"github.com/privacybot/privacybot/internal/testkit/synthlib"
	"github.com/privacybot/privacybot/retrieval"
)

// After articles are added, replaced and removed, the statistics updated
// article by article equal the statistics counted afresh.
func TestStatsUpdateEqualsRecount(t *testing.T) {
	ctx := context.Background()
	lib := synthlib.Open(t, 60)
	s := statsOver{newCorpusStats(lib), lib}
	first := s.get()
	gen := synth.New(synth.DefaultSeed)
	extra := gen.Article(60)
	replaced := lib.Corpus().Sources[7]
	steps := []struct {
		name string
		do   func() error
	}{
		{"add", func() error { return lib.Add(ctx, corpus.ParseSource(extra.Name, extra.Text)) }},
		{"replace", func() error {
			return lib.Add(ctx, corpus.ParseSource(replaced.Name, replaced.Text+"\n\n\"Zanzibar quokkas matter,\" said Ivo Quell, a spokesman for Acme Bank.\n"))
		}},
		{"remove", func() error { return lib.Remove(ctx, lib.Corpus().Sources[3].ID) }},
	}
	prev := first
	for _, step := range steps {
		if err := step.do(); err != nil {
			t.Fatalf("%s: %v", step.name, err)
		}
		got := s.get()
		if got == prev {
			t.Fatalf("%s: statistics were not updated", step.name)
		}
		want := countAll(lib.Corpus(), lib.Ledger())
		want.index()
		sameStats(t, step.name, got, want)
		prev = got
	}
	if !s.get().has("quokka") || s.get().quoter["quell"] == 0 {
		t.Error("the replaced article's new words are not counted")
	}
	if first.vocab["zanzibar"] != 0 {
		t.Error("an update changed the statistics it was made from")
	}
}

// statsOver is a corpusStats with the library it counts.
type statsOver struct {
	*corpusStats
	lib *retrieval.Library
}

// get returns the statistics of a snapshot of the library taken now.
func (s statsOver) get() *statsSnapshot {
	snap := s.lib.Snapshot()
	return s.corpusStats.get(snap.Corpus, snap.Ledger)
}

func sameStats(t *testing.T, step string, got, want *statsSnapshot) {
	t.Helper()
	if got.docs != want.docs {
		t.Errorf("%s: %d paragraphs, want %d", step, got.docs, want.docs)
	}
	for name, pair := range map[string][2]map[string]int{
		"df": {got.df, want.df}, "vocab": {got.vocab, want.vocab}, "quoter": {got.quoter, want.quoter},
	} {
		g, w := pair[0], pair[1]
		if len(g) != len(w) {
			t.Errorf("%s: %s has %d words, want %d", step, name, len(g), len(w))
		}
		for k, n := range w {
			if g[k] != n {
				t.Errorf("%s: %s[%q] = %d, want %d", step, name, k, g[k], n)
				break
			}
		}
	}
	if !slices.Equal(got.sorted, want.sorted) {
		t.Errorf("%s: sorted vocabulary differs", step)
	}
	for _, groups := range [][2]map[int][]string{{got.vocabByLen, want.vocabByLen}, {got.quoterByLen, want.quoterByLen}} {
		for n, ws := range groups[1] {
			g := slices.Clone(groups[0][n])
			slices.Sort(g)
			w := slices.Clone(ws)
			slices.Sort(w)
			if !slices.Equal(g, w) {
				t.Errorf("%s: words of length %d differ", step, n)
			}
		}
	}
}

// BenchmarkStats compares counting the statistics of a 2,000-article
// corpus afresh with updating them after one article is added.
//
//	go test -run '^$' -bench BenchmarkStats -count 5 ./bot/
func BenchmarkStats(b *testing.B) {
	ctx := context.Background()
	const n = 2000
	lib := synthlib.Open(b, n)
	before := countAll(lib.Corpus(), lib.Ledger())
	extra := synth.New(synth.DefaultSeed).Article(n)
	if err := lib.Add(ctx, corpus.ParseSource(extra.Name, extra.Text)); err != nil {
		b.Fatal(err)
	}
	c, led := lib.Corpus(), lib.Ledger()
	b.Run("recount", func(b *testing.B) {
		for b.Loop() {
			countAll(c, led).index()
		}
	})
	b.Run("update", func(b *testing.B) {
		for b.Loop() {
			before.updated(c, led).index()
		}
	})
}

// The statistics are saved in the data directory and read back by a later
// process with the same corpus, never by one with another corpus, and a
// damaged file is counted again.
func TestStatsAreSavedAndReused(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	open := func(n int) statsOver {
		t.Helper()
		lib, err := retrieval.Open(ctx, retrieval.Options{FS: synth.NewCorpus(synth.DefaultSeed, n).FS(), DataDir: dir})
		if err != nil {
			t.Fatal(err)
		}
		return statsOver{newCorpusStats(lib), lib}
	}
	s := open(40)
	counted := s.get()
	path, key := s.lib.CacheFile(statsName, counted.corpus)
	if path == "" {
		t.Skip("the test binary cannot be hashed, so nothing is cached")
	}
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("statistics were not saved: %v", err)
	}
	// A marker word proves that the next process reads the file.
	marked := *counted
	marked.vocab = maps.Clone(counted.vocab)
	marked.vocab["zzmarker"] = 1
	if err := os.WriteFile(path, encodeStats(key, &marked), 0o600); err != nil {
		t.Fatal(err)
	}
	if got := open(40).get(); got.vocab["zzmarker"] != 1 {
		t.Fatal("a second process counted the statistics again instead of reading them")
	}
	if got := open(41).get(); got.vocab["zzmarker"] != 0 {
		t.Fatal("statistics saved for another corpus were used")
	}
	// open(41) saved its own; back to 40 articles, with the file damaged.
	s = open(40)
	os.WriteFile(path, encodeStats(key, counted), 0o600)
	b, _ := os.ReadFile(path)
	b[len(b)/2] ^= 0x40
	os.WriteFile(path, b, 0o600)
	got := s.get()
	want := countAll(got.corpus, got.ledger)
	want.index()
	sameStats(t, "after a damaged file", got, want)
	b, _ = os.ReadFile(path)
	if err := decodeStats(b, key, &statsSnapshot{}); err != nil {
		t.Errorf("the damaged file was not rewritten: %v", err)
	}
	// What was read equals what counting gives.
	read := open(40).get()
	sameStats(t, "read back", read, want)
}
