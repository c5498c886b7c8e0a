package flatfile

import (
	"errors"
	"github.com/privacybot/privacybot/internal/testkit/child"
	"io"
	"os"
	"path/filepath"
	"slices"
	"syscall"
	"testing"
)

// temps returns the temporary files in dir.
func temps(t *testing.T, dir string) []string {
	t.Helper()
	m, err := filepath.Glob(filepath.Join(dir, TempPrefix+"*"))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestWriteAtomic(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "cache")
	for _, s := range []string{"first", "second, longer", "3"} {
		if err := WriteAtomic(p, []byte(s)); err != nil {
			t.Fatal(err)
		}
		if b, err := os.ReadFile(p); err != nil || string(b) != s {
			t.Fatalf("read %q, %v; want %q", b, err, s)
		}
	}
	if left := temps(t, dir); len(left) != 0 {
		t.Errorf("temporary files left: %q", left)
	}
}

// A failed write leaves the old file as it was and no temporary file.
func TestWriteAtomicFailureKeepsOldFile(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "index")
	if err := WriteAtomic(p, []byte("old")); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	err := WriteAtomicFunc(p, func(w io.Writer) error {
		w.Write([]byte("half of the new"))
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v, want boom", err)
	}
	if b, _ := os.ReadFile(p); string(b) != "old" {
		t.Errorf("file = %q after a failed write, want old", b)
	}
	if left := temps(t, dir); len(left) != 0 {
		t.Errorf("temporary files left: %q", left)
	}
}

// RemoveStale removes only temporary files of our naming whose writer is
// gone; a write in progress in the same process survives it and completes.
func TestRemoveStaleInProcess(t *testing.T) {
	dir := t.TempDir()
	// Left by killed writers of earlier versions: an index and an article.
	dead := []string{".tmp-index-local-v1-128-1a2b3c4d.pbidx-12345", ".tmp-100_x-0a1b2c3d4e5f"}
	// Not ours: kept.
	other := []string{"notes.txt", ".tmp-", ".tmpfile", "index.pbidx", ".tmp-notes-x.txt"}
	for _, n := range append(dead, other...) {
		if err := os.WriteFile(filepath.Join(dir, n), []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	os.Mkdir(filepath.Join(dir, ".tmp-dir-1"), 0o755)

	started, release, done := make(chan struct{}), make(chan struct{}), make(chan error)
	go func() {
		done <- WriteAtomicFunc(filepath.Join(dir, "ledger"), func(w io.Writer) error {
			w.Write([]byte("part"))
			close(started)
			<-release
			_, err := w.Write([]byte(" two"))
			return err
		})
	}()
	<-started
	removed, err := RemoveStale(dir)
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(removed)
	slices.Sort(dead)
	if !slices.Equal(removed, dead) {
		t.Errorf("removed %q, want %q", removed, dead)
	}
	close(release)
	if err := <-done; err != nil {
		t.Fatalf("the live write failed: %v", err)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "ledger")); string(b) != "part two" {
		t.Errorf("ledger = %q", b)
	}
	for _, n := range append(other, ".tmp-dir-1") {
		if _, err := os.Stat(filepath.Join(dir, n)); err != nil {
			t.Errorf("%s was removed: %v", n, err)
		}
	}
	for _, n := range dead {
		if _, err := os.Stat(filepath.Join(dir, n)); err == nil {
			t.Errorf("%s survived", n)
		}
	}
}

// TestHoldTempHelper is the child of TestRemoveStaleAcrossProcesses: it
// starts an atomic write in FLATFILE_DIR and blocks in the middle of it
// until it is killed.
func TestHoldTempHelper(t *testing.T) {
	dir := os.Getenv("FLATFILE_DIR")
	if dir == "" {
		t.Skip("run by TestRemoveStaleAcrossProcesses")
	}
	WriteAtomicFunc(filepath.Join(dir, "index.pbidx"), func(w io.Writer) error {
		w.Write(make([]byte, 64<<10))
		os.Stdout.WriteString("WRITING\n")
		select {} // until SIGKILL
	})
}

// A temporary file that another live process is writing (serve saving
// while add opens the directory) is left alone; once that process is
// killed, the next RemoveStale deletes it.
func TestRemoveStaleAcrossProcesses(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a subprocess")
	}
	dir := t.TempDir()
	cmd := child.Start(t, "TestHoldTempHelper", "WRITING", "FLATFILE_DIR="+dir)
	if n := len(temps(t, dir)); n != 1 {
		t.Fatalf("%d temporary files while the child writes, want 1", n)
	}
	removed, err := RemoveStale(dir)
	if err != nil || len(removed) != 0 {
		t.Fatalf("RemoveStale removed %q (%v) from a live writer", removed, err)
	}
	if n := len(temps(t, dir)); n != 1 {
		t.Fatalf("%d temporary files after RemoveStale, want the live one", n)
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	removed, err = RemoveStale(dir)
	if err != nil || len(removed) != 1 {
		t.Fatalf("RemoveStale after the kill removed %q (%v), want the dead writer's file", removed, err)
	}
	if left := temps(t, dir); len(left) != 0 {
		t.Errorf("temporary files left: %q", left)
	}
	if _, err := os.Stat(filepath.Join(dir, "index.pbidx")); err == nil {
		t.Error("the killed write reached its final name")
	}
}
