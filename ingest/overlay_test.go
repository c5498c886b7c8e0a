package ingest

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"

	"github.com/privacybot/privacybot/corpus"
)

func TestOverlay(t *testing.T) {
	base := fstest.MapFS{
		"000_seed.txt":    {Data: []byte("Seed\n\nBody one.\n")},
		"shared.txt":      {Data: []byte("from base\n\nx\n")},
		"sub/ignored.txt": {Data: []byte("x")},
	}
	added := fstest.MapFS{
		"ico-fines-1234567890.txt": {Data: []byte("Title: ICO\n\nBody two.\n")},
		"shared.txt":               {Data: []byte("from added\n\ny\n")},
	}
	o := Overlay(base, added)
	if err := fstest.TestFS(o, "000_seed.txt", "shared.txt", "ico-fines-1234567890.txt", "sub/ignored.txt"); err != nil {
		t.Fatal(err)
	}
	b, _ := fs.ReadFile(o, "shared.txt")
	if string(b) != "from base\n\nx\n" {
		t.Errorf("base does not win: %q", b)
	}
	c, warns, err := corpus.LoadFS(o)
	if err != nil || len(warns) != 0 {
		t.Fatal(err, warns)
	}
	if len(c.Sources) != 3 {
		t.Errorf("loaded %d sources", len(c.Sources))
	}
}

func TestOverlayMissingArticlesDir(t *testing.T) {
	o := Overlay(fstest.MapFS{"a.txt": {Data: []byte("A\n\nb\n")}}, os.DirFS(filepath.Join(t.TempDir(), "nope")))
	ents, err := fs.ReadDir(o, ".")
	if err != nil || len(ents) != 1 {
		t.Fatalf("%v %v", ents, err)
	}
}
