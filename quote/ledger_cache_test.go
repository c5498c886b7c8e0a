package quote

import (
	"reflect"
	"slices"
	"testing"
	"testing/fstest"

	"github.com/privacybot/privacybot/corpus"
	"github.com/privacybot/privacybot/internal/synth"
)

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
	cor, _, err := corpus.LoadFS(files)
	if err != nil {
		t.Fatal(err)
	}
	led := BuildLedger(cor, nil)
	for _, q := range led.Quotes {
		text += len(q.Text)
	}
	b, err := encodeLedger("k", cor, led)
	if err != nil {
		t.Fatal(err)
	}
	if len(b) >= text {
		t.Errorf("saved ledger is %d bytes, more than the %d bytes of quoted text it should not hold", len(b), text)
	}
	got, err := decodeLedger(b, "k", cor)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got.Quotes, led.Quotes) || !reflect.DeepEqual(got.Silences, led.Silences) {
		t.Fatal("decoded ledger differs")
	}
	if _, err := decodeLedger(b, "other key", cor); err == nil {
		t.Error("a ledger saved under another key was accepted")
	}
	for i := len(ledgerMagic); i < len(b); i += 1 + len(b)/97 {
		d := slices.Clone(b)
		d[i] ^= 0x5a
		if _, err := decodeLedger(d, "k", cor); err == nil {
			t.Fatalf("a flipped byte at %d of %d was not caught", i, len(b))
		}
		if _, err := decodeLedger(b[:i], "k", cor); err == nil {
			t.Fatalf("the ledger cut at %d of %d bytes was accepted", i, len(b))
		}
	}
}
