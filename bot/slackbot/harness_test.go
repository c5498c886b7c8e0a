package slackbot

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/privacybot/privacybot/bot/slackbot/slackfake"
	"github.com/privacybot/privacybot/feedback"
	"github.com/privacybot/privacybot/internal/testkit/testengine"
	"github.com/privacybot/privacybot/internal/testkit/testlog"
)

// waitTimeout bounds every wait on the fake Slack.
const waitTimeout = 15 * time.Second

// waitIdle waits for every background answer to finish. Call it only when
// no more events are arriving.
func (b *Bot) waitIdle() { b.inflight.Wait() }

// harness is a bot wired to a fake Slack.
type harness struct {
	t    *testing.T
	fake *slackfake.Server
	bot  *Bot
	logs *testlog.Buffer
	now  func() time.Time
}

const testSigningSecret = Secret("8f742231b10e8888abcd99yyyzzz85a5")

func newHarness(t *testing.T, mod func(*Config)) *harness {
	t.Helper()
	return newHarnessEngine(t, testengine.Seeds(t), mod)
}

// newHarnessEngine is newHarness with an engine of the test's own, for
// tests that change its library.
func newHarnessEngine(t *testing.T, eng Engine, mod func(*Config)) *harness {
	t.Helper()
	fake := slackfake.New(t)
	logs := &testlog.Buffer{}
	cfg := Config{
		BotToken:      slackfake.BotToken,
		AppToken:      slackfake.AppToken,
		SigningSecret: testSigningSecret,
		APIURL:        fake.URL,
		Logger:        slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug})),
		PingInterval:  500 * time.Millisecond,
		Feedback:      feedback.NewFile(t.TempDir()),
	}
	if mod != nil {
		mod(&cfg)
	}
	b, err := New(eng, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := b.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := b.Shutdown(ctx); err != nil {
			t.Errorf("shutdown: %v", err)
		}
		if s := logs.String(); strings.Contains(s, slackfake.BotToken) || strings.Contains(s, slackfake.AppToken) || strings.Contains(s, string(testSigningSecret)) {
			t.Errorf("a secret appears in the logs")
		}
		if t.Failed() {
			t.Logf("bot logs:\n%s", logs.String())
		}
	})
	return &harness{t: t, fake: fake, bot: b, logs: logs, now: time.Now}
}

// transport delivers Slack requests to the bot over Socket Mode or HTTP.
type transport interface {
	name() string
	// event delivers an Events API payload and checks it was acknowledged.
	event(payload []byte, retry int)
	// command delivers a slash command and returns the acknowledgement's
	// reply ("" or JSON).
	command(form url.Values) string
	// interact delivers an interaction payload (JSON).
	interact(payload []byte)
}

// socketTransport runs the bot over Socket Mode against the fake.
type socketTransport struct{ h *harness }

func (h *harness) socket() *socketTransport {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- h.bot.RunSocketMode(ctx) }()
	h.t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			h.t.Errorf("RunSocketMode: %v", err)
		}
	})
	h.fake.Wait(h.t, waitTimeout, "socket connection", h.fake.Connected)
	return &socketTransport{h}
}

func (s *socketTransport) name() string { return "socket" }

func (s *socketTransport) send(typ string, payload []byte, retry int) slackfake.Ack {
	s.h.t.Helper()
	id, err := s.h.fake.SendEnvelope(typ, json.RawMessage(payload), retry)
	if err != nil {
		s.h.t.Fatal(err)
	}
	var ack slackfake.Ack
	s.h.fake.Wait(s.h.t, waitTimeout, "ack of "+id, func() bool {
		var ok bool
		ack, ok = s.h.fake.Acked(id)
		return ok
	})
	if d, _ := s.h.fake.AckLatency(id); d > 3*time.Second {
		s.h.t.Errorf("%s acknowledged after %v, over Slack's 3 s", typ, d)
	}
	return ack
}

func (s *socketTransport) event(payload []byte, retry int) { s.send("events_api", payload, retry) }

func (s *socketTransport) command(form url.Values) string {
	m := map[string]string{}
	for k := range form {
		m[k] = form.Get(k)
	}
	b, _ := json.Marshal(m)
	ack := s.send("slash_commands", b, 0)
	return string(ack.Payload)
}

func (s *socketTransport) interact(payload []byte) { s.send("interactive", payload, 0) }

// httpTransport runs the bot's HTTP handler and sends signed requests.
type httpTransport struct {
	h   *harness
	srv *httptest.Server
}

func (h *harness) http() *httpTransport {
	srv := httptest.NewServer(h.bot.Handler())
	h.t.Cleanup(srv.Close)
	return &httpTransport{h, srv}
}

func (x *httpTransport) name() string { return "http" }

