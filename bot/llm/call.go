package llm

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/sashabaranov/go-openai"
)

// maxRetries is how many times a failed call is retried.
const maxRetries = 2

// backoffBase is the wait before the first retry; it doubles for the next.
const backoffBase = 200 * time.Millisecond

// modelError is a failed call, with a reason fit to show the user.
type modelError struct {
	reason    string
	retryable bool
	// shrink asks for a retry with fewer excerpts (context length).
	shrink bool
	// retryAfter is what the server asked us to wait, if anything.
	retryAfter time.Duration
	err        error
}

func (e *modelError) Error() string { return e.reason + ": " + e.err.Error() }
func (e *modelError) Unwrap() error { return e.err }

// reasonOf is the user-facing reason a call failed.
func reasonOf(err error) string {
	var me *modelError
	if errors.As(err, &me) {
		return me.reason
	}
	return "error"
}

var (
	errEmptyReply   = errors.New("empty reply")
	errGarbledReply = errors.New("garbled reply")
	errNoTime       = errors.New("no time left to retry")
)

// complete sends the prompt and returns the reply text, retrying at most
// [maxRetries] times with exponential backoff, or after the server's
// Retry-After, as long as the wait ends before ctx's deadline. user renders
// the user message for a byte budget of excerpts.
func (l *Composer) complete(ctx context.Context, system string, user func(budget int) (string, error)) (string, error) {
	budget := l.cfg.MaxExcerptBytes
	for attempt := 0; ; attempt++ {
		msg, err := user(budget)
		if err != nil {
			return "", &modelError{reason: "prompt error", err: err}
		}
		reply, err := l.call(ctx, attempt, system, msg)
		if err == nil {
			return reply, nil
		}
		var me *modelError
		if !errors.As(err, &me) || !me.retryable || attempt >= maxRetries {
			return "", err
		}
		wait := backoffBase<<attempt + rand.N(backoffBase/2)
		switch {
		case me.shrink:
			budget /= 2
			wait = 0
		case me.retryAfter > 0:
			wait = me.retryAfter
		}
		if dl, ok := ctx.Deadline(); ok && time.Until(dl) <= wait {
			return "", &modelError{reason: me.reason, err: fmt.Errorf("%w (would wait %v): %w", errNoTime, wait, me.err)}
		}
		l.log.Info("llm retry", "attempt", attempt+1, "wait", wait, "reason", me.reason)
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return "", classify(ctx, ctx.Err(), nil)
		case <-t.C:
		}
	}
}

// call makes one request and logs its token usage and latency.
func (l *Composer) call(ctx context.Context, attempt int, system, user string) (string, error) {
	req := openai.ChatCompletionRequest{
		Model:     l.cfg.Model,
		MaxTokens: l.cfg.MaxTokens,
		Messages: []openai.ChatCompletionMessage{
			{Role: openai.ChatMessageRoleSystem, Content: system},
			{Role: openai.ChatMessageRoleUser, Content: user},
		},
	}
	start := time.Now()
	resp, err := l.client.CreateChatCompletion(ctx, req)
	latency := time.Since(start)
	if err != nil {
		me := classify(ctx, err, resp.Header())
		l.log.Warn("llm call failed", "model", l.cfg.Model, "attempt", attempt, "latency", latency, "reason", me.reason, "err", err)
		return "", me
	}
	l.log.Info("llm call", "model", l.cfg.Model, "attempt", attempt, "latency", latency,
		"prompt_tokens", resp.Usage.PromptTokens, "completion_tokens", resp.Usage.CompletionTokens,
		"total_tokens", resp.Usage.TotalTokens, "finish_reason", finishReason(resp))
	if len(resp.Choices) == 0 || strings.TrimSpace(resp.Choices[0].Message.Content) == "" {
		return "", &modelError{reason: "empty reply", retryable: true, err: errEmptyReply}
	}
	content := resp.Choices[0].Message.Content
	if !utf8.ValidString(content) || strings.ContainsRune(content, 0) {
		return "", &modelError{reason: "garbled reply", retryable: true, err: errGarbledReply}
	}
	if resp.Choices[0].FinishReason == openai.FinishReasonContentFilter {
		return "", &modelError{reason: "reply filtered", err: errors.New("finish reason content_filter")}
	}
	return content, nil
}

