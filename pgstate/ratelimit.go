package pgstate

import (
	"context"
	"fmt"
	"time"
)

// Limiter is a per-user rate limit shared by every replica: each user may
// ask perMinute questions a minute, in bursts of up to perMinute. It is a
// token bucket kept in one row per user, updated in one statement, so two
// replicas never both spend the last token.
type Limiter struct {
	s         *Store
	perMinute int
}

// Limiter returns the shared rate limit of perMinute questions a minute
// for each user.
func (s *Store) Limiter(perMinute int) *Limiter {
	if perMinute < 1 {
		perMinute = 1
	}
	return &Limiter{s: s, perMinute: perMinute}
}

// Allow takes one question from user's allowance. When none is left it
// returns false and how long until the next question is allowed.
func (l *Limiter) Allow(ctx context.Context, user string) (bool, time.Duration, error) {
	now := l.s.now()
	if l.s.pruneDue("rate_limits", 10*time.Minute) {
		// A row idle for a minute or more has refilled: it can go.
		if _, err := l.s.pool.Exec(ctx, "DELETE FROM rate_limits WHERE updated_at < $1", now.Add(-2*time.Minute)); err != nil {
			return false, 0, fmt.Errorf("rate limit: prune: %w", err)
		}
	}
	var allowed bool
	var tokens float64
	err := l.s.pool.QueryRow(ctx, `INSERT INTO rate_limits AS r (user_id, tokens, updated_at, allowed)
		VALUES ($1, $2::float8 - 1, $3, true)
		ON CONFLICT (user_id) DO UPDATE SET
			allowed = least($2::float8, r.tokens + greatest(0, extract(epoch FROM ($3::timestamptz - r.updated_at))::float8) * $2::float8 / 60) >= 1,
			tokens = least($2::float8, r.tokens + greatest(0, extract(epoch FROM ($3::timestamptz - r.updated_at))::float8) * $2::float8 / 60)
				- CASE WHEN least($2::float8, r.tokens + greatest(0, extract(epoch FROM ($3::timestamptz - r.updated_at))::float8) * $2::float8 / 60) >= 1 THEN 1 ELSE 0 END,
			updated_at = greatest(r.updated_at, $3::timestamptz)
		RETURNING allowed, tokens`, user, float64(l.perMinute), now).Scan(&allowed, &tokens)
	if err != nil {
		return false, 0, fmt.Errorf("rate limit: %w", err)
	}
	if allowed {
		return true, 0, nil
	}
	wait := time.Duration((1 - tokens) * 60 / float64(l.perMinute) * float64(time.Second))
	return false, max(wait, time.Second), nil
}
