package pgstate

import (
	"context"
	"fmt"
	"time"

	"github.com/privacybot/privacybot/feedback"
)

// Record stores one vote; it returns once the vote is committed.
func (s *Store) Record(ctx context.Context, fb feedback.Feedback) error {
	if fb.Value != feedback.Up && fb.Value != feedback.Down {
		return fmt.Errorf("record feedback: value %q is neither %q nor %q", fb.Value, feedback.Up, feedback.Down)
	}
	if fb.Time.IsZero() {
		fb.Time = s.now()
	}
	if _, err := s.pool.Exec(ctx, `INSERT INTO feedback (answer_id, question, mode, user_id, value, created_at)
		VALUES ($1, $2, $3, $4, $5, $6)`, fb.AnswerID, fb.Question, fb.Mode, fb.User, fb.Value, fb.Time); err != nil {
		return fmt.Errorf("record feedback: %w", err)
	}
	return nil
}

// Feedback returns the votes cast at or after since (all of them when
// since is zero), oldest first.
func (s *Store) Feedback(ctx context.Context, since time.Time) ([]feedback.Feedback, error) {
	rows, err := s.pool.Query(ctx, `SELECT answer_id, question, mode, user_id, value, created_at
		FROM feedback WHERE created_at >= $1 ORDER BY created_at, id`, since)
	if err != nil {
		return nil, fmt.Errorf("read feedback: %w", err)
	}
	defer rows.Close()
	var votes []feedback.Feedback
	for rows.Next() {
		var fb feedback.Feedback
		if err := rows.Scan(&fb.AnswerID, &fb.Question, &fb.Mode, &fb.User, &fb.Value, &fb.Time); err != nil {
			return nil, fmt.Errorf("read feedback: %w", err)
		}
		votes = append(votes, fb)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read feedback: %w", err)
	}
	return votes, nil
}
