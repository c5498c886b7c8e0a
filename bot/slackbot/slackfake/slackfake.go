// Package slackfake is a fake Slack for tests: a Web API (including the
// assistant.threads methods of the AI-app surface), a Socket Mode
// websocket and response_url endpoints on loopback. It records every call
// and acknowledgement, sends envelopes, pings and disconnects, and can
// answer a call with HTTP 429. Nothing in it reaches the real Slack.
//
// Create one with [New]; it is closed when the test ends.
package slackfake

import (
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gorilla/websocket"
)

// Identity of the fake bot, as auth.test reports it.
const (
	BotUserID = "UBOTPRIVACY"
	BotID     = "BPRIVACYBOT"
	TeamID    = "T0TEST"
	// BotToken and AppToken are the tokens the fake accepts.
	BotToken = "xoxb-1-fake-bot-token"
	AppToken = "xapp-1-fake-app-token"
)

// Call is one request the fake received: a Web API method or a post to a
// response_url (Method "response_url").
type Call struct {
	Method string
	// Status is the HTTP status the fake answered with.
	Status int
	// Form holds form fields; JSON the decoded body of a JSON request.
	Form url.Values
	JSON map[string]any
	// Path is the request path (the response_url for those).
	Path string
	At   time.Time
	// TS is the ts the fake gave a message it accepted (chat.postMessage,
	// chat.postEphemeral).
	TS string
}

// Text returns the message text of a chat call or response_url post.
func (c Call) Text() string {
	if c.JSON != nil {
		s, _ := c.JSON["text"].(string)
		return s
	}
	return c.Form.Get("text")
}

// Field returns a form field, or a JSON field formatted as text.
func (c Call) Field(name string) string {
	if c.JSON != nil {
		switch v := c.JSON[name].(type) {
		case nil:
			return ""
		case string:
			return v
		default:
			b, _ := json.Marshal(v)
			return string(b)
		}
	}
	return c.Form.Get(name)
}

// Blocks returns the message's blocks as JSON text ("" if none).
func (c Call) Blocks() string { return c.Field("blocks") }

// All returns the text and the blocks, for assertions on what a user sees.
func (c Call) All() string { return c.Text() + "\n" + c.Blocks() }

// Ack is an acknowledgement the bot sent over the websocket.
type Ack struct {
	EnvelopeID string
	Payload    json.RawMessage
	At         time.Time
}

// Server is the fake Slack.
type Server struct {
	tb   testing.TB
	http *httptest.Server
	// URL is the Web API base URL, with its trailing slash.
	URL string

	mu          sync.Mutex
	changed     chan struct{}
	calls       []Call
	acks        map[string]Ack
	sent        map[string]time.Time
	conns       int
	conn        *wsConn
	tsCounter   int
	rateLimited map[string]int
	refused     map[string]string // assistant method → Slack error code
	replies     map[string][]map[string]any
	envCounter  int
	pingEvery   time.Duration
}

type wsConn struct {
	mu sync.Mutex // serializes writes
	c  *websocket.Conn
}

func (w *wsConn) writeJSON(v any) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	_ = w.c.SetWriteDeadline(time.Now().Add(5 * time.Second))
	return w.c.WriteJSON(v)
}

// New starts a fake Slack on loopback. It pings each websocket every
// 100 ms, as Slack does (more often).
func New(tb testing.TB) *Server {
	s := &Server{tb: tb, changed: make(chan struct{}), sent: map[string]time.Time{}, acks: map[string]Ack{},
		rateLimited: map[string]int{}, refused: map[string]string{}, replies: map[string][]map[string]any{}, pingEvery: 100 * time.Millisecond}
	mux := http.NewServeMux()
	mux.HandleFunc("/api/", s.serveAPI)
	mux.HandleFunc("/respond/", s.serveRespond)
	mux.HandleFunc("/link/", s.serveSocket)
	s.http = httptest.NewServer(mux)
	s.URL = s.http.URL + "/api/"
	tb.Cleanup(s.Close)
	return s
}

// Close stops the server and closes any websocket.
func (s *Server) Close() {
	s.mu.Lock()
	c := s.conn
	s.conn = nil
	s.mu.Unlock()
	if c != nil {
		_ = c.c.Close()
	}
	s.http.CloseClientConnections()
	s.http.Close()
}

// ResponseURL returns a response_url served by the fake; posts to it are
// recorded as calls with Method "response_url" and Path "/respond/"+id.
func (s *Server) ResponseURL(id string) string { return s.http.URL + "/respond/" + id }

// RateLimit makes the next n calls of method answer HTTP 429 with
// Retry-After: 1.
func (s *Server) RateLimit(method string, n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.rateLimited[method] += n
}

