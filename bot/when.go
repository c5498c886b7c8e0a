package bot

import (
	"context"
	"regexp"
	"slices"
	"sort"

	"github.com/privacybot/privacybot/corpus"
	"github.com/privacybot/privacybot/retrieval"
)

// "When" questions ("When did …?", "What time did …?", "When did he say
// it?"): the sentences that best answer the question, those giving a
// date or a time first, each read against its article's date.

// whenAnswer answers "When did …?": the sentences that best answer the
// question, those giving a time first, with the time read against the
// article's date.
func (e *Engine) whenAnswer(ctx context.Context, b *builder) error {
	hits, err := search(ctx, b.snap, b.p)
	if err != nil {
		return err
	}
	// "What time did …", "When was …": the words asking when are not
	// what the answer is about, and the noun of "what time" is no focus.
	wp := *b.p
	wp.topic = slices.DeleteFunc(slices.Clone(wp.topic), func(t string) bool { return whenWords[t] })
	if whenWords[wp.focus] {
		wp.focus = ""
	}
	wb := *b
	wb.p = &wp
	cands, _ := e.rankEvidence(&wb, hits)
	cands = append(cands, e.datedCandidates(&wb, hits)...)
	st := b.snap.statistics()
	// The names count here: "When did Wells Fargo launch its chatbot?" is
	// answered by a sentence naming Wells Fargo.
	var topic []string
	for _, t := range contentTerms(b.p.query) {
		if !whenWords[t] {
			topic = append(topic, t) // "What time did …": not the word time
		}
	}
	var events []event
	seen := map[string]bool{}
	for _, c := range cands {
		// A date is only worth giving for the event asked about: the
		// sentence itself must hold most of the question.
		if seen[c.key] {
			continue
		}
		// The paragraph around may name what the sentence calls "the
		// program", but the sentence itself must hold half the question.
		own := coverage(st, topic, wp.focus, withAcronyms(termSet(c.ev.Text), c.ev.Text))
		if src, err := b.snap.corpus.Get(c.ev.Source); err == nil && own >= minWhenCoverage/2 && own < minWhenCoverage {
			// "The program, which was created in 1990, …": its name is
			// in the paragraph around, or the article's title.
			ctx := nameContext(src, paragraphOf(src, c.ev.Start, c.ev.End))
			for t := range withAcronyms(termSet(c.ev.Text), c.ev.Text) {
				ctx[t] = true
			}
			own = (own + coverage(st, topic, wp.focus, ctx)) / 2
		}
		if own < minWhenCoverage {
			continue
		}
		seen[c.key] = true
		src, err := b.snap.corpus.Get(c.ev.Source)
		if err != nil {
			continue
		}
		s := bodySentence{src: src, span: [2]int{c.ev.Start, c.ev.End}, text: c.ev.Text, terms: termSet(c.ev.Text)}
		ev, ok := dateSentence(s)
		ev.score = c.score
		if ok {
			ev.score += 0.2 + precision(ev.all, b.p.asked)
		} else if ev.w.at, ok = articleDate(src); ok {
			// No time in the sentence: the article's own date bounds it.
			ev.w.phrase, ev.w.gran = "", byDay
			ev.key = ev.w.at
		}
		events = append(events, ev)
	}
	events = append(events, saidEvents(b, hits, seen)...)
	sort.SliceStable(events, func(i, j int) bool { return events[i].score > events[j].score })
	if len(events) > maxEvidence {
		events = events[:maxEvidence]
	}
	if len(events) == 0 {
		return nil // extractive abstains
	}
	var dated []event
	for _, ev := range events {
		b.ans.Evidence = append(b.ans.Evidence, Evidence{Text: ev.s.text, Citation: Citation{Source: ev.s.src.ID, Start: ev.s.span[0], End: ev.s.span[1]}})
		b.cite(ev.s.src.ID)
		if ev.w.phrase != "" || !ev.w.at.IsZero() {
			dated = append(dated, ev)
		}
	}
	if len(dated) == 0 {
		b.ans.Lead = "The sources give no date for it; here is what they say."
		return nil
	}
	b.ans.Lead = "The sources date it: " + describeEvents(dated) + "."
	return nil
}

