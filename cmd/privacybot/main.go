// Command privacybot answers questions about privacy news from its sources,
// quoting them word for word with who said each quote and where. It runs as
// a command-line tool (ask, chat, sources, source, quotes, eval) and as a
// Slack bot (serve).
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"strings"
	"syscall"
)

func main() {
	ctx, cancel := context.WithCancel(context.Background())
	// Buffered: a second signal must not be dropped while the first is
	// being handled.
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	go watchSignals(sigs, cancel, stopGrace(os.Args[1:]), os.Stderr, os.Exit)
	app := &App{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv}
	os.Exit(app.Run(ctx, os.Args[1:]))
}

// App is the command line, with its input, output and environment
// injected so tests can run it in-process.
type App struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	// Getenv reads a configuration variable; os.Getenv in production.
	Getenv func(string) string
}

// Exit codes.
const (
	exitOK      = 0
	exitFailure = 1
	exitUsage   = 2
)

// usageError is a mistake in how the command was called; it exits with
// code 2 and a one-line message.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

// errFailed reports a command that ran but found failures (eval); its
// output already says what failed.
var errFailed = errors.New("failed")

const usage = `privacybot answers questions about privacy news from its sources, quoting them verbatim.

Usage:
  privacybot ask [--json] [--corpus DIR] [--data DIR] QUESTION
  privacybot chat [--corpus DIR] [--data DIR]
  privacybot sources [--json] [--corpus DIR]
  privacybot source [--json] [--corpus DIR] ID
  privacybot quotes [--json] [--corpus DIR] [--speaker NAME]
  privacybot eval [--corpus DIR] FILE
  privacybot serve [--http ADDR]
  privacybot add [--json] [--data DIR] [--by NAME] PATH|URL...
  privacybot remove [--json] [--data DIR] [--by NAME] ID...
  privacybot feedback [--json] [--data DIR] [--since DURATION]
  privacybot help

Environment variables are listed in the README and .env.example.
`

// Run runs one command and returns the process exit code.
func (a *App) Run(ctx context.Context, args []string) int {
	if len(args) == 0 {
		fmt.Fprint(a.Stderr, usage)
		return exitUsage
	}
	cmd, rest := args[0], args[1:]
	var err error
	switch cmd {
	case "ask":
		err = a.runAsk(ctx, rest)
	case "chat":
		err = a.runChat(ctx, rest)
	case "sources":
		err = a.runSources(ctx, rest)
	case "source":
		err = a.runSource(ctx, rest)
	case "quotes":
		err = a.runQuotes(ctx, rest)
	case "eval":
		err = a.runEval(ctx, rest)
	case "serve":
		err = a.runServe(ctx, rest)
	case "add":
		err = a.runAdd(ctx, rest)
	case "remove":
		err = a.runRemove(ctx, rest)
	case "feedback":
		err = a.runFeedback(ctx, rest)
	case "help", "-h", "--help":
		fmt.Fprint(a.Stdout, usage)
		return exitOK
	default:
		err = usagef("unknown command %q; run 'privacybot help'", cmd)
	}
	var ue usageError
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &ue):
		fmt.Fprintln(a.Stderr, "privacybot: "+oneLine(ue.msg))
		return exitUsage
	case errors.Is(err, errFailed):
		return exitFailure
	default:
		fmt.Fprintln(a.Stderr, "privacybot: "+oneLine(err.Error()))
		return exitFailure
	}
}

// logger returns a logger on stderr at the level PRIVACYBOT_LOG_LEVEL sets
// (debug, info, warn, error); def is the level when it is unset.
func (a *App) logger(def slog.Level) *slog.Logger {
	level := def
	if v := a.Getenv("PRIVACYBOT_LOG_LEVEL"); v != "" {
		_ = level.UnmarshalText([]byte(v))
	}
	var h slog.Handler = slog.NewTextHandler(a.Stderr, &slog.HandlerOptions{Level: level})
	if strings.EqualFold(a.Getenv("PRIVACYBOT_LOG_FORMAT"), "json") {
		h = slog.NewJSONHandler(a.Stderr, &slog.HandlerOptions{Level: level})
	}
	return slog.New(h)
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
