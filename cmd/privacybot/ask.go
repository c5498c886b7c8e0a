package main

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"

	"github.com/privacybot/privacybot/bot"
)

// runAsk answers one question: privacybot ask [--json] QUESTION.
func (a *App) runAsk(ctx context.Context, args []string) error {
	fs, cf := a.newFlagSet("ask")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	q := strings.Join(pos, " ")
	if strings.TrimSpace(q) == "" {
		return usagef("ask: give a question, e.g. privacybot ask \"What did JPMorgan say?\"")
	}
	question, err := bot.ParseQuestion(q)
	if err != nil {
		return usagef("ask: %s", userMessage(err))
	}
	log := a.logger(slog.LevelWarn)
	eng, lib, err := a.openEngine(ctx, cf, log)
	if err != nil {
		return err
	}
	defer lib.Close()
	if err := a.readShared(ctx, "ask", cf, lib, log); err != nil {
		return err
	}
	ans, err := eng.Answer(ctx, question)
	if err != nil {
		return err
	}
	return a.printAnswer(ans, cf.json)
}

// printAnswer writes an answer as text or JSON.
func (a *App) printAnswer(ans bot.Answer, asJSON bool) error {
	if asJSON {
		enc := json.NewEncoder(a.Stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(ans); err != nil {
			return fmt.Errorf("write answer: %w", err)
		}
		return nil
	}
	_, err := fmt.Fprint(a.Stdout, ans.Text)
	return err
}

// userMessage is the part of a bad-question error meant for the user.
func userMessage(err error) string {
	return strings.TrimPrefix(err.Error(), bot.ErrBadQuestion.Error()+": ")
}
