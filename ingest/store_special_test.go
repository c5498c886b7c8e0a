//go:build linux

package ingest

import (
	"net"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/privacybot/privacybot/corpus"
)

// TestStoreLoadSkipsSpecialFiles puts a FIFO, a socket, and links to a
// FIFO and to a device among the stored articles: Load names each in a
// warning, never opens them (opening the FIFO would block), and loads the
// article beside them.
func TestStoreLoadSkipsSpecialFiles(t *testing.T) {
	dir := t.TempDir()
	st, err := OpenStore(dir)
	if err != nil {
		t.Fatal(err)
	}
	a := &Article{Title: "Regulator fines app", Outlet: "Example News", Body: "The regulator fined the app maker."}
	if _, err := st.Write("regulator-fines-app", Render(a, "test", time.Now())); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "fifo.txt"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("fifo.txt", filepath.Join(dir, "to-fifo.md")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(os.DevNull, filepath.Join(dir, "to-device.txt")); err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("unix", filepath.Join(dir, "sock.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()

	type result struct {
		srcs  []*corpus.Source
		warns []corpus.LoadWarning
		err   error
	}
	done := make(chan result, 1)
	go func() {
		srcs, warns, err := st.Load()
		done <- result{srcs, warns, err}
	}()
	var r result
	select {
	case r = <-done:
	case <-time.After(30 * time.Second):
		t.Fatal("Load blocked on a special file")
	}
	if r.err != nil {
		t.Fatal(r.err)
	}
	if len(r.srcs) != 1 || r.srcs[0].Title != a.Title {
		t.Errorf("loaded %d sources, want the one article", len(r.srcs))
	}
	want := map[string]string{
		"fifo.txt":      "named pipe",
		"to-fifo.md":    "links to a named pipe",
		"to-device.txt": "links to a character device",
		"sock.txt":      "socket",
	}
	for _, w := range r.warns {
		if kind, ok := want[w.File]; ok && strings.Contains(w.Error(), "not a regular file") && strings.Contains(w.Error(), kind) {
			delete(want, w.File)
		}
	}
	for name := range want {
		t.Errorf("no warning for %s; warnings: %v", name, r.warns)
	}
}
