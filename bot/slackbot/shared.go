package slackbot

import (
	"context"
	"log/slog"
	"time"

	"github.com/privacybot/privacybot/bot"
)

// EventClaims decides which of several replicas answers an event: a
// shared store in which, however many replicas claim a key at once, only
// one wins. Without one, each process remembers the events it has taken
// in memory.
type EventClaims interface {
	// Claim reports whether key is new, and remembers it.
	Claim(ctx context.Context, key string) (bool, error)
}

// RateLimiter is a per-user rate limit shared by several replicas.
// Without one, each process keeps its own.
type RateLimiter interface {
	// Allow takes one question from user's allowance. When none is left
	// it returns false and how long until the next question is allowed.
	Allow(ctx context.Context, user string) (bool, time.Duration, error)
}

// ThreadMemory is the conversation memory shared by several replicas, so
// that a follow-up landing on another replica still has its context.
// Without one, each process keeps its own in memory.
type ThreadMemory interface {
	// Turns returns the remembered turns of a conversation, oldest first,
	// and whether the conversation is known at all.
	Turns(ctx context.Context, key string) ([]bot.Turn, bool, error)
	// AddTurn records a turn of a conversation.
	AddTurn(ctx context.Context, key string, t bot.Turn) error
}

// Bounds on one call to a shared store; past them, the process falls
// back on its own memory. A claim is made before the event is
// acknowledged, which Slack wants within 3 s.
const (
	sharedTimeout = 3 * time.Second
	claimTimeout  = time.Second
)

// claim reports whether this process should take the event or message
// key: from [Config.Claims] when set, else (or when the shared store
// fails) from the process's own memory.
func (b *Bot) claim(log *slog.Logger, key string) bool {
	if b.cfg.Claims != nil {
		ctx, cancel := context.WithTimeout(b.work, claimTimeout)
		defer cancel()
		ok, err := b.cfg.Claims.Claim(ctx, key)
		if err == nil {
			return ok
		}
		log.Warn("shared event claims unavailable; deduplicating in this process only", "err", err)
	}
	return b.dedupe.claim(key)
}

// allow takes one question from user's allowance: from
// [Config.RateLimiter] when set, else (or when it fails) from the
// process's own.
func (b *Bot) allow(ctx context.Context, log *slog.Logger, user string) (bool, time.Duration) {
	if b.cfg.RateLimiter != nil {
		ctx, cancel := context.WithTimeout(ctx, sharedTimeout)
		defer cancel()
		ok, wait, err := b.cfg.RateLimiter.Allow(ctx, user)
		if err == nil {
			return ok, wait
		}
		log.Warn("shared rate limit unavailable; limiting in this process only", "err", err)
	}
	return b.limiter.allow(user)
}

// history returns a conversation's remembered turns: from
// [Config.Threads] when set, else (or when it fails) from the process's
// own memory.
func (b *Bot) history(ctx context.Context, log *slog.Logger, key string) ([]bot.Turn, bool) {
	if b.cfg.Threads != nil {
		ctx, cancel := context.WithTimeout(ctx, sharedTimeout)
		defer cancel()
		turns, known, err := b.cfg.Threads.Turns(ctx, key)
		if err == nil {
			return turns, known
		}
		log.Warn("shared thread memory unavailable; using this process's", "err", err)
	}
	return b.convs.history(key)
}

// remember records a turn of a conversation, in [Config.Threads] when
// set, and always in the process's own memory, which answers when the
// shared store cannot.
func (b *Bot) remember(ctx context.Context, log *slog.Logger, key string, t bot.Turn) {
	b.convs.add(key, t)
	if b.cfg.Threads != nil {
		ctx, cancel := context.WithTimeout(ctx, sharedTimeout)
		defer cancel()
		if err := b.cfg.Threads.AddTurn(ctx, key, t); err != nil {
			log.Warn("could not store the turn in the shared thread memory", "err", err)
		}
	}
}
