package slackbot

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/slack-go/slack"

	"github.com/privacybot/privacybot/bot/slackbot/slackfake"
)

// Slack's published signing example ("Verifying requests from Slack").
const (
	docsSecret    = Secret("8f742231b10e8888abcd99yyyzzz85a5")
	docsTimestamp = "1531420618"
	docsSignature = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503"
)

// slack-go's own signing vector (security_test.go), a JSON event body.
const (
	goSecret    = Secret("e6b19c573432dcc6b075501d51b51bb8")
	goTimestamp = "1531431954"
	goSignature = "v0=adada4ed31709aef585c2580ca3267678c6a8eaeb7e0c1aca3ee57b656886b2c"
)

// atTime runs f in a testing/synctest bubble whose clock reads sec (Unix
// seconds). slack-go checks a request's timestamp against time.Now, so a
// published example, signed years ago, verifies only where time.Now is
// near its timestamp.
func atTime(t *testing.T, sec int64, f func(t *testing.T)) {
	t.Helper()
	synctest.Test(t, func(t *testing.T) {
		time.Sleep(time.Until(time.Unix(sec, 0)))
		f(t)
	})
}

func signedHeader(ts, sig string) http.Header {
	h := http.Header{}
	if ts != "" {
		h.Set(headerTimestamp, ts)
	}
	if sig != "" {
		h.Set(headerSignature, sig)
	}
	return h
}

func TestSignDocsExample(t *testing.T) {
	body := fixture(t, "signing_docs_example.body.txt")
	if got := Sign(docsSecret, docsTimestamp, body); got != docsSignature {
		t.Fatalf("Sign = %s, want %s", got, docsSignature)
	}
	if got := Sign(goSecret, goTimestamp, fixture(t, "signing_slack-go_app_mention.body.txt")); got != goSignature {
		t.Fatalf("Sign = %s, want %s", got, goSignature)
	}
}

// TestVerifySignature checks the published vectors and their derived
// negative cases. Each runs with the process clock and the bot's clock
// both at now, so that slack-go's verifier sees what the bot sees.
func TestVerifySignature(t *testing.T) {
	body := fixture(t, "signing_docs_example.body.txt")
	mutated := []byte(strings.Replace(string(body), "%2Fwebhook-collect", "%2Fwebbing", 1))
	goBody := fixture(t, "signing_slack-go_app_mention.body.txt")
	goOtherToken := bytes.Replace(goBody, []byte("aF5ynEYQH0dFN9imlgcADxDB"), []byte("12345678abcdefghlmnopqrs"), 1)
	tests := []struct {
		name   string
		secret Secret
		h      http.Header
		body   []byte
		now    int64
		want   error
	}{
		{"docs example, 30 s later", docsSecret, signedHeader(docsTimestamp, docsSignature), body, 1531420648, nil},
		{"docs example, at the edge of the window", docsSecret, signedHeader(docsTimestamp, docsSignature), body, 1531420618 + 300, nil},
		{"docs example, at the edge of the window ahead", docsSecret, signedHeader(docsTimestamp, docsSignature), body, 1531420618 - 300, nil},
		{"stale by more than 5 minutes", docsSecret, signedHeader(docsTimestamp, docsSignature), body, 1531420919, ErrStaleTimestamp},
		{"more than 5 minutes in the future", docsSecret, signedHeader(docsTimestamp, docsSignature), body, 1531420317, ErrStaleTimestamp},
		{"body changed", docsSecret, signedHeader(docsTimestamp, docsSignature), mutated, 1531420648, ErrBadSignature},
		{"mutated body's own signature", docsSecret, signedHeader(docsTimestamp, "v0=4074a94cb77bb129b8897906a51aa5465d31b2a5d0a3b254ad09a75610be611a"), mutated, 1531420648, nil},
		{"no body", docsSecret, signedHeader(docsTimestamp, docsSignature), nil, 1531420648, ErrBadSignature},
		{"signature missing", docsSecret, signedHeader(docsTimestamp, ""), body, 1531420648, ErrMissingSignature},
		{"timestamp missing", docsSecret, signedHeader("", docsSignature), body, 1531420648, ErrMissingSignature},
		{"timestamp not a number", docsSecret, signedHeader("yesterday", docsSignature), body, 1531420648, ErrMissingSignature},
		{"timestamp one second off", docsSecret, signedHeader("1531420619", docsSignature), body, 1531420648, ErrBadSignature},
		{"signature without v0=", docsSecret, signedHeader(docsTimestamp, strings.TrimPrefix(docsSignature, "v0=")), body, 1531420648, ErrBadSignature},
		{"signature v1=", docsSecret, signedHeader(docsTimestamp, "v1="+strings.TrimPrefix(docsSignature, "v0=")), body, 1531420648, ErrBadSignature},
		{"signature too short", docsSecret, signedHeader(docsTimestamp, "v0=00"), body, 1531420648, ErrBadSignature},
		{"signature not hex", docsSecret, signedHeader(docsTimestamp, "v0="+strings.Repeat("zz", 32)), body, 1531420648, ErrBadSignature},
		{"signature too long", docsSecret, signedHeader(docsTimestamp, docsSignature+"00"), body, 1531420648, ErrBadSignature},
		{"no secret configured", "", signedHeader(docsTimestamp, docsSignature), body, 1531420648, ErrNoSigningSecret},
		{"wrong secret", "8f742231b10e8888abcd99yyyzzz85a6", signedHeader(docsTimestamp, docsSignature), body, 1531420648, ErrBadSignature},
		{"slack-go vector", goSecret, signedHeader(goTimestamp, goSignature), goBody, 1531431954, nil},
		{"slack-go vector, wrong secret", "e6b19c573432dcc6b075501d51b51boo", signedHeader(goTimestamp, goSignature), goBody, 1531431954, ErrBadSignature},
		{"slack-go vector, other token in the body", goSecret, signedHeader(goTimestamp, goSignature), goOtherToken, 1531431954, ErrBadSignature},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			atTime(t, tt.now, func(t *testing.T) {
				if err := VerifySignature(tt.secret, tt.h, tt.body, time.Now()); !errors.Is(err, tt.want) {
					t.Errorf("VerifySignature = %v, want %v", err, tt.want)
				}
			})
		})
	}
}

