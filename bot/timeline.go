package bot

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/privacybot/privacybot/corpus"
	"github.com/privacybot/privacybot/retrieval"
)

// Timelines and "when" questions: the sentences that carry a date or a
// time ("on Monday", "a year ago", "in August 2017"), each read against
// its article's date, cited, earliest first.

const (
	// maxTimelineEvents is the most dated sentences a timeline shows.
	maxTimelineEvents = 8
	// minWhenCoverage is the share of a "when" question's weight a
	// sentence must hold to be dated as its answer.
	minWhenCoverage = 0.6
)

// publishedRe asks when the articles themselves came out.
var publishedRe = regexp.MustCompile(`(?i)\b(articles?|stor(y|ies)|pieces?|sources?)\b.*\b(published|posted|written|dated|came out|come out)\b|\b(publication|article|story) dates?\b|\b(article|story|piece|report)s? (is |was |are |were )?from\b|\bdates? of (the|these|each|every) (articles?|stor(y|ies)|sources?)`)

// whenWords ask when, and are not what is asked about.
var whenWords = toSet(`time date day year month week hour happen when whens since long ago`)

// alternativesRe splits "X or Y" and "X versus Y".
var alternativesRe = regexp.MustCompile(`(?i)\s+(?:or|vs\.?|versus)\s+`)

// firstRe asks only for the first (or last) event.
var firstRe = regexp.MustCompile(`(?i)\b(first|earliest|began|begin|start(ed)?)\b`)

// event is one dated sentence.
type event struct {
	s bodySentence
	// w is the time the event is placed at; all are the sentence's times.
	w   when
	all []when
	// key orders events: the resolved time, or an estimate for a relative
	// time in an undated article.
	key       time.Time
	estimated bool
	score     float64
}

// timelineAnswer answers a timeline or "when" question.
func (e *Engine) timelineAnswer(ctx context.Context, b *builder) error {
	topic := overviewTopic(b.snap.statistics(), b.p.query)
	if publishedRe.MatchString(b.p.asked) {
		return e.publishedAnswer(ctx, b, topic)
	}
	if whenRe.MatchString(b.p.asked) && len(topic) > 0 {
		// "When did this happen?" names nothing: the whole timeline.
		return e.whenAnswer(ctx, b)
	}
	srcs, lead, err := overviewArticles(ctx, b, topic, topicLabel(b.p.query, topic))
	if err != nil {
		return err
	}
	if parts := alternativesRe.Split(b.p.asked, -1); len(parts) > 1 {
		// "Which happened first, the fine or the settlement?": each
		// alternative is a topic of its own.
		seen := map[*corpus.Source]bool{}
		for _, src := range srcs {
			seen[src] = true
		}
		for _, part := range parts {
			pt := overviewTopic(b.snap.statistics(), part)
			if len(pt) == 0 {
				continue
			}
			got, _, err := overviewArticles(ctx, b, pt, topicLabel(part, pt))
			if err != nil {
				return err
			}
			for _, src := range got {
				if !seen[src] {
					seen[src] = true
					srcs = append(srcs, src)
				}
			}
		}
	}
	if len(srcs) == 0 {
		b.ans.Lead = lead
		if label := topicLabel(b.p.query, topic); label != "" {
			b.ans.Lead = fmt.Sprintf("The sources don't say anything about %s.", label)
		}
		return nil
	}
	st := b.snap.statistics()
	var events []event
	for _, src := range srcs {
		var lede *bodySentence
		found := false
		for _, s := range bodySentences(src) {
			cov := 0.0
			if len(topic) > 0 {
				// An article on the topic tells other things too: only
				// what happened on the topic belongs in its timeline.
				cov = coverage(st, topic, "", contextTerms(src, corpus.Span{Start: s.span[0], End: s.span[1]}))
				if cov < minCoverage {
					continue
				}
			}
			if lede == nil {
				lede = &s
			}
			ev, ok := dateSentence(s)
			if !ok {
				continue
			}
			ev.score = 1/float64(1+s.pos) + cov
			events = append(events, ev)
			found = true
		}
		// An article that dates nothing itself still has its own date:
		// its first sentence on the topic happened by then.
		if t, ok := articleDate(src); ok && !found && lede != nil {
			events = append(events, event{s: *lede, w: when{at: t, gran: byDay}, key: t, score: 0.5})
		}
	}
	events = orderEvents(pickEvents(events, maxTimelineEvents), srcs)
	if len(events) == 0 {
		b.ans.Lead = "The sources on this give no dates or times."
		for _, src := range srcs {
			b.cite(src.ID)
		}
		return nil
	}
	for _, ev := range events {
		b.ans.Evidence = append(b.ans.Evidence, Evidence{Text: ev.s.text, Citation: Citation{Source: ev.s.src.ID, Start: ev.s.span[0], End: ev.s.span[1]}})
		b.cite(ev.s.src.ID)
	}
	if firstRe.MatchString(b.p.asked) {
		b.ans.Lead = "The earliest the sources date is " + describeEvent(events[0]) + ". In order:"
		if len(events) > 1 {
			b.ans.Lead = "The earliest the sources date is " + describeEvent(events[0]) + "; then " + describeEvents(events[1:]) + "."
		}
		return nil
	}
	b.ans.Lead = "Earliest first: " + describeEvents(events) + "."
	if undatedOnly(events) {
		b.ans.Lead += " The articles are undated, so times such as “last week” are placed only roughly."
	}
	return nil
}

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

