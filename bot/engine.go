package bot

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"

	"github.com/privacybot/privacybot/corpus"
	"github.com/privacybot/privacybot/retrieval"
)

// Composer rewrites a draft extractive answer in a language model's words
// (bot/llm holds the one privacybot uses). hits are what was retrieved for
// q and sources the corpus they and the draft come from, the one snapshot
// the answer was built from. It must return an answer that is safe to
// show: every quotation verified, or the draft itself with a Note saying
// why the model was not used.
type Composer interface {
	Compose(ctx context.Context, q string, draft Answer, hits []retrieval.Hit, sources *corpus.Corpus) Answer
}

// Engine answers questions from a [Library]. It is safe for concurrent use;
// create one with [New] and share it.
type Engine struct {
	lib      Library
	log      *slog.Logger
	composer Composer
	stats    *corpusStats
}

// Option configures an [Engine].
type Option func(*Engine)

// WithLogger sets the logger; the default discards everything.
func WithLogger(l *slog.Logger) Option {
	return func(e *Engine) {
		if l != nil {
			e.log = l
		}
	}
}

// WithComposer makes the engine pass each extractive answer to c to be
// rewritten, for example by a language model. A nil c keeps answers
// extractive.
func WithComposer(c Composer) Option { return func(e *Engine) { e.composer = c } }

// New returns an engine over lib, typically a *retrieval.Library. lib must
// not be nil.
func New(lib Library, opts ...Option) *Engine {
	e := &Engine{lib: lib, log: slog.New(slog.DiscardHandler)}
	for _, o := range opts {
		o(e)
	}
	e.stats = newCorpusStats(lib)
	return e
}

// Warm builds now what the engine otherwise builds on the first question
// (word statistics over the whole corpus, seconds at 100,000 articles). It
// is safe to call at any time, from any goroutine; a question asked
// meanwhile waits for it.
func (e *Engine) Warm() { e.snapshot().statistics() }

// Answer answers q, which [ParseQuestion] has checked, from the sources.
// The error wraps [ErrBadQuestion] only for the zero Question, which has no
// text; otherwise it reports a failure of retrieval or a cancelled ctx. A
// question the sources cannot answer is not an error: the answer says so
// and quotes nothing.
func (e *Engine) Answer(ctx context.Context, q Question) (Answer, error) {
	text := q.text
	if text == "" {
		return Answer{}, errEmptyQuestion()
	}
	if err := ctx.Err(); err != nil {
		return Answer{}, fmt.Errorf("answer: %w", err)
	}
	snap := e.snapshot()
	p := e.understand(snap, text, q.History)
	ans, hits, err := e.extractive(ctx, snap, p)
	if err != nil {
		return Answer{}, fmt.Errorf("answer %q: %w", text, err)
	}
	ans.ID = newID()
	ans.Question = text
	ans.Mode = ModeExtractive
	if e.composer != nil && ans.Kind != KindOutOfScope && ans.Kind != KindSources && !ans.Abstained() {
		ans = e.composer.Compose(ctx, text, ans, hits, snap.corpus)
	}
	ans.Text = Render(ans)
	return ans, nil
}

func newID() string {
	var b [8]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}
