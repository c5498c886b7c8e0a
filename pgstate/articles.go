package pgstate

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// ArticlesChannel is the LISTEN/NOTIFY channel on which a change to the
// articles is announced, with the article's id as payload.
const ArticlesChannel = "privacybot_articles"

// articlesLock serializes the writers of articles, so that change numbers
// commit in order and a reader that has seen change n never later finds a
// change below n.
const articlesLock int64 = 0x7072697661637963

// Article is one article of the shared library: the file as stored (its
// metadata header and text), who added it and when, and whether it has
// since been removed.
type Article struct {
	// ID is the article's id.
	ID string
	// Body is the article file's bytes.
	Body []byte
	// AddedBy and AddedAt say who added it and when.
	AddedBy string
	AddedAt time.Time
	// Removed is true once it has been removed; RemovedBy says by whom.
	// The row stays, so every replica learns of the removal.
	Removed   bool
	RemovedBy string
	// Seq is the number of the article's latest change; changes are
	// numbered in the order they were committed.
	Seq int64
}

// PutArticle stores the article id (adding it, or replacing it and
// undoing a removal) and announces it on [ArticlesChannel]. When it
// returns nil the article is committed: a replica killed after that loses
// nothing. It returns the change's number.
func (s *Store) PutArticle(ctx context.Context, id string, body []byte, by string) (int64, error) {
	var seq int64
	err := s.changeArticle(ctx, id, func(tx pgx.Tx) error {
		return tx.QueryRow(ctx, `INSERT INTO articles (id, body, added_by, added_at, seq)
			VALUES ($1, $2, $3, $4, nextval('article_changes'))
			ON CONFLICT (id) DO UPDATE SET body = excluded.body, added_by = excluded.added_by,
				added_at = excluded.added_at, removed_by = NULL, removed_at = NULL, seq = excluded.seq
			RETURNING seq`, id, body, by, s.now()).Scan(&seq)
	})
	if err != nil {
		return 0, fmt.Errorf("store article %s: %w", id, err)
	}
	return seq, nil
}

// RemoveArticle marks the article id removed and announces it. It reports
// whether there was such an article to remove.
func (s *Store) RemoveArticle(ctx context.Context, id, by string) (bool, error) {
	found := false
	err := s.changeArticle(ctx, id, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, `UPDATE articles SET removed_by = $2, removed_at = $3, seq = nextval('article_changes')
			WHERE id = $1 AND removed_at IS NULL`, id, by, s.now())
		found = tag.RowsAffected() == 1
		return err
	})
	if err != nil {
		return false, fmt.Errorf("remove article %s: %w", id, err)
	}
	return found, nil
}

// changeArticle runs change in a transaction holding the writers' lock,
// and notifies [ArticlesChannel] when it commits.
func (s *Store) changeArticle(ctx context.Context, id string, change func(pgx.Tx) error) error {
	return pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, "SELECT pg_advisory_xact_lock($1)", articlesLock); err != nil {
			return err
		}
		if err := change(tx); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, "SELECT pg_notify($1, $2)", ArticlesChannel, id)
		return err
	})
}

// ArticlesSince returns the articles changed after change number seq
// (all of them for 0), removals included, in the order of their changes.
func (s *Store) ArticlesSince(ctx context.Context, seq int64) ([]Article, error) {
	return articlesSince(ctx, s.pool, seq)
}

// querier is a pool or a connection.
type querier interface {
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
}

var _ querier = (*pgxpool.Pool)(nil)

func articlesSince(ctx context.Context, q querier, seq int64) ([]Article, error) {
	rows, err := q.Query(ctx, `SELECT id, body, added_by, added_at, coalesce(removed_by, ''), removed_at IS NOT NULL, seq
		FROM articles WHERE seq > $1 ORDER BY seq`, seq)
	if err != nil {
		return nil, fmt.Errorf("read articles: %w", err)
	}
	arts, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (Article, error) {
		var a Article
		err := r.Scan(&a.ID, &a.Body, &a.AddedBy, &a.AddedAt, &a.RemovedBy, &a.Removed, &a.Seq)
		return a, err
	})
	if err != nil {
		return nil, fmt.Errorf("read articles: %w", err)
	}
	return arts, nil
}

// Follow calls apply with every change to the articles after change
// number from, in order, until ctx ends: first those already committed,
// then each as it is announced on [ArticlesChannel]. When the connection
// is lost it reconnects, with a growing pause, and catches up with a read
// of what it missed, so no change is skipped. A change is applied again
// when apply fails. Follow returns ctx's error.
func (s *Store) Follow(ctx context.Context, from int64, apply func([]Article) error) error {
	seen := from
	pause := 100 * time.Millisecond
	for {
		listened, err := s.follow(ctx, &seen, apply)
		if ctx.Err() != nil {
			return ctx.Err()
		}
		switch {
		case listened:
			// It was connected: try again soon after the loss.
			pause = 100 * time.Millisecond
		case err != nil && pause < 5*time.Second:
			pause *= 2
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(pause):
		}
	}
}

// follow listens on one connection until it fails, and reports whether
// it got as far as listening (and did not fail to apply a change).
func (s *Store) follow(ctx context.Context, seen *int64, apply func([]Article) error) (listened bool, err error) {
	conn, err := s.pool.Acquire(ctx)
	if err != nil {
		return false, err
	}
	// A connection that has listened is not given back to the pool.
	defer func() { _ = conn.Hijack().Close(context.WithoutCancel(ctx)) }()
	if _, err := conn.Exec(ctx, "LISTEN "+ArticlesChannel); err != nil {
		return false, err
	}
	for {
		arts, err := articlesSince(ctx, conn, *seen)
		if err != nil {
			return true, err
		}
		if len(arts) > 0 {
			if err := apply(arts); err != nil {
				return false, fmt.Errorf("apply article changes: %w", err) // back off
			}
			*seen = arts[len(arts)-1].Seq
		}
		// Wait for an announcement; read again every half minute anyway.
		wctx, cancel := context.WithTimeout(ctx, 30*time.Second)
		_, err = conn.Conn().WaitForNotification(wctx)
		cancel()
		if err != nil && !errors.Is(err, context.DeadlineExceeded) {
			return true, err
		}
		if ctx.Err() != nil {
			return true, ctx.Err()
		}
	}
}
