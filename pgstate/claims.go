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
// is new, and remembers it as held by this store. However many replicas
// claim one key at once, exactly one gets true: it is one INSERT … ON
// CONFLICT, which only one transaction wins. A key is forgotten after
// [ClaimTTL].
func (s *Store) Claim(ctx context.Context, key string) (bool, error) {
	now := s.now()
	if s.pruneDue("event_claims", 10*time.Minute) {
		if _, err := s.pool.Exec(ctx, "DELETE FROM event_claims WHERE claimed_at < $1", now.Add(-ClaimTTL)); err != nil {
			return false, fmt.Errorf("claim event: prune: %w", err)
		}
	}
	rows, err := s.pool.Exec(ctx, `INSERT INTO event_claims AS c (key, claimed_at, owner) VALUES ($1, $2, $4)
		ON CONFLICT (key) DO UPDATE SET claimed_at = excluded.claimed_at, done = false, owner = excluded.owner
		WHERE c.claimed_at < $3`, key, now, now.Add(-ClaimTTL), s.owner)
	if err != nil {
		return false, fmt.Errorf("claim event: %w", err)
	}
	return rows.RowsAffected() == 1, nil
}

// Reclaim takes over the claim on key when it was last claimed or renewed
// longer than lease ago and is not finished: the replica that claimed it
// died before answering. However many replicas try at once, exactly one
// gets true.
func (s *Store) Reclaim(ctx context.Context, key string, lease time.Duration) (bool, error) {
	now := s.now()
	tag, err := s.pool.Exec(ctx, `UPDATE event_claims SET claimed_at = $2, owner = $4
		WHERE key = $1 AND NOT done AND claimed_at < $3`, key, now, now.Add(-lease), s.owner)
	if err != nil {
		return false, fmt.Errorf("reclaim event: %w", err)
	}
	return tag.RowsAffected() == 1, nil
}

// Renew renews this store's unfinished claims on keys, so that no other
// replica takes them over while their answers are still being worked
// out. Claims another store has taken over are left alone.
func (s *Store) Renew(ctx context.Context, keys []string) error {
	if len(keys) == 0 {
		return nil
	}
	if _, err := s.pool.Exec(ctx, `UPDATE event_claims SET claimed_at = $2
		WHERE key = ANY($1) AND owner = $3 AND NOT done`, keys, s.now(), s.owner); err != nil {
		return fmt.Errorf("renew event claims: %w", err)
	}
	return nil
}

// Finish marks the claim on key finished: its event has been handled, so
// it is never taken over.
func (s *Store) Finish(ctx context.Context, key string) error {
	if _, err := s.pool.Exec(ctx, "UPDATE event_claims SET done = true WHERE key = $1", key); err != nil {
		return fmt.Errorf("finish event: %w", err)
	}
	return nil
}
