package main

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/privacybot/privacybot/internal/testkit/fakeopenai"
)

func TestLLMConfig(t *testing.T) {
	tests := []struct {
		name     string
		env      map[string]string
		options  int
		embedder bool
		errWant  string
	}{
		{"nothing set stays extractive", nil, 0, false, ""},
		{"model alone stays extractive", map[string]string{"OPENAI_MODEL": "llama3.1"}, 0, false, ""},
		{"keyless local server", map[string]string{"OPENAI_BASE_URL": "http://localhost:11434/v1"}, 1, false, ""},
		{"key alone", map[string]string{"OPENAI_API_KEY": "sk-test"}, 1, false, ""},
		{"embeddings", map[string]string{"OPENAI_BASE_URL": "http://localhost:11434/v1", "OPENAI_EMBEDDING_MODEL": "nomic-embed-text"}, 1, true, ""},
		{"malformed timeout", map[string]string{"OPENAI_BASE_URL": "http://x/v1", "OPENAI_TIMEOUT": "20"}, 0, false, "OPENAI_TIMEOUT"},
		{"negative timeout", map[string]string{"OPENAI_BASE_URL": "http://x/v1", "OPENAI_TIMEOUT": "-1s"}, 0, false, "OPENAI_TIMEOUT"},
		{"bad base URL", map[string]string{"OPENAI_BASE_URL": "localhost:11434"}, 0, false, "OPENAI_BASE_URL"},
		{"embedding model without a server", map[string]string{"OPENAI_EMBEDDING_MODEL": "text-embedding-3-small"}, 0, false, "OPENAI_EMBEDDING_MODEL"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, _, _ := newApp(tt.env)
			log := a.logger(0)
			opts, err := a.llmOptions(log)
			if err == nil {
				emb, eerr := a.embedder(log)
				if eerr == nil && (emb != nil) != tt.embedder {
					t.Errorf("embedder set = %v, want %v", emb != nil, tt.embedder)
				}
				err = eerr
			}
			switch {
			case tt.errWant == "" && err != nil:
				t.Fatalf("err = %v", err)
			case tt.errWant != "" && (err == nil || !strings.Contains(err.Error(), tt.errWant)):
				t.Fatalf("err = %v, want one naming %s", err, tt.errWant)
			}
			if len(opts) != tt.options {
				t.Errorf("%d options, want %d", len(opts), tt.options)
			}
		})
	}
}

// TestSecretsStayOut runs ask with a key and debug logging, against a
// working and a broken configuration, and checks the key is never shown.
func TestSecretsStayOut(t *testing.T) {
	const secret = "sk-very-secret-key-123"
	srv := fakeopenai.New(nil)
	defer srv.Close()
	for _, env := range []map[string]string{
		{"OPENAI_API_KEY": secret, "OPENAI_BASE_URL": srv.BaseURL(), "PRIVACYBOT_LOG_LEVEL": "debug"},
		{"OPENAI_API_KEY": secret, "OPENAI_BASE_URL": "http://user:" + secret + "@127.0.0.1:1/v1", "PRIVACYBOT_LOG_LEVEL": "debug", "OPENAI_TIMEOUT": "1s"},
		{"OPENAI_API_KEY": secret, "OPENAI_BASE_URL": "::" + secret, "PRIVACYBOT_LOG_LEVEL": "debug"},
	} {
		env["PRIVACYBOT_DATA"] = t.TempDir()
		a, out, errb := newApp(env)
		a.Run(context.Background(), []string{"ask", "--json", "Did Facebook deny the report?"})
		if strings.Contains(out.String()+errb.String(), "very-secret") {
			t.Errorf("the key shows in the output:\n%s\n%s", out, errb)
		}
	}
}

func TestAskInProcessLLM(t *testing.T) {
	srv := fakeopenai.New(nil)
	defer srv.Close()
	a, out, errb := newApp(map[string]string{"OPENAI_BASE_URL": srv.BaseURL(), "PRIVACYBOT_DATA": t.TempDir(), "PRIVACYBOT_LOG_LEVEL": "info"})
	if code := a.Run(context.Background(), []string{"ask", "--json", "Did Facebook deny the report?"}); code != 0 {
		t.Fatalf("exit %d: %s", code, errb)
	}
	var ans struct{ Mode, Summary string }
	if err := json.Unmarshal(out.Bytes(), &ans); err != nil {
		t.Fatal(err)
	}
	if ans.Mode != "llm" || ans.Summary == "" {
		t.Errorf("mode %q summary %q; want an LLM answer", ans.Mode, ans.Summary)
	}
	if !strings.Contains(errb.String(), "total_tokens=") {
		t.Errorf("token usage not logged:\n%s", errb)
	}
}
