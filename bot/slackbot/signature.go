package slackbot

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/slack-go/slack"
)

// Request signing headers and limits.
const (
	headerSignature = "X-Slack-Signature"
	headerTimestamp = "X-Slack-Request-Timestamp"
	// signatureWindow is how far a request's timestamp may be from now.
	signatureWindow = 5 * time.Minute
)

// Errors from [VerifySignature].
var (
	// ErrMissingSignature means a signing header is absent.
	ErrMissingSignature = errors.New("missing X-Slack-Signature or X-Slack-Request-Timestamp header")
	// ErrStaleTimestamp means the timestamp is more than 5 minutes from now.
	ErrStaleTimestamp = errors.New("request timestamp is more than 5 minutes from now")
	// ErrBadSignature means the signature does not match the body.
	ErrBadSignature = errors.New("request signature does not match")
	// ErrNoSigningSecret means no signing secret is configured.
	ErrNoSigningSecret = errors.New("no signing secret configured")
)

// Sign returns the X-Slack-Signature value for body sent at timestamp ts
// (Unix seconds): "v0=" + hex(HMAC-SHA256(secret, "v0:{ts}:{body}")), as
// Slack signs its requests. It is for sending requests to a bot, as tests
// and local tools do; the bot itself verifies with slack-go.
func Sign(secret Secret, ts string, body []byte) string {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte("v0:" + ts + ":"))
	mac.Write(body)
	return "v0=" + hex.EncodeToString(mac.Sum(nil))
}

// VerifySignature checks that Slack sent a request: its timestamp is
// within 5 minutes of now and its signature matches the raw body, compared
// in constant time. Call it on the body's bytes before parsing them.
//
// The signature is checked by slack-go's [slack.NewSecretsVerifier], which
// also holds the timestamp to the process clock (time.Now); a test that
// sets now far from that clock runs in a testing/synctest bubble.
func VerifySignature(secret Secret, h http.Header, body []byte, now time.Time) error {
	sv, err := newVerifier(secret, h, now)
	if err != nil {
		return err
	}
	_, _ = sv.Write(body) // a hash.Hash never fails to write
	return ensure(sv)
}

// newVerifier checks a request's signing headers: both present, and the
// timestamp within 5 minutes of now. It returns slack-go's verifier, to
// be given the raw body and then [ensure]d. The body is not needed to
// refuse a missing, stale or malformed signature.
func newVerifier(secret Secret, h http.Header, now time.Time) (*slack.SecretsVerifier, error) {
	if secret == "" {
		return nil, ErrNoSigningSecret
	}
	sig, ts := h.Get(headerSignature), h.Get(headerTimestamp)
	if sig == "" || ts == "" {
		return nil, ErrMissingSignature
	}
	sec, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		return nil, ErrMissingSignature
	}
	d := now.Sub(time.Unix(sec, 0))
	if d > signatureWindow || d < -signatureWindow {
		return nil, ErrStaleTimestamp
	}
	sv, err := slack.NewSecretsVerifier(h, string(secret))
	switch {
	case err == nil:
		return &sv, nil
	case errors.Is(err, slack.ErrExpiredTimestamp):
		// Fresh by now, stale by the process clock.
		return nil, ErrStaleTimestamp
	case errors.Is(err, slack.ErrMissingHeaders):
		return nil, ErrMissingSignature
	case errors.Is(err, slack.ErrInvalidConfiguration):
		return nil, ErrNoSigningSecret
	default:
		// Not "v0=" and 64 hex digits: it cannot match.
		return nil, ErrBadSignature
	}
}

// ensure reports whether the body written to sv matches the request's
// signature, compared in constant time.
func ensure(sv *slack.SecretsVerifier) error {
	if err := sv.Ensure(); err != nil {
		return ErrBadSignature
	}
	return nil
}
