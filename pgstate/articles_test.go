package pgstate_test

import (
	"context"
	"fmt"
	"github.com/privacybot/privacybot/internal/testkit/poll"
	"sync"
	"testing"
	"time"

	"github.com/privacybot/privacybot/internal/testkit/pgtest"
	"github.com/privacybot/privacybot/pgstate"
)

// library is what a follower has applied: live articles by id.
type library struct {
	mu   sync.Mutex
	arts map[string]string
}

func (l *library) apply(changes []pgstate.Article) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, a := range changes {
		if a.Removed {
			delete(l.arts, a.ID)
		} else {
			l.arts[a.ID] = string(a.Body)
		}
	}
	return nil
}

func (l *library) get(id string) (string, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	b, ok := l.arts[id]
	return b, ok
}

// follow starts a follower of s from change 0, stopped when the test ends.
func follow(t *testing.T, s *pgstate.Store) *library {
	t.Helper()
	lib := &library{arts: map[string]string{}}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		_ = s.Follow(ctx, 0, lib.apply)
	}()
	t.Cleanup(func() { cancel(); <-done })
	return lib
}

// An article added or removed through one replica reaches the other
// within 2 s, announced by NOTIFY; one added before the follower started
// is caught up.
func TestArticlesReachOtherReplica(t *testing.T) {
	dbURL := pgtest.NewDatabase(t)
	a, b := open(t, dbURL, nil), open(t, dbURL, nil)
	ctx := context.Background()
	if _, err := a.PutArticle(ctx, "before", []byte("old text"), "U1"); err != nil {
		t.Fatal(err)
	}
	lib := follow(t, b)
	poll.Until(t, 2*time.Second, "catch-up of an earlier article", func() bool { _, ok := lib.get("before"); return ok })

	start := time.Now()
	if _, err := a.PutArticle(ctx, "new", []byte("Title: New\n\nnew text"), "U2"); err != nil {
		t.Fatal(err)
	}
	poll.Until(t, 2*time.Second, "the added article on the other replica", func() bool { b, _ := lib.get("new"); return b == "Title: New\n\nnew text" })
	t.Logf("add on A seen by B after %v", time.Since(start).Round(time.Millisecond))

	if ok, err := a.RemoveArticle(ctx, "before", "U1"); err != nil || !ok {
		t.Fatalf("remove: %v %v", ok, err)
	}
	poll.Until(t, 2*time.Second, "the removal on the other replica", func() bool { _, ok := lib.get("before"); return !ok })
	if ok, _ := a.RemoveArticle(ctx, "before", "U1"); ok {
		t.Error("removed twice")
	}
	arts, err := b.ArticlesSince(ctx, 0)
	if err != nil || len(arts) != 2 {
		t.Fatalf("all changes: %+v (err %v)", arts, err)
	}
	if last := arts[1]; last.ID != "before" || !last.Removed || last.RemovedBy != "U1" || last.Seq <= arts[0].Seq {
		t.Errorf("latest change %+v", last)
	}
}

// Many concurrent adds on two replicas all reach a follower, none skipped.
func TestArticlesConcurrentAdds(t *testing.T) {
	dbURL := pgtest.NewDatabase(t)
	a, b := open(t, dbURL, nil), open(t, dbURL, nil)
	lib := follow(t, b)
	var wg sync.WaitGroup
	for i := range 100 {
		s := a
		if i%2 == 1 {
			s = b
		}
		wg.Go(func() {
			if _, err := s.PutArticle(context.Background(), fmt.Sprintf("a%03d", i), []byte("text"), "U1"); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	poll.Until(t, 5*time.Second, "all 100 articles on the follower", func() bool {
		lib.mu.Lock()
		defer lib.mu.Unlock()
		return len(lib.arts) == 100
	})
}

// When PostgreSQL restarts, a follower reconnects and catches up with what
// was added while it was away, and an acknowledged add is not lost.
func TestArticlesAfterDatabaseRestart(t *testing.T) {
	srv := pgtest.StartT(t)
	a := open(t, srv.URL("postgres"), nil)
	b := open(t, srv.URL("postgres"), nil)
	lib := follow(t, b)
	ctx := context.Background()
	if _, err := a.PutArticle(ctx, "acked", []byte("kept"), "U1"); err != nil {
		t.Fatal(err)
	}
	poll.Until(t, 2*time.Second, "first article", func() bool { _, ok := lib.get("acked"); return ok })
	if err := srv.StopOnly(); err != nil {
		t.Fatal(err)
	}
	if _, err := a.PutArticle(ctx, "refused", []byte("x"), "U1"); err == nil {
		t.Fatal("an add succeeded with the database down")
	}
	if err := srv.StartAgain(); err != nil {
		t.Fatal(err)
	}
	var putErr error
	poll.Until(t, 10*time.Second, "an add after the restart", func() bool {
		_, putErr = a.PutArticle(ctx, "after", []byte("new"), "U1")
		return putErr == nil
	})
	poll.Until(t, 10*time.Second, "the follower catching up after the restart", func() bool { _, ok := lib.get("after"); return ok })
	if b, ok := lib.get("acked"); !ok || b != "kept" {
		t.Error("the article acknowledged before the restart is lost")
	}
	if _, ok := lib.get("refused"); ok {
		t.Error("a refused add appeared")
	}
}