// saidEvents answers "When did he say it?": the dated sentences that
// carry a quotation, retrieved for the question, of the speakers it names
// (or a follow-up's pronoun stands for). The quotation is the event, so
// no other word of the question need be in the sentence.
func saidEvents(b *builder, hits []retrieval.Hit, seen map[string]bool) []event {
	if !saidRe.MatchString(b.p.asked) || len(b.p.entities) == 0 {
		return nil
	}
	var out []event
	n := 0
	for _, h := range hits {
		if h.Quote == nil || h.Score < 1 { // 1 is added to the requested speakers' quotations
			continue
		}
		n++
		src, err := b.snap.corpus.Get(h.Source)
		if err != nil {
			continue
		}
		para := paragraphOf(src, h.Quote.Start, h.Quote.End)
		for _, sp := range sentenceSpans(src.Text, para.Start, para.End) {
			text := src.Text[sp[0]:sp[1]]
			if sp[1] <= h.Quote.Start || sp[0] > h.Quote.Start || seen[foldQuote(text)] {
				continue
			}
			s := bodySentence{src: src, span: sp, text: text, terms: termSet(text)}
			if ev, ok := dateSentence(s); ok {
				seen[foldQuote(text)] = true
				ev.score = 1 - 0.05*float64(n) + precision(ev.all, b.p.asked)
				out = append(out, ev)
			}
		}
	}
	return out
}

// whenArticles is how many of the articles a "when" question retrieves
// are read whole for the sentences that date what it asks about.
const whenArticles = 5

// datedCandidates scores, as evidence for a "when" question, the sentences
// giving a date or a time in the paragraphs of the first articles
// retrieved that no retrieved passage covers: the search finds the story,
// and the date is often in a sentence of it the search ranks low ("…the
// second debate, Oct. 9 in St. Louis").
func (e *Engine) datedCandidates(b *builder, hits []retrieval.Hit) []candidate {
	topic := b.p.topic
	if len(topic) == 0 {
		return nil
	}
	var names [][]string
	if b.p.kind != KindQuote {
		names = questionNames(b.p)
	}
	retrieved := map[[2]any]bool{}
	var srcs []*corpus.Source
	for _, h := range hits {
		if h.Quote != nil {
			continue
		}
		retrieved[[2]any{h.Source, h.Start}] = true
		if len(srcs) < whenArticles && !slices.ContainsFunc(srcs, func(s *corpus.Source) bool { return s.ID == h.Source }) {
			if src, err := b.snap.corpus.Get(h.Source); err == nil {
				srcs = append(srcs, src)
			}
		}
	}
	var out []candidate
	for _, src := range srcs {
		for _, para := range src.Paragraphs {
			if retrieved[[2]any{src.ID, para.Start}] || !timeExprRe.MatchString(src.Text[para.Start:para.End]) {
				continue
			}
			for _, c := range e.sentenceCandidates(b, src, para, len(hits)/2, topic, nil, names, false) {
				if timeExprRe.MatchString(c.ev.Text) {
					out = append(out, c)
				}
			}
		}
	}
	return out
}

// clockRe matches a time of day; calendarRe a date or a year written out.
var (
	clockRe    = regexp.MustCompile(`(?i)\d{1,2}(:\d{2})?\s*(a\.m|p\.m|am\b|pm\b)|\d{1,2}:\d{2}`)
	calendarRe = regexp.MustCompile(`(?i)\b` + monthPat + `\.?\s+\d{1,2}\b|\b(19|20)\d{2}\b|\b\d{1,2}(st|nd|rd|th)?\s+` + monthPat + `\b`)
	// askClockRe asks for a time of day; askYearRe for a year.
	askClockRe = regexp.MustCompile(`(?i)\bwhat time\b|\bat what (time|hour)\b|\bwhat hour\b`)
	askYearRe  = regexp.MustCompile(`(?i)\b(what|which) year\b|\bwhen was .* (created|founded|established|set up|started|launched|introduced|passed|enacted)\b`)
)

// precision is how much better than "today" or "last week" the times of
// a sentence answer a "when" question: a date or a year written out
// answers it best, and a time of day best of all when the question asks
// what time.
func precision(ws []when, asked string) float64 {
	best := 0.0
	for _, w := range ws {
		p := 0.0
		switch {
		case clockRe.MatchString(w.phrase):
			p = 0.15
			if askClockRe.MatchString(asked) {
				p = 0.4
			}
		case calendarRe.MatchString(w.phrase):
			p = 0.15
		}
		best = max(best, p)
	}
	return best
}
