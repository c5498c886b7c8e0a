package bot_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/privacybot/privacybot/bot"
	"github.com/privacybot/privacybot/retrieval"
)

// sharedEngine opens a real engine once, the first time a test asks for
// it, and hands the same engine to every later test.
type sharedEngine struct {
	once sync.Once
	eng  *bot.Engine
	lib  *retrieval.Library
	err  error
}

// get returns the engine over the files files builds, failing tb when they
// cannot be read or the library cannot be opened.
func (s *sharedEngine) get(tb testing.TB, files func() (fstest.MapFS, error)) (*bot.Engine, *retrieval.Library) {
	tb.Helper()
	s.once.Do(func() {
		fsys, err := files()
		if err != nil {
			s.err = err
			return
		}
		s.lib, s.err = retrieval.Open(context.Background(), retrieval.Options{FS: fsys})
		if s.err == nil {
			s.eng = bot.New(s.lib)
		}
	})
	if s.err != nil || s.eng == nil {
		tb.Fatalf("open the library: %v", s.err)
	}
	return s.eng, s.lib
}

// globFiles reads the files matching each pattern into one file system,
// each under its base name; a pattern matching nothing is an error when
// required is set.
func globFiles(required bool, patterns ...string) (fstest.MapFS, error) {
	fsys := fstest.MapFS{}
	for _, pat := range patterns {
		paths, err := filepath.Glob(pat)
		if err != nil {
			return nil, fmt.Errorf("glob %s: %w", pat, err)
		}
		if required && len(paths) == 0 {
			return nil, fmt.Errorf("no files match %s", pat)
		}
		for _, p := range paths {
			b, err := os.ReadFile(p)
			if err != nil {
				return nil, fmt.Errorf("read %s: %w", p, err)
			}
			fsys[filepath.Base(p)] = &fstest.MapFile{Data: b}
		}
	}
	return fsys, nil
}

// answerFrom answers q, after the turns of history, from eng.
func answerFrom(tb testing.TB, eng *bot.Engine, q string, history ...bot.Turn) bot.Answer {
	tb.Helper()
	a, err := eng.Answer(context.Background(), question(tb, q, history...))
	if err != nil {
		tb.Fatalf("Answer(%q): %v", q, err)
	}
	return a
}

// checkCited fails the test when a quote, silence or evidence sentence of a
// is not the text of lib its citation points at; sameQuote compares a
// quotation with the text found.
func checkCited(tb testing.TB, lib *retrieval.Library, a bot.Answer, sameQuote func(found, quote string) bool) {
	tb.Helper()
	corpus := lib.Corpus()
	at := func(c bot.Citation) string {
		src, err := corpus.Get(c.Source)
		if err != nil {
			tb.Fatalf("answer cites unknown source %q", c.Source)
		}
		if c.Start < 0 || c.End > len(src.Text) || c.Start > c.End {
			tb.Fatalf("citation %+v out of range", c)
		}
		return src.Text[c.Start:c.End]
	}
	for _, g := range a.Groups {
		for _, q := range g.Quotes {
			for _, c := range q.Citations {
				if got := at(c); !sameQuote(got, q.Text) {
					tb.Errorf("quote %q is not at %+v (found %q)", q.Text, c, got)
				}
			}
		}
		for _, s := range g.Silences {
			if got := at(s.Citation); got != s.Text {
				tb.Errorf("silence %q is not at %+v", s.Text, s.Citation)
			}
		}
	}
	for _, ev := range a.Evidence {
		if got := at(ev.Citation); got != ev.Text {
			tb.Errorf("evidence %q is not at %+v", ev.Text, ev.Citation)
		}
	}
}
