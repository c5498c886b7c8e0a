package pgstate_test

import (
	"context"
	"github.com/privacybot/privacybot/internal/testkit/poll"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/privacybot/privacybot/internal/testkit/pgtest"
	"github.com/privacybot/privacybot/pgstate"
)

// One replica at a time leads; when the leader's connection dies (as when
// its process is killed), another takes over, and the old leader stops.
func TestLeadOneAtATime(t *testing.T) {
	dbURL := pgtest.NewDatabase(t)
	stores := []*pgstate.Store{open(t, dbURL, nil), open(t, dbURL, nil), open(t, dbURL, nil)}
	var running, maxRunning, starts atomic.Int32
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	for _, s := range stores {
		wg.Go(func() {
			s.Lead(ctx, "feeds", 50*time.Millisecond, func(ctx context.Context) {
				n := running.Add(1)
				starts.Add(1)
				for {
					m := maxRunning.Load()
					if n <= m || maxRunning.CompareAndSwap(m, n) {
						break
					}
				}
				<-ctx.Done()
				running.Add(-1)
			})
		})
	}
	defer func() { cancel(); wg.Wait() }()
	poll.Until(t, 15*time.Second, "a leader", func() bool { return running.Load() == 1 })
	time.Sleep(300 * time.Millisecond) // the others keep trying meanwhile

	// Kill the leader's session, as a dead process would lose it.
	conn, err := pgx.Connect(context.Background(), dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.Background())
	var killed int
	if err := conn.QueryRow(context.Background(), `SELECT count(pg_terminate_backend(pid)) FROM pg_locks
		WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`).Scan(&killed); err != nil || killed != 1 {
		t.Fatalf("terminated %d lock holders (err %v), want 1", killed, err)
	}
	poll.Until(t, 15*time.Second, "another leader", func() bool { return starts.Load() >= 2 && running.Load() == 1 })
	if m := maxRunning.Load(); m != 1 {
		t.Fatalf("%d leaders at once, want 1", m)
	}
}
