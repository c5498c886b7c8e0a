package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/privacybot/privacybot/internal/testkit/fakeopenai"
)

// writeDotenv writes a .env file with lines into a new directory and
// returns the directory.
func writeDotenv(t *testing.T, lines ...string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, ".env"), []byte(strings.Join(lines, "\n")+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	return dir
}

// ask reads .env from its working directory: OPENAI_BASE_URL there turns
// the language model on. A variable set in the environment wins over the
// file: with the model's URL set in the environment and a dead one in
// .env, the model is still reached.
func TestAskReadsDotenv(t *testing.T) {
	bin := buildBinary(t)
	srv := fakeopenai.New(func(int) fakeopenai.Reply { return fakeopenai.Reply{Respond: fakeopenai.Grounded(false)} })
	defer srv.Close()
	ask := func(dir string, env ...string) string {
		t.Helper()
		cmd := command(bin, append(env, "PRIVACYBOT_DATA="+t.TempDir()), "ask", "--json", "What did JPMorgan say?")
		cmd.Dir = dir
		var errs strings.Builder
		cmd.Stderr = &errs
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("ask in %s: %v\n%s", dir, err, errs.String())
		}
		var a e2eAnswer
		if err := json.Unmarshal(out, &a); err != nil {
			t.Fatalf("%v\n%s", err, out)
		}
		return a.Mode
	}

	if mode := ask(t.TempDir()); mode != "extractive" {
		t.Fatalf("without .env or OPENAI_*, mode %q", mode)
	}
	if mode := ask(writeDotenv(t, "OPENAI_BASE_URL="+srv.BaseURL(), "OPENAI_TIMEOUT=5s")); mode != "llm" {
		t.Errorf("with OPENAI_BASE_URL in .env, mode %q, want llm", mode)
	}
	chats := len(srv.Chats())
	if chats == 0 {
		t.Fatal("the model configured in .env was not called")
	}
	dead := writeDotenv(t, "OPENAI_BASE_URL=http://127.0.0.1:1/v1", "OPENAI_TIMEOUT=5s")
	if mode := ask(dead, "OPENAI_BASE_URL="+srv.BaseURL()); mode != "llm" || len(srv.Chats()) == chats {
		t.Errorf("the environment's OPENAI_BASE_URL did not win over .env: mode %q", mode)
	}
}

// A malformed PRIVACYBOT_LOG_LEVEL, in the environment or in .env, stops
// every command with one line naming it and exit code 2, before any work.
func TestMalformedLogLevel(t *testing.T) {
	for _, args := range [][]string{
		{"ask", "q"}, {"chat"}, {"sources"}, {"source", "001"}, {"quotes"},
		{"eval", "nosuchfile"}, {"add", "nosuchfile"}, {"remove", "x"}, {"serve"},
	} {
		code, out, errs := runApp(t, "", map[string]string{"PRIVACYBOT_LOG_LEVEL": "loud"}, args...)
		if code != 2 || out != "" || strings.Count(errs, "\n") != 1 || !strings.Contains(errs, "PRIVACYBOT_LOG_LEVEL") {
			t.Errorf("%q: exit %d, stdout %q, stderr %q", args, code, out, errs)
		}
	}
	// Set in .env, read in process from the working directory.
	t.Chdir(writeDotenv(t, "PRIVACYBOT_LOG_LEVEL=verbose"))
	code, _, errs := runApp(t, "", nil, "sources")
	if code != 2 || !strings.Contains(errs, "PRIVACYBOT_LOG_LEVEL") {
		t.Errorf("malformed level in .env: exit %d, stderr %q", code, errs)
	}
	// The environment wins over .env.
	if code, _, errs := runApp(t, "", map[string]string{"PRIVACYBOT_LOG_LEVEL": "error"}, "sources"); code != 0 {
		t.Errorf("a good level in the environment did not win over .env: exit %d, stderr %q", code, errs)
	}
	// A .env that cannot be parsed is a configuration error too, which
	// does not quote the file.
	t.Chdir(writeDotenv(t, `OPENAI_API_KEY="sk-SECRET`, "broken"))
	code, _, errs = runApp(t, "", nil, "sources")
	if code != 2 || !strings.Contains(errs, ".env") || strings.Contains(errs, "SECRET") {
		t.Errorf("unreadable .env: exit %d, stderr %q", code, errs)
	}
}
