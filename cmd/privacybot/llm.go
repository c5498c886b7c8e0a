package main

import (
	"log/slog"
	"net/url"
	"strings"
	"time"

	"github.com/sashabaranov/go-openai"

	"github.com/privacybot/privacybot/bot"
	"github.com/privacybot/privacybot/bot/llm"
	"github.com/privacybot/privacybot/retrieval"
	"github.com/privacybot/privacybot/retrieval/openaiembed"
)

// defaultModel is the chat model when OPENAI_MODEL is unset.
const defaultModel = "gpt-4o-mini"

// llmConfig is the OPENAI_* configuration, read once by [App.llmConfig].
type llmConfig struct {
	// key is the API key; it never appears in logs or errors.
	key            string
	baseURL        string
	model          string
	embeddingModel string
	timeout        time.Duration
}

// enabled reports whether a model server is configured: a key, a base URL
// (a keyless local server needs only that), or both.
func (c llmConfig) enabled() bool { return c.key != "" || c.baseURL != "" }

// llmConfig reads and checks OPENAI_API_KEY, OPENAI_BASE_URL, OPENAI_MODEL,
// OPENAI_TIMEOUT and OPENAI_EMBEDDING_MODEL. Its errors name the variable
// and never quote a secret.
func (a *App) llmConfig() (llmConfig, error) {
	c := llmConfig{
		key:            strings.TrimSpace(a.Getenv("OPENAI_API_KEY")),
		baseURL:        strings.TrimSpace(a.Getenv("OPENAI_BASE_URL")),
		model:          strings.TrimSpace(a.Getenv("OPENAI_MODEL")),
		embeddingModel: strings.TrimSpace(a.Getenv("OPENAI_EMBEDDING_MODEL")),
		timeout:        llm.DefaultTimeout,
	}
	if c.model == "" {
		c.model = defaultModel
	}
	if v := strings.TrimSpace(a.Getenv("OPENAI_TIMEOUT")); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d <= 0 {
			return llmConfig{}, usagef("OPENAI_TIMEOUT must be a positive Go duration such as 20s or 1m30s, not %q", v)
		}
		c.timeout = d
	}
	if c.baseURL != "" {
		u, err := url.Parse(c.baseURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			// The URL may hold credentials, so it is not repeated.
			return llmConfig{}, usagef("OPENAI_BASE_URL must be an http or https URL such as http://localhost:11434/v1")
		}
	}
	if c.embeddingModel != "" && !c.enabled() {
		return llmConfig{}, usagef("OPENAI_EMBEDDING_MODEL is set but neither OPENAI_API_KEY nor OPENAI_BASE_URL is")
	}
	return c, nil
}

// openAIClient returns a go-openai client for c: Azure OpenAI when the
// base URL is an *.openai.azure.com endpoint, otherwise any
// OpenAI-compatible server (OpenAI itself when no base URL is given).
func openAIClient(c llmConfig) *openai.Client {
	var cfg openai.ClientConfig
	if u, err := url.Parse(c.baseURL); err == nil && strings.HasSuffix(strings.ToLower(u.Hostname()), ".openai.azure.com") {
		cfg = openai.DefaultAzureConfig(c.key, c.baseURL)
	} else {
		cfg = openai.DefaultConfig(c.key)
		if c.baseURL != "" {
			cfg.BaseURL = strings.TrimRight(c.baseURL, "/")
		}
	}
	return openai.NewClientWithConfig(cfg)
}

// endpoint describes where the model is, without credentials, for logs.
func (c llmConfig) endpoint() string {
	if c.baseURL == "" {
		return "api.openai.com"
	}
	u, err := url.Parse(c.baseURL)
	if err != nil {
		return "(unparsable)"
	}
	u.User = nil
	u.RawQuery = ""
	return u.String()
}

// llmOptions configures a language model from OPENAI_* variables; with
// neither OPENAI_API_KEY nor OPENAI_BASE_URL set, answers stay extractive.
func (a *App) llmOptions(log *slog.Logger) ([]bot.Option, error) {
	c, err := a.llmConfig()
	if err != nil || !c.enabled() {
		return nil, err
	}
	log.Debug("language model configured", "endpoint", c.endpoint(), "model", c.model, "timeout", c.timeout, "api_key_set", c.key != "")
	composer := llm.New(openAIClient(c), llm.Config{Model: c.model, Timeout: c.timeout}, log.With("component", "llm"))
	return []bot.Option{bot.WithComposer(composer)}, nil
}

// embedder returns the embedder OPENAI_EMBEDDING_MODEL selects, or nil for
// the local one.
func (a *App) embedder(log *slog.Logger) (retrieval.Embedder, error) {
	c, err := a.llmConfig()
	if err != nil {
		return nil, err
	}
	if c.embeddingModel == "" {
		return nil, nil
	}
	log.Debug("embedding model configured", "endpoint", c.endpoint(), "model", c.embeddingModel)
	return openaiembed.New(openAIClient(c), c.embeddingModel, openaiembed.DefaultBatch), nil
}

// Compile-time check that the embedder fits retrieval.
var _ retrieval.Embedder = (*openaiembed.Embedder)(nil)
