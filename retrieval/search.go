package retrieval

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/privacybot/privacybot/corpus"
	"github.com/privacybot/privacybot/quote"
)

// DefaultK is the number of hits Search returns when SearchOptions.K is 0.
const DefaultK = 10

// rrfK is the constant of reciprocal rank fusion: a chunk at rank r (from 1)
// of a ranking contributes 1/(rrfK+r). 60 is the value from Cormack et al.
const rrfK = 60

// speakerTier is added to the score of quotes by a requested speaker, so
// that they come first and scores still fall down the list.
const speakerTier = 1

// ErrEmptyQuery is returned by Search for a query with no text.
var ErrEmptyQuery = errors.New("empty query")

// Hit is one search result: a paragraph of a source, or a quotation.
type Hit struct {
	// Kind is "paragraph" or "quote".
	Kind string
	// Source is the id of the source the text is in.
	Source string
	// Span is where Text is in the source's Text.
	corpus.Span
	// Text is the paragraph or the quotation, verbatim.
	Text string
	// Score is the reciprocal-rank-fusion score of BM25 and vector
	// similarity; higher is better and hits are in descending order. Quotes
	// by a requested speaker have 1 added.
	Score float64
	// Quote is the ledger entry of a "quote" hit; nil for paragraphs.
	Quote *quote.Quote
}

// SearchOptions is a query to [Library.Search].
type SearchOptions struct {
	// Query is the question or search text. It must not be empty.
	Query string
	// K is the number of hits wanted; 0 or less means [DefaultK].
	K int
	// Speakers are canonical speaker or organization names. Quotes whose
	// Speaker or Organization is one of them (ignoring case) come first,
	// ranked by relevance among themselves, even when the query does not
	// match them well.
	Speakers []string
	// Kind restricts hits to "paragraph" or "quote"; "" returns both.
	Kind string
}

// Search returns up to K paragraphs and quotes relevant to the query, best
// first. It ranks chunks by BM25 and by vector similarity and fuses the
// two rankings with reciprocal rank fusion; equal scores are ordered by
// chunk id, so the same query on the same index gives the same hits. A
// question asking for a quantity ("how many", "how much", …) also ranks
// the candidates that state a number, as a third ranking to fuse. After
// [Library.Close] it returns an error wrapping [ErrClosed].
func (l *Library) Search(ctx context.Context, o SearchOptions) ([]Hit, error) {
	ctx, done, err := l.use(ctx, "search")
	if err != nil {
		return nil, err
	}
	defer done()
	query := strings.TrimSpace(o.Query)
	if query == "" {
		return nil, fmt.Errorf("search: %w", ErrEmptyQuery)
	}
	kind, err := parseKind(o.Kind)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	k := o.K
	if k <= 0 {
		k = DefaultK
	}
	qv, err := EmbedFunc(l.emb)(ctx, query)
	if err != nil {
		return nil, fmt.Errorf("search: embed query: %w", err)
	}
	terms := Tokenize(query)

	l.mu.RLock()
	defer l.mu.RUnlock()
	if len(qv) != l.dim && l.dim != 0 {
		return nil, fmt.Errorf("search: embedder %s returned a %d-dimensional query vector, want %d", l.emb.Name(), len(qv), l.dim)
	}
	depth := max(4*k, 50)
	vecTop, err := l.vectorTop(ctx, qv, kind, depth)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	lexScores := l.lex.search(terms, kind)
	defer lexScores.release()
	lexTop := lexScores.top(depth)
	fused := fuse(vecTop, lexTop)
	if asksQuantity(query) {
		fused = fuse(vecTop, lexTop, l.statingNumbers(fused))
	}

	var first []scored
	if len(o.Speakers) > 0 && kind != kindParagraph {
		first, err = l.bySpeakers(ctx, o.Speakers, qv, lexScores)
		if err != nil {
			return nil, fmt.Errorf("search: %w", err)
		}
		for _, s := range first {
			delete(fused, s.id)
		}
	}
	rest := topScored(fused, k)

	hits := make([]Hit, 0, min(k, len(first)+len(rest)))
	for _, s := range slices.Concat(first, rest) {
		if len(hits) == k {
			break
		}
		c := l.chunks[s.id]
		if c == nil {
			continue // cannot happen: indexes and chunks change together
		}
		h := Hit{Kind: c.kind.String(), Source: c.source.ID, Span: c.span, Text: c.text(), Score: s.score}
		if c.quote != nil {
			q := *c.quote
			h.Quote = &q
		}
		hits = append(hits, h)
	}
	return hits, nil
}

// fuse combines rankings (each best first) by reciprocal rank fusion.
func fuse(rankings ...[]scored) map[string]float64 {
	out := map[string]float64{}
	for _, r := range rankings {
		for i, s := range r {
			out[s.id] += 1.0 / float64(rrfK+i+1)
		}
	}
	return out
}

// quantityCues are phrases of questions that ask for a number.
var quantityCues = []string{"how many", "how much", "how large", "how big", "how often", "how long",
	"what percentage", "what percent", "what share", "what number", "number of", "amount of"}

// asksQuantity reports whether a question asks for a number.
func asksQuantity(q string) bool {
	q = strings.ToLower(strings.Join(strings.Fields(q), " "))
	for _, c := range quantityCues {
		if strings.Contains(q, c) {
			return true
		}
	}
	return false
}

// numberWords are words that state a quantity without digits.
var numberWords = map[string]bool{"hundred": true, "thousand": true, "million": true, "billion": true,
	"trillion": true, "dozen": true, "percent": true, "half": true, "third": true, "quarter": true}

// statesNumber reports whether a text, whose terms (from [Tokenize]) are
// given, states a quantity.
func statesNumber(text string, terms []string) bool {
	if strings.ContainsAny(text, "0123456789") {
		return true
	}
	for _, t := range terms {
		if numberWords[t] {
			return true
		}
	}
	return false
}

// statingNumbers ranks the fused candidates that state a quantity, in
// fused order. For a question asking for a number it is a third ranking
// to fuse: without it, "How many users does Messenger have?" favours
// paragraphs that say much about users and Messenger but give no number.
func (l *Library) statingNumbers(fused map[string]float64) []scored {
	var out []scored
	for _, s := range topScored(fused, len(fused)) {
		if c := l.chunks[s.id]; c != nil && c.numeric {
			out = append(out, s)
		}
	}
	return out
}

// bySpeakers returns every quote attributed to one of names, ranked among
// themselves by fusing their BM25 scores and their similarity to qv, with
// speakerTier added to each score.
func (l *Library) bySpeakers(ctx context.Context, names []string, qv []float32, lexScores *lexScores) ([]scored, error) {
	seen := map[string]bool{}
	var vecRank, lexRank []scored
	for _, n := range names {
		for _, c := range l.bySpeaker[strings.ToLower(strings.TrimSpace(n))] {
			if seen[c.id] {
				continue
			}
			seen[c.id] = true
			v, err := l.chunkVector(ctx, c)
			if err != nil {
				return nil, err
			}
			vecRank = append(vecRank, scored{c.id, float64(Dot(qv, v))})
			if s, ok := lexScores.score(c.id); ok {
				lexRank = append(lexRank, scored{c.id, s})
			}
		}
	}
	slices.SortFunc(vecRank, byScoreThenID)
	slices.SortFunc(lexRank, byScoreThenID)
	out := topScored(fuse(vecRank, lexRank), len(vecRank))
	for i := range out {
		out[i].score += speakerTier
	}
	return out, nil
}