// post sends a request signed with the test secret and returns the
// status and body.
func (x *httpTransport) post(path, contentType string, body []byte, hdr map[string]string) (int, string) {
	x.h.t.Helper()
	req, err := http.NewRequest(http.MethodPost, x.srv.URL+path, bytes.NewReader(body))
	if err != nil {
		x.h.t.Fatal(err)
	}
	ts := strconv.FormatInt(x.h.now().Unix(), 10)
	req.Header.Set("Content-Type", contentType)
	req.Header.Set("X-Slack-Request-Timestamp", ts)
	req.Header.Set("X-Slack-Signature", Sign(testSigningSecret, ts, body))
	for k, v := range hdr {
		if v == "" {
			req.Header.Del(k)
		} else {
			req.Header.Set(k, v)
		}
	}
	start := time.Now()
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		x.h.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	if d := time.Since(start); d > 3*time.Second {
		x.h.t.Errorf("%s answered after %v, over Slack's 3 s", path, d)
	}
	return res.StatusCode, string(b)
}

func (x *httpTransport) event(payload []byte, retry int) {
	x.h.t.Helper()
	hdr := map[string]string{}
	if retry > 0 {
		hdr["X-Slack-Retry-Num"] = strconv.Itoa(retry)
		hdr["X-Slack-Retry-Reason"] = "http_timeout"
	}
	if code, body := x.post(PathEvents, "application/json", payload, hdr); code != http.StatusOK {
		x.h.t.Fatalf("event: status %d: %s", code, body)
	}
}

func (x *httpTransport) command(form url.Values) string {
	x.h.t.Helper()
	code, body := x.post(PathCommands, "application/x-www-form-urlencoded", []byte(form.Encode()), nil)
	if code != http.StatusOK {
		x.h.t.Fatalf("command: status %d: %s", code, body)
	}
	return body
}

func (x *httpTransport) interact(payload []byte) {
	x.h.t.Helper()
	form := url.Values{"payload": {string(payload)}}
	if code, body := x.post(PathInteractive, "application/x-www-form-urlencoded", []byte(form.Encode()), nil); code != http.StatusOK {
		x.h.t.Fatalf("interactive: status %d: %s", code, body)
	}
}

// fixture reads a test payload from testdata.
func fixture(tb testing.TB, name string) []byte {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// edit decodes a JSON payload, lets f change it, and encodes it again.
func edit(tb testing.TB, payload []byte, f func(m map[string]any)) []byte {
	tb.Helper()
	var m map[string]any
	if err := json.Unmarshal(payload, &m); err != nil {
		tb.Fatal(err)
	}
	f(m)
	b, err := json.Marshal(m)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// slashForm is a /privacy command as Slack sends it (the fields of Slack's
// documented payload), answering to a response_url on the fake.
func (h *harness) slashForm(text, responseID string) url.Values {
	return url.Values{
		"token":        {"gIkuvaNzQIHg97ATvDxqgjtO"},
		"team_id":      {slackfake.TeamID},
		"team_domain":  {"example"},
		"channel_id":   {"C2147483705"},
		"channel_name": {"test"},
		"user_id":      {"U2147483697"},
		"user_name":    {"Steve"},
		"command":      {Command},
		"text":         {text},
		"response_url": {h.fake.ResponseURL(responseID)},
		"trigger_id":   {"13345224609.738474920.8088930838d88f008e0"},
		"api_app_id":   {"A123456"},
	}
}

// callsWhere returns the calls of method for which keep is true.
// waitNth waits for the n-th call (from 1) of method that keep accepts,
// and returns it; what names it in the failure.
func (h *harness) waitNth(t *testing.T, what, method string, n int, keep func(slackfake.Call) bool) slackfake.Call {
	t.Helper()
	var c slackfake.Call
	h.fake.Wait(t, waitTimeout, what, func() bool {
		cs := h.callsWhere(method, keep)
		if len(cs) < n {
			return false
		}
		c = cs[n-1]
		return true
	})
	return c
}

func (h *harness) callsWhere(method string, keep func(slackfake.Call) bool) []slackfake.Call {
	var out []slackfake.Call
	for _, c := range h.fake.Calls(method) {
		if keep(c) {
			out = append(out, c)
		}
	}
	return out
}

// waitCall waits for a call of method matching keep and returns it.
func (h *harness) waitCall(what, method string, keep func(slackfake.Call) bool) slackfake.Call {
	h.t.Helper()
	var got slackfake.Call
	h.fake.Wait(h.t, waitTimeout, what, func() bool {
		cs := h.callsWhere(method, keep)
		if len(cs) == 0 {
			return false
		}
		got = cs[len(cs)-1]
		return true
	})
	return got
}

func inThread(channel, ts string) func(slackfake.Call) bool {
	return func(c slackfake.Call) bool {
		return c.Field("channel") == channel && c.Field("thread_ts") == ts && c.Status == http.StatusOK
	}
}

func isResponse(id string) func(slackfake.Call) bool {
	return func(c slackfake.Call) bool { return strings.HasSuffix(c.Path, "/respond/"+id) }
}
