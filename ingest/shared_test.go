package ingest

import (
	"context"
	"errors"
	"github.com/privacybot/privacybot/internal/testkit/poll"
	"log/slog"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/privacybot/privacybot/internal/testkit/pgtest"
	"github.com/privacybot/privacybot/internal/testkit/testlog"
	"github.com/privacybot/privacybot/pgstate"
)

func TestMain(m *testing.M) { os.Exit(pgtest.Run(m)) }

// replica is one replica's library and service on a shared database.
type replica struct {
	dir string
	env
}

func newReplica(t *testing.T, st *pgstate.Store) *replica {
	t.Helper()
	r := &replica{dir: t.TempDir()}
	r.env.dir, r.logs = r.dir, &testlog.Buffer{}
	r.lib = openLibrary(t, r.dir)
	svc, err := New(context.Background(), Options{Library: r.lib, DataDir: r.dir, Fetcher: testFetcher(),
		Logger: slog.New(slog.NewTextHandler(r.logs, nil)), Shared: st})
	if err != nil {
		t.Fatal(err)
	}
	r.svc = svc
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		_ = st.Follow(ctx, 0, func(arts []pgstate.Article) error {
			for _, a := range arts {
				if err := svc.ApplyShared(ctx, a.ID, a.Body, a.Removed); err != nil {
					return err
				}
			}
			return nil
		})
	}()
	t.Cleanup(func() { cancel(); <-done })
	return r
}

func openStore(t *testing.T, dbURL string) *pgstate.Store {
	t.Helper()
	st, err := pgstate.Open(context.Background(), dbURL, pgstate.Options{ConnectTimeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(st.Close)
	return st
}

// An article added through replica A is in replica B's library, with its
// quotations, within 2 s; removed through A, it leaves B too.
func TestSharedArticlesReachOtherReplica(t *testing.T) {
	dbURL := pgtest.NewDatabase(t)
	a := newReplica(t, openStore(t, dbURL))
	b := newReplica(t, openStore(t, dbURL))
	site := newNewsSite(t)

	start := time.Now()
	res := a.mustAdd(t, site.URL+icoFine.Path, "U1")
	poll.Until(t, 2*time.Second, "the article on replica B", func() bool {
		_, err := b.lib.Corpus().Get(res.ID)
		return err == nil
	})
	t.Logf("added on A, in B's library after %v", time.Since(start).Round(time.Millisecond))
	if q := quotesOf(b.lib, res.ID); len(q) == 0 {
		t.Error("replica B has the article but none of its quotations")
	}
	if _, err := os.Stat(filepath.Join(b.dir, ArticlesDir, res.ID+".txt")); err != nil {
		t.Errorf("replica B did not keep the article: %v", err)
	}
	// B knows the URL now: adding it there is a duplicate.
	if dup := b.mustAdd(t, site.URL+icoFine.Path, "U2"); !dup.Duplicate || dup.ID != res.ID {
		t.Errorf("adding the same URL on B: %+v, want a duplicate of %s", dup, res.ID)
	}

	if _, err := a.svc.Remove(context.Background(), res.ID, "U1"); err != nil {
		t.Fatal(err)
	}
	poll.Until(t, 2*time.Second, "the removal on replica B", func() bool {
		_, err := b.lib.Corpus().Get(res.ID)
		return err != nil
	})
	if _, err := os.Stat(filepath.Join(b.dir, ArticlesDir, res.ID+".txt")); !os.IsNotExist(err) {
		t.Errorf("replica B kept the removed article's file (err %v)", err)
	}
}

// With the database down an add says plainly that adding is unavailable,
// and changes nothing.
func TestSharedArticlesDatabaseDown(t *testing.T) {
	srv := pgtest.StartT(t)
	a := newReplica(t, openStore(t, srv.URL("postgres")))
	site := newNewsSite(t)
	if err := srv.StopOnly(); err != nil {
		t.Fatal(err)
	}
	before := len(a.lib.Corpus().Sources)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	_, err := a.svc.Add(ctx, site.URL+metaFine.Path, "U1")
	if !errors.Is(err, ErrSharedUnavailable) {
		t.Fatalf("add with the database down: %v, want ErrSharedUnavailable", err)
	}
	if n := len(a.lib.Corpus().Sources); n != before {
		t.Errorf("the library changed: %d sources, want %d", n, before)
	}
	if err := srv.StartAgain(); err != nil {
		t.Fatal(err)
	}
	poll.Until(t, 10*time.Second, "an add once the database is back", func() bool {
		_, err := a.svc.Add(ctx, site.URL+metaFine.Path, "U1")
		return err == nil
	})
}