// SetReplies sets what conversations.replies returns for a thread.
func (s *Server) SetReplies(threadTS string, msgs []map[string]any) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.replies[threadTS] = msgs
}

func (s *Server) bump() {
	close(s.changed)
	s.changed = make(chan struct{})
}

func (s *Server) record(c Call) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls = append(s.calls, c)
	s.bump()
}

func (s *Server) nextTS() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.tsCounter++
	return fmt.Sprintf("1700000000.%06d", s.tsCounter)
}

func (s *Server) serveAPI(w http.ResponseWriter, r *http.Request) {
	method := strings.TrimPrefix(r.URL.Path, "/api/")
	body, _ := io.ReadAll(r.Body)
	c := Call{Method: method, Path: r.URL.Path, At: time.Now(), Status: http.StatusOK}
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if ct == "application/json" {
		_ = json.Unmarshal(body, &c.JSON)
	} else {
		c.Form, _ = url.ParseQuery(string(body))
	}
	if q := r.URL.Query(); len(q) > 0 && c.Form != nil {
		for k, v := range q {
			c.Form[k] = v
		}
	}
	token := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
	if token == "" && c.Form != nil {
		token = c.Form.Get("token")
	}
	want := BotToken
	if method == "apps.connections.open" {
		want = AppToken
	}
	if token != want {
		c.Status = http.StatusOK
		s.record(c)
		writeJSON(w, map[string]any{"ok": false, "error": "invalid_auth"})
		return
	}
	s.mu.Lock()
	limited := s.rateLimited[method] > 0
	if limited {
		s.rateLimited[method]--
	}
	s.mu.Unlock()
	if limited {
		c.Status = http.StatusTooManyRequests
		s.record(c)
		w.Header().Set("Retry-After", "1")
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.WriteHeader(http.StatusTooManyRequests)
		_, _ = io.WriteString(w, `{"ok":false,"error":"ratelimited"}`)
		return
	}
	if method == "chat.postMessage" || method == "chat.postEphemeral" {
		c.TS = s.nextTS()
	}
	s.record(c)
	switch method {
	case "auth.test":
		writeJSON(w, map[string]any{"ok": true, "url": "https://fake.slack.com/", "team": "Fake", "user": "privacybot",
			"team_id": TeamID, "user_id": BotUserID, "bot_id": BotID})
	case "apps.connections.open":
		u := "ws" + strings.TrimPrefix(s.http.URL, "http") + "/link/?ticket=" + s.nextTS()
		writeJSON(w, map[string]any{"ok": true, "url": u})
	case "chat.postMessage":
		ts := c.TS
		writeJSON(w, map[string]any{"ok": true, "channel": c.Field("channel"), "ts": ts,
			"message": map[string]any{"type": "message", "bot_id": BotID, "user": BotUserID, "text": c.Text(), "ts": ts}})
	case "chat.update":
		writeJSON(w, map[string]any{"ok": true, "channel": c.Field("channel"), "ts": c.Field("ts"), "text": c.Text()})
	case "chat.postEphemeral":
		writeJSON(w, map[string]any{"ok": true, "message_ts": c.TS})
	case "conversations.replies":
		s.mu.Lock()
		msgs := s.replies[c.Field("ts")]
		s.mu.Unlock()
		if msgs == nil {
			msgs = []map[string]any{}
		}
		writeJSON(w, map[string]any{"ok": true, "messages": msgs, "has_more": false})
	case "assistant.threads.setSuggestedPrompts", "assistant.threads.setStatus", "assistant.threads.setTitle":
		if code := s.refusal(method); code != "" {
			writeJSON(w, map[string]any{"ok": false, "error": code})
			return
		}
		if why := checkAssistantCall(c); why != "" {
			writeJSON(w, map[string]any{"ok": false, "error": "invalid_arguments", "detail": why})
			return
		}
		writeJSON(w, map[string]any{"ok": true})
	default:
		writeJSON(w, map[string]any{"ok": false, "error": "unknown_method"})
	}
}

func (s *Server) serveRespond(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	c := Call{Method: "response_url", Path: r.URL.Path, At: time.Now(), Status: http.StatusOK}
	_ = json.Unmarshal(body, &c.JSON)
	s.record(c)
	w.Header().Set("Content-Type", "text/plain")
	_, _ = io.WriteString(w, "ok")
}

var upgrader = websocket.Upgrader{CheckOrigin: func(*http.Request) bool { return true }}

