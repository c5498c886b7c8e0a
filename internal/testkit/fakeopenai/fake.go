// Package fakeopenai is a scriptable OpenAI-compatible server for tests. It
// serves /v1/chat/completions (plain and streaming) and /v1/embeddings on
// loopback, and replies to each chat request with the next scripted
// [Reply], or with its default reply when the script is used up. No test
// that uses it reaches the network.
package fakeopenai

import (
	"encoding/json"
	"fmt"
	"hash/fnv"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"time"

	"github.com/sashabaranov/go-openai"
)

// Reply is what the server does for one chat request.
type Reply struct {
	// Status is the HTTP status; 0 means 200.
	Status int
	// RetryAfter, when set, is sent as the Retry-After header.
	RetryAfter string
	// Delay is how long to wait before replying. The wait ends early when
	// the client gives up.
	Delay time.Duration
	// Content is the assistant's message.
	Content string
	// Respond, when set, computes the content from the request instead.
	Respond func(req openai.ChatCompletionRequest) string
	// Raw, when set, is sent as the whole body instead of a JSON reply
	// (for garbled replies and error bodies).
	Raw string
}

// Server is a running fake. Create it with [New]; the caller must call
// Close when finished.
type Server struct {
	*httptest.Server

	mu       sync.Mutex
	script   []Reply
	fallback func(n int) Reply
	chats    []openai.ChatCompletionRequest
	batches  []int
}

// New starts a fake on a loopback port that replies with replies in turn,
// then with def (given the 0-based number of the chat request). A nil def
// answers from the excerpts of the request without inventing anything.
func New(def func(n int) Reply, replies ...Reply) *Server {
	s := NewUnstarted(def, replies...)
	s.Start()
	return s
}

// NewUnstarted is like [New] but does not start the server, so that the
// caller can set its Listener first. The caller must call Start.
func NewUnstarted(def func(n int) Reply, replies ...Reply) *Server {
	s := &Server{script: replies, fallback: def}
	if s.fallback == nil {
		s.fallback = func(int) Reply { return Reply{Respond: Grounded(false)} }
	}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /v1/chat/completions", s.chat)
	mux.HandleFunc("POST /v1/embeddings", s.embeddings)
	s.Server = httptest.NewUnstartedServer(mux)
	return s
}

// BaseURL is the URL to give go-openai's ClientConfig.BaseURL.
func (s *Server) BaseURL() string { return s.URL + "/v1" }

// Script appends replies to the script.
func (s *Server) Script(replies ...Reply) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.script = append(s.script, replies...)
}

// Chats returns the chat requests received so far.
func (s *Server) Chats() []openai.ChatCompletionRequest {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]openai.ChatCompletionRequest(nil), s.chats...)
}

// Batches returns the number of inputs in each embeddings request so far.
func (s *Server) Batches() []int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]int(nil), s.batches...)
}

func (s *Server) next(req openai.ChatCompletionRequest) Reply {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := len(s.chats)
	s.chats = append(s.chats, req)
	if len(s.script) > 0 {
		r := s.script[0]
		s.script = s.script[1:]
		return r
	}
	return s.fallback(n)
}

func (s *Server) chat(w http.ResponseWriter, r *http.Request) {
	var req openai.ChatCompletionRequest
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		apiError(w, http.StatusBadRequest, "invalid_request_error", "bad JSON: "+err.Error())
		return
	}
	rep := s.next(req)
	if rep.Delay > 0 {
		select {
		case <-time.After(rep.Delay):
		case <-r.Context().Done():
			return
		}
	}
	if rep.RetryAfter != "" {
		w.Header().Set("Retry-After", rep.RetryAfter)
	}
	status := rep.Status
	if status == 0 {
		status = http.StatusOK
	}
	if rep.Raw != "" {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		io.WriteString(w, rep.Raw)
		return
	}
	if status != http.StatusOK {
		apiError(w, status, "server_error", http.StatusText(status))
		return
	}
	content := rep.Content
	if rep.Respond != nil {
		content = rep.Respond(req)
	}
	usage := openai.Usage{PromptTokens: words(req), CompletionTokens: len(strings.Fields(content))}
	usage.TotalTokens = usage.PromptTokens + usage.CompletionTokens
	if req.Stream {
		stream(w, req.Model, content, usage)
		return
	}
	resp := openai.ChatCompletionResponse{
		ID: "chatcmpl-fake", Object: "chat.completion", Created: time.Now().Unix(), Model: req.Model,
		Choices: []openai.ChatCompletionChoice{{
			Message:      openai.ChatCompletionMessage{Role: openai.ChatMessageRoleAssistant, Content: content},
			FinishReason: openai.FinishReasonStop,
		}},
		Usage: usage,
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(resp)
}

