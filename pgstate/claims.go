package pgstate

import (
	"context"
	"fmt"
	"time"
)

// ClaimTTL is how long a claimed event key is remembered. Slack retries
// an event for about five minutes; a day leaves a wide margin.
const ClaimTTL = 24 * time.Hour

// Claim reports whether key (an event id, or a message's channel and ts)
// is new, and remembers it. However many replicas claim one key at once,
// exactly one gets true: it is one INSERT … ON CONFLICT, which only one
// transaction wins. A key is forgotten after [ClaimTTL].
func (s *Store) Claim(ctx context.Context, key string) (bool, error) {
	now := s.now()
	if s.pruneDue("event_claims", 10*time.Minute) {
		if _, err := s.pool.Exec(ctx, "DELETE FROM event_claims WHERE claimed_at < $1", now.Add(-ClaimTTL)); err != nil {
			return false, fmt.Errorf("claim event: prune: %w", err)
		}
	}
	rows, err := s.pool.Exec(ctx, `INSERT INTO event_claims AS c (key, claimed_at) VALUES ($1, $2)
		ON CONFLICT (key) DO UPDATE SET claimed_at = excluded.claimed_at, done = false
		WHERE c.claimed_at < $3`, key, now, now.Add(-ClaimTTL))
	if err != nil {
		return false, fmt.Errorf("claim event: %w", err)
	}
	return rows.RowsAffected() == 1, nil
}

// Reclaim takes over the claim on key when it is older than lease and not
// finished: the replica that claimed it died before answering. However
// many replicas try at once, exactly one gets true.
func (s *Store) Reclaim(ctx context.Context, key string, lease time.Duration) (bool, error) {
	now := s.now()
	tag, err := s.pool.Exec(ctx, `UPDATE event_claims SET claimed_at = $2
		WHERE key = $1 AND NOT done AND claimed_at < $3`, key, now, now.Add(-lease))
	if err != nil {
		return false, fmt.Errorf("reclaim event: %w", err)
	}
	return tag.RowsAffected() == 1, nil
}

// Finish marks the claim on key finished: its event has been handled, so
// it is never taken over.
func (s *Store) Finish(ctx context.Context, key string) error {
	if _, err := s.pool.Exec(ctx, "UPDATE event_claims SET done = true WHERE key = $1", key); err != nil {
		return fmt.Errorf("finish event: %w", err)
	}
	return nil
}
