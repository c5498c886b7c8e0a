package main

import (
	"context"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"

	"github.com/privacybot/privacybot/ingest"
	"github.com/privacybot/privacybot/pgstate"
	"github.com/privacybot/privacybot/retrieval"
)

// libraryFS returns what the library loads: the corpus (--corpus, else
// the embedded seeds) with the articles added at run time, from
// DATA/articles, laid over it.
func (a *App) libraryFS(cf *corpusFlags) (fs.FS, error) {
	fsys, _, err := a.corpusFS(cf)
	if err != nil {
		return nil, err
	}
	dir := a.dataDir(cf)
	if dir == "" {
		return fsys, nil
	}
	return ingest.Overlay(fsys, os.DirFS(filepath.Join(dir, ingest.ArticlesDir))), nil
}

// ingestSetup is what add, remove and serve need to change the corpus.
type ingestSetup struct {
	// Config is PRIVACYBOT_FEEDS, _FEED_INTERVAL and _ALLOW_PRIVATE_URLS,
	// checked.
	Config ingest.Config
	// Service adds and removes articles in the library.
	Service *ingest.Service
	// Poller polls Config.Feeds every Config.FeedInterval; nil when no
	// feeds are configured. Run it with go Poller.Run(ctx).
	Poller *ingest.Poller
	// Library is the library Service changes. Whoever opened it closes it.
	Library *retrieval.Library
}

// openIngest reads the ingest configuration and returns the service that
// adds articles to lib (opened by openLibrary) and stores them under the
// data directory.
// With db (PRIVACYBOT_DATABASE_URL), adds and removes go to the shared
// library first (see shareLibrary).
func (a *App) openIngest(ctx context.Context, cf *corpusFlags, lib *retrieval.Library, db *pgstate.Store, log *slog.Logger) (*ingestSetup, error) {
	cfg, err := ingest.ConfigFromEnv(a.Getenv)
	if err != nil {
		return nil, usagef("%v", err)
	}
	dir := a.dataDir(cf)
	if dir == "" {
		return nil, usagef("adding and removing articles needs a data directory: set --data DIR or PRIVACYBOT_DATA")
	}
	o := ingest.Options{
		Library: lib,
		DataDir: dir,
		Fetcher: ingest.NewFetcher(ingest.FetchConfig{AllowPrivate: cfg.AllowPrivate}),
		Logger:  log,
	}
	if db != nil {
		o.Shared = db
	}
	svc, err := ingest.New(ctx, o)
	if err != nil {
		return nil, err
	}
	s := &ingestSetup{Config: cfg, Service: svc, Library: lib}
	if len(cfg.Feeds) > 0 {
		s.Poller = &ingest.Poller{Service: svc, Feeds: cfg.Feeds, Interval: cfg.FeedInterval, Logger: log}
	}
	return s, nil
}

// ingestArgs parses the arguments of add or remove (the corpus flags and
// --by, default $USER), requires at least one positional argument (else it
// returns a usage error saying need), and opens the library and the ingest
// service, logging at info level so every add and remove is recorded. The
// caller closes in.Library.
func (a *App) ingestArgs(ctx context.Context, name string, args []string, need string) (pos []string, cf *corpusFlags, by string, in *ingestSetup, err error) {
	fs, cf := a.newFlagSet(name)
	fs.StringVar(&by, "by", "", "record `NAME` as who made the change (default: $USER)")
	if pos, err = parseArgs(fs, args); err != nil {
		return nil, nil, "", nil, err
	}
	if len(pos) == 0 {
		return nil, nil, "", nil, usagef("%s", need)
	}
	for _, v := range []string{by, a.Getenv("USER"), "cli"} {
		if by = v; by != "" {
			break
		}
	}
	log := a.logger(slog.LevelInfo)
	lib, err := a.openLibrary(ctx, cf, log)
	if err != nil {
		return nil, nil, "", nil, err
	}
	db, err := a.cliDatabase(ctx, name, log)
	if err != nil {
		lib.Close()
		return nil, nil, "", nil, err
	}
	if in, err = a.openIngest(ctx, cf, lib, db, log); err != nil {
		lib.Close()
		return nil, nil, "", nil, err
	}
	if db != nil {
		// Start from the shared library, with the data directory's own
		// articles (added before the database was configured) in it.
		if _, err := syncShared(ctx, db, in.Service, true, log); err != nil {
			lib.Close()
			return nil, nil, "", nil, fmt.Errorf("%s: %w", name, err)
		}
	}
	return pos, cf, by, in, nil
}
