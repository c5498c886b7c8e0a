package ingest

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/privacybot/privacybot/corpus"
	"github.com/privacybot/privacybot/internal/testkit/testlog"
	"github.com/privacybot/privacybot/retrieval"
)

// TestCrashHelper is the child process of TestCrashDuringAdd: it adds one
// URL and, at the named stage, announces it on stdout and blocks until it
// is killed.
func TestCrashHelper(t *testing.T) {
	if os.Getenv("INGEST_CRASH_HELPER") != "1" {
		t.Skip("run by TestCrashDuringAdd")
	}
	dir, ref, stage := os.Getenv("INGEST_CRASH_DIR"), os.Getenv("INGEST_CRASH_REF"), os.Getenv("INGEST_CRASH_STAGE")
	lib := openLibrary(t, dir)
	svc := mustService(t, lib, dir, io.Discard)
	svc.store.hook = func(s string) {
		if s == stage {
			fmt.Printf("STAGE %s\n", s)
			os.Stdout.Sync()
			select {} // wait for SIGKILL
		}
	}
	fmt.Println("ADDING")
	if _, err := svc.Add(context.Background(), ref, "crash-test"); err != nil {
		fmt.Printf("ERROR %v\n", err)
		os.Exit(3)
	}
	fmt.Println("DONE")
	os.Exit(4) // the parent expects to kill us first
}

// TestCrashDuringAdd kills a process with SIGKILL in the middle of an add,
// at each stage of it, and checks that a restart finds a consistent corpus
// and index: no partial article files, every article file parses, the
// library opens, and the article is either wholly there or absent.
func TestCrashDuringAdd(t *testing.T) {
	if testing.Short() {
		t.Skip("starts subprocesses")
	}
	site := newNewsSite(t)
	tests := []struct {
		stage   string // where the child blocks
		ref     string
		present bool // whether the article survives the crash
	}{
		{stage: "fetch", ref: site.URL + "/slow"},
		{stage: "half-written", ref: site.URL + icoFine.Path},
		{stage: "before-rename", ref: site.URL + icoFine.Path},
		{stage: "renamed", ref: site.URL + icoFine.Path, present: true}, // durable, not yet indexed
	}
	for _, tt := range tests {
		t.Run(tt.stage, func(t *testing.T) {
			dir := t.TempDir()
			// An earlier, completed add that must survive.
			e := &env{dir: dir, logs: &testlog.Buffer{}}
			e.lib = openLibrary(t, dir)
			e.svc = mustService(t, e.lib, dir, e.logs)
			kept := e.mustAdd(t, site.URL+metaFine.Path, "alice")

			cmd := exec.Command(os.Args[0], "-test.run=^TestCrashHelper$", "-test.count=1")
			cmd.Env = append(os.Environ(), "INGEST_CRASH_HELPER=1", "INGEST_CRASH_DIR="+dir,
				"INGEST_CRASH_REF="+tt.ref, "INGEST_CRASH_STAGE="+tt.stage)
			out, err := cmd.StdoutPipe()
			if err != nil {
				t.Fatal(err)
			}
			cmd.Stderr = os.Stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			lines := make(chan string)
			go func() {
				sc := bufio.NewScanner(out)
				for sc.Scan() {
					lines <- sc.Text()
				}
				close(lines)
			}()
			want := "STAGE " + tt.stage
			timeout := time.After(30 * time.Second)
		wait:
			for {
				select {
				case l, ok := <-lines:
					if !ok {
						t.Fatalf("child exited before stage %s", tt.stage)
					}
					if l == want {
						break wait
					}
					if strings.HasPrefix(l, "ERROR") || l == "DONE" {
						t.Fatalf("child: %s", l)
					}
				case <-site.slowStarted:
					if tt.stage == "fetch" {
						time.Sleep(50 * time.Millisecond)
						break wait
					}
				case <-timeout:
					cmd.Process.Kill()
					t.Fatalf("child never reached stage %s", tt.stage)
				}
			}
			if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
				t.Fatal(err)
			}
			go func() {
				for range lines {
				}
			}()
			err = cmd.Wait()
			if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() || ws.Signal() != syscall.SIGKILL {
				t.Fatalf("child did not die by SIGKILL: %v", err)
			}

			// The kill really interrupted a write: its temp file is there.
			if tt.stage == "half-written" || tt.stage == "before-rename" {
				ents, _ := os.ReadDir(filepath.Join(dir, ArticlesDir))
				temps := 0
				for _, e := range ents {
					if strings.HasPrefix(e.Name(), tempPrefix) {
						temps++
					}
				}
				if temps != 1 {
					t.Errorf("%d temp files after the kill; want 1", temps)
				}
			}

			// Restart.
			lib := openLibrary(t, dir)
			svc := mustService(t, lib, dir, io.Discard)
			if left := tempFiles(t, dir); len(left) != 0 {
				t.Errorf("temporary files survived the next open: %q", left)
			}
			checkConsistent(t, dir, lib, tt.present)
			if _, err := lib.Corpus().Get(kept.ID); err != nil || len(quotesOf(lib, kept.ID)) == 0 {
				t.Errorf("the earlier article is lost or has no quotes: %v", err)
			}
			var crashed *corpus.Source
			for _, s := range lib.Corpus().Sources {
				if s.AddedBy == "crash-test" {
					crashed = s
				}
			}
			if tt.present != (crashed != nil) {
				t.Fatalf("crashed article present = %v; want %v", crashed != nil, tt.present)
			}
			if crashed != nil {
				if crashed.Title != icoFine.Title || len(crashed.Paragraphs) != len(icoFine.Paragraphs) || len(quotesOf(lib, crashed.ID)) == 0 {
					t.Errorf("the surviving article is incomplete: %q, %d paragraphs", crashed.Title, len(crashed.Paragraphs))
				}
			}
			// The add can be retried; it is added, or reported as the article
			// that survived.
			if tt.stage != "fetch" {
				res, err := svc.Add(context.Background(), tt.ref, "retry")
				if err != nil {
					t.Fatal(err)
				}
				if res.Duplicate != tt.present {
					t.Errorf("retry after crash: %+v", res)
				}
				checkConsistent(t, dir, lib, tt.present)
			}
		})
	}
}

