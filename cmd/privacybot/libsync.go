package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"strings"
	"time"

	"github.com/privacybot/privacybot/ingest"
	"github.com/privacybot/privacybot/pgstate"
	"github.com/privacybot/privacybot/retrieval"
)

// localBy is who an article is recorded as added by when it was added to
// a data directory before the shared database was configured, and
// uploaded from there.
const localBy = "data directory (before the shared database)"

// syncShared brings the articles of svc's data directory in line with
// the shared library in db, the source of truth: every article added or
// removed through any replica is applied here. An article of the data
// directory that the shared library has never heard of was added before
// the database was configured: with upload it is stored there (and so
// reaches every replica), else it is only reported, in the returned ids
// and a warning.
func syncShared(ctx context.Context, db *pgstate.Store, svc *ingest.Service, upload bool, log *slog.Logger) (localOnly []string, err error) {
	arts, err := db.ArticlesSince(ctx, 0)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", databaseVar, err)
	}
	known := make(map[string]bool, len(arts))
	for _, art := range arts {
		known[art.ID] = true
	}
	files, err := fs.Glob(svc.Store().FS(), "*.txt")
	if err != nil {
		return nil, fmt.Errorf("list the data directory's articles: %w", err)
	}
	for _, f := range files {
		id := strings.TrimSuffix(f, ".txt")
		if known[id] {
			continue
		}
		if !upload {
			localOnly = append(localOnly, id)
			continue
		}
		text, err := fs.ReadFile(svc.Store().FS(), f)
		if err != nil {
			return nil, fmt.Errorf("upload %s: %w", id, err)
		}
		if _, err := db.PutArticle(ctx, id, text, localBy); err != nil {
			return nil, fmt.Errorf("upload %s: %s: %w", id, databaseVar, err)
		}
		log.Info("uploaded an article added before the shared database was configured", "id", id)
	}
	for _, art := range arts {
		if err := svc.ApplyShared(ctx, art.ID, art.Body, art.Removed); err != nil {
			return nil, err
		}
	}
	if len(localOnly) > 0 {
		log.Warn("articles in the data directory are not in the shared library; privacybot serve, add or remove uploads them",
			"count", len(localOnly), "ids", strings.Join(localOnly, " "))
	}
	return localOnly, nil
}

// sharedReadWait bounds how long ask, sources and source wait for the
// shared database to connect before answering from the data directory as
// it is: a database that drops packets would otherwise hold each of them
// for the whole connection timeout.
const sharedReadWait = 2 * time.Second

// readShared makes lib, opened by ask or sources, hold the shared
// library when PRIVACYBOT_DATABASE_URL is set: it applies every change
// made through any replica to the data directory and lib, and reports
// the data directory's articles that the shared library lacks. When the
// database cannot be reached it warns and leaves lib as the data
// directory has it; a malformed URL is an error.
func (a *App) readShared(ctx context.Context, name string, cf *corpusFlags, lib *retrieval.Library, log *slog.Logger) error {
	dbURL, err := databaseURL(a.Getenv)
	if err != nil {
		return usagef("%s: %v", name, err)
	}
	if dbURL == "" {
		return nil
	}
	if a.dataDir(cf) == "" {
		return usagef("%s: reading the shared library needs a data directory: set --data DIR or PRIVACYBOT_DATA", name)
	}
	db, err := openDatabaseWithin(ctx, dbURL, sharedReadWait, sharedReadWait, nil)
	if err != nil {
		if errors.Is(err, context.DeadlineExceeded) {
			log.Warn("the shared library did not answer; answering from the data directory as it is",
				"waited", sharedReadWait, "err", err)
		} else {
			log.Warn("the shared library cannot be read; answering from the data directory as it is", "err", err)
		}
		return nil
	}
	defer db.Close()
	in, err := a.openIngest(ctx, cf, lib, nil, log)
	if err != nil {
		return err
	}
	if _, err := syncShared(ctx, db, in.Service, false, log); err != nil {
		log.Warn("the shared library cannot be read; answering from the data directory as it is", "err", err)
	}
	return nil
}
