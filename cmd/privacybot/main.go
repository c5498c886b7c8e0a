// Command privacybot answers questions about privacy news from its sources,
// quoting them word for word with who said each quote and where. It runs as
// a command-line tool (ask, chat, sources, source, quotes, eval) and as a
// Slack bot (serve).
package main

import (
	"context"
	"errors"
	"flag"
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
	// status is the progress line on stderr when stderr is a terminal,
	// else nil; Run sets it (see progress.go).
	status *statusLine
}

// Exit codes.
const (
	exitOK      = 0
	exitFailure = 1
	exitUsage   = 2
)

// usageError is a mistake in how the command was called; it exits with
// code 2 and a one-line message, followed by the command's usage when
// flags is set (a flag it does not take).
type usageError struct {
	msg   string
	flags *flag.FlagSet
}

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error {
	return usageError{msg: fmt.Sprintf(format, args...)}
}

// errFailed reports a command that ran but found failures (eval); its
// output already says what failed.
var errFailed = errors.New("failed")

// Run runs one command and returns the process exit code. The commands
// are in usage.go; "help" and the -h, --help and --version flags are
// handled there too.
func (a *App) Run(ctx context.Context, args []string) int {
	if len(args) == 0 {
		a.printUsage(a.Stderr)
		return exitUsage
	}
	name, rest := args[0], args[1:]
	switch name {
	case "help", "-h", "-help", "--help":
		return a.exit(a.runHelp(ctx, rest))
	case "--version", "-version":
		name = "version"
	}
	cmd, ok := lookupCommand(name)
	if !ok {
		return a.exit(usagef("unknown command %q; run 'privacybot help'", name))
	}
	if wantsHelp(rest) {
		return a.exit(a.printCommandUsage(ctx, a.Stdout, cmd))
	}
	app := a
	if cmd.env {
		var err error
		if app, err = a.prepare(); err != nil {
			return a.exit(err)
		}
	}
	return app.exit(cmd.run(app, ctx, rest))
}

// exit reports err, if any, on stderr and returns the exit code for it.
func (a *App) exit(err error) int {
	var ue usageError
	var hr helpRequest
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &hr):
		// Run answers -h and --help before the command runs; this is the
		// same answer should parseArgs meet one anyway.
		a.writeCommandUsage(a.Stdout, hr.flags)
		return exitOK
	case errors.As(err, &ue):
		fmt.Fprintln(a.Stderr, "privacybot: "+oneLine(ue.msg))
		if ue.flags != nil {
			fmt.Fprintln(a.Stderr)
			a.writeCommandUsage(a.Stderr, ue.flags)
		}
		return exitUsage
	case errors.Is(err, errFailed):
		return exitFailure
	default:
		fmt.Fprintln(a.Stderr, "privacybot: "+oneLine(err.Error()))
		return exitFailure
	}
}

// logger returns a logger on stderr at the level PRIVACYBOT_LOG_LEVEL sets
// (debug, info, warn, error); def is the level when it is unset. Run has
// checked the variable (see [App.prepare]).
func (a *App) logger(def slog.Level) *slog.Logger {
	level, _ := logLevel(a.Getenv, def)
	var h slog.Handler = slog.NewTextHandler(a.Stderr, &slog.HandlerOptions{Level: level})
	if jsonLogs(a.Getenv) {
		h = slog.NewJSONHandler(a.Stderr, &slog.HandlerOptions{Level: level})
	}
	return slog.New(h)
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
