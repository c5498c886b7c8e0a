package quote

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/privacybot/privacybot/corpus"
	"github.com/privacybot/privacybot/seeds"
)

var update = flag.Bool("update", false, "rewrite golden files from the current output")

// goldenLedger is the form of testdata/seed_ledger.golden.json.
type goldenLedger struct {
	Quotes   []Quote   `json:"quotes"`
	Silences []Silence `json:"silences"`
}

func seedLedger(t *testing.T) (*corpus.Corpus, *Ledger) {
	t.Helper()
	c, warns, err := corpus.LoadFS(seeds.FS)
	if err != nil {
		t.Fatalf("LoadFS: %v", err)
	}
	if len(warns) > 0 {
		t.Fatalf("LoadFS warnings: %v", warns)
	}
	return c, BuildLedger(c, DefaultAliases())
}

// TestSeedLedgerGolden pins every quote and silence of the seed articles.
// The golden file was checked by reading the articles; run with -update
// only after checking a change the same way.
func TestSeedLedgerGolden(t *testing.T) {
	c, l := seedLedger(t)
	got := goldenLedger{Quotes: l.Quotes, Silences: l.Silences}
	b, err := json.MarshalIndent(got, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	b = append(b, '\n')
	path := filepath.Join("testdata", "seed_ledger.golden.json")
	if *update {
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden (run with -update to create): %v", err)
	}
	if !bytes.Equal(b, want) {
		var w goldenLedger
		if err := json.Unmarshal(want, &w); err != nil {
			t.Fatal(err)
		}
		diffLedger(t, w, got)
	}
	// The golden's offsets must hold its text, whatever the code does.
	var w goldenLedger
	if err := json.Unmarshal(want, &w); err != nil {
		t.Fatal(err)
	}
	for _, q := range w.Quotes {
		src, err := c.Get(q.Source)
		if err != nil {
			t.Fatal(err)
		}
		if src.Text[q.Start:q.End] != q.Text {
			t.Errorf("golden quote %q does not match its offsets", q.Text)
		}
	}
	for _, s := range w.Silences {
		src, err := c.Get(s.Source)
		if err != nil {
			t.Fatal(err)
		}
		if src.Text[s.Start:s.End] != s.Text {
			t.Errorf("golden silence %q does not match its offsets", s.Text)
		}
	}
}

func diffLedger(t *testing.T, want, got goldenLedger) {
	t.Helper()
	key := func(src string, start int) string { return src + "@" + string(rune(start)) }
	wq := map[string]Quote{}
	for _, q := range want.Quotes {
		wq[key(q.Source, q.Start)] = q
	}
	gq := map[string]Quote{}
	for _, q := range got.Quotes {
		gq[key(q.Source, q.Start)] = q
		if w, ok := wq[key(q.Source, q.Start)]; !ok {
			t.Errorf("extra quote %s %d %q (speaker %q org %q)", q.Source, q.Start, q.Text, q.Speaker, q.Organization)
		} else if w != q {
			t.Errorf("quote %s %d changed:\n got  %+v\n want %+v", q.Source, q.Start, q, w)
		}
	}
	for k, q := range wq {
		if _, ok := gq[k]; !ok {
			t.Errorf("missing quote %s %d %q", q.Source, q.Start, q.Text)
		}
	}
	if len(want.Silences) != len(got.Silences) {
		t.Errorf("silences: got %d, want %d", len(got.Silences), len(want.Silences))
	}
	for i := range min(len(want.Silences), len(got.Silences)) {
		if want.Silences[i] != got.Silences[i] {
			t.Errorf("silence %d:\n got  %+v\n want %+v", i, got.Silences[i], want.Silences[i])
		}
	}
}

func TestLedgerSorted(t *testing.T) {
	_, l := seedLedger(t)
	for i := 1; i < len(l.Quotes); i++ {
		a, b := l.Quotes[i-1], l.Quotes[i]
		if a.Source > b.Source || (a.Source == b.Source && a.Start >= b.Start) {
			t.Errorf("quotes out of order at %d", i)
		}
	}
}