func finishReason(resp openai.ChatCompletionResponse) string {
	if len(resp.Choices) == 0 {
		return ""
	}
	return string(resp.Choices[0].FinishReason)
}

// classify turns a failed call into a modelError. h holds the response
// headers, when there was a response.
func classify(ctx context.Context, err error, h http.Header) *modelError {
	me := &modelError{err: err}
	var apiErr *openai.APIError
	var reqErr *openai.RequestError
	var netErr net.Error
	var syntaxErr *json.SyntaxError
	var typeErr *json.UnmarshalTypeError
	status := 0
	switch {
	case errors.Is(err, context.DeadlineExceeded) || ctx.Err() != nil && errors.Is(ctx.Err(), context.DeadlineExceeded):
		me.reason = "timed out"
		return me
	case errors.Is(err, context.Canceled):
		me.reason = "cancelled"
		return me
	case errors.As(err, &apiErr):
		status = apiErr.HTTPStatusCode
		if isContextLength(apiErr.Message) || fmt.Sprint(apiErr.Code) == "context_length_exceeded" {
			me.reason, me.retryable, me.shrink = "context length exceeded", true, true
			return me
		}
	case errors.As(err, &reqErr):
		status = reqErr.HTTPStatusCode
		if isContextLength(string(reqErr.Body)) {
			me.reason, me.retryable, me.shrink = "context length exceeded", true, true
			return me
		}
		if status >= 200 && status < 300 {
			me.reason, me.retryable = "garbled reply", true
			return me
		}
	case errors.As(err, &syntaxErr), errors.As(err, &typeErr), errors.Is(err, io.ErrUnexpectedEOF):
		me.reason, me.retryable = "garbled reply", true
		return me
	case errors.As(err, &netErr):
		me.reason, me.retryable = "unreachable", true
		if netErr.Timeout() {
			me.reason = "timed out"
		}
		return me
	default:
		me.reason, me.retryable = "error", true
		return me
	}
	switch {
	case status == http.StatusTooManyRequests:
		me.reason, me.retryable = "rate limited (429)", true
		me.retryAfter = retryAfter(h, time.Now())
	case status >= 500:
		me.reason, me.retryable = fmt.Sprintf("server error (%d)", status), true
		me.retryAfter = retryAfter(h, time.Now())
	case status == http.StatusUnauthorized || status == http.StatusForbidden:
		me.reason = fmt.Sprintf("credentials refused (%d)", status)
	case status == http.StatusNotFound:
		me.reason = "model or endpoint not found (404)"
	default:
		me.reason = fmt.Sprintf("request rejected (%d)", status)
	}
	return me
}

// isContextLength reports whether an error message says the prompt was too
// long, in the words of OpenAI, vLLM, llama.cpp or Ollama.
func isContextLength(msg string) bool {
	m := strings.ToLower(msg)
	for _, s := range []string{"context_length_exceeded", "maximum context length", "context length", "context size", "context window", "too many tokens"} {
		if strings.Contains(m, s) {
			return true
		}
	}
	return false
}

// retryAfter reads a Retry-After header given in seconds or as an HTTP
// date; 0 means none.
func retryAfter(h http.Header, now time.Time) time.Duration {
	v := strings.TrimSpace(h.Get("Retry-After"))
	if v == "" {
		return 0
	}
	if secs, err := strconv.ParseFloat(v, 64); err == nil {
		if secs <= 0 {
			return 0
		}
		return time.Duration(secs * float64(time.Second))
	}
	if t, err := http.ParseTime(v); err == nil && t.After(now) {
		return t.Sub(now)
	}
	return 0
}
