package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// newApp returns an in-process App reading env, and its output buffers.
func newApp(env map[string]string) (*App, *bytes.Buffer, *bytes.Buffer) {
	var out, errb bytes.Buffer
	return &App{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb, Getenv: func(k string) string { return env[k] }}, &out, &errb
}

// runApp runs the command line in-process with an isolated data directory
// and returns its exit code, stdout and stderr.
func runApp(t *testing.T, stdin string, env map[string]string, args ...string) (int, string, string) {
	t.Helper()
	if env == nil {
		env = map[string]string{}
	}
	if _, ok := env["PRIVACYBOT_DATA"]; !ok {
		env["PRIVACYBOT_DATA"] = t.TempDir()
	}
	app, out, errb := newApp(env)
	app.Stdin = strings.NewReader(stdin)
	code := app.Run(context.Background(), args)
	return code, out.String(), errb.String()
}

func TestAskPrintsCitedQuotes(t *testing.T) {
	code, out, errs := runApp(t, "", nil, "ask", "What did JPMorgan say?")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{"Patricia Wexler", "“We don't share our customers' off-platform", "[001]", "Sources:"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

func TestAskJSON(t *testing.T) {
	code, out, errs := runApp(t, "", nil, "ask", "--json", "What did US Bancorp say?")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var a struct {
		Question, Answer, Mode string
		Quotes                 []struct{ Text, Source string }
	}
	if err := json.Unmarshal([]byte(out), &a); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if a.Mode != "extractive" || len(a.Quotes) == 0 {
		t.Errorf("answer = %+v", a)
	}
}

func TestUsageErrorsExitTwo(t *testing.T) {
	cases := map[string][]string{
		"no question":      {"ask"},
		"empty question":   {"ask", "  "},
		"binary question":  {"ask", "what\x00\x01"},
		"long question":    {"ask", strings.Repeat("a ", 1500)},
		"unknown id":       {"source", "999"},
		"no id":            {"source"},
		"unknown command":  {"frobnicate"},
		"missing corpus":   {"ask", "--corpus", "/does/not/exist", "q"},
		"eval with no set": {"eval"},
		// The benchmark is cmd/privacybot-bench, not in the shipped binary.
		"bench": {"bench", "--sizes", "1000"},
	}
	// A bad flag exits 2 too, with the command's usage after the error:
	// see TestBadFlagPrintsUsage.
	for name, args := range cases {
		t.Run(name, func(t *testing.T) {
			code, out, errs := runApp(t, "", nil, args...)
			if code != 2 {
				t.Errorf("exit = %d, want 2 (stdout %q, stderr %q)", code, out, errs)
			}
			if lines := strings.Count(strings.TrimSpace(errs), "\n"); errs == "" || lines > 0 {
				t.Errorf("want a one-line error on stderr, got %q", errs)
			}
		})
	}
}

func TestSourcesAndSource(t *testing.T) {
	code, out, _ := runApp(t, "", nil, "sources")
	if code != 0 || !strings.Contains(out, "Facebook Is After Your Banking Data") || strings.Count(out, "\n") != 6 {
		t.Errorf("sources: exit %d\n%s", code, out)
	}
	code, out, _ = runApp(t, "", nil, "source", "004")
	if code != 0 || !strings.Contains(out, "Dana Ripley") || !strings.Contains(out, "004_6110960f3170c2ac") {
		t.Errorf("source 004: exit %d\n%s", code, out)
	}
}

func TestQuotesBySpeakerAlias(t *testing.T) {
	code, out, _ := runApp(t, "", nil, "quotes", "--json", "--speaker", "Citi")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	var qs []struct{ Text, Speaker, Organization, Source, Verb string }
	if err := json.Unmarshal([]byte(out), &qs); err != nil {
		t.Fatal(err)
	}
	if len(qs) == 0 {
		t.Fatal("no quotes for Citi")
	}
	for _, q := range qs {
		if q.Organization != "Citigroup" {
			t.Errorf("quote by %q/%q returned for Citi", q.Speaker, q.Organization)
		}
	}
}

func TestChatFollowUpFromPipe(t *testing.T) {
	code, out, errs := runApp(t, "What did JPMorgan say?\nAnd Citigroup?\n", nil, "chat")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	i := strings.Index(out, "> And Citigroup?")
	if i < 0 || !strings.Contains(out[i:], "safeguarding the security and privacy") {
		t.Errorf("follow-up not answered from context:\n%s", out)
	}
}

func TestCorpusFlagSkipsBadFiles(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("good.txt", "Title: Regulator fines app\nSource: Example News\n\nThe regulator fined the app maker.\n\n\"We take privacy seriously,\" said Ana Ruiz, a spokeswoman for Appco.\n")
	write("empty.txt", "")
	write("binary.txt", "\xff\xfe\x00\x01garbage")
	code, out, errs := runApp(t, "", nil, "sources", "--corpus", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(out, "Regulator fines app") || !strings.Contains(out, "Example News") {
		t.Errorf("good file not listed:\n%s", out)
	}
	for _, bad := range []string{"empty.txt", "binary.txt"} {
		if !strings.Contains(errs, bad) {
			t.Errorf("no warning naming %s: %s", bad, errs)
		}
	}
}

func TestEvalOwnQuestionSet(t *testing.T) {
	code, out, errs := runApp(t, "", nil, "eval", filepath.Join("..", "..", "eval", "questions.jsonl"))
	if code != 0 {
		t.Fatalf("eval failed (exit %d): %s\n%s", code, out, errs)
	}
	if !strings.Contains(out, " passed, 0 failed") || !strings.Contains(out, "unfaithful quotes: 0") {
		t.Errorf("summary missing:\n%s", out)
	}
}

// TestQuotesFromUnseenArticles loads the hand-written articles with
// --corpus and checks that their quotes are attributed to the right people.
func TestQuotesFromUnseenArticles(t *testing.T) {
	dir := filepath.Join("..", "..", "quote", "testdata", "articles")
	code, out, errs := runApp(t, "", nil, "quotes", "--json", "--corpus", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var qs []struct{ Text, Speaker, Role, Organization, Source string }
	if err := json.Unmarshal([]byte(out), &qs); err != nil {
		t.Fatal(err)
	}
	want := []struct{ prefix, speaker, org string }{
		{"Consumers should not have to wonder", "Lina Khan", "Federal Trade Commission"},
		{"We have ended every one of those advertising partnerships", "Ravi Menon", "StrideLabs"},
		{"There is no excuse for leaving a door this wide open.", "John Edwards", "Information Commissioner's Office"},
		{"We accept the ICO's findings in full", "Maria Lopez", "Brightcart"},
		{"Why did it take them so long to tell us?", "Carla Jimenez", ""},
		{"The group behind this attack", "", "Northgate Cyber"},
	}
	for _, w := range want {
		found := false
		for _, q := range qs {
			if strings.HasPrefix(q.Text, w.prefix) {
				found = true
				if q.Speaker != w.speaker || q.Organization != w.org {
					t.Errorf("%q attributed to %q/%q, want %q/%q", w.prefix, q.Speaker, q.Organization, w.speaker, w.org)
				}
			}
		}
		if !found {
			t.Errorf("quote %q not extracted", w.prefix)
		}
	}
}
