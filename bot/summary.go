package bot

import (
	"context"
	"fmt"
	"math"
	"sort"
	"strings"
	"time"

	"github.com/privacybot/privacybot/corpus"
)

// An extractive summary: the most central sentences of the articles on
// the question's topic (centroid centrality over IDF-weighted term sets),
// near-duplicates merged and cited together, ordered by importance then by
// date, within maxSummaryWords. With a model configured the engine's
// Composer writes it from these same sentences and verifies it.

const (
	// maxSummaryWords is about the longest an extractive summary's
	// sentences run; with the lead the answer stays within about 120 words.
	maxSummaryWords = 100
	// maxSummarySentences is the most sentences it shows.
	maxSummarySentences = 6
	// dupJaccard is the term overlap from which two sentences say the same.
	dupJaccard = 0.5
	// maxSummaryCandidates is how many of the best sentences are merged
	// and chosen from.
	maxSummaryCandidates = 60
	// redundantJaccard is the overlap from which a sentence adds too
	// little to one already chosen.
	redundantJaccard = 0.3
)

// summaryItem is one sentence of a summary with the near-duplicates merged
// into it: the same sentence in other articles adds to its weight, and the
// one shown is cited.
type summaryItem struct {
	s      bodySentence
	score  float64
	also   []bodySentence
	date   time.Time
	hasDay bool
}

// summaryAnswer answers a summary question.
func (e *Engine) summaryAnswer(ctx context.Context, b *builder) error {
	topic := overviewTopic(b.snap.statistics(), b.p.query)
	srcs, lead, err := overviewArticles(ctx, b, topic, topicLabel(b.p.query, topic))
	if err != nil {
		return err
	}
	if len(srcs) == 0 {
		b.ans.Lead = lead
		if label := topicLabel(b.p.query, topic); label != "" {
			b.ans.Lead = fmt.Sprintf("The sources don't say anything about %s.", label)
		}
		return nil
	}
	items := summarize(b.snap.statistics(), srcs, topic, quoteVerbRe.MatchString(b.p.query))
	articles := map[string]bool{}
	for _, it := range items {
		b.ans.Evidence = append(b.ans.Evidence, Evidence{Text: it.s.text, Citation: Citation{Source: it.s.src.ID, Start: it.s.span[0], End: it.s.span[1]}})
		b.cite(it.s.src.ID)
		articles[it.s.src.ID] = true
	}
	if len(items) == 0 {
		b.ans.Lead = NoAnswer
		return nil
	}
	about := ""
	if label := topicLabel(b.p.query, topic); label != "" {
		about = " on " + label
	}
	b.ans.Lead = fmt.Sprintf("In brief, from %s%s, most important first:", plural(len(articles), "article"), about)
	return nil
}

