package bot

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/sashabaranov/go-openai"

	"github.com/privacybot/privacybot/retrieval"
)

// chatClient is the part of go-openai's client the composer uses; an
// *openai.Client fits as it is.
type chatClient interface {
	CreateChatCompletion(ctx context.Context, req openai.ChatCompletionRequest) (openai.ChatCompletionResponse, error)
}

var _ chatClient = (*openai.Client)(nil)

// Defaults for [LLMConfig].
const (
	// DefaultLLMTimeout bounds one composition, retries and waits included.
	DefaultLLMTimeout = 20 * time.Second
	// DefaultMaxTokens caps the length of the model's reply.
	DefaultMaxTokens = 500
	// DefaultMaxExcerptBytes caps the excerpt text sent to the model.
	DefaultMaxExcerptBytes = 12000
)

// LLMConfig configures an [LLM]. Zero fields take the defaults above.
type LLMConfig struct {
	// Model is the chat model, such as "gpt-4o-mini" or "llama3.1". Required.
	Model string
	// Timeout bounds the whole composition of one answer: every attempt,
	// every retry and every wait between them. When it runs out the draft
	// is returned. Must be > 0 to take effect; default [DefaultLLMTimeout].
	Timeout time.Duration
	// MaxTokens caps the reply (max_tokens); default [DefaultMaxTokens].
	MaxTokens int
	// MaxExcerptBytes caps the excerpt text in the prompt; default
	// [DefaultMaxExcerptBytes]. It is halved for a retry after a
	// context-length error.
	MaxExcerptBytes int
}

// LLM is a [Composer] that has a language model write the answer from the
// retrieved excerpts, then verifies every quotation and citation before
// anyone sees it (see [LLM.Compose]). It is safe for concurrent use.
type LLM struct {
	client chatClient
	cfg    LLMConfig
	log    *slog.Logger
	// lib, when set by [WithLLM], describes sources the model cites that
	// the draft did not.
	lib *retrieval.Library
	// fence returns the random marker around the untrusted data.
	fence func() string
}

var _ Composer = (*LLM)(nil)

