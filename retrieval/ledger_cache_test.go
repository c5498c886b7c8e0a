package retrieval

import (
	"context"
	"os"
	"reflect"
	"slices"
	"testing"
	"testing/fstest"

	"github.com/privacybot/privacybot/internal/synth"
)

// A saved ledger is used only for the same corpus and program, and equals
// the one extraction gives.
func TestLedgerCache(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	c := synth.NewCorpus(synth.DefaultSeed, 40)
	files := fstest.MapFS{}
	for i := range c.Len() {
		a := c.Article(i)
		files[a.Name] = &fstest.MapFile{Data: []byte(a.Text)}
	}
	first, err := Open(ctx, Options{FS: files, DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(ledgerFile(dir)); err != nil {
		t.Fatalf("no saved ledger: %v", err)
	}
	again, err := Open(ctx, Options{FS: files, DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	want := BuildLedger(first.Corpus(), nil)
	for _, got := range []*Ledger{first.Ledger(), again.Ledger()} {
		if !reflect.DeepEqual(got.Quotes, want.Quotes) || !reflect.DeepEqual(got.Silences, want.Silences) {
			t.Fatal("ledger differs from extraction")
		}
	}
	named := 0
	for _, q := range want.Quotes {
		question := "What did " + q.Speaker + " of " + q.Organization + " say?"
		w, g := want.NamedIn(question), again.Ledger().NamedIn(question)
		if !reflect.DeepEqual(w, g) {
			t.Fatalf("NamedIn(%q) = %v from the saved ledger, %v from extraction", question, g, w)
		}
		named += len(g)
	}
	if named == 0 {
		t.Fatal("no speaker found")
	}

	// Change one article: the saved ledger is stale and not used.
	a := c.Article(3)
	files[a.Name] = &fstest.MapFile{Data: []byte(a.Text + "\n\"We will fix it,\" said Jane Roe, a spokeswoman for Acme Bank.\n")}
	changed, err := Open(ctx, Options{FS: files, DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := changed.Ledger().Quotes, BuildLedger(changed.Corpus(), nil).Quotes; !reflect.DeepEqual(got, want) {
		t.Fatal("a stale saved ledger was used")
	}

	// A damaged file is ignored.
	if err := os.WriteFile(ledgerFile(dir), []byte(ledgerMagic+"garbage"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(ctx, Options{FS: files, DataDir: dir}); err != nil {
		t.Fatal(err)
	}
}

// A saved ledger round-trips, holds no copy of the corpus text, and any
// damage to it is caught rather than believed.
func TestLedgerCodec(t *testing.T) {
	c := synth.NewCorpus(synth.DefaultSeed, 30)
	files := fstest.MapFS{}
	var text int
	for i := range c.Len() {
		a := c.Article(i)
		files[a.Name] = &fstest.MapFile{Data: []byte(a.Text)}
	}
	corpus, _, err := LoadFS(files)
	if err != nil {
		t.Fatal(err)
	}
	led := BuildLedger(corpus, nil)
	for _, q := range led.Quotes {
		text += len(q.Text)
	}
	b, err := encodeLedger("k", corpus, led)
	if err != nil {
		t.Fatal(err)
	}
	if len(b) >= text {
		t.Errorf("saved ledger is %d bytes, more than the %d bytes of quoted text it should not hold", len(b), text)
	}
	got, err := decodeLedger(b, "k", corpus)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got.Quotes, led.Quotes) || !reflect.DeepEqual(got.Silences, led.Silences) {
		t.Fatal("decoded ledger differs")
	}
	if _, err := decodeLedger(b, "other key", corpus); err == nil {
		t.Error("a ledger saved under another key was accepted")
	}
	for i := len(ledgerMagic); i < len(b); i += 1 + len(b)/97 {
		d := slices.Clone(b)
		d[i] ^= 0x5a
		if _, err := decodeLedger(d, "k", corpus); err == nil {
			t.Fatalf("a flipped byte at %d of %d was not caught", i, len(b))
		}
		if _, err := decodeLedger(b[:i], "k", corpus); err == nil {
			t.Fatalf("the ledger cut at %d of %d bytes was accepted", i, len(b))
		}
	}
}
