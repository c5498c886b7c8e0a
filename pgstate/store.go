// Package pgstate keeps privacybot's shared state in PostgreSQL, so that
// several replicas of the bot act as one: which replica answers an event,
// each user's rate limit, the thread memory that follow-ups are read
// against, and the feedback readers give. privacybot creates and migrates
// the schema itself (see [Store.Migrate]).
//
// Without a database none of this is used: one process keeps the same
// state in memory and in its data directory.
package pgstate

import (
	"context"
	"crypto/rand"
	"fmt"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
)

// Store is privacybot's state in one PostgreSQL database. It is safe for
// concurrent use, by many goroutines and many processes.
type Store struct {
	pool *pgxpool.Pool
	// claims is a small pool of connections kept open for [Store.Claim]
	// and [Store.Reclaim] alone, which are on the path of a Slack
	// acknowledgement: they never wait behind the answers' statements
	// or for a connection to be opened (see claimConns).
	claims *pgxpool.Pool
	now    func() time.Time
	// owner names this store in the claims it holds, so that it renews
	// only its own.
	owner string

	pruneMu   sync.Mutex
	nextPrune map[string]time.Time
}

// Options tunes [Open].
type Options struct {
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// ConnectTimeout bounds each connection attempt; zero means 5 s.
	ConnectTimeout time.Duration
}

// Open connects to the database at dbURL (a postgres:// URL), checks that
// it answers and migrates its schema to the current version. Its errors
// never contain the URL's password.
func Open(ctx context.Context, dbURL string, opt Options) (*Store, error) {
	pw := password(dbURL)
	cfg, err := pgxpool.ParseConfig(dbURL)
	if err != nil {
		return nil, redact(fmt.Errorf("not a valid database URL: %w", err), pw)
	}
	if opt.ConnectTimeout <= 0 {
		opt.ConnectTimeout = 5 * time.Second
	}
	cfg.ConnConfig.ConnectTimeout = opt.ConnectTimeout
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, redact(fmt.Errorf("connect to the database: %w", err), pw)
	}
	ccfg := cfg.Copy()
	ccfg.MaxConns, ccfg.MinConns = claimConns, claimConns
	claims, err := pgxpool.NewWithConfig(ctx, ccfg)
	if err != nil {
		pool.Close()
		return nil, redact(fmt.Errorf("connect to the database: %w", err), pw)
	}
	s := &Store{pool: pool, claims: claims, now: opt.Now, owner: rand.Text(), nextPrune: map[string]time.Time{}}
	if s.now == nil {
		s.now = time.Now
	}
	if err := pool.Ping(ctx); err != nil {
		s.Close()
		return nil, redact(fmt.Errorf("connect to the database: %w", err), pw)
	}
	if err := s.Migrate(ctx); err != nil {
		s.Close()
		return nil, redact(err, pw)
	}
	if err := warm(ctx, claims, claimConns); err != nil {
		s.Close()
		return nil, redact(fmt.Errorf("connect to the database: %w", err), pw)
	}
	return s, nil
}

// claimConns is how many connections the claims keep open. Opening a
// connection costs PostgreSQL a process and takes from milliseconds to,
// on a busy machine in a burst of events, over a second; a few open ones
// suffice, a claim being one short statement: more only contend inside
// PostgreSQL (lock manager, relation extension).
const claimConns = 4

// warm opens n connections of pool at once, so the first burst finds
// them open.
func warm(ctx context.Context, pool *pgxpool.Pool, n int) error {
	conns := make([]*pgxpool.Conn, 0, n)
	defer func() {
		for _, c := range conns {
			c.Release()
		}
	}()
	for range n {
		c, err := pool.Acquire(ctx)
		if err != nil {
			return err
		}
		conns = append(conns, c)
	}
	return nil
}

// Close closes the store's connections.
func (s *Store) Close() {
	s.claims.Close()
	s.pool.Close()
}

// Ping reports whether the database answers.
func (s *Store) Ping(ctx context.Context) error {
	if err := s.pool.Ping(ctx); err != nil {
		return fmt.Errorf("database: %w", err)
	}
	return nil
}

// pruneDue reports whether the table's expired rows are due to be
// deleted, at most once every interval per process.
func (s *Store) pruneDue(table string, interval time.Duration) bool {
	s.pruneMu.Lock()
	defer s.pruneMu.Unlock()
	now := s.now()
	if now.Before(s.nextPrune[table]) {
		return false
	}
	s.nextPrune[table] = now.Add(interval)
	return true
}

// password returns the password in a postgres:// URL, or "".
func password(dbURL string) string {
	u, err := url.Parse(dbURL)
	if err != nil {
		// An unparsable URL may still hold user:password@.
		if at := strings.LastIndex(dbURL, "@"); at > 0 {
			cred := dbURL[:at]
			if i := strings.Index(cred, "://"); i >= 0 {
				cred = cred[i+3:]
			}
			if _, pw, ok := strings.Cut(cred, ":"); ok {
				return pw
			}
		}
		return ""
	}
	if u.User == nil {
		return ""
	}
	pw, _ := u.User.Password()
	return pw
}

// redactedError hides a password in an error's text, which it keeps on
// one line.
type redactedError struct {
	msg string
	err error
}

func (e *redactedError) Error() string { return e.msg }
func (e *redactedError) Unwrap() error { return e.err }

// redact returns err with pw hidden and on one line (pgx puts each
// address tried on a line of its own).
func redact(err error, pw string) error {
	if err == nil {
		return nil
	}
	msg := strings.Join(strings.Fields(err.Error()), " ")
	if pw != "" {
		for _, p := range []string{pw, url.QueryEscape(pw), url.PathEscape(pw)} {
			msg = strings.ReplaceAll(msg, p, "xxxxx")
		}
	}
	return &redactedError{msg: msg, err: err}
}
