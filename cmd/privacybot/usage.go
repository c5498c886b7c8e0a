package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"
)

// subcommand is one command of privacybot.
type subcommand struct {
	name string
	// args are the positional arguments of its synopsis, like "QUESTION".
	args string
	// summary says what it does, in a line.
	summary string
	run     func(*App, context.Context, []string) error
	// env is whether it reads the environment and .env (see [App.prepare]).
	env bool
}

// commands are privacybot's commands, in the order the usage lists them.
// Each takes the flags its flag set declares; the usage is drawn from
// those, so it cannot leave one out. Every run function parses its flags
// (with parseArgs) before doing anything else, which is how the usage
// learns them (see [App.commandFlags]).
var commands = []subcommand{
	{"ask", "QUESTION", "answer one question, quoting the sources verbatim", (*App).runAsk, true},
	{"chat", "", "answer questions read line by line from stdin; follow-ups use the conversation", (*App).runChat, true},
	{"sources", "", "list every source: id, title, outlet, date, number of quotes", (*App).runSources, true},
	{"source", "ID", "show one source: its metadata, text and quotes", (*App).runSource, true},
	{"quotes", "", "list the quote ledger", (*App).runQuotes, true},
	{"eval", "FILE...", "run question files and score each answer; exit 1 on any failure", (*App).runEval, true},
	{"add", "PATH|URL...", "add articles from files or web pages to the data directory", (*App).runAdd, true},
	{"remove", "ID...", "remove articles that add put in the data directory", (*App).runRemove, true},
	{"feedback", "", "list the 👍/👎 votes given in Slack and the questions marked 👎, newest first", (*App).runFeedback, true},
	{"serve", "", "run the Slack bot (Socket Mode, or the HTTP Events API with --http)", (*App).runServe, true},
	{"version", "", "print the version and the revision it was built from (also --version)", (*App).runVersion, false},
}

// helpSynopsis is the help command's line in the usage; help is handled
// by Run, since it runs the others.
const helpSynopsis = "help [COMMAND]"

func lookupCommand(name string) (subcommand, bool) {
	i := slices.IndexFunc(commands, func(c subcommand) bool { return c.name == name })
	if i < 0 {
		return subcommand{}, false
	}
	return commands[i], true
}

// helpRequest is what parseArgs returns for -h or --help: a request for
// the usage of the command whose flags are flags.
type helpRequest struct{ flags *flag.FlagSet }

func (helpRequest) Error() string { return "help requested" }

// wantsHelp reports whether args ask for help (-h, -help or --help).
func wantsHelp(args []string) bool {
	return slices.ContainsFunc(args, func(s string) bool { return s == "-h" || s == "-help" || s == "--help" })
}

// runHelp is privacybot help [COMMAND]: the usage of privacybot, or of
// one command, on stdout.
func (a *App) runHelp(ctx context.Context, args []string) error {
	switch {
	case len(args) == 0:
		a.printUsage(a.Stdout)
		return nil
	case len(args) > 1:
		return usagef("help: give one command, e.g. privacybot help ask")
	}
	if args[0] == "help" {
		fmt.Fprintf(a.Stdout, "Usage: privacybot %s\n\nprint the usage of privacybot, or of COMMAND with its flags and their defaults\n", helpSynopsis)
		return nil
	}
	cmd, ok := lookupCommand(args[0])
	if !ok {
		return usagef("help: unknown command %q; run 'privacybot help' for the list", args[0])
	}
	return a.printCommandUsage(ctx, a.Stdout, cmd)
}

// commandFlags returns cmd's flag set, by running it with --help on an
// App with no environment and no output: its first step, parsing its
// flags, returns them, and it goes no further.
func (a *App) commandFlags(ctx context.Context, cmd subcommand) (*flag.FlagSet, error) {
	probe := &App{Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: io.Discard, Getenv: func(string) string { return "" }}
	var hr helpRequest
	if err := cmd.run(probe, ctx, []string{"--help"}); !errors.As(err, &hr) {
		return nil, fmt.Errorf("%s does not parse its flags first (got %v)", cmd.name, err)
	}
	return hr.flags, nil
}

