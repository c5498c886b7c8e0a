package slackbot

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"net/http"
	"strconv"
	"time"
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
// (Unix seconds): "v0=" + hex(HMAC-SHA256(secret, "v0:{ts}:{body}")).
func Sign(secret Secret, ts string, body []byte) string {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte("v0:" + ts + ":"))
	mac.Write(body)
	return "v0=" + hex.EncodeToString(mac.Sum(nil))
}

// VerifySignature checks that Slack sent a request: its timestamp is
// within 5 minutes of now and its signature matches the raw body, compared
// in constant time. Call it on the body's bytes before parsing them.
func VerifySignature(secret Secret, h http.Header, body []byte, now time.Time) error {
	if secret == "" {
		return ErrNoSigningSecret
	}
	sig, ts := h.Get(headerSignature), h.Get(headerTimestamp)
	if sig == "" || ts == "" {
		return ErrMissingSignature
	}
	sec, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		return ErrMissingSignature
	}
	d := now.Sub(time.Unix(sec, 0))
	if d > signatureWindow || d < -signatureWindow {
		return ErrStaleTimestamp
	}
	if !hmac.Equal([]byte(sig), []byte(Sign(secret, ts, body))) {
		return ErrBadSignature
	}
	return nil
}