// stream sends content as server-sent events, a few words per chunk.
func stream(w http.ResponseWriter, model, content string, usage openai.Usage) {
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-cache")
	fl, _ := w.(http.Flusher)
	send := func(v any) {
		b, _ := json.Marshal(v)
		fmt.Fprintf(w, "data: %s\n\n", b)
		if fl != nil {
			fl.Flush()
		}
	}
	chunk := func(delta openai.ChatCompletionStreamChoiceDelta, finish openai.FinishReason) openai.ChatCompletionStreamResponse {
		return openai.ChatCompletionStreamResponse{
			ID: "chatcmpl-fake", Object: "chat.completion.chunk", Created: time.Now().Unix(), Model: model,
			Choices: []openai.ChatCompletionStreamChoice{{Delta: delta, FinishReason: finish}},
		}
	}
	send(chunk(openai.ChatCompletionStreamChoiceDelta{Role: openai.ChatMessageRoleAssistant}, ""))
	for _, part := range splitKeep(content, 3) {
		send(chunk(openai.ChatCompletionStreamChoiceDelta{Content: part}, ""))
	}
	last := chunk(openai.ChatCompletionStreamChoiceDelta{}, openai.FinishReasonStop)
	last.Usage = &usage
	send(last)
	io.WriteString(w, "data: [DONE]\n\n")
}

// splitKeep cuts s into pieces of about n words, keeping every byte.
func splitKeep(s string, n int) []string {
	var out []string
	count, start := 0, 0
	for i := 0; i < len(s); i++ {
		if s[i] == ' ' {
			count++
			if count == n {
				out = append(out, s[start:i+1])
				start, count = i+1, 0
			}
		}
	}
	if start < len(s) {
		out = append(out, s[start:])
	}
	return out
}

func (s *Server) embeddings(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Input any    `json:"input"`
		Model string `json:"model"`
	}
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		apiError(w, http.StatusBadRequest, "invalid_request_error", "bad JSON: "+err.Error())
		return
	}
	var inputs []string
	switch v := req.Input.(type) {
	case string:
		inputs = []string{v}
	case []any:
		for _, x := range v {
			str, ok := x.(string)
			if !ok {
				apiError(w, http.StatusBadRequest, "invalid_request_error", "input must be strings")
				return
			}
			inputs = append(inputs, str)
		}
	default:
		apiError(w, http.StatusBadRequest, "invalid_request_error", "input must be a string or a list of strings")
		return
	}
	s.mu.Lock()
	s.batches = append(s.batches, len(inputs))
	s.mu.Unlock()
	resp := openai.EmbeddingResponse{Object: "list", Model: openai.EmbeddingModel(req.Model)}
	for i, in := range inputs {
		resp.Data = append(resp.Data, openai.Embedding{Object: "embedding", Index: i, Embedding: Vector(in)})
	}
	// Reverse the order, as the API allows, so clients must use Index.
	for i, j := 0, len(resp.Data)-1; i < j; i, j = i+1, j-1 {
		resp.Data[i], resp.Data[j] = resp.Data[j], resp.Data[i]
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(resp)
}

// Dims is the length of the fake's embedding vectors.
const Dims = 32

// Vector is the fake's deterministic, unnormalized embedding of text: word
// counts hashed into [Dims] buckets, plus one so it is never zero.
func Vector(text string) []float32 {
	v := make([]float32, Dims)
	v[0] = 1
	for _, w := range strings.Fields(strings.ToLower(text)) {
		h := fnv.New32a()
		h.Write([]byte(w))
		v[h.Sum32()%Dims] += 3
	}
	return v
}

func words(req openai.ChatCompletionRequest) int {
	n := 0
	for _, m := range req.Messages {
		n += len(strings.Fields(m.Content))
	}
	return n
}

func apiError(w http.ResponseWriter, status int, typ, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(map[string]any{"error": map[string]any{"message": msg, "type": typ, "code": nil}})
}