// NewLLM returns a composer that calls client, typically an
// *openai.Client built with any OpenAI-compatible base URL. cfg.Model must
// be set; log may be nil. Pass the result to [WithLLM] (or [WithComposer]).
func NewLLM(client chatClient, cfg LLMConfig, log *slog.Logger) *LLM {
	if cfg.Timeout <= 0 {
		cfg.Timeout = DefaultLLMTimeout
	}
	if cfg.MaxTokens <= 0 {
		cfg.MaxTokens = DefaultMaxTokens
	}
	if cfg.MaxExcerptBytes <= 0 {
		cfg.MaxExcerptBytes = DefaultMaxExcerptBytes
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &LLM{client: client, cfg: cfg, log: log, fence: newID}
}

// WithLLM makes the engine compose answers with l, which then also looks
// up in the engine's library the titles of sources the model cites. A nil
// l keeps answers extractive.
func WithLLM(l *LLM) Option {
	return func(e *Engine) {
		if l == nil {
			e.composer = nil
			return
		}
		c := *l
		c.lib = e.lib
		e.composer = &c
	}
}

// Compose has the model answer q from the draft's quotes and evidence and
// the retrieved hits, and returns the answer in [ModeLLM]: the draft's lead,
// quotes (with their offsets), evidence and sources, plus the model's
// verified prose as Summary. It never fails: when the model is unavailable
// or its reply cannot be trusted, it returns the draft in
// [ModeExtractive] with a Note saying why.
//
// What is verified, and what happens when a check fails:
//
//   - Every span in quotation marks (straight or curly, double, or single
//     around two or more words) must be verbatim, after folding curly
//     quotes and whitespace, in an excerpt retrieved for the question from a source
//     the sentence (or else its paragraph) cites; only a period, comma,
//     colon or semicolon at either end and the case of the first letter
//     may differ, and an ellipsis inside fails. A sentence with a
//     quotation that is not is removed whole, not just its quotation
//     marks: the sentence's claim rests on words the source never printed,
//     and keeping the claim without them would still put words in
//     someone's mouth. The rest of the answer is kept, because the quotes
//     it shows have been checked one by one, and a Note says how many
//     quotations were removed. Unbalanced quotation marks remove the text
//     from the sentence where they start.
//   - Citations must name a source retrieved for this question; others are
//     dropped, and so is a sentence whose only citations were dropped,
//     since it claims support the sources do not give. A paragraph with no
//     valid citation at all is dropped: it did not come from the sources.
//   - The whole answer falls back to the draft when nothing cited
//     survives, when the reply repeats the system prompt or talks about its
//     instructions (prompt injection), and when a final check of the
//     assembled text finds any quotation not verbatim in the excerpts.
func (l *LLM) Compose(ctx context.Context, q string, draft Answer, hits []retrieval.Hit) Answer {
	ctx, cancel := context.WithTimeout(ctx, l.cfg.Timeout)
	defer cancel()
	start := time.Now()
	set := l.excerpts(draft, hits)
	if len(set.items) == 0 {
		return fallback(draft, "the language model was not used: there were no excerpts to give it")
	}
	fence := l.fence()
	sys, err := renderSystem(fence)
	if err != nil {
		l.log.Error("llm prompt", "err", err)
		return fallback(draft, "the language model was not used because its prompt could not be built")
	}
	reply, err := l.complete(ctx, sys, func(budget int) (string, error) { return renderAnswer(fence, q, set, budget) })
	if err != nil {
		l.log.Warn("llm unavailable; answering from the sources' own words", "reason", reasonOf(err), "err", err, "elapsed", time.Since(start))
		return fallback(draft, fmt.Sprintf("the language model was unavailable (%s), so this answer quotes the sources directly", reasonOf(err)))
	}
	reply = stripThinking(reply)
	if why := injected(reply, sys, fence); why != "" {
		l.log.Warn("llm reply rejected", "reason", why)
		return fallback(draft, "the language model's reply was set aside because it strayed from the sources, so this answer quotes them directly")
	}
	v := verify(reply, set)
	l.log.Info("llm reply verified", "kept_quotes", v.kept, "removed_quotes", v.removed,
		"dropped_citations", v.droppedCites, "dropped_sentences", v.droppedSentences, "dropped_paragraphs", v.droppedParagraphs)
	if v.text == "" {
		note := "the language model's answer could not be verified against the sources, so this answer quotes them directly"
		if v.abstained {
			note = "the language model found no answer in the excerpts, so this answer quotes the sources directly"
		}
		return fallback(draft, note)
	}
	if bad := finalCheck(v.text, set); bad != "" {
		l.log.Error("llm reply failed the final quotation check", "quotation", bad)
		return fallback(draft, "the language model's answer could not be verified against the sources, so this answer quotes them directly")
	}
	ans := draft
	ans.Mode = ModeLLM
	ans.Summary = v.text
	ans.Sources = l.addSources(draft.Sources, v.cited)
	if v.removed > 0 {
		ans.Note = joinNotes(draft.Note, fmt.Sprintf("%s in the model's answer could not be found in the sources and %s removed.", plural(v.removed, "quotation"), wasWere(v.removed)))
	}
	return ans
}

// fallback returns the draft as an extractive answer with note added.
func fallback(draft Answer, note string) Answer {
	draft.Mode = ModeExtractive
	draft.Summary = ""
	draft.Note = joinNotes(draft.Note, capitalize(note)+".")
	return draft
}

func joinNotes(a, b string) string {
	switch {
	case a == "":
		return capitalize(b)
	case b == "":
		return a
	}
	return a + " " + capitalize(b)
}

func wasWere(n int) string {
	if n == 1 {
		return "was"
	}
	return "were"
}

// addSources appends to refs every cited source id it lacks.
func (l *LLM) addSources(refs []SourceRef, cited []string) []SourceRef {
	have := map[string]bool{}
	for _, r := range refs {
		have[r.ID] = true
	}
	out := append([]SourceRef(nil), refs...)
	for _, id := range cited {
		if have[id] {
			continue
		}
		have[id] = true
		ref := SourceRef{ID: id, Title: id}
		if l.lib != nil {
			if src, err := l.lib.Corpus().Get(id); err == nil {
				ref = RefOf(src)
			}
		}
		out = append(out, ref)
	}
	return out
}
