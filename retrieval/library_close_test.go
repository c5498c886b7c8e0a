package retrieval

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"os"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/privacybot/privacybot/corpus"
	"github.com/privacybot/privacybot/internal/synth"
	"github.com/privacybot/privacybot/internal/testkit/testlog"
)

// closeWithin calls l.Close and fails the test unless it returns within 2 s.
func closeWithin(t *testing.T, l *Library) {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- l.Close() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("Close: %v", err)
		}
	case <-time.After(2 * time.Second):
		t.Fatal("Close did not return within 2 s")
	}
}

// noGoroutinesBeyond fails the test unless the number of goroutines falls
// back to at most before within 2 s, printing those still running.
func noGoroutinesBeyond(t *testing.T, before int) {
	t.Helper()
	deadline := time.Now().Add(2 * time.Second)
	for runtime.NumGoroutine() > before {
		if time.Now().After(deadline) {
			buf := make([]byte, 1<<20)
			buf = buf[:runtime.Stack(buf, true)]
			t.Fatalf("%d goroutines left running after Close, %d before Open:\n%s", runtime.NumGoroutine(), before, buf)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// assertClosed checks that l searches and writes no more, but still
// answers what it holds.
func assertClosed(t *testing.T, l *Library, q SearchOptions) {
	t.Helper()
	ctx := context.Background()
	if _, err := l.Search(ctx, q); !errors.Is(err, ErrClosed) {
		t.Errorf("Search after Close: %v, want ErrClosed", err)
	}
	if err := l.WaitVectors(ctx); !errors.Is(err, ErrClosed) {
		t.Errorf("WaitVectors after Close: %v, want ErrClosed", err)
	}
	src := l.Corpus().Sources[0]
	if err := l.Remove(ctx, src.ID); !errors.Is(err, ErrClosed) {
		t.Errorf("Remove after Close: %v, want ErrClosed", err)
	}
	if err := l.Add(ctx, corpus.ParseSource("new.txt", "Title: New\n\nA paragraph.\n")); !errors.Is(err, ErrClosed) {
		t.Errorf("Add after Close: %v, want ErrClosed", err)
	}
	if _, ok := l.Corpus().ByID(src.ID); !ok || len(l.Ledger().Quotes) == 0 {
		t.Error("the corpus or the ledger changed or went away after Close")
	}
	if err := l.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
}

// Close stops the background load of the chunk vectors, leaves no
// goroutine behind and no change to the saved index, which the next Open
// reads as it is.
func TestCloseStopsTheBackgroundLoad(t *testing.T) {
	syn, dir, built, qs := twoStage(t)
	saved, err := os.ReadFile(indexFile(dir, built.emb))
	if err != nil {
		t.Fatal(err)
	}
	release := gateShards(t)
	before := runtime.NumGoroutine()
	l, err := Open(context.Background(), Options{FS: syn.FS(), DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	if n := loadedShards(l); n != 0 {
		t.Fatalf("%d shards loaded before Open returned, want none (they wait on the gate)", n)
	}
	closeWithin(t, l)
	noGoroutinesBeyond(t, before)
	if n := loadedShards(l); n != 0 {
		t.Errorf("%d shards loaded after Close, want none", n)
	}
	assertClosed(t, l, qs[0])
	if after, err := os.ReadFile(indexFile(dir, built.emb)); err != nil || !bytes.Equal(after, saved) {
		t.Fatalf("the saved index changed after Close (%v)", err)
	}

	release()
	again := mustOpen(t, Options{FS: syn.FS(), DataDir: dir})
	if err := again.WaitVectors(context.Background()); err != nil {
		t.Fatal(err)
	}
	if w := again.Warnings(); len(w) != 0 || again.Rebuilt() != "" {
		t.Fatalf("the index left by Close was not used as it was: %q %q", w, again.Rebuilt())
	}
}

// stallingEmbedder is the local embedder, except that a call with more
// than one text (the embedding again of a shard, not a query) waits until
// its context is done.
type stallingEmbedder struct {
	*LocalEmbedder
	stalled chan struct{} // closed on the first such call
	once    sync.Once
}

func (e *stallingEmbedder) Embed(ctx context.Context, texts []string) ([][]float32, error) {
	if len(texts) > 1 {
		e.once.Do(func() { close(e.stalled) })
		<-ctx.Done()
		return nil, ctx.Err()
	}
	return e.LocalEmbedder.Embed(ctx, texts)
}

// Close cancels a damaged shard being embedded again in the background,
// and then neither warns about it nor saves the index.
func TestCloseStopsARepair(t *testing.T) {
	syn, dir, built, qs := twoStage(t)
	path := indexFile(dir, built.emb)
	flipInSection(t, path, vectorSection+"1")
	saved, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	e := &stallingEmbedder{LocalEmbedder: NewLocalEmbedder(), stalled: make(chan struct{})}
	before := runtime.NumGoroutine()
	l, err := Open(context.Background(), Options{FS: syn.FS(), DataDir: dir, Embedder: e})
	if err != nil {
		t.Fatal(err)
	}
	select {
	case <-e.stalled:
	case <-time.After(time.Minute):
		t.Fatal("shard 1 was not embedded again")
	}
	closeWithin(t, l)
	noGoroutinesBeyond(t, before)
	if hasWarning(l, "shard 1") {
		t.Errorf("warnings %q after a repair stopped by Close", l.Warnings())
	}
	assertClosed(t, l, qs[0])
	if after, err := os.ReadFile(path); err != nil || !bytes.Equal(after, saved) {
		t.Fatalf("the saved index changed after Close (%v)", err)
	}
}

// A search waiting for a shard that Close stops loading returns at once
// with ErrClosed instead of waiting for a shard that will not come.
func TestCloseEndsASearchWaitingForAShard(t *testing.T) {
	syn, dir, _, qs := twoStage(t)
	gateShards(t)
	l := mustOpen(t, Options{FS: syn.FS(), DataDir: dir, Embedder: newCounting()})
	done := make(chan error, 1)
	go func() {
		_, err := l.Search(context.Background(), qs[0])
		done <- err
	}()
	closeWithin(t, l)
	select {
	case err := <-done:
		if !errors.Is(err, ErrClosed) {
			t.Errorf("the search under way returned %v, want ErrClosed", err)
		}
	case <-time.After(2 * time.Second):
		t.Fatal("the search under way did not return within 2 s of Close")
	}
}

// A Library writes to no log but its Options.Logger, and there only what
// happens in the background: here, that the chunk vectors are loaded.
func TestLibraryLogsOnlyTheBackgroundLoad(t *testing.T) {
	syn, dir, _, qs := twoStage(t)
	var buf testlog.Buffer
	log := slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	l := mustOpen(t, Options{FS: syn.FS(), DataDir: dir, Logger: log})
	mustSearch(t, l, qs[0])
	if err := l.WaitVectors(context.Background()); err != nil {
		t.Fatal(err)
	}
	extra := synth.New(synth.DefaultSeed).Article(2*articlesPerShard + 50)
	if err := l.Add(context.Background(), corpus.ParseSource(extra.Name, extra.Text)); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if len(lines) != 1 || !strings.Contains(lines[0], "vector index loaded") {
		t.Errorf("logged %q, want one line saying the vector index loaded", lines)
	}
}
