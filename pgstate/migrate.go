package pgstate

import (
	"context"
	"fmt"
)

// migrations are the schema's versions, in order: migration i brings the
// schema to version i+1. Append; never edit one that has shipped.
var migrations = []string{
	// 1: event claims, rate limits, thread memory, feedback.
	`CREATE TABLE event_claims (
		key text PRIMARY KEY,
		claimed_at timestamptz NOT NULL
	);
	CREATE INDEX event_claims_claimed_at ON event_claims (claimed_at);
	CREATE TABLE rate_limits (
		user_id text PRIMARY KEY,
		tokens double precision NOT NULL,
		updated_at timestamptz NOT NULL,
		allowed boolean NOT NULL
	);
	CREATE TABLE thread_turns (
		id bigserial PRIMARY KEY,
		conv_key text NOT NULL,
		question text NOT NULL,
		answer text NOT NULL,
		created_at timestamptz NOT NULL
	);
	CREATE INDEX thread_turns_conv ON thread_turns (conv_key, id);
	CREATE INDEX thread_turns_created_at ON thread_turns (created_at);
	CREATE TABLE feedback (
		id bigserial PRIMARY KEY,
		answer_id text NOT NULL,
		question text NOT NULL,
		mode text NOT NULL,
		user_id text NOT NULL,
		value text NOT NULL CHECK (value IN ('up', 'down')),
		created_at timestamptz NOT NULL
	);
	CREATE INDEX feedback_created_at ON feedback (created_at);`,
	// 2: the shared library's articles, with a change sequence.
	`CREATE SEQUENCE article_changes;
	CREATE TABLE articles (
		id text PRIMARY KEY,
		body bytea NOT NULL,
		added_by text NOT NULL,
		added_at timestamptz NOT NULL,
		removed_by text,
		removed_at timestamptz,
		seq bigint NOT NULL
	);
	CREATE UNIQUE INDEX articles_seq ON articles (seq);`,
	// 3: an event claim is finished once its answer is delivered.
	`ALTER TABLE event_claims ADD COLUMN done boolean NOT NULL DEFAULT false;`,
	// 4: the store that holds an unfinished claim, which alone renews it.
	`ALTER TABLE event_claims ADD COLUMN owner text NOT NULL DEFAULT '';`,
}

// SchemaVersion is the version [Store.Migrate] brings the schema to.
var SchemaVersion = len(migrations)

// migrationLock is the advisory lock key held while migrating
// ("privacybot" in ASCII, truncated to 64 bits).
const migrationLock int64 = 0x7072697661637962

// Migrate brings the schema up to [SchemaVersion], recording each version
// applied in schema_migrations. It is idempotent, and safe when several
// replicas start at once: each migrates inside one transaction holding an
// advisory lock, so the others wait and then find nothing left to do.
func (s *Store) Migrate(ctx context.Context) error {
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return fmt.Errorf("migrate schema: %w", err)
	}
	defer tx.Rollback(ctx) //nolint:errcheck // after Commit it does nothing
	if _, err := tx.Exec(ctx, "SELECT pg_advisory_xact_lock($1)", migrationLock); err != nil {
		return fmt.Errorf("migrate schema: lock: %w", err)
	}
	if _, err := tx.Exec(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version integer PRIMARY KEY,
		applied_at timestamptz NOT NULL DEFAULT now()
	)`); err != nil {
		return fmt.Errorf("migrate schema: %w", err)
	}
	var have int
	if err := tx.QueryRow(ctx, "SELECT coalesce(max(version), 0) FROM schema_migrations").Scan(&have); err != nil {
		return fmt.Errorf("migrate schema: %w", err)
	}
	if have > len(migrations) {
		return fmt.Errorf("migrate schema: the database is at version %d, newer than this privacybot (%d); upgrade privacybot", have, len(migrations))
	}
	for v := have + 1; v <= len(migrations); v++ {
		if _, err := tx.Exec(ctx, migrations[v-1]); err != nil {
			return fmt.Errorf("migrate schema to version %d: %w", v, err)
		}
		if _, err := tx.Exec(ctx, "INSERT INTO schema_migrations (version) VALUES ($1)", v); err != nil {
			return fmt.Errorf("migrate schema to version %d: %w", v, err)
		}
	}
	if err := tx.Commit(ctx); err != nil {
		return fmt.Errorf("migrate schema: %w", err)
	}
	return nil
}

// Version returns the schema version recorded in the database.
func (s *Store) Version(ctx context.Context) (int, error) {
	var v int
	if err := s.pool.QueryRow(ctx, "SELECT coalesce(max(version), 0) FROM schema_migrations").Scan(&v); err != nil {
		return 0, fmt.Errorf("schema version: %w", err)
	}
	return v, nil
}
