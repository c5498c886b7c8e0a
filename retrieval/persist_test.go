package retrieval

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

func TestIndexFileNames(t *testing.T) {
	tests := []struct {
		name string
		emb  Embedder
		want string
	}{
		{"local", NewLocalEmbedder(), "index-local-v1-256-"},
		{"remote", &renamed{NewLocalEmbedder(), "openai:text-embedding-3-small"}, "index-openai_text-embedding-3-small-"},
		{"path characters", &renamed{NewLocalEmbedder(), "../../etc/passwd"}, "index-.._.._etc_passwd-"},
	}
	seen := map[string]bool{}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := indexFile("/data", tt.emb)
			if filepath.Dir(p) != "/data" || !strings.HasPrefix(filepath.Base(p), tt.want) {
				t.Errorf("indexFile = %q, want /data/%s…", p, tt.want)
			}
			if seen[p] {
				t.Errorf("two embedders share %q", p)
			}
			seen[p] = true
		})
	}
}

// TestSaveIsAtomic saves repeatedly while other goroutines (standing in for
// other processes) load the file: no load may see a partial file.
func TestSaveIsAtomic(t *testing.T) {
	dir := t.TempDir()
	l := mustOpen(t, Options{DataDir: dir})
	ctx := context.Background()
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				// A reader as a second process would be: its own embedder and
				// its own view of the files.
				_, hdr, _, err := readIndexHeader(l.path)
				if err != nil {
					t.Errorf("reader saw a damaged file: %v", err)
					return
				}
				_, _, err = loadIndex(l.path, NewLocalEmbedder(), hdr.CorpusHash, hdr.ChunkHash, hdr.Counts, nil, nil)
				if errors.Is(err, errIndexStale) {
					continue // replaced between the two reads by another whole file
				}
				if err != nil {
					t.Errorf("reader saw a damaged file: %v", err)
					return
				}
			}
		}()
	}
	for range 10 {
		if err := l.Add(ctx, ParseSource("900_zorblax.txt", addedArticle)); err != nil {
			t.Fatal(err)
		}
		if err := l.Remove(ctx, "900_zorblax"); err != nil {
			t.Fatal(err)
		}
	}
	close(stop)
	wg.Wait()
	left, _ := filepath.Glob(filepath.Join(dir, ".tmp-*"))
	if len(left) != 0 {
		t.Errorf("temporary files left behind: %q", left)
	}
}

func TestSaveFailureIsAWarning(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root can write anywhere")
	}
	dir := t.TempDir()
	if err := os.Chmod(dir, 0o500); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(dir, 0o700)
	l := mustOpen(t, Options{DataDir: dir})
	if !hasWarning(l, "couldn't save the index") {
		t.Errorf("warnings %q, want a save failure", l.Warnings())
	}
	if err := l.Add(context.Background(), ParseSource("900_zorblax.txt", addedArticle)); err == nil {
		t.Error("Add reported success although the index could not be saved")
	}
}