// checkConsistent checks the article directory after a restart: no temp
// files, every file parses with its header, and the library holds exactly
// the stored articles. rebuilt says the saved index was expected to be
// stale (the crash came after the file was durable and before the index
// was saved), so Open rebuilt it; otherwise the library must have loaded
// it without complaint.
func checkConsistent(t *testing.T, dir string, lib *retrieval.Library, rebuilt bool) {
	t.Helper()
	ents, err := os.ReadDir(filepath.Join(dir, ArticlesDir))
	if err != nil {
		t.Fatal(err)
	}
	stored := map[string]bool{}
	for _, e := range ents {
		name := e.Name()
		if !strings.HasSuffix(name, ".txt") || strings.HasPrefix(name, ".") {
			t.Errorf("stray file %s in articles/", name)
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, ArticlesDir, name))
		if err != nil {
			t.Fatal(err)
		}
		if err := corpus.CheckText(b); err != nil {
			t.Errorf("%s: %v", name, err)
		}
		src := corpus.ParseSource(name, string(b))
		if src.Title == "" || src.URL == "" || src.AddedBy == "" || src.AddedAt.IsZero() || len(src.Paragraphs) == 0 {
			t.Errorf("%s does not parse as a whole article: %+v", name, src)
		}
		if !strings.HasSuffix(string(b), "\n") {
			t.Errorf("%s is truncated", name)
		}
		stored[src.ID] = true
	}
	for _, w := range lib.Warnings() {
		if !rebuilt || !strings.HasPrefix(w, "index rebuilt: ") {
			t.Errorf("library warning: %s", w)
		}
	}
	for _, s := range lib.Corpus().Sources {
		if s.AddedBy != "" && !stored[s.ID] {
			t.Errorf("library holds %s with no file", s.ID)
		}
		delete(stored, s.ID)
	}
	for id := range stored {
		t.Errorf("file %s is not in the library", id)
	}
}

// tempFiles returns the temporary files of interrupted writes anywhere
// in the data directory dir.
func tempFiles(t *testing.T, dir string) []string {
	t.Helper()
	var left []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if strings.HasPrefix(d.Name(), tempPrefix) {
			left = append(left, p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return left
}
