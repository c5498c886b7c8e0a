// Command privacybot-bench measures privacybot at scale on synthetic news
// corpora: how fast the index builds, how much memory building and serving
// take, how long a cold open takes and how fast questions are answered, at
// sizes such as 1,000, 10,000 and 100,000 articles. It is not part of the
// shipped privacybot binary; see docs/performance.md.
//
// Each phase runs in a fresh process, this binary run again as
// "privacybot-bench child", so that peak RSS is per phase.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
)

const usage = `privacybot-bench measures privacybot on synthetic corpora (see docs/performance.md).

Usage:
  privacybot-bench [--sizes 1000,10000,100000] [--data DIR] [--queries N] [--reps N]
                   [--runs N] [--seed S] [--svg FILE] [--json] [--mem-corpus] [--in-process]
  privacybot-bench --from FILE [--svg FILE] [--json]   print results saved with --json
  privacybot-bench gen [--seed S] N DIR                write N synthetic articles into DIR
  privacybot-bench child --phase build|serve --size N [flags]
                                                       one phase, run by the suite in a fresh process
  privacybot-bench help
`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
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

// run runs one command line and returns the process exit code.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	var err error
	switch {
	case len(args) > 0 && (args[0] == "help" || args[0] == "-h" || args[0] == "--help"):
		fmt.Fprint(stdout, usage)
		return exitOK
	case len(args) > 0 && args[0] == "gen":
		err = runGen(args[1:], stderr)
	case len(args) > 0 && args[0] == "child":
		err = runChild(ctx, args[1:], stdout)
	default:
		err = runSuite(ctx, args, stdout, stderr)
	}
	var ue usageError
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &ue):
		fmt.Fprintln(stderr, "privacybot-bench: "+oneLine(ue.msg))
		return exitUsage
	default:
		fmt.Fprintln(stderr, "privacybot-bench: "+oneLine(err.Error()))
		return exitFailure
	}
}

// parseArgs parses flags wherever they appear among the arguments and
// returns the positional ones.
func parseArgs(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, usagef("%s: see 'privacybot-bench help'", fs.Name())
			}
			return nil, usagef("%s: %v", fs.Name(), err)
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
