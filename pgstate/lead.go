package pgstate

import (
	"context"
	"hash/fnv"
	"time"
)

// Leadership timing: how often a leader checks that its lock's
// connection is alive (a check fails within two of these), and how long a
// new leader waits after taking the lock before it starts, so that a
// leader whose connection was cut has noticed and stopped by then.
const (
	leaderCheck = 500 * time.Millisecond
	leaderGrace = 3 * time.Second
)

// Lead runs fn while this process holds the lock called name, so that one
// replica at a time does the job (polling the feeds, say). The lock is a
// PostgreSQL session advisory lock on a connection of its own: when the
// leading replica dies its connection ends and the lock is released. A
// replica without the lock tries again every retry. A new leader waits a
// few seconds after taking the lock, so that two never run fn at once.
// When the lock's connection is lost, fn's context is cancelled and Lead
// tries again.
// Lead returns when ctx ends, after fn has returned.
func (s *Store) Lead(ctx context.Context, name string, retry time.Duration, fn func(ctx context.Context)) {
	h := fnv.New64a()
	h.Write([]byte("privacybot:" + name))
	key := int64(h.Sum64())
	for {
		s.leadOnce(ctx, key, fn)
		select {
		case <-ctx.Done():
			return
		case <-time.After(retry):
		}
	}
}

// leadOnce runs fn if it gets the lock, until ctx ends or the lock's
// connection fails.
func (s *Store) leadOnce(ctx context.Context, key int64, fn func(ctx context.Context)) {
	pc, err := s.pool.Acquire(ctx)
	if err != nil {
		return
	}
	// The connection holds the lock: it is never given back to the pool,
	// and closing it releases the lock.
	conn := pc.Hijack()
	defer conn.Close(context.WithoutCancel(ctx)) //nolint:errcheck // the lock goes with the connection
	var got bool
	if err := conn.QueryRow(ctx, "SELECT pg_try_advisory_lock($1)", key).Scan(&got); err != nil || !got {
		return
	}
	select {
	case <-ctx.Done():
		return
	case <-time.After(leaderGrace):
	}
	fctx, cancel := context.WithCancel(ctx)
	defer cancel()
	done := make(chan struct{})
	go func() {
		defer close(done)
		fn(fctx)
	}()
	tick := time.NewTicker(leaderCheck)
	defer tick.Stop()
	for {
		select {
		case <-done:
			return
		case <-tick.C:
			pctx, pcancel := context.WithTimeout(ctx, leaderCheck)
			err := conn.Ping(pctx)
			pcancel()
			if err != nil {
				cancel()
				<-done
				return
			}
		}
	}
}
