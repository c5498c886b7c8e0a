package bot

import (
	"context"
	"fmt"
	"strings"

	"github.com/privacybot/privacybot/corpus"
	"github.com/privacybot/privacybot/quote"
	"github.com/privacybot/privacybot/retrieval"
)

// NoAnswer is the lead of an answer when the sources are silent.
const NoAnswer = "The sources don't say."

// extractive builds the answer from the sources' own words and returns the
// retrieved hits it drew on.
func (e *Engine) extractive(ctx context.Context, snap *snapshot, p *plan) (Answer, []retrieval.Hit, error) {
	b := e.newBuilder(snap, p)
	switch {
	case p.kind == KindSources:
		e.sourcesAnswer(b)
		return b.ans, nil, nil
	case p.kind == KindOutOfScope:
		b.ans.Lead = fmt.Sprintf("The sources don't say anything about %s.", joinNames(p.unknown))
		return b.ans, nil, nil
	case p.silence:
		e.silenceAnswer(b)
		return b.ans, nil, nil
	}
	if ok, err := e.aboutAnswer(ctx, b); err != nil {
		return Answer{}, nil, err
	} else if ok {
		// bot/about.go: a vague question about a name.
		if b.ans.Abstained() {
			b.ans.Kind = KindOutOfScope
			b.ans.Lead = NoAnswer
		}
		return b.ans, nil, nil
	}
	switch {
	case p.kind == KindSummary || p.kind == KindTimeline:
		// bot/overview.go; a model writes from the same sentences only.
		if err := e.overviewAnswer(ctx, b); err != nil {
			return Answer{}, nil, err
		}
		return b.ans, nil, nil
	}
	if p.subject != "" {
		absent, err := absentSubject(ctx, snap, p)
		if err != nil {
			return Answer{}, nil, err
		}
		if absent {
			b.ans.Kind = KindOutOfScope
			b.ans.Lead = fmt.Sprintf("The sources don't say anything about %s.", p.subject)
			return b.ans, nil, nil
		}
	}
	hits, err := search(ctx, snap, p)
	if err != nil {
		return Answer{}, nil, err
	}
	switch {
	case p.whoSaid:
		if !e.whoSaidAnswer(b, hits) {
			e.factAnswer(b, hits)
		}
	case p.kind == KindQuote && p.compare:
		e.compareAnswer(b, hits)
	case p.kind == KindQuote && len(p.entities) > 0:
		e.quoteAnswer(b, hits)
	case p.kind == KindQuote && len(p.strangers) > 0:
		e.strangerAnswer(ctx, b)
	default:
		e.factAnswer(b, hits)
	}
	if p.yesNo && !p.whoSaid && !p.compare && !spokeAboutRe.MatchString(p.asked) {
		e.settle(b, hits)
	}
	e.closestEvidence(b, hits)
	e.calibrate(b)
	if b.ans.Abstained() {
		b.ans.Kind = KindOutOfScope
		if b.ans.Lead == "" {
			b.ans.Lead = NoAnswer
		}
	}
	return b.ans, hits, nil
}

// search retrieves the passages and the quotations that bear on the
// question, passages first. Quotations by the speakers the question names
// rank first among the quotations.
func search(ctx context.Context, snap *snapshot, p *plan) ([]retrieval.Hit, error) {
	paras, err := snap.Search(ctx, retrieval.SearchOptions{Query: expandQuery(snap.statistics(), p.query), K: 20, Kind: retrieval.KindParagraph})
	if err != nil {
		return nil, fmt.Errorf("search passages: %w", err)
	}
	var speakers []string
	if !p.whoSaid {
		speakers = p.entities
		for _, name := range p.entities {
			if _, _, short := speakerQuotes(snap, name); short != "" {
				speakers = append(speakers, short)
			}
		}
	}
	quotes, err := snap.Search(ctx, retrieval.SearchOptions{Query: p.query, K: 10, Kind: retrieval.KindQuote, Speakers: speakers})
	if err != nil {
		return nil, fmt.Errorf("search quotations: %w", err)
	}
	return append(paras, quotes...), nil
}