// summarize ranks the sentences of srcs by centrality and picks the
// summary.
//
// With reactions wanted ("how did the banks react?") the sentences that
// quote someone or report a refusal to comment weigh more, not less.
func summarize(st *statsSnapshot, srcs []*corpus.Source, topic []string, reactions bool) []summaryItem {
	var sents []bodySentence
	rank := map[string]int{}
	dates := map[string]time.Time{}
	dated := map[string]bool{}
	for i, src := range srcs {
		sents = append(sents, bodySentences(src)...)
		rank[src.ID] = i
		dates[src.ID], dated[src.ID] = articleDate(src)
	}
	if len(sents) == 0 {
		return nil
	}
	var members map[string]string
	if reactions {
		members = groupMembers(sents, topic)
	}
	idf := map[string]float64{}
	weight := func(t string) float64 {
		w, ok := idf[t]
		if !ok {
			w = 0
			if len(t) > 1 && !stopwords[t] && st.has(t) {
				w = st.idf(t)
			}
			idf[t] = w
		}
		return w
	}
	// The centroid: each term's IDF weight times the share of articles
	// using it, so that what several articles say counts most.
	perArticle := map[string]map[string]bool{}
	for _, s := range sents {
		m := perArticle[s.src.ID]
		if m == nil {
			m = map[string]bool{}
			perArticle[s.src.ID] = m
		}
		for t := range s.terms {
			m[t] = true
		}
	}
	df := map[string]int{}
	for _, m := range perArticle {
		for t := range m {
			df[t]++
		}
	}
	centroid := map[string]float64{}
	na := float64(len(perArticle))
	for t, n := range df {
		centroid[t] = weight(t) * (0.5 + float64(n)/na)
	}
	topicSet := map[string]bool{}
	for _, t := range topic {
		topicSet[t] = true
	}
	items := make([]summaryItem, 0, len(sents))
	for _, s := range sents {
		var dot, norm float64
		for t := range s.terms {
			w := weight(t)
			dot += w * centroid[t]
			norm += w * w
		}
		if norm == 0 {
			continue
		}
		score := dot / math.Sqrt(norm)
		if len(topic) > 0 {
			terms := s.terms
			if reactions {
				// "How did the banks react?": a sentence naming one
				// of the banks the articles list is about them.
				terms = withMembers(terms, members)
			}
			score *= 0.5 + coverage(st, topic, "", terms)
		}
		// Articles put what matters first, and the articles most on the
		// topic come first.
		score *= 1 + 0.3/float64(1+s.pos)
		if len(topic) > 0 {
			score /= 1 + 0.15*float64(rank[s.src.ID])
		}
		quoting := strings.ContainsAny(s.text, "\"“”") || silenceRe.MatchString(s.text)
		switch {
		case reactions && quoting:
			score *= 1.3
		case quoting:
			score *= 0.9 // the article's own words read better than a quotation
		}
		items = append(items, summaryItem{s: s, score: score, date: dates[s.src.ID], hasDay: dated[s.src.ID]})
	}
	sort.SliceStable(items, func(i, j int) bool { return items[i].score > items[j].score })
	// Only the best few can make the summary; merging compares pairs.
	if len(items) > maxSummaryCandidates {
		items = items[:maxSummaryCandidates]
	}
	// Near-duplicates, often the same wire copy in several articles, merge
	// into the best of them, which gains weight for each.
	var merged []summaryItem
	for _, it := range items {
		dup := false
		for k := range merged {
			if jaccard(merged[k].s.terms, it.s.terms) >= dupJaccard {
				if merged[k].s.src.ID != it.s.src.ID {
					merged[k].also = append(merged[k].also, it.s)
					merged[k].score += 0.25 * it.score
				}
				dup = true
				break
			}
		}
		if !dup {
			merged = append(merged, it)
		}
	}
	diversify(merged)
	sort.SliceStable(merged, func(i, j int) bool {
		a, c := merged[i], merged[j]
		if math.Abs(a.score-c.score) > 1e-9 {
			return a.score > c.score
		}
		return a.hasDay && (!c.hasDay || a.date.Before(c.date))
	})
	var out []summaryItem
	nwords := 0
	for _, it := range merged {
		if len(out) == maxSummarySentences {
			break
		}
		n := len(strings.Fields(it.s.text))
		if len(out) > 0 && nwords+n > maxSummaryWords {
			continue
		}
		redundant := false
		for _, o := range out {
			if jaccard(o.s.terms, it.s.terms) >= redundantJaccard {
				redundant = true
				break
			}
		}
		if redundant {
			continue
		}
		out = append(out, it)
		nwords += n
	}
	return out
}

// diversify lowers the score of each further sentence from one article, so
// that a summary of several articles draws on several, and re-sorts.
func diversify(items []summaryItem) {
	sort.SliceStable(items, func(i, j int) bool { return items[i].score > items[j].score })
	from := map[string]int{}
	for i := range items {
		id := items[i].s.src.ID
		items[i].score *= math.Pow(0.75, float64(from[id]))
		from[id]++
	}
}