// TestVerifySignatureDigits changes each digit of the published signature
// in turn: every change is refused.
func TestVerifySignatureDigits(t *testing.T) {
	body := fixture(t, "signing_docs_example.body.txt")
	atTime(t, 1531420648, func(t *testing.T) {
		for i := len("v0="); i < len(docsSignature); i++ {
			d, _ := strconv.ParseUint(docsSignature[i:i+1], 16, 8)
			sig := docsSignature[:i] + strconv.FormatUint((d+1)%16, 16) + docsSignature[i+1:]
			if err := VerifySignature(docsSecret, signedHeader(docsTimestamp, sig), body, time.Now()); !errors.Is(err, ErrBadSignature) {
				t.Errorf("digit %d changed: VerifySignature = %v, want %v", i, err, ErrBadSignature)
			}
		}
	})
}

// TestVerifySignatureClocks shows that a request must be fresh by both
// clocks: the bot's (Config.Now) and the process's, which slack-go's
// verifier reads.
func TestVerifySignatureClocks(t *testing.T) {
	goBody := fixture(t, "signing_slack-go_app_mention.body.txt")
	if err := VerifySignature(goSecret, signedHeader(goTimestamp, goSignature), goBody, time.Now()); !errors.Is(err, ErrStaleTimestamp) {
		t.Errorf("slack-go vector, real clock: VerifySignature = %v, want %v", err, ErrStaleTimestamp)
	}
	if err := VerifySignature(goSecret, signedHeader(goTimestamp, goSignature), goBody, time.Unix(1531431954, 0)); !errors.Is(err, ErrStaleTimestamp) {
		t.Errorf("fresh by the bot's clock, stale by the process clock: VerifySignature = %v, want %v", err, ErrStaleTimestamp)
	}
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	sig := Sign(goSecret, ts, goBody)
	if err := VerifySignature(goSecret, signedHeader(ts, sig), goBody, time.Now()); err != nil {
		t.Errorf("signed now: VerifySignature = %v, want nil", err)
	}
	if err := VerifySignature(goSecret, signedHeader(ts, sig), goBody, time.Now().Add(6*time.Minute)); !errors.Is(err, ErrStaleTimestamp) {
		t.Errorf("fresh by the process clock, stale by the bot's clock: VerifySignature = %v, want %v", err, ErrStaleTimestamp)
	}
}

// TestHTTPDocsExample sends Slack's published example to the handler at
// its time: accepted, and read as a slash command (an empty one, so the
// help); with the body's signature changed, refused.
func TestHTTPDocsExample(t *testing.T) {
	h := newHarness(t, func(c *Config) { c.SigningSecret = docsSecret })
	handler := h.bot.Handler()
	body := fixture(t, "signing_docs_example.body.txt")
	atTime(t, 1531420648, func(t *testing.T) {
		send := func(sig string) *httptest.ResponseRecorder {
			req := httptest.NewRequest(http.MethodPost, PathCommands, bytes.NewReader(body))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.Header.Set(headerTimestamp, docsTimestamp)
			req.Header.Set(headerSignature, sig)
			rec := httptest.NewRecorder()
			handler.ServeHTTP(rec, req)
			return rec
		}
		rec := send(docsSignature)
		if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "answers questions about privacy news") {
			t.Errorf("docs example: status %d, reply %q; want 200 and the help", rec.Code, rec.Body.String())
		}
		if rec := send("v0=4074a94cb77bb129b8897906a51aa5465d31b2a5d0a3b254ad09a75610be611a"); rec.Code != http.StatusUnauthorized {
			t.Errorf("wrong signature: status %d, want 401", rec.Code)
		}
	})
	if !strings.Contains(h.logs.String(), "user=U2CERLKJA") || !strings.Contains(h.logs.String(), "command=/webhook-collect") {
		t.Errorf("the docs example's command is not in the log:\n%s", h.logs.String())
	}
}