// builder accumulates an answer and the sources it cites.
type builder struct {
	snap *snapshot
	p    *plan
	ans  Answer
	seen map[string]bool
}

func (e *Engine) newBuilder(snap *snapshot, p *plan) *builder {
	return &builder{snap: snap, p: p, ans: Answer{Kind: p.kind}, seen: map[string]bool{}}
}

// cite records that the answer cites the source id.
func (b *builder) cite(id string) {
	if b.seen[id] {
		return
	}
	b.seen[id] = true
	src, err := b.snap.corpus.Get(id)
	if err != nil {
		return
	}
	b.ans.Sources = append(b.ans.Sources, RefOf(src))
}

// RefOf describes a source for citation.
func RefOf(src *corpus.Source) SourceRef {
	return SourceRef{ID: src.ID, Title: src.Title, Outlet: src.Outlet, Date: src.Date, URL: src.URL}
}

func (e *Engine) sourcesAnswer(b *builder) {
	c := b.snap.corpus
	b.ans.Lead = fmt.Sprintf("privacybot answers from %d sources.", len(c.Sources))
	for _, s := range c.Sources {
		b.cite(s.ID)
	}
}

// silenceAnswer lists everyone who declined to comment.
func (e *Engine) silenceAnswer(b *builder) {
	sil := b.snap.ledger.Silences
	b.addQuotes(groupQuotes(nil, sil))
	if len(b.ans.Groups) == 0 {
		b.ans.Lead = "The sources don't record anyone declining to comment."
		return
	}
	b.ans.Lead = fmt.Sprintf("The sources say %s.", silenceSummary(sil))
}

// MaxAnswerQuotes is the most quotations one answer shows. Past it, the
// answer shows the most relevant and its lead gives the full count.
const MaxAnswerQuotes = 30

// quoteAnswer gives everything the named speakers said, most relevant first,
// up to MaxAnswerQuotes.
func (e *Engine) quoteAnswer(b *builder, hits []retrieval.Hit) {
	var qs []quote.Quote
	var ss []quote.Silence
	seenQ := map[[2]any]bool{}
	seenS := map[[2]any]bool{}
	for _, name := range b.p.entities {
		q, s, _ := speakerQuotes(b.snap, name)
		for _, x := range q {
			if k := [2]any{x.Source, x.Start}; !seenQ[k] {
				seenQ[k] = true
				qs = append(qs, x)
			}
		}
		for _, x := range s {
			if k := [2]any{x.Source, x.Start}; !seenS[k] {
				seenS[k] = true
				ss = append(ss, x)
			}
		}
	}
	if len(b.p.topic) > 0 || len(qs) > MaxAnswerQuotes {
		qs = rankQuotes(b.snap.statistics(), qs, hits, b.p.topic)
	}
	who := joinNames(b.p.entities)
	var shown string
	if len(qs) > MaxAnswerQuotes {
		// A large corpus quotes an organization hundreds of times: the
		// answer shows the most relevant and says how many there are.
		articles := map[string]bool{}
		for _, q := range qs {
			articles[q.Source] = true
		}
		shown = fmt.Sprintf("The sources quote %s %s, in %s; these are the %d most relevant.",
			who, plural(len(qs), "time"), plural(len(articles), "article"), MaxAnswerQuotes)
		qs = qs[:MaxAnswerQuotes]
	}
	b.addQuotes(groupQuotes(qs, ss))
	nq := 0
	quoting := map[string]bool{}
	for _, g := range b.ans.Groups {
		nq += len(g.Quotes)
		for _, q := range g.Quotes {
			for _, c := range q.Citations {
				quoting[c.Source] = true
			}
		}
	}
	switch {
	case shown != "":
		b.ans.Lead = shown
		if len(ss) > 0 {
			b.ans.Lead += fmt.Sprintf(" They also report that %s.", silenceSummary(ss))
		}
	case nq == 0 && len(ss) > 0:
		b.ans.Lead = fmt.Sprintf("The sources quote nothing from %s. They report that %s.", who, silenceSummary(ss))
	case nq == 0:
		b.ans.Lead = fmt.Sprintf("The sources quote nothing from %s.", who)
		b.ans.Groups = nil
	default:
		times := plural(nq, "time")
		switch nq {
		case 1:
			times = "once"
		case 2:
			times = "twice"
		}
		b.ans.Lead = fmt.Sprintf("The sources quote %s %s, in %s.", who, times, plural(len(quoting), "article"))
		if len(ss) > 0 {
			b.ans.Lead += fmt.Sprintf(" They also report that %s.", silenceSummary(ss))
		}
	}
	if len(b.p.topic) > 0 {
		// "Did Facebook deny the report?": what the articles say about the
		// speaker on that subject, beside the speaker's own words.
		cands, _ := e.rankEvidence(b, hits)
		st := b.snap.statistics()
		b.addEvidence(cands, 2, func(c candidate) bool {
			// A yes/no question may be settled by a sentence on its
			// subject that names it only as "he" or "the company".
			return c.mentions || b.p.yesNo && softCoverage(st, b.p.topic, c.ev.Text, false) >= settleCoverage-0.2
		})
	}
}

