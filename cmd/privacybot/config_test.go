package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const (
	goodBot    = "xoxb-1111-2222-abcdefSECRETbot"
	goodApp    = "xapp-1-A111-333-abcdefSECRETapp"
	goodSecret = "8f742231b10e8888abcd99yyyzzz85a5"
)

func envOf(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestLoadConfig(t *testing.T) {
	tests := []struct {
		name     string
		env      map[string]string
		httpAddr string
		wantErr  string // names the variable; "" for success
	}{
		{"socket mode", map[string]string{"SLACK_BOT_TOKEN": goodBot, "SLACK_APP_TOKEN": goodApp}, "", ""},
		{"http mode", map[string]string{"SLACK_BOT_TOKEN": goodBot, "SLACK_SIGNING_SECRET": goodSecret}, ":3000", ""},
		{"no bot token", map[string]string{"SLACK_APP_TOKEN": goodApp}, "", "SLACK_BOT_TOKEN is not set"},
		{"bot token malformed", map[string]string{"SLACK_BOT_TOKEN": "xoxp-user-token", "SLACK_APP_TOKEN": goodApp}, "", "SLACK_BOT_TOKEN is malformed"},
		{"tokens swapped", map[string]string{"SLACK_BOT_TOKEN": goodApp, "SLACK_APP_TOKEN": goodBot}, "", "looks like the app-level token"},
		{"no app token", map[string]string{"SLACK_BOT_TOKEN": goodBot}, "", "SLACK_APP_TOKEN is not set"},
		{"app token malformed", map[string]string{"SLACK_BOT_TOKEN": goodBot, "SLACK_APP_TOKEN": "app-token"}, "", "SLACK_APP_TOKEN is malformed"},
		{"no signing secret", map[string]string{"SLACK_BOT_TOKEN": goodBot}, ":3000", "SLACK_SIGNING_SECRET is not set"},
		{"signing secret malformed", map[string]string{"SLACK_BOT_TOKEN": goodBot, "SLACK_SIGNING_SECRET": "not a secret!"}, ":3000", "SLACK_SIGNING_SECRET is malformed"},
		{"api url without slash", map[string]string{"SLACK_BOT_TOKEN": goodBot, "SLACK_APP_TOKEN": goodApp, "SLACK_API_URL": "http://127.0.0.1:9/api"}, "", "SLACK_API_URL is malformed"},
		{"api url", map[string]string{"SLACK_BOT_TOKEN": goodBot, "SLACK_APP_TOKEN": goodApp, "SLACK_API_URL": "http://127.0.0.1:9/api/"}, "", ""},
		{"rate limit", map[string]string{"SLACK_BOT_TOKEN": goodBot, "SLACK_APP_TOKEN": goodApp, "PRIVACYBOT_RATE_LIMIT": "3"}, "", ""},
		{"claim lease", map[string]string{"SLACK_BOT_TOKEN": goodBot, "SLACK_APP_TOKEN": goodApp, "PRIVACYBOT_CLAIM_LEASE": "45s"}, "", ""},
		{"claim lease malformed", map[string]string{"SLACK_BOT_TOKEN": goodBot, "SLACK_APP_TOKEN": goodApp, "PRIVACYBOT_CLAIM_LEASE": "soon"}, "", "PRIVACYBOT_CLAIM_LEASE is malformed"},
		{"claim lease too short", map[string]string{"SLACK_BOT_TOKEN": goodBot, "SLACK_APP_TOKEN": goodApp, "PRIVACYBOT_CLAIM_LEASE": "10ms"}, "", "PRIVACYBOT_CLAIM_LEASE is malformed"},
		{"rate limit malformed", map[string]string{"SLACK_BOT_TOKEN": goodBot, "SLACK_APP_TOKEN": goodApp, "PRIVACYBOT_RATE_LIMIT": "ten"}, "", "PRIVACYBOT_RATE_LIMIT is malformed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, err := loadConfig(envOf(tt.env), tt.httpAddr)
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("loadConfig: %v", err)
				}
				if string(cfg.BotToken) != goodBot {
					t.Errorf("bot token not read")
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("err = %v, want it to say %q", err, tt.wantErr)
			}
			for _, v := range tt.env {
				if strings.Contains(err.Error(), v) {
					t.Errorf("the error shows a value: %v", err)
				}
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("the error is not one line")
			}
		})
	}
}

func TestConfigNeverPrintsSecrets(t *testing.T) {
	cfg, err := loadConfig(envOf(map[string]string{"SLACK_BOT_TOKEN": goodBot, "SLACK_APP_TOKEN": goodApp}), "")
	if err != nil {
		t.Fatal(err)
	}
	for _, format := range []string{"%v", "%+v", "%#v", "%s"} {
		s := sprintf(format, cfg)
		if strings.Contains(s, "SECRET") {
			t.Errorf("%s shows a token: %s", format, s)
		}
	}
}

func TestServeConfigErrorExits(t *testing.T) {
	t.Chdir(t.TempDir())
	var stdout, stderr bytes.Buffer
	app := &App{Stdout: &stdout, Stderr: &stderr, Getenv: envOf(map[string]string{"SLACK_BOT_TOKEN": "bogus-" + goodBot})}
	if code := app.Run(context.Background(), []string{"serve"}); code != exitUsage {
		t.Errorf("exit code %d, want %d", code, exitUsage)
	}
	out := stderr.String()
	if !strings.Contains(out, "SLACK_BOT_TOKEN is malformed") || strings.Count(strings.TrimSpace(out), "\n") != 0 {
		t.Errorf("stderr = %q, want one line naming SLACK_BOT_TOKEN", out)
	}
	if strings.Contains(out, "SECRET") {
		t.Errorf("the token was printed: %q", out)
	}
}

func TestDotenv(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	if err := os.WriteFile(filepath.Join(dir, ".env"), []byte("SLACK_BOT_TOKEN="+goodBot+"\nSLACK_APP_TOKEN=xapp-from-dotenv\nPRIVACYBOT_RATE_LIMIT=4\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	app := &App{Getenv: envOf(map[string]string{"SLACK_APP_TOKEN": goodApp})}
	getenv, err := app.dotenvGetenv()
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := loadConfig(getenv, "")
	if err != nil {
		t.Fatal(err)
	}
	if string(cfg.BotToken) != goodBot || cfg.RateLimit != 4 {
		t.Errorf(".env not read: %+v", cfg)
	}
	if string(cfg.AppToken) != goodApp {
		t.Errorf("the .env file overrode a variable set in the environment")
	}

	if err := os.WriteFile(filepath.Join(dir, ".env"), []byte("SLACK_BOT_TOKEN=\"xoxb-SECRET\nbroken"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := app.dotenvGetenv(); err != nil && strings.Contains(err.Error(), "SECRET") {
		t.Errorf("the .env error shows its content: %v", err)
	}
}
