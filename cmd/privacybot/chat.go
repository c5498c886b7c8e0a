package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"strings"

	"github.com/privacybot/privacybot/bot"
)

// maxHistory is how many earlier turns a chat keeps for follow-ups.
const maxHistory = 6

// runChat reads questions line by line and answers each, carrying the
// conversation so follow-ups ("and Citigroup?") work. It prompts only when
// stdin is a terminal, so it also works with piped input.
func (a *App) runChat(ctx context.Context, args []string) error {
	fs, cf := a.newFlagSet("chat")
	if _, err := parseArgs(fs, args); err != nil {
		return err
	}
	log := a.logger(slog.LevelWarn)
	eng, err := a.openEngine(ctx, cf, log)
	if err != nil {
		return err
	}
	interactive := isTerminal(a.Stdin)
	if interactive {
		fmt.Fprintln(a.Stdout, "Ask about the sources; an empty line or Ctrl-D ends.")
	}
	sc := bufio.NewScanner(a.Stdin)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	var history []bot.Turn
	for {
		if interactive {
			fmt.Fprint(a.Stdout, "> ")
		}
		if !sc.Scan() {
			break
		}
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			if interactive {
				break
			}
			continue
		}
		if line == "quit" || line == "exit" {
			break
		}
		ans, err := eng.Answer(ctx, bot.Question{Text: line, History: history})
		switch {
		case errors.Is(err, bot.ErrBadQuestion):
			fmt.Fprintln(a.Stdout, userMessage(err))
			continue
		case err != nil:
			return err
		}
		if !interactive {
			fmt.Fprintf(a.Stdout, "> %s\n", line)
		}
		fmt.Fprintln(a.Stdout, ans.Text)
		history = append(history, bot.Turn{Question: line, Answer: ans.Text})
		if len(history) > maxHistory {
			history = history[len(history)-maxHistory:]
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("read questions: %w", err)
	}
	return nil
}

// isTerminal reports whether r is a character device such as a terminal.
func isTerminal(r any) bool {
	f, ok := r.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}
