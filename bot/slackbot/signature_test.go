package slackbot

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// Slack's published signing example ("Verifying requests from Slack").
const (
	docsSecret    = Secret("8f742231b10e8888abcd99yyyzzz85a5")
	docsTimestamp = "1531420618"
	docsSignature = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503"
)

func TestSignDocsExample(t *testing.T) {
	body := fixture(t, "signing_docs_example.body.txt")
	if got := Sign(docsSecret, docsTimestamp, body); got != docsSignature {
		t.Fatalf("Sign = %s, want %s", got, docsSignature)
	}
}

func TestVerifySignature(t *testing.T) {
	body := fixture(t, "signing_docs_example.body.txt")
	at := func(sec int64) time.Time { return time.Unix(sec, 0) }
	hdr := func(ts, sig string) http.Header {
		h := http.Header{}
		if ts != "" {
			h.Set(headerTimestamp, ts)
		}
		if sig != "" {
			h.Set(headerSignature, sig)
		}
		return h
	}
	mutated := []byte(strings.Replace(string(body), "%2Fwebhook-collect", "%2Fwebbing", 1))
	goBody := fixture(t, "signing_slack-go_app_mention.body.txt")
	tests := []struct {
		name   string
		secret Secret
		h      http.Header
		body   []byte
		now    time.Time
		want   error
	}{
		{"docs example, 30 s later", docsSecret, hdr(docsTimestamp, docsSignature), body, at(1531420648), nil},
		{"docs example, at the edge of the window", docsSecret, hdr(docsTimestamp, docsSignature), body, at(1531420618 + 300), nil},
		{"stale by more than 5 minutes", docsSecret, hdr(docsTimestamp, docsSignature), body, at(1531420919), ErrStaleTimestamp},
		{"more than 5 minutes in the future", docsSecret, hdr(docsTimestamp, docsSignature), body, at(1531420317), ErrStaleTimestamp},
		{"body changed", docsSecret, hdr(docsTimestamp, docsSignature), mutated, at(1531420648), ErrBadSignature},
		{"signature missing", docsSecret, hdr(docsTimestamp, ""), body, at(1531420648), ErrMissingSignature},
		{"timestamp missing", docsSecret, hdr("", docsSignature), body, at(1531420648), ErrMissingSignature},
		{"timestamp not a number", docsSecret, hdr("yesterday", docsSignature), body, at(1531420648), ErrMissingSignature},
		{"no secret configured", "", hdr(docsTimestamp, docsSignature), body, at(1531420648), ErrNoSigningSecret},
		{"slack-go vector", "e6b19c573432dcc6b075501d51b51bb8", hdr("1531431954", "v0=adada4ed31709aef585c2580ca3267678c6a8eaeb7e0c1aca3ee57b656886b2c"), goBody, at(1531431954), nil},
		{"slack-go vector, wrong secret", "e6b19c573432dcc6b075501d51b51boo", hdr("1531431954", "v0=adada4ed31709aef585c2580ca3267678c6a8eaeb7e0c1aca3ee57b656886b2c"), goBody, at(1531431954), ErrBadSignature},
		{"slack-go vector, real clock", "e6b19c573432dcc6b075501d51b51bb8", hdr("1531431954", "v0=adada4ed31709aef585c2580ca3267678c6a8eaeb7e0c1aca3ee57b656886b2c"), goBody, time.Now(), ErrStaleTimestamp},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := VerifySignature(tt.secret, tt.h, tt.body, tt.now); !errors.Is(err, tt.want) {
				t.Errorf("VerifySignature = %v, want %v", err, tt.want)
			}
		})
	}
}

// TestHTTPDocsExample sends Slack's published example to the handler with
// a clock set near its timestamp: accepted, and read as a slash command.
func TestHTTPDocsExample(t *testing.T) {
	h := newHarness(t, func(c *Config) {
		c.SigningSecret = docsSecret
		c.Now = func() time.Time { return time.Unix(1531420648, 0) }
	})
	srv := httptest.NewServer(h.bot.Handler())
	defer srv.Close()
	send := func(sig string) int {
		req, _ := http.NewRequest(http.MethodPost, srv.URL+PathCommands, strings.NewReader(string(fixture(t, "signing_docs_example.body.txt"))))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set(headerTimestamp, docsTimestamp)
		req.Header.Set(headerSignature, sig)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res.StatusCode
	}
	if code := send(docsSignature); code != http.StatusOK {
		t.Errorf("docs example: status %d, want 200", code)
	}
	if code := send("v0=4074a94cb77bb129b8897906a51aa5465d31b2a5d0a3b254ad09a75610be611a"); code != http.StatusUnauthorized {
		t.Errorf("wrong signature: status %d, want 401", code)
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