// printCommandUsage writes cmd's usage to w.
func (a *App) printCommandUsage(ctx context.Context, w io.Writer, cmd subcommand) error {
	fs, err := a.commandFlags(ctx, cmd)
	if err != nil {
		return err
	}
	a.writeCommandUsage(w, fs)
	return nil
}

// writeCommandUsage writes the usage of the command whose flags are fs:
// its synopsis, what it does, and every flag with its default.
func (a *App) writeCommandUsage(w io.Writer, fs *flag.FlagSet) {
	cmd, _ := lookupCommand(fs.Name())
	fmt.Fprintf(w, "Usage: privacybot %s\n\n%s\n", synopsis(cmd, fs), cmd.summary)
	if n := numFlags(fs); n > 0 {
		fmt.Fprintln(w, "\nFlags:")
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fs.VisitAll(func(f *flag.Flag) { fmt.Fprintf(tw, "  %s\t%s\n", flagName(f), flagUsage(f)) })
		tw.Flush()
	}
	if cmd.env {
		fmt.Fprintln(w, "\nIt reads the environment and a .env file in the working directory; see the README or .env.example.")
	}
}

// printUsage writes privacybot's usage: every command with all its flags,
// then every flag once with its default.
func (a *App) printUsage(w io.Writer) {
	fmt.Fprint(w, "privacybot answers questions about privacy news from its sources, quoting them verbatim.\n\nUsage:\n")
	all := map[string]*flag.Flag{}
	for _, cmd := range commands {
		fs, err := a.commandFlags(context.Background(), cmd)
		if err != nil {
			fs = flag.NewFlagSet(cmd.name, flag.ContinueOnError)
		}
		fs.VisitAll(func(f *flag.Flag) { all[f.Name] = f })
		fmt.Fprintf(w, "  privacybot %s\n      %s\n", synopsis(cmd, fs), cmd.summary)
	}
	fmt.Fprintf(w, "  privacybot %s\n      %s\n", helpSynopsis, "print this, or a command's usage with its flags and their defaults")
	fmt.Fprintln(w, "\nFlags:")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	names := make([]string, 0, len(all))
	for n := range all {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		fmt.Fprintf(tw, "  %s\t%s\n", flagName(all[n]), flagUsage(all[n]))
	}
	tw.Flush()
	fmt.Fprint(w, `
-h or --help after a command prints its usage; so does privacybot help COMMAND.
Every command but version reads .env in the working directory; variables
already set win. The variables are listed in the README and .env.example.
`)
}

// synopsis is cmd's line of usage: its name, flags and arguments.
func synopsis(cmd subcommand, fs *flag.FlagSet) string {
	parts := []string{cmd.name}
	fs.VisitAll(func(f *flag.Flag) { parts = append(parts, "["+flagName(f)+"]") })
	if cmd.args != "" {
		parts = append(parts, cmd.args)
	}
	return strings.Join(parts, " ")
}

func numFlags(fs *flag.FlagSet) int {
	n := 0
	fs.VisitAll(func(*flag.Flag) { n++ })
	return n
}

// flagName is how a flag is written: --name, and its value's name if it
// takes one (--corpus DIR).
func flagName(f *flag.Flag) string {
	arg, _ := flag.UnquoteUsage(f)
	if arg == "" {
		return "--" + f.Name
	}
	return "--" + f.Name + " " + arg
}

// flagUsage is a flag's description with its default: the default value
// when it has one, "off" for a switch, and otherwise the description
// says what happens when it is not given.
func flagUsage(f *flag.Flag) string {
	_, text := flag.UnquoteUsage(f)
	switch {
	case isBool(f) && f.DefValue == "false":
		return text + " (default: off)"
	case f.DefValue != "":
		return fmt.Sprintf("%s (default: %s)", text, f.DefValue)
	}
	return text
}

func isBool(f *flag.Flag) bool {
	b, ok := f.Value.(interface{ IsBoolFlag() bool })
	return ok && b.IsBoolFlag()
}
