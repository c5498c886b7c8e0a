package main

import (
	"regexp"
	"strings"
	"testing"
)

// wantFlags are the flags each command takes, as a user reads them in
// its usage.
var wantFlags = map[string][]string{
	"ask":      {"--corpus DIR", "--data DIR", "--json"},
	"chat":     {"--corpus DIR", "--data DIR"},
	"sources":  {"--corpus DIR", "--data DIR", "--json"},
	"source":   {"--corpus DIR", "--data DIR", "--json"},
	"quotes":   {"--corpus DIR", "--data DIR", "--json", "--speaker NAME"},
	"eval":     {"--corpus DIR", "--data DIR"},
	"add":      {"--by NAME", "--corpus DIR", "--data DIR", "--json"},
	"remove":   {"--by NAME", "--corpus DIR", "--data DIR", "--json"},
	"serve":    {"--corpus DIR", "--data DIR", "--http ADDR"},
	"version":  {},
	"feedback": {"--corpus DIR", "--data DIR", "--json", "--since DURATION"},
}

var flagLineRe = regexp.MustCompile(`(?m)^  (--\S+(?: [A-Z]+)?)  +(.*)$`)

// help CMD, CMD --help and CMD -h print the same usage on stdout and exit
// 0: the synopsis, and every flag the command takes with its default.
func TestCommandHelp(t *testing.T) {
	if len(wantFlags) != len(commands) {
		t.Errorf("the test knows %d commands, privacybot has %d", len(wantFlags), len(commands))
	}
	for name, flags := range wantFlags {
		t.Run(name, func(t *testing.T) {
			var first string
			for _, args := range [][]string{{"help", name}, {name, "--help"}, {name, "-h"}, {name, "x", "-h"}} {
				code, out, errs := runApp(t, "", nil, args...)
				if code != 0 || errs != "" {
					t.Fatalf("%q: exit %d, stderr %q", args, code, errs)
				}
				if first == "" {
					first = out
				} else if out != first {
					t.Errorf("%q prints another usage:\n%s\nthan help %s:\n%s", args, out, name, first)
				}
			}
			if !strings.HasPrefix(first, "Usage: privacybot "+name) {
				t.Errorf("no synopsis:\n%s", first)
			}
			var got []string
			for _, m := range flagLineRe.FindAllStringSubmatch(first, -1) {
				got = append(got, m[1])
				if !strings.Contains(m[2], "(default") {
					t.Errorf("%s does not say its default: %q", m[1], m[2])
				}
			}
			if strings.Join(got, ",") != strings.Join(flags, ",") {
				t.Errorf("flags listed %q, want %q:\n%s", got, flags, first)
			}
			for _, f := range flags {
				if !strings.Contains(strings.SplitN(first, "\n", 2)[0], "["+f+"]") {
					t.Errorf("the synopsis lacks [%s]:\n%s", f, first)
				}
			}
		})
	}
}

// The top-level usage names every command with its flags, and explains
// every flag; privacybot help, -h and --help print it on stdout and exit
// 0, privacybot alone on stderr with exit code 2.
func TestTopLevelUsage(t *testing.T) {
	var usage string
	for _, args := range [][]string{{"help"}, {"--help"}, {"-h"}} {
		code, out, errs := runApp(t, "", nil, args...)
		if code != 0 || errs != "" {
			t.Fatalf("%q: exit %d, stderr %q", args, code, errs)
		}
		if usage != "" && out != usage {
			t.Errorf("%q prints another usage", args)
		}
		usage = out
	}
	code, out, errs := runApp(t, "", nil)
	if code != 2 || out != "" || errs != usage {
		t.Errorf("no arguments: exit %d, stdout %q, stderr:\n%s", code, out, errs)
	}
	for name, flags := range wantFlags {
		line := regexp.MustCompile(`(?m)^  privacybot ` + name + `\b.*$`).FindString(usage)
		if line == "" {
			t.Errorf("%s is not in the usage:\n%s", name, usage)
			continue
		}
		for _, f := range flags {
			if !strings.Contains(line, "["+f+"]") {
				t.Errorf("usage line %q lacks [%s]", line, f)
			}
			if !regexp.MustCompile(`(?m)^  ` + regexp.QuoteMeta(f) + `  +\S.*\(default`).MatchString(usage) {
				t.Errorf("flag %s is not explained with its default", f)
			}
		}
	}
	for _, want := range []string{"privacybot help [COMMAND]", "--version", ".env"} {
		if !strings.Contains(usage, want) {
			t.Errorf("usage lacks %q", want)
		}
	}
}

// A flag the command does not take is an error, followed by the command's
// usage, on stderr, with exit code 2.
func TestBadFlagPrintsUsage(t *testing.T) {
	_, usage, _ := runApp(t, "", nil, "quotes", "--help")
	for _, args := range [][]string{{"quotes", "--nope"}, {"quotes", "--speaker"}, {"quotes", "--json=maybe"}} {
		code, out, errs := runApp(t, "", nil, args...)
		if code != 2 || out != "" {
			t.Errorf("%q: exit %d, stdout %q", args, code, out)
		}
		msg, rest, _ := strings.Cut(errs, "\n")
		if !strings.HasPrefix(msg, "privacybot: quotes: ") || rest != "\n"+usage {
			t.Errorf("%q: stderr is not an error line and the usage:\n%s", args, errs)
		}
	}
	// Flags the command does not take, though others do.
	for _, args := range [][]string{{"serve", "--json"}, {"eval", "--json", "f"}, {"ask", "--http", ":1", "q"}} {
		if code, _, errs := runApp(t, "", nil, args...); code != 2 || !strings.Contains(errs, "flag provided but not defined") {
			t.Errorf("%q: exit %d\n%s", args, code, errs)
		}
	}
	if code, _, errs := runApp(t, "", nil, "help", "nosuch"); code != 2 || !strings.Contains(errs, `unknown command "nosuch"`) {
		t.Errorf("help nosuch: exit %d\n%s", code, errs)
	}
}

// Help needs no valid configuration: it is how one finds out about it.
func TestHelpIgnoresTheEnvironment(t *testing.T) {
	env := map[string]string{"PRIVACYBOT_LOG_LEVEL": "loud", "OPENAI_TIMEOUT": "soon"}
	if code, out, errs := runApp(t, "", env, "ask", "--help"); code != 0 || !strings.HasPrefix(out, "Usage: privacybot ask") {
		t.Errorf("exit %d\n%s%s", code, out, errs)
	}
}
