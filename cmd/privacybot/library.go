package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"

	"github.com/privacybot/privacybot/bot"
	"github.com/privacybot/privacybot/retrieval"
	"github.com/privacybot/privacybot/seeds"
)

// corpusFlags are the flags every command that reads the corpus takes.
type corpusFlags struct {
	corpus string
	data   string
	json   bool
}

// newFlagSet returns a flag set for a subcommand that reports errors
// instead of exiting, with the corpus flags registered: --corpus and
// --data, and --json for the commands that print JSON (all but those in
// textOnly).
func (a *App) newFlagSet(name string) (*flag.FlagSet, *corpusFlags) {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	cf := &corpusFlags{}
	fs.StringVar(&cf.corpus, "corpus", "", "load articles from `DIR` (default: $PRIVACYBOT_CORPUS, else the embedded seeds)")
	fs.StringVar(&cf.data, "data", "", "keep the index and added articles in `DIR` (default: $PRIVACYBOT_DATA, else privacybot/ in the user cache directory)")
	if !textOnly[name] {
		fs.BoolVar(&cf.json, "json", false, "print JSON instead of text")
	}
	return fs, cf
}

// textOnly are the commands that have no JSON output, so no --json.
var textOnly = map[string]bool{"chat": true, "eval": true, "serve": true}

// parseArgs parses flags wherever they appear among the arguments and
// returns the positional ones. -h or --help returns a [helpRequest]; a
// flag fs does not take, a usage error that shows the command's usage.
func parseArgs(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, helpRequest{fs}
			}
			return nil, usageError{msg: fmt.Sprintf("%s: %v", fs.Name(), err), flags: fs}
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// corpusFS returns the corpus to load: --corpus, else PRIVACYBOT_CORPUS,
// else the embedded seeds.
func (a *App) corpusFS(cf *corpusFlags) (fs.FS, string, error) {
	dir := cf.corpus
	if dir == "" {
		dir = a.Getenv("PRIVACYBOT_CORPUS")
	}
	if dir == "" {
		return seeds.FS, "embedded seeds", nil
	}
	info, err := os.Stat(dir)
	if err != nil {
		return nil, "", usagef("corpus directory %s: %v", dir, errors.Unwrap(err))
	}
	if !info.IsDir() {
		return nil, "", usagef("corpus %s is not a directory", dir)
	}
	return os.DirFS(dir), dir, nil
}

// dataDir returns where the index lives: --data, else PRIVACYBOT_DATA,
// else privacybot/ in the user cache directory ("" keeps it in memory).
func (a *App) dataDir(cf *corpusFlags) string {
	if cf.data != "" {
		return cf.data
	}
	if d := a.Getenv("PRIVACYBOT_DATA"); d != "" {
		return d
	}
	if d, err := os.UserCacheDir(); err == nil {
		return filepath.Join(d, "privacybot")
	}
	return ""
}

// openLibrary loads the corpus and its index, logging skipped files and
// index rebuilds as warnings. The caller closes the library.
func (a *App) openLibrary(ctx context.Context, cf *corpusFlags, log *slog.Logger) (*retrieval.Library, error) {
	fsys, err := a.libraryFS(cf)
	if err != nil {
		return nil, err
	}
	emb, err := a.embedder(log)
	if err != nil {
		return nil, err
	}
	im := a.indexMeter()
	lib, err := retrieval.Open(ctx, retrieval.Options{FS: fsys, DataDir: a.dataDir(cf), Embedder: emb, Logger: log, Progress: im.report})
	im.finish(err == nil, log)
	if err != nil {
		return nil, fmt.Errorf("open corpus: %w", err)
	}
	for _, w := range lib.Warnings() {
		log.Warn(w)
	}
	if r := lib.Rebuilt(); r != "" {
		log.Info(r)
	}
	if len(lib.Corpus().Sources) == 0 {
		lib.Close()
		return nil, usagef("the corpus holds no readable .txt or .md articles")
	}
	return lib, nil
}

// The engine answers from the library through the interfaces it declares.
var _ bot.Library = (*retrieval.Library)(nil)

// openEngine opens the library and builds the answer engine on it, with a
// language model when one is configured. The caller closes the library.
func (a *App) openEngine(ctx context.Context, cf *corpusFlags, log *slog.Logger) (*bot.Engine, *retrieval.Library, error) {
	lib, err := a.openLibrary(ctx, cf, log)
	if err != nil {
		return nil, nil, err
	}
	eng, err := a.newEngine(lib, log)
	if err != nil {
		lib.Close()
		return nil, nil, err
	}
	return eng, lib, nil
}

// newEngine builds the answer engine on lib, with a language model when one
// is configured.
func (a *App) newEngine(lib *retrieval.Library, log *slog.Logger) (*bot.Engine, error) {
	opts, err := a.llmOptions(log)
	if err != nil {
		return nil, err
	}
	return bot.New(lib, append(opts, bot.WithLogger(log))...), nil
}