// TestHTTPDocsExampleRealClock: over a real server, with the process
// clock at today, the published example is refused even when the bot's
// own clock is set to its time.
func TestHTTPDocsExampleRealClock(t *testing.T) {
	h := newHarness(t, func(c *Config) {
		c.SigningSecret = docsSecret
		c.Now = func() time.Time { return time.Unix(1531420648, 0) }
	})
	x := h.http()
	code, _ := x.post(PathCommands, "application/x-www-form-urlencoded", fixture(t, "signing_docs_example.body.txt"),
		map[string]string{headerTimestamp: docsTimestamp, headerSignature: docsSignature})
	if code != http.StatusUnauthorized {
		t.Errorf("status %d, want 401", code)
	}
	if !strings.Contains(h.logs.String(), "reason=\""+ErrStaleTimestamp.Error()+"\"") {
		t.Errorf("the refusal's reason is not in the log:\n%s", h.logs.String())
	}
}

// TestHTTPBadSignatures sends one signed command with its signature,
// timestamp or body spoiled in many ways over a real server: every one is
// refused with 401 and none is acted on.
func TestHTTPBadSignatures(t *testing.T) {
	h := newHarness(t, nil)
	x := h.http()
	body := []byte(h.slashForm("sources", "bad-signature").Encode())
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	good := Sign(testSigningSecret, ts, body)
	type attempt struct {
		name string
		body []byte
		hdr  map[string]string
	}
	attempts := []attempt{
		{"no signature", body, map[string]string{headerSignature: ""}},
		{"no timestamp", body, map[string]string{headerTimestamp: ""}},
		{"neither header", body, map[string]string{headerSignature: "", headerTimestamp: ""}},
		{"timestamp not a number", body, map[string]string{headerTimestamp: "now", headerSignature: good}},
		{"timestamp a second later", body, map[string]string{headerTimestamp: strconv.FormatInt(time.Now().Unix()+1, 10), headerSignature: good}},
		{"stale, signed for its time", body, func() map[string]string {
			old := strconv.FormatInt(time.Now().Add(-6*time.Minute).Unix(), 10)
			return map[string]string{headerTimestamp: old, headerSignature: Sign(testSigningSecret, old, body)}
		}()},
		{"future, signed for its time", body, func() map[string]string {
			later := strconv.FormatInt(time.Now().Add(6*time.Minute).Unix(), 10)
			return map[string]string{headerTimestamp: later, headerSignature: Sign(testSigningSecret, later, body)}
		}()},
		{"wrong secret", body, map[string]string{headerTimestamp: ts, headerSignature: Sign("8f742231b10e8888abcd99yyyzzz85a6", ts, body)}},
		{"body with a byte more", append(append([]byte{}, body...), '&'), map[string]string{headerTimestamp: ts, headerSignature: good}},
		{"body with a byte less", body[:len(body)-1], map[string]string{headerTimestamp: ts, headerSignature: good}},
		{"empty body", nil, map[string]string{headerTimestamp: ts, headerSignature: good}},
		{"no v0=", body, map[string]string{headerTimestamp: ts, headerSignature: strings.TrimPrefix(good, "v0=")}},
		{"v1=", body, map[string]string{headerTimestamp: ts, headerSignature: "v1=" + strings.TrimPrefix(good, "v0=")}},
		{"truncated", body, map[string]string{headerTimestamp: ts, headerSignature: good[:len(good)-2]}},
		{"too long", body, map[string]string{headerTimestamp: ts, headerSignature: good + "00"}},
		{"not hex", body, map[string]string{headerTimestamp: ts, headerSignature: "v0=" + strings.Repeat("g", 64)}},
		{"all zeros", body, map[string]string{headerTimestamp: ts, headerSignature: "v0=" + strings.Repeat("0", 64)}},
		{"the docs example's signature", body, map[string]string{headerTimestamp: ts, headerSignature: docsSignature}},
	}
	for i := len("v0="); i < len(good); i++ {
		d, _ := strconv.ParseUint(good[i:i+1], 16, 8)
		sig := good[:i] + strconv.FormatUint((d+1)%16, 16) + good[i+1:]
		attempts = append(attempts, attempt{"digit " + strconv.Itoa(i) + " changed", body, map[string]string{headerTimestamp: ts, headerSignature: sig}})
	}
	before := chatCalls(h)
	for _, a := range attempts {
		if code, _ := x.post(PathCommands, "application/x-www-form-urlencoded", a.body, a.hdr); code != http.StatusUnauthorized {
			t.Errorf("%s: status %d, want 401", a.name, code)
		}
	}
	if code, _ := x.post(PathCommands, "application/x-www-form-urlencoded", body, map[string]string{headerTimestamp: ts, headerSignature: good}); code != http.StatusOK {
		t.Errorf("the same command, well signed: status %d, want 200", code)
	}
	h.waitCall("the well-signed command's reply", "response_url", func(slackfake.Call) bool { return true })
	h.bot.waitIdle()
	if n := chatCalls(h) - before; n != 1 {
		t.Errorf("%d replies, want 1: a refused request was acted on", n)
	}
}