// strangerAnswer says that someone the sources mention was never quoted,
// and cites where they are mentioned.
func (e *Engine) strangerAnswer(ctx context.Context, b *builder) {
	b.ans.Lead = fmt.Sprintf("The sources mention %s but quote nothing from them.", joinNames(b.p.strangers))
	terms := map[string]bool{}
	for _, s := range b.p.strangers {
		terms[stem(strings.ToLower(s))] = true
	}
	e.mentionEvidence(ctx, b, terms, 3)
}

// whoSaidAnswer finds the quotes that match the words of a "who said …?"
// question. It reports false when none matches well enough.
func (e *Engine) whoSaidAnswer(b *builder, hits []retrieval.Hit) bool {
	var qs []quote.Quote
	for _, h := range hits {
		if h.Quote == nil || coverage(b.snap.statistics(), b.p.topic, b.p.focus, termSet(h.Quote.Text)) < 0.6 {
			continue
		}
		qs = append(qs, *h.Quote)
		if len(qs) == 3 {
			break
		}
	}
	if len(qs) == 0 {
		return false
	}
	b.addQuotes(groupQuotes(qs, nil))
	var names []string
	for _, g := range b.ans.Groups {
		names = append(names, g.Label)
	}
	b.ans.Lead = fmt.Sprintf("The sources attribute it to %s.", joinNames(names))
	return true
}

// silenceSummary says in one clause who gave no comment, such as
// "Citigroup and Wells Fargo declined to comment".
func silenceSummary(ss []quote.Silence) string {
	var clauses []string
	byClause := map[string][]string{}
	seen := map[string]bool{}
	for _, s := range ss {
		who := s.Organization
		if s.Speaker != "" {
			who = s.Speaker
		}
		c := silenceClause(s.Kind)
		if who == "" || seen[who+"|"+c] {
			continue
		}
		seen[who+"|"+c] = true
		if _, ok := byClause[c]; !ok {
			clauses = append(clauses, c)
		}
		byClause[c] = append(byClause[c], who)
	}
	var parts []string
	for _, c := range clauses {
		parts = append(parts, joinNames(byClause[c])+" "+c)
	}
	if len(parts) == 0 {
		return "they gave no comment"
	}
	return strings.Join(parts, "; ")
}

// silenceClause puts a silence, written however the article put it
// ("decline to address", "refused to comment"), in one plain phrase.
func silenceClause(kind string) string {
	k := strings.ToLower(kind)
	switch {
	case strings.Contains(k, "respond"), strings.Contains(k, "reach"), strings.Contains(k, "return"), strings.Contains(k, "reply"):
		return "did not respond"
	default:
		return "declined to comment"
	}
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// joinNames joins names as "A", "A and B" or "A, B and C".
func joinNames(names []string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}
