package main

import (
	"errors"
	"io/fs"
	"log/slog"
	"os"
	"strings"

	"github.com/joho/godotenv"
	"golang.org/x/term"
)

// prepare returns the App a command runs with: its environment is the
// process's with the .env file of the working directory beneath it (see
// [App.dotenvGetenv]), PRIVACYBOT_LOG_LEVEL is checked, and when stderr
// is a terminal, it gets a status line for progress (see progress.go).
// A .env that cannot be read and a malformed PRIVACYBOT_LOG_LEVEL are
// usage errors, as every malformed variable is: exit code 2.
func (a *App) prepare() (*App, error) {
	getenv, err := a.dotenvGetenv()
	if err != nil {
		return nil, usageError{msg: err.Error()}
	}
	app := *a
	app.Getenv = getenv
	if _, err := logLevel(getenv, slog.LevelInfo); err != nil {
		return nil, err
	}
	if isTTY(a.Stderr) {
		app.status = &statusLine{w: a.Stderr}
		app.Stderr = app.status.wrap(a.Stderr)
		if isTTY(a.Stdout) {
			app.Stdout = app.status.wrap(a.Stdout)
		}
	}
	return &app, nil
}

// isTTY reports whether w is a terminal. Unlike a check for a character
// device, it is false for /dev/null.
func isTTY(w any) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// logLevel returns the level PRIVACYBOT_LOG_LEVEL sets, or def when it is
// unset. A value that is not a level is an error naming the variable.
func logLevel(getenv func(string) string, def slog.Level) (slog.Level, error) {
	v := strings.TrimSpace(getenv("PRIVACYBOT_LOG_LEVEL"))
	if v == "" {
		return def, nil
	}
	var level slog.Level
	if err := level.UnmarshalText([]byte(v)); err != nil {
		return def, usagef("PRIVACYBOT_LOG_LEVEL is malformed: it should be debug, info, warn or error, not %q", v)
	}
	return level, nil
}

// jsonLogs reports whether PRIVACYBOT_LOG_FORMAT asks for JSON logs.
func jsonLogs(getenv func(string) string) bool {
	return strings.EqualFold(strings.TrimSpace(getenv("PRIVACYBOT_LOG_FORMAT")), "json")
}

// errDotenv reports a .env file that cannot be read. Its parser's message
// is not passed on, since it may quote a line holding a token.
var errDotenv = errors.New(".env in the working directory could not be read; it should hold KEY=value lines")

// dotenvGetenv returns a getenv that falls back to the .env file in the
// working directory, if there is one, for variables the environment does
// not set. The environment always wins.
func (a *App) dotenvGetenv() (func(string) string, error) {
	vals, err := godotenv.Read(".env")
	if errors.Is(err, fs.ErrNotExist) {
		return a.Getenv, nil
	}
	if err != nil {
		return nil, errDotenv
	}
	return func(k string) string {
		if v := a.Getenv(k); v != "" {
			return v
		}
		return vals[k]
	}, nil
}
