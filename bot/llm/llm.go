package llm

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"time"
	"unicode"

	"github.com/sashabaranov/go-openai"

	"github.com/privacybot/privacybot/bot"
	"github.com/privacybot/privacybot/corpus"
	"github.com/privacybot/privacybot/retrieval"
)

// chatClient is the part of go-openai's client the composer uses; an
// *openai.Client fits as it is.
type chatClient interface {
	CreateChatCompletion(ctx context.Context, req openai.ChatCompletionRequest) (openai.ChatCompletionResponse, error)
}

var _ chatClient = (*openai.Client)(nil)

// Defaults for [Config].
const (
	// DefaultTimeout bounds one composition, retries and waits included.
	DefaultTimeout = 20 * time.Second
	// DefaultMaxTokens caps the length of the model's reply.
	DefaultMaxTokens = 500
	// DefaultMaxExcerptBytes caps the excerpt text sent to the model.
	DefaultMaxExcerptBytes = 12000
)

// Config configures a [Composer]. Zero fields take the defaults above.
type Config struct {
	// Model is the chat model, such as "gpt-4o-mini" or "llama3.1". Required.
	Model string
	// Timeout bounds the whole composition of one answer: every attempt,
	// every retry and every wait between them. When it runs out the draft
	// is returned. Must be > 0 to take effect; default [DefaultTimeout].
	Timeout time.Duration
	// MaxTokens caps the reply (max_tokens); default [DefaultMaxTokens].
	MaxTokens int
	// MaxExcerptBytes caps the excerpt text in the prompt; default
	// [DefaultMaxExcerptBytes]. It is halved for a retry after a
	// context-length error.
	MaxExcerptBytes int
}

// Composer is a [bot.Composer] that has a language model write the answer
// from the retrieved excerpts, then verifies every quotation and citation
// before anyone sees it (see [Composer.Compose]). It is safe for concurrent
// use.
type Composer struct {
	client chatClient
	cfg    Config
	log    *slog.Logger
	// fence returns the random marker around the untrusted data.
	fence func() string
}

var _ bot.Composer = (*Composer)(nil)

// New returns a composer that calls client, typically an *openai.Client
// built with any OpenAI-compatible base URL. cfg.Model must be set; log may
// be nil. Pass the result to [bot.WithComposer].
func New(client chatClient, cfg Config, log *slog.Logger) *Composer {
	if cfg.Timeout <= 0 {
		cfg.Timeout = DefaultTimeout
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
	return &Composer{client: client, cfg: cfg, log: log, fence: newFence}
}

// newFence returns a random marker to put around the untrusted data.
func newFence() string {
	var b [8]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// Compose has the model answer q from the draft's quotes and evidence and
// the retrieved hits, whose sources are in sources (the corpus the engine
// answered from), and returns the answer in [bot.ModeLLM]: the draft's lead,
// quotes (with their offsets), evidence and sources, plus the model's
// verified prose as Summary. It never fails: when the model is unavailable
// or its reply cannot be trusted, it returns the draft in
// [bot.ModeExtractive] with a Note saying why.
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
func (l *Composer) Compose(ctx context.Context, q string, draft bot.Answer, hits []retrieval.Hit, sources *corpus.Corpus) bot.Answer {
	ctx, cancel := context.WithTimeout(ctx, l.cfg.Timeout)
	defer cancel()
	start := time.Now()
	set := l.excerpts(draft, hits, sources)
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
	ans.Mode = bot.ModeLLM
	ans.Summary = v.text
	ans.Sources = addSources(draft.Sources, v.cited, sources)
	if v.removed > 0 {
		ans.Note = joinNotes(draft.Note, fmt.Sprintf("%s in the model's answer could not be found in the sources and %s removed.", plural(v.removed, "quotation"), wasWere(v.removed)))
	}
	return ans
}

// fallback returns the draft as an extractive answer with note added.
func fallback(draft bot.Answer, note string) bot.Answer {
	draft.Mode = bot.ModeExtractive
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

// addSources appends to refs every cited source id it lacks, described
// from sources when it is there.
func addSources(refs []bot.SourceRef, cited []string, sources *corpus.Corpus) []bot.SourceRef {
	have := map[string]bool{}
	for _, r := range refs {
		have[r.ID] = true
	}
	out := append([]bot.SourceRef(nil), refs...)
	for _, id := range cited {
		if have[id] {
			continue
		}
		have[id] = true
		ref := bot.SourceRef{ID: id, Title: id}
		if sources != nil {
			if src, err := sources.Get(id); err == nil {
				ref = bot.RefOf(src)
			}
		}
		out = append(out, ref)
	}
	return out
}

// plural returns "1 word" or "n words".
func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// capitalize upper-cases the first letter of s.
func capitalize(s string) string {
	for i, r := range s {
		return string(unicode.ToUpper(r)) + s[i+len(string(r)):]
	}
	return s
}
