package main

import (
	"log/slog"

	"github.com/privacybot/privacybot/bot"
	"github.com/privacybot/privacybot/retrieval"
)

// llmOptions configures a language model from OPENAI_* variables; with none
// set, answers stay extractive.
func (a *App) llmOptions(log *slog.Logger) ([]bot.Option, error) { return nil, nil }

// embedder returns the embedder OPENAI_EMBEDDING_MODEL selects, or nil for
// the local one.
func (a *App) embedder(log *slog.Logger) (retrieval.Embedder, error) { return nil, nil }