// TestParseCommandDocsPayload parses Slack's documented slash command
// payload as slack-go does and checks every field.
func TestParseCommandDocsPayload(t *testing.T) {
	cmd, sslCheck, err := parseCommand(context.Background(), fixture(t, "slash_command_docs.body.txt"))
	if err != nil || sslCheck {
		t.Fatalf("parseCommand: ssl check %v, err %v", sslCheck, err)
	}
	want := slack.SlashCommand{
		Token: "gIkuvaNzQIHg97ATvDxqgjtO", TeamID: "T0001", TeamDomain: "example",
		EnterpriseID: "E0001", EnterpriseName: "Globular Construct Inc",
		ChannelID: "C2147483705", ChannelName: "test", UserID: "U2147483697", UserName: "Steve",
		Command: "/weather", Text: "94070", ResponseURL: "https://hooks.slack.com/commands/1234/5678",
		TriggerID: "13345224609.738474920.8088930838d88f008e0", APIAppID: "A123456",
	}
	if cmd != want {
		g, _ := json.Marshal(cmd)
		w, _ := json.Marshal(want)
		t.Errorf("parsed\n%s\nwant\n%s", g, w)
	}
	if _, sslCheck, err := parseCommand(context.Background(), []byte("ssl_check=1&token=gIkuvaNzQIHg97ATvDxqgjtO")); err != nil || !sslCheck {
		t.Errorf("ssl check: %v, err %v; want true", sslCheck, err)
	}
	if _, _, err := parseCommand(context.Background(), []byte("text=%zz")); err == nil {
		t.Errorf("a malformed form parsed without error")
	}
}

// TestHTTPSlashCommandDocsPayload sends the documented payload, signed
// now, over a real server, with the Content-Type Slack sends and with a
// wrong one: both are read as the command (which this bot does not know,
// so it says so).
func TestHTTPSlashCommandDocsPayload(t *testing.T) {
	h := newHarness(t, nil)
	x := h.http()
	for _, ct := range []string{"application/x-www-form-urlencoded", "text/plain"} {
		code, reply := x.post(PathCommands, ct, fixture(t, "slash_command_docs.body.txt"), nil)
		if code != http.StatusOK || !strings.Contains(reply, "I don't know `"+Command+" 94070`") {
			t.Errorf("Content-Type %s: status %d, reply %q", ct, code, reply)
		}
	}
	for _, want := range []string{"command=/weather", "subcommand=94070", "channel=C2147483705", "user=U2147483697"} {
		if !strings.Contains(h.logs.String(), want) {
			t.Errorf("log lacks %s:\n%s", want, h.logs.String())
		}
	}
	code, reply := x.post(PathCommands, "application/x-www-form-urlencoded", []byte("text=%zz&user_id=U2147483697"), nil)
	if code != http.StatusOK || !strings.Contains(reply, "could not read that command") {
		t.Errorf("malformed form: status %d, reply %q", code, reply)
	}
	code, reply = x.post(PathCommands, "application/x-www-form-urlencoded", []byte("ssl_check=1&token=x"), nil)
	if code != http.StatusOK || reply != "" {
		t.Errorf("ssl check: status %d, reply %q; want 200 and no body", code, reply)
	}
}

func TestHTTPURLVerificationAndHealth(t *testing.T) {
	h := newHarness(t, nil)
	x := h.http()
	code, body := x.post(PathEvents, "application/json", fixture(t, "url_verification.json"), nil)
	if code != http.StatusOK || body != "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P" {
		t.Errorf("url_verification: %d %q", code, body)
	}
	code, _ = x.post(PathEvents, "application/json", fixture(t, "url_verification.json"), map[string]string{headerTimestamp: "1531420618"})
	if code != http.StatusUnauthorized {
		t.Errorf("stale url_verification: status %d, want 401", code)
	}
	res, err := http.Get(x.srv.URL + PathHealth)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Errorf("healthz: %d", res.StatusCode)
	}
}
