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
