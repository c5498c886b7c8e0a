// Package testengine gives tests one real answer engine over the embedded
// seed articles, built once per test binary.
package testengine

import (
	"context"
	"sync"
	"testing"

	"github.com/privacybot/privacybot/bot"
	"github.com/privacybot/privacybot/retrieval"
	"github.com/privacybot/privacybot/seeds"
)

var (
	once sync.Once
	lib  *retrieval.Library
	eng  *bot.Engine
	err  error
)

// Seeds returns the engine over the embedded seeds, kept in memory. It is
// safe for concurrent use; tests must not add or remove sources through it.
func Seeds(tb testing.TB) *bot.Engine {
	tb.Helper()
	once.Do(func() {
		lib, err = retrieval.Open(context.Background(), retrieval.Options{FS: seeds.FS})
		if err == nil {
			eng = bot.New(lib)
		}
	})
	if err != nil {
		tb.Fatalf("open the seed library: %v", err)
	}
	return eng
}

// Library returns the library the engine of [Seeds] answers from. Tests
// must not add or remove sources through it.
func Library(tb testing.TB) *retrieval.Library {
	tb.Helper()
	Seeds(tb)
	return lib
}
