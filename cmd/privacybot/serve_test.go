package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/privacybot/privacybot/bot/slackbot"
	"github.com/privacybot/privacybot/bot/slackbot/slackfake"
)

func sprintf(format string, v any) string { return fmt.Sprintf(format, v) }

// lockedBuffer is a goroutine-safe writer.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

const mention = `{"type":"event_callback","team_id":"T0TEST","event_id":"EvSERVE1","event":{"type":"app_mention","user":"U061F7AUR","text":"<@UBOTPRIVACY> What did JPMorgan say?","ts":"1700000001.000100","channel":"C1","event_ts":"1700000001.000100"}}`

// runServe starts privacybot serve against a fake Slack and returns a
// stop function that ends it like SIGINT would and returns its exit code.
func startServe(t *testing.T, fake *slackfake.Server, args ...string) (stderr *lockedBuffer, stop func() int) {
	t.Helper()
	t.Chdir(t.TempDir())
	env := map[string]string{
		"SLACK_BOT_TOKEN":      slackfake.BotToken,
		"SLACK_APP_TOKEN":      slackfake.AppToken,
		"SLACK_SIGNING_SECRET": "8f742231b10e8888abcd99yyyzzz85a5",
		"SLACK_API_URL":        fake.URL,
		"PRIVACYBOT_DATA":      t.TempDir(),
	}
	stderr = &lockedBuffer{}
	app := &App{Stdout: &bytes.Buffer{}, Stderr: stderr, Getenv: envOf(env)}
	ctx, cancel := context.WithCancel(context.Background())
	code := make(chan int, 1)
	go func() { code <- app.Run(ctx, append([]string{"serve"}, args...)) }()
	stop = func() int {
		cancel()
		select {
		case c := <-code:
			return c
		case <-time.After(40 * time.Second):
			t.Fatal("serve did not stop")
			return -1
		}
	}
	t.Cleanup(func() {
		cancel()
		out := stderr.String()
		for _, s := range []string{slackfake.BotToken, slackfake.AppToken, env["SLACK_SIGNING_SECRET"]} {
			if strings.Contains(out, s) {
				t.Errorf("a secret appears in serve's output")
			}
		}
	})
	return stderr, stop
}

func TestServeSocketMode(t *testing.T) {
	fake := slackfake.New(t)
	stderr, stop := startServe(t, fake)
	fake.Wait(t, 20*time.Second, "socket connection", fake.Connected)
	if _, err := fake.SendEnvelope("events_api", json.RawMessage(mention), 0); err != nil {
		t.Fatal(err)
	}
	fake.Wait(t, 20*time.Second, "the answer", func() bool { return len(fake.Calls("chat.update")) == 1 })
	if code := stop(); code != exitOK {
		t.Errorf("exit code %d; stderr:\n%s", code, stderr.String())
	}
	if !strings.Contains(stderr.String(), "shutting down") {
		t.Errorf("no shutdown logged:\n%s", stderr.String())
	}
}

func TestServeHTTPMode(t *testing.T) {
	fake := slackfake.New(t)
	stderr, stop := startServe(t, fake, "--http", "127.0.0.1:0")
	addrRe := regexp.MustCompile(`addr=(127\.0\.0\.1:\d+)`)
	var addr string
	fake.Wait(t, 20*time.Second, "auth.test", func() bool { return len(fake.Calls("auth.test")) > 0 })
	deadline := time.Now().Add(20 * time.Second)
	for addr == "" {
		if m := addrRe.FindStringSubmatch(stderr.String()); m != nil {
			addr = m[1]
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("no listening address logged:\n%s", stderr.String())
		}
		time.Sleep(5 * time.Millisecond)
	}
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	req, _ := http.NewRequest(http.MethodPost, "http://"+addr+slackbot.PathEvents, strings.NewReader(mention))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Slack-Request-Timestamp", ts)
	req.Header.Set("X-Slack-Signature", slackbot.Sign("8f742231b10e8888abcd99yyyzzz85a5", ts, []byte(mention)))
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Fatalf("status %d", res.StatusCode)
	}
	fake.Wait(t, 20*time.Second, "the answer", func() bool { return len(fake.Calls("chat.update")) == 1 })
	if code := stop(); code != exitOK {
		t.Errorf("exit code %d; stderr:\n%s", code, stderr.String())
	}
}