// dateSentence reads the first time expression of a sentence against its
// article's date.
func dateSentence(s bodySentence) (event, bool) {
	ref, hasRef := articleDate(s.src)
	ws := timesIn(s.text, ref, hasRef)
	if len(ws) == 0 {
		return event{s: s}, false
	}
	// "said on Friday that an attack last month …": the earliest time is
	// usually the event, the latest the report of it.
	w := ws[0]
	for _, x := range ws[1:] {
		switch {
		case !x.at.IsZero() && (w.at.IsZero() || x.at.Before(w.at)):
			w = x
		case x.at.IsZero() && w.at.IsZero() && x.offset < w.offset:
			w = x
		}
	}
	return event{s: s, w: w, key: w.at, all: ws}, true
}

// pickEvents keeps the n best-scored events, one of each near-duplicate.
func pickEvents(events []event, n int) []event {
	sort.SliceStable(events, func(i, j int) bool { return events[i].score > events[j].score })
	var out []event
	for _, ev := range events {
		dup := false
		for _, o := range out {
			if jaccard(o.s.terms, ev.s.terms) >= dupJaccard {
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, ev)
		}
		if len(out) == n {
			break
		}
	}
	return out
}

// orderEvents sorts events by time. A relative time in an undated article
// is placed against the date of the most similar dated article of others
// (or else the latest time the events name), so "a year ago" still comes
// before "last week".
func orderEvents(events []event, others []*corpus.Source) []event {
	var latest time.Time
	dated := map[*corpus.Source]time.Time{}
	for _, src := range others {
		if t, ok := articleDate(src); ok {
			dated[src] = t
			if t.After(latest) {
				latest = t
			}
		}
	}
	if latest.IsZero() {
		for _, ev := range events {
			if ev.key.After(latest) {
				latest = ev.key
			}
		}
	}
	if latest.IsZero() {
		latest = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	refs := map[*corpus.Source]time.Time{}
	for i := range events {
		if events[i].key.IsZero() {
			src := events[i].s.src
			ref, ok := refs[src]
			if !ok {
				ref = closestDate(src, dated, latest)
				refs[src] = ref
			}
			events[i].key = ref.AddDate(0, 0, events[i].w.offset)
			events[i].estimated = true
		}
	}
	sort.SliceStable(events, func(i, j int) bool {
		if !events[i].key.Equal(events[j].key) {
			return events[i].key.Before(events[j].key)
		}
		return events[i].s.pos < events[j].s.pos
	})
	return events
}

// undatedOnly reports whether no event's article has a date while some
// event's time is relative.
func undatedOnly(events []event) bool {
	rel := false
	for _, ev := range events {
		if _, ok := articleDate(ev.s.src); ok {
			return false
		}
		rel = rel || ev.w.relative
	}
	return rel
}

// closestDate is the date to read an undated article's relative times
// against: that of the dated article most like it in words (the same story
// reported elsewhere), or else fallback.
func closestDate(src *corpus.Source, dated map[*corpus.Source]time.Time, fallback time.Time) time.Time {
	best, bestSim := fallback, 0.1
	terms := termSet(src.Text)
	for d, t := range dated {
		if sim := jaccard(terms, termSet(d.Text)); sim > bestSim || sim == bestSim && t.Before(best) {
			best, bestSim = t, sim
		}
	}
	return best
}

// describeEvent says when an event was, in the source's words and, where
// the article's date allows, as a date: “a year ago” (about August 2017)
// [004].
func describeEvent(ev event) string {
	if ev.w.phrase == "" {
		return "no later than " + formatWhen(ev.w.at, byDay) + ", the date of " + Cite(Citation{Source: ev.s.src.ID})
	}
	ws := ev.all
	if len(ws) == 0 {
		ws = []when{ev.w}
	}
	var parts []string
	undated := false
	for _, w := range ws {
		p := "“" + w.phrase + "”"
		switch {
		case !w.at.IsZero() && w.relative:
			d := formatWhen(w.at, w.gran)
			if w.gran > byDay || w.offset < -60 {
				d = "about " + d
			}
			p += " (" + d + ")"
		case w.relative:
			undated = true
		}
		parts = append(parts, p)
	}
	out := strings.Join(parts, ", ")
	if undated {
		out += " (the article is undated)"
	}
	return out + " " + Cite(Citation{Source: ev.s.src.ID})
}

// describeEvents joins the descriptions of events with semicolons, each
// once.
func describeEvents(events []event) string {
	var ds []string
	for _, ev := range events {
		if d := describeEvent(ev); !slices.Contains(ds, d) {
			ds = append(ds, d)
		}
	}
	return strings.Join(ds, "; ")
}

// publishedAnswer gives the dates of the articles on the topic (all
// articles, newest first, with none), as their headers or bylines give
// them.
func (e *Engine) publishedAnswer(ctx context.Context, b *builder, topic []string) error {
	srcs, lead, err := overviewArticles(ctx, b, topic, topicLabel(b.p.query, topic))
	if err != nil {
		return err
	}
	if len(srcs) == 0 {
		b.ans.Lead = lead
		return nil
	}
	var dated []string
	undated := 0
	for _, src := range srcs {
		if t, ok := articleDate(src); ok {
			dated = append(dated, fmt.Sprintf("%s %s", Cite(Citation{Source: src.ID}), t.Format("Monday, January 2, 2006")))
			b.cite(src.ID)
		} else {
			undated++
		}
	}
	switch {
	case len(dated) == 0:
		b.ans.Lead = "The articles carry no date."
		for _, src := range srcs {
			b.cite(src.ID)
		}
	case undated > 0:
		b.ans.Lead = fmt.Sprintf("Dated: %s. %s carry no date.", strings.Join(dated, "; "), plural(undated, "other article"))
	default:
		b.ans.Lead = fmt.Sprintf("Dated: %s.", strings.Join(dated, "; "))
	}
	return nil
}
