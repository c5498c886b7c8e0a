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
	"testing"
	"time"

	"github.com/privacybot/privacybot/bot/slackbot"
	"github.com/privacybot/privacybot/bot/slackbot/slackfake"
	"github.com/privacybot/privacybot/internal/testkit/testlog"
)

func sprintf(format string, v any) string { return fmt.Sprintf(format, v) }

const mention = `{"type":"event_callback","team_id":"T0TEST","event_id":"EvSERVE1","event":{"type":"app_mention","user":"U061F7AUR","text":"<@UBOTPRIVACY> What did JPMorgan say?","ts":"1700000001.000100","channel":"C1","event_ts":"1700000001.000100"}}`

// runServe starts privacybot serve against a fake Slack and returns a
// stop function that ends it like SIGINT would and returns its exit code.
func startServe(t *testing.T, fake *slackfake.Server, args ...string) (stderr *testlog.Buffer, stop func() int) {
	t.Helper()
	return startServeEnv(t, fake, nil, args...)
}

// startServeEnv is startServe with more environment variables.
func startServeEnv(t *testing.T, fake *slackfake.Server, extra map[string]string, args ...string) (stderr *testlog.Buffer, stop func() int) {
	t.Helper()
	t.Chdir(t.TempDir())
	env := map[string]string{
		"SLACK_BOT_TOKEN":      slackfake.BotToken,
		"SLACK_APP_TOKEN":      slackfake.AppToken,
		"SLACK_SIGNING_SECRET": "8f742231b10e8888abcd99yyyzzz85a5",
		"SLACK_API_URL":        fake.URL,
		"PRIVACYBOT_DATA":      t.TempDir(),
	}
	for k, v := range extra {
		env[k] = v
	}
	stderr = &testlog.Buffer{}
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
		if t.Failed() {
			t.Logf("serve's output:\n%s", out)
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
	fake.Wait(t, 20*time.Second, "auth.test", func() bool { return len(fake.Calls("auth.test")) > 0 })
	addr := httpServeAddr(t, stderr)
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

// slash sends a /privacy command from user over the socket; its reply goes
// to the fake's response_url id.
func slash(t *testing.T, fake *slackfake.Server, user, text, id string) {
	t.Helper()
	cmd := map[string]string{"command": "/privacy", "text": text, "user_id": user, "user_name": "tester",
		"channel_id": "C1", "team_id": "T0TEST", "response_url": fake.ResponseURL(id), "trigger_id": "1.2.3"}
	if _, err := fake.SendEnvelope("slash_commands", cmd, 0); err != nil {
		t.Fatal(err)
	}
}

// response waits for the reply to the command answered at response_url id.
func response(t *testing.T, fake *slackfake.Server, id string) slackfake.Call {
	t.Helper()
	var got slackfake.Call
	fake.Wait(t, 30*time.Second, "the reply to "+id, func() bool {
		for _, c := range fake.Calls("response_url") {
			if strings.HasSuffix(c.Path, "/respond/"+id) {
				got = c
				return true
			}
		}
		return false
	})
	return got
}

func TestServePollsFeeds(t *testing.T) {
	srv := newsServer(t)
	fake := slackfake.New(t)
	stderr, stop := startServeEnv(t, fake, map[string]string{
		"PRIVACYBOT_FEEDS":              srv.URL + "/feed.rss",
		"PRIVACYBOT_FEED_INTERVAL":      "1m",
		"PRIVACYBOT_ALLOW_PRIVATE_URLS": "1",
		"PRIVACYBOT_ADMINS":             "U0ADMIN01",
	})
	fake.Wait(t, 20*time.Second, "socket connection", fake.Connected)
	waitLog(t, stderr, `msg="feed polled"`)
	logs := stderr.String()
	if !strings.Contains(logs, "msg=\"article added\"") || !strings.Contains(logs, "by=feed:"+srv.URL+"/feed.rss") {
		t.Fatalf("the feed item was not added, or not logged as added by the feed:\n%s", logs)
	}
	idRe := regexp.MustCompile(`id=(ico-fines-facial-recognition-firm-[0-9a-f]+)`)
	m := idRe.FindStringSubmatch(logs)
	if m == nil {
		t.Fatalf("no id logged:\n%s", logs)
	}
	id := m[1]

	// The feed's article is listed and answerable without a restart.
	slash(t, fake, "U0OTHER01", "sources", "sources")
	if c := response(t, fake, "sources"); !strings.Contains(c.All(), id) || !strings.Contains(c.All(), "ICO fines facial recognition firm") {
		t.Errorf("/privacy sources does not list the feed's article:\n%s", c.All())
	}
	slash(t, fake, "U0OTHER01", "ask What did Silkie Carlo say about the fine?", "ask")
	if c := response(t, fake, "ask"); !strings.Contains(c.Text(), "This is a landmark decision for everyone who has ever posted a photo online") {
		t.Errorf("the feed's article is not quoted:\n%s", c.Text())
	}

	// PRIVACYBOT_ADMINS reaches the bot: a non-admin may neither add nor
	// remove; the admin may remove.
	slash(t, fake, "U0OTHER01", "remove "+id, "remove-refused")
	slash(t, fake, "U0OTHER01", "add "+srv.URL+"/news/other", "add-refused")
	slash(t, fake, "U0ADMIN01", "remove "+id, "remove")
	if c := response(t, fake, "remove"); !strings.Contains(c.Text(), "Removed `["+id+"]`") {
		t.Errorf("admin's remove reply = %s", c.Text())
	}
	for _, id := range []string{"remove-refused", "add-refused"} {
		for _, c := range fake.Calls("response_url") {
			if strings.HasSuffix(c.Path, "/respond/"+id) {
				t.Errorf("a refused %s was acted on: %s", id, c.Text())
			}
		}
	}
	for _, want := range []string{`msg="add refused: not an admin"`, `msg="remove refused: not an admin"`} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("serve did not log %s", want)
		}
	}
	if !strings.Contains(stderr.String(), `by="slack:U0ADMIN01 (tester)"`) {
		t.Errorf("the admin's remove is not logged with the user:\n%s", stderr.String())
	}
	if code := stop(); code != exitOK {
		t.Errorf("exit code %d; stderr:\n%s", code, stderr.String())
	}
}

