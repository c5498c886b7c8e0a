package quote_test

import (
	"bytes"
	"io"
	"os"
	"testing"

	"github.com/privacybot/privacybot/quote/internal/trainkeep/fit"
)

// TestKeepWeightsReproducible checks that the committed keep-model
// weights are exactly what `go generate ./quote` learns from the training
// split, so that nobody edits the numbers by hand and the command stays
// deterministic.
func TestKeepWeightsReproducible(t *testing.T) {
	if _, err := os.Stat(trainSplit); err != nil {
		t.Skip("no training split beside the repository")
	}
	if testing.Short() {
		t.Skip("extracts the whole training split")
	}
	got, err := fit.FromFile(trainSplit, "", io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile("internal/keep/weights.txt")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("internal/keep/weights.txt is not what the trainer produces (%d bytes, want %d): run go generate ./quote", len(want), len(got))
	}
}
