package retrieval

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"testing/fstest"

	"github.com/privacybot/privacybot/internal/synth"
	"github.com/privacybot/privacybot/quote"
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
	defer first.Close()
	if _, err := os.Stat(filepath.Join(dir, quote.LedgerFileName)); err != nil {
		t.Fatalf("no saved ledger: %v", err)
	}
	again, err := Open(ctx, Options{FS: files, DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer again.Close()
	want := quote.BuildLedger(first.Corpus(), nil)
	for _, got := range []*quote.Ledger{first.Ledger(), again.Ledger()} {
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
	defer changed.Close()
	if got, want := changed.Ledger().Quotes, quote.BuildLedger(changed.Corpus(), nil).Quotes; !reflect.DeepEqual(got, want) {
		t.Fatal("a stale saved ledger was used")
	}

	// A damaged file is ignored.
	if err := os.WriteFile(filepath.Join(dir, quote.LedgerFileName), []byte("PBLEDG2\n"+"garbage"), 0o644); err != nil {
		t.Fatal(err)
	}
	last, err := Open(ctx, Options{FS: files, DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	last.Close()
}