func (s *Server) serveSocket(w http.ResponseWriter, r *http.Request) {
	c, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	conn := &wsConn{c: c}
	s.mu.Lock()
	s.conns++
	n := s.conns
	s.conn = conn
	s.bump()
	s.mu.Unlock()
	_ = conn.writeJSON(map[string]any{"type": "hello", "num_connections": 1,
		"debug_info":      map[string]any{"host": "applink-fake", "build_number": 10, "approximate_connection_time": 18060},
		"connection_info": map[string]any{"app_id": "AFAKE"}})
	done := make(chan struct{})
	go func() {
		t := time.NewTicker(s.pingEvery)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				if err := c.WriteControl(websocket.PingMessage, []byte(fmt.Sprint(n)), time.Now().Add(time.Second)); err != nil {
					return
				}
			}
		}
	}()
	defer close(done)
	defer c.Close()
	for {
		_, data, err := c.ReadMessage()
		at := time.Now()
		if err != nil {
			s.mu.Lock()
			if s.conn == conn {
				s.conn = nil
			}
			s.bump()
			s.mu.Unlock()
			return
		}
		var a struct {
			EnvelopeID string          `json:"envelope_id"`
			Payload    json.RawMessage `json:"payload"`
		}
		if json.Unmarshal(data, &a) != nil || a.EnvelopeID == "" {
			continue
		}
		s.mu.Lock()
		if _, dup := s.acks[a.EnvelopeID]; !dup {
			s.acks[a.EnvelopeID] = Ack{EnvelopeID: a.EnvelopeID, Payload: a.Payload, At: at}
		}
		s.bump()
		s.mu.Unlock()
	}
}

// Connections returns how many websocket connections the bot has opened.
func (s *Server) Connections() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.conns
}

// Connected reports whether a websocket is open now.
func (s *Server) Connected() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.conn != nil
}

// Send writes a raw frame to the open websocket.
func (s *Server) Send(frame any) error {
	s.mu.Lock()
	c := s.conn
	s.mu.Unlock()
	if c == nil {
		return fmt.Errorf("slackfake: no websocket connected")
	}
	return c.writeJSON(frame)
}

// SendEnvelope sends a Socket Mode envelope (typ "events_api",
// "slash_commands" or "interactive") and returns its envelope id. retry is
// the retry_attempt.
func (s *Server) SendEnvelope(typ string, payload any, retry int) (string, error) {
	s.mu.Lock()
	s.envCounter++
	id := fmt.Sprintf("env-%06d", s.envCounter)
	s.mu.Unlock()
	reason := ""
	if retry > 0 {
		reason = "timeout"
	}
	frame, err := json.Marshal(map[string]any{"envelope_id": id, "payload": payload, "type": typ,
		"accepts_response_payload": typ == "slash_commands", "retry_attempt": retry, "retry_reason": reason})
	if err != nil {
		return "", err
	}
	s.mu.Lock()
	c := s.conn
	s.mu.Unlock()
	if c == nil {
		return "", fmt.Errorf("slackfake: no websocket connected")
	}
	// The clock starts when the frame goes on the wire.
	c.mu.Lock()
	defer c.mu.Unlock()
	_ = c.c.SetWriteDeadline(time.Now().Add(5 * time.Second))
	start := time.Now()
	err = c.c.WriteMessage(websocket.TextMessage, frame)
	s.mu.Lock()
	s.sent[id] = start
	s.mu.Unlock()
	return id, err
}

// Disconnect asks the bot to reconnect, as Slack does about once an hour
// ("refresh_requested") or before maintenance ("warning").
func (s *Server) Disconnect(reason string) error {
	return s.Send(map[string]any{"type": "disconnect", "reason": reason, "debug_info": map[string]any{"host": "wss-111.slack.com"}})
}

// Calls returns the calls of a method ("" for all), in order.
func (s *Server) Calls(method string) []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Call
	for _, c := range s.calls {
		if method == "" || c.Method == method {
			out = append(out, c)
		}
	}
	return out
}

// Acked returns the acknowledgement of an envelope.
func (s *Server) Acked(envelopeID string) (Ack, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	a, ok := s.acks[envelopeID]
	return a, ok
}

// AckLatency returns how long after it was sent an envelope was acked.
func (s *Server) AckLatency(envelopeID string) (time.Duration, bool) {
	a, ok := s.Acked(envelopeID)
	if !ok {
		return 0, false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return a.At.Sub(s.sent[envelopeID]), true
}

// Wait waits until cond holds, rechecking it whenever the fake records
// something, and fails the test with what after timeout.
func (s *Server) Wait(tb testing.TB, timeout time.Duration, what string, cond func() bool) {
	tb.Helper()
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	for {
		s.mu.Lock()
		ch := s.changed
		s.mu.Unlock()
		if cond() {
			return
		}
		select {
		case <-ch:
		case <-deadline.C:
			tb.Fatalf("slackfake: timed out after %v waiting for %s", timeout, what)
		}
	}
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	_ = json.NewEncoder(w).Encode(v)
}
