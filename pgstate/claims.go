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
	s.pruneClaims(ctx, now)
	rows, err := s.claims.Exec(ctx, `INSERT INTO event_claims AS c (key, claimed_at, owner) VALUES ($1, $2, $4)
		ON CONFLICT (key) DO UPDATE SET claimed_at = excluded.claimed_at, done = false, owner = excluded.owner
		WHERE c.claimed_at < $3`, key, now, now.Add(-ClaimTTL), s.owner)
	if err != nil {
		return false, fmt.Errorf("claim event: %w", err)
	}
	return rows.RowsAffected() == 1, nil
}

// ClaimPair claims first (an event id) and, only if that is new, second
// (its message's channel and ts), as [Store.Claim] would one after the
// other, in one round trip: on the path of a Slack acknowledgement, each
// round trip counts. It reports which it got.
func (s *Store) ClaimPair(ctx context.Context, first, second string) (gotFirst, gotSecond bool, err error) {
	now := s.now()
	s.pruneClaims(ctx, now)
	err = s.claims.QueryRow(ctx, `WITH f AS (
			INSERT INTO event_claims AS c (key, claimed_at, owner) VALUES ($1, $3, $5)
			ON CONFLICT (key) DO UPDATE SET claimed_at = excluded.claimed_at, done = false, owner = excluded.owner
			WHERE c.claimed_at < $4
			RETURNING key),
		g AS (
			INSERT INTO event_claims AS c (key, claimed_at, owner) SELECT $2, $3, $5 WHERE EXISTS (SELECT FROM f)
			ON CONFLICT (key) DO UPDATE SET claimed_at = excluded.claimed_at, done = false, owner = excluded.owner
			WHERE c.claimed_at < $4
			RETURNING key)
		SELECT EXISTS (SELECT FROM f), EXISTS (SELECT FROM g)`,
		first, second, now, now.Add(-ClaimTTL), s.owner).Scan(&gotFirst, &gotSecond)
	if err != nil {
		return false, false, fmt.Errorf("claim event: %w", err)
	}
	return gotFirst, gotSecond, nil
}

// pruneClaims deletes the expired claims every ten minutes at most, in
// the background: a day of claims takes a while to delete, and a claim
// is on the path of an acknowledgement.
func (s *Store) pruneClaims(ctx context.Context, now time.Time) {
	if !s.pruneDue("event_claims", 10*time.Minute) {
		return
	}
	go func() {
		ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Minute)
		defer cancel()
		_, _ = s.pool.Exec(ctx, "DELETE FROM event_claims WHERE claimed_at < $1", now.Add(-ClaimTTL))
	}()
}

// Reclaim takes over the claim on key when it was last claimed or renewed
// longer than lease ago and is not finished: the replica that claimed it
// died before answering. However many replicas try at once, exactly one
// gets true.
func (s *Store) Reclaim(ctx context.Context, key string, lease time.Duration) (bool, error) {
	now := s.now()
	tag, err := s.claims.Exec(ctx, `UPDATE event_claims SET claimed_at = $2, owner = $4
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