// waitLog waits for serve to log want.
func waitLog(t *testing.T, stderr *testlog.Buffer, want string) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !strings.Contains(stderr.String(), want) {
		if time.Now().After(deadline) {
			t.Fatalf("serve did not log %s", want)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestServeBadFeedConfig(t *testing.T) {
	fake := slackfake.New(t)
	for name, env := range map[string]map[string]string{
		"interval": {"PRIVACYBOT_FEED_INTERVAL": "5s"},
		"feed":     {"PRIVACYBOT_FEEDS": "ftp://example.com/feed"},
	} {
		t.Run(name, func(t *testing.T) {
			env["SLACK_BOT_TOKEN"], env["SLACK_APP_TOKEN"], env["SLACK_API_URL"] = slackfake.BotToken, slackfake.AppToken, fake.URL
			env["PRIVACYBOT_DATA"] = t.TempDir()
			t.Chdir(t.TempDir())
			var stderr bytes.Buffer
			app := &App{Stdout: &bytes.Buffer{}, Stderr: &stderr, Getenv: envOf(env)}
			if code := app.Run(context.Background(), []string{"serve"}); code != exitUsage {
				t.Errorf("exit code %d, want %d; stderr:\n%s", code, exitUsage, stderr.String())
			}
			if !strings.Contains(stderr.String(), "PRIVACYBOT_FEED") {
				t.Errorf("the error does not name the variable:\n%s", stderr.String())
			}
			if n := len(fake.Calls("auth.test")); n != 0 {
				t.Errorf("serve contacted Slack before checking its configuration")
			}
		})
	}
}
