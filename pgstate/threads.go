package pgstate

import (
	"context"
	"fmt"
	"time"

	"github.com/privacybot/privacybot/bot"
)

// Thread memory limits, as in a single process.
const (
	// MaxTurns is how many earlier turns a follow-up carries.
	MaxTurns = 6
	// ConversationTTL is how long an idle conversation is remembered.
	ConversationTTL = 2 * time.Hour
)

// Turns returns the remembered turns of the conversation key (a thread),
// oldest first, and whether the conversation is known at all: it is not
// when it has been idle for [ConversationTTL]. Any replica reads the turns
// any other has added.
func (s *Store) Turns(ctx context.Context, key string) ([]bot.Turn, bool, error) {
	rows, err := s.pool.Query(ctx, `SELECT question, answer, created_at FROM thread_turns
		WHERE conv_key = $1 ORDER BY id DESC LIMIT $2`, key, MaxTurns)
	if err != nil {
		return nil, false, fmt.Errorf("thread memory: %w", err)
	}
	defer rows.Close()
	var turns []bot.Turn
	var latest time.Time
	for rows.Next() {
		var t bot.Turn
		var at time.Time
		if err := rows.Scan(&t.Question, &t.Answer, &at); err != nil {
			return nil, false, fmt.Errorf("thread memory: %w", err)
		}
		if at.After(latest) {
			latest = at
		}
		turns = append(turns, t)
	}
	if err := rows.Err(); err != nil {
		return nil, false, fmt.Errorf("thread memory: %w", err)
	}
	if len(turns) == 0 || s.now().Sub(latest) > ConversationTTL {
		return nil, false, nil
	}
	for i, j := 0, len(turns)-1; i < j; i, j = i+1, j-1 {
		turns[i], turns[j] = turns[j], turns[i]
	}
	return turns, true, nil
}

// AddTurn records a turn of the conversation key.
func (s *Store) AddTurn(ctx context.Context, key string, t bot.Turn) error {
	now := s.now()
	if s.pruneDue("thread_turns", 10*time.Minute) {
		if _, err := s.pool.Exec(ctx, "DELETE FROM thread_turns WHERE created_at < $1", now.Add(-ConversationTTL)); err != nil {
			return fmt.Errorf("thread memory: prune: %w", err)
		}
	}
	if _, err := s.pool.Exec(ctx, `INSERT INTO thread_turns (conv_key, question, answer, created_at)
		VALUES ($1, $2, $3, $4)`, key, t.Question, t.Answer, now); err != nil {
		return fmt.Errorf("thread memory: %w", err)
	}
	return nil
}
