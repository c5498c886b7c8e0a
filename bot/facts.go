package bot

import (
	"context"
	"regexp"
	"sort"
	"strings"
	"unicode"

	"github.com/privacybot/privacybot/retrieval"
)

const (
	// minCoverage is the share of a question's topic weight a sentence must
	// hold to be shown as evidence.
	minCoverage = 0.34
	// maxEvidence is the most supporting sentences shown.
	maxEvidence = 3
	// maxFactQuotes is the most quotations shown with a fact answer.
	maxFactQuotes = 3
)

// coverage is the share of the topic's IDF weight that the term set holds.
func coverage(st *corpusStats, topic []string, have map[string]bool) float64 {
	var got, all float64
	for _, t := range topic {
		if !st.has(t) {
			continue // a word no source holds cannot be covered; factAnswer weighs those
		}
		w := st.idf(t)
		all += w
		if have[t] {
			got += w
		}
	}
	if all == 0 {
		return 0
	}
	return got / all
}

// numberQuestionRe matches questions whose answer is a number.
var numberQuestionRe = regexp.MustCompile(`(?i)\bhow (many|much|big|large|long|often)\b|\bwhat (number|percentage|share|amount)\b`)

func hasDigit(s string) bool { return strings.IndexFunc(s, unicode.IsDigit) >= 0 }

type candidate struct {
	ev    Evidence
	key   string
	score float64
	order int
}

// factAnswer picks the sentences that best answer the question, plus any
// quotation that does, and abstains when nothing covers enough of it.
func (e *Engine) factAnswer(b *builder, hits []retrieval.Hit) {
	topic := b.p.topic
	if len(topic) == 0 {
		topic = contentTerms(b.p.query)
	}
	// A topic word that no source holds at all means the sources cannot
	// answer, unless it is rare noise next to several covered words.
	missing := 0
	for _, t := range topic {
		if !e.stats.has(t) {
			missing++
		}
	}
	if len(topic) == 0 || missing*2 >= len(topic) {
		return
	}
	entityTerms := map[string]bool{}
	for _, en := range b.p.entities {
		for _, w := range words(en) {
			entityTerms[stem(w)] = true
		}
	}
	corpus := e.lib.Corpus()
	wantsNumber := numberQuestionRe.MatchString(b.p.asked)
	var cands []candidate
	var quotes []retrieval.Quote
	for rank, h := range hits {
		if h.Quote != nil {
			if coverage(e.stats, topic, termSet(h.Quote.Text)) >= 0.6 && (!wantsNumber || hasDigit(h.Quote.Text)) && len(quotes) < maxFactQuotes {
				quotes = append(quotes, *h.Quote)
			}
			continue
		}
		src, err := corpus.Get(h.Source)
		if err != nil {
			continue
		}
		for _, sp := range sentenceSpans(src.Text, h.Start, h.End) {
			text := src.Text[sp[0]:sp[1]]
			ts := termSet(text)
			cov := coverage(e.stats, topic, ts)
			if cov < minCoverage {
				continue
			}
			score := cov - 0.01*float64(rank)
			if wantsNumber && hasDigit(text) {
				score += 0.6
			}
			if strings.ContainsAny(text, "\"“”") {
				score -= 0.05 // prefer the article's own words to a quotation
			}
			for t := range entityTerms {
				if ts[t] {
					score += 0.1
				}
			}
			cands = append(cands, candidate{
				ev:    Evidence{Text: text, Citation: Citation{Source: src.ID, Start: sp[0], End: sp[1]}},
				key:   foldQuote(text),
				score: score,
				order: len(cands),
			})
		}
	}
	sort.SliceStable(cands, func(i, j int) bool { return cands[i].score > cands[j].score })
	seen := map[string]bool{}
	for _, q := range quotes {
		for _, c := range cands {
			if strings.Contains(c.key, foldQuote(q.Text)) {
				seen[c.key] = true // the quotation is shown already
			}
		}
	}
	for _, c := range cands {
		if seen[c.key] || len(b.ans.Evidence) >= maxEvidence {
			continue
		}
		seen[c.key] = true
		b.ans.Evidence = append(b.ans.Evidence, c.ev)
		b.cite(c.ev.Source)
	}
	if len(quotes) > 0 {
		b.ans.Groups = groupQuotes(quotes, nil)
		for _, g := range b.ans.Groups {
			for _, q := range g.Quotes {
				for _, c := range q.Citations {
					b.cite(c.Source)
				}
			}
		}
	}
	if len(b.ans.Evidence) == 0 && len(b.ans.Groups) == 0 {
		return
	}
	b.ans.Lead = "Here is what the sources say."
}

// mentionEvidence cites up to n sentences that hold any of the terms,
// looking only in the passages a search for them returns.
func (e *Engine) mentionEvidence(ctx context.Context, b *builder, terms map[string]bool, n int) {
	var q []string
	for t := range terms {
		q = append(q, t)
	}
	sort.Strings(q)
	hits, err := e.lib.Search(ctx, retrieval.SearchOptions{Query: strings.Join(q, " "), K: 3 * n, Kind: "paragraph"})
	if err != nil {
		return
	}
	corpus := e.lib.Corpus()
	for _, h := range hits {
		src, err := corpus.Get(h.Source)
		if err != nil {
			continue
		}
		for _, sp := range sentenceSpans(src.Text, h.Start, h.End) {
			text := src.Text[sp[0]:sp[1]]
			ts := termSet(text)
			hit := false
			for t := range terms {
				if ts[t] {
					hit = true
				}
			}
			if !hit {
				continue
			}
			b.ans.Evidence = append(b.ans.Evidence, Evidence{Text: text, Citation: Citation{Source: src.ID, Start: sp[0], End: sp[1]}})
			b.cite(src.ID)
			if len(b.ans.Evidence) >= n {
				return
			}
			break
		}
	}
}
