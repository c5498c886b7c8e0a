package quote_test

import (
	"bytes"
	"io"
	"os"
	"testing"
)

// trainSplit is the attribution training set, present in a development
// checkout beside the repository.
const trainSplit = "../../shared/eval/attribution-train.jsonl"

// checkWeights checks that the committed weights file at path is exactly
// what fromFile learns from the training split, so that nobody edits the
// numbers by hand and the trainer stays deterministic.
func checkWeights(t *testing.T, path string, fromFile func(trainPath, devPath string, log io.Writer) ([]byte, error)) {
	t.Helper()
	if _, err := os.Stat(trainSplit); err != nil {
		t.Skip("no training split beside the repository")
	}
	if testing.Short() {
		t.Skip("extracts the whole training split")
	}
	got, err := fromFile(trainSplit, "", io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("%s is not what the trainer produces (%d bytes, want %d): run go generate ./quote", path, len(want), len(got))
	}
}
