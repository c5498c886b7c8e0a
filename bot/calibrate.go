package bot

import (
	"github.com/privacybot/privacybot/corpus"
	"github.com/privacybot/privacybot/retrieval"
)

// fullCoverage is the share of a question's topic weight the best
// sentence or quotation of an answer must hold for the answer to be given
// as a full one; below it, the answer says it may not answer fully.
const fullCoverage = 0.6

// PartialLead is the lead of an answer whose evidence bears on the
// question without settling all of it.
const PartialLead = "The sources may not answer this fully; here is the closest evidence."

// calibrate says so in the lead when the evidence of a fact answer covers
// only part of what the question asks: between a clear answer and a clear
// abstention, the closest evidence, marked as such.
func (e *Engine) calibrate(b *builder) {
	p := b.p
	if p.kind == KindQuote && len(p.entities) > 0 && !p.compare {
		e.calibrateQuotes(b)
		return
	}
	if b.ans.Abstained() || p.kind != KindFact || p.silence || p.yesNo || len(p.topic) == 0 {
		return
	}
	st := b.snap.statistics()
	best := 0.0
	for _, ev := range b.ans.Evidence {
		// A sentence answers with its own words while the question's
		// other words sit around it ("The texting service boasts 1.3
		// billion users" after a paragraph on Messenger).
		text := ev.Text
		if src, err := b.snap.corpus.Get(ev.Source); err == nil {
			if i := src.ParagraphAt(ev.Start); i >= 0 {
				lo := src.Paragraphs[max(0, i-1)].Start
				text = src.Text[lo:src.Paragraphs[i].End]
			}
		}
		best = max(best, softCoverage(st, p.topic, text, false))
	}
	for _, q := range b.ans.Quotes() {
		best = max(best, softCoverage(st, p.topic, q.Text, false))
	}
	if best < fullCoverage {
		b.ans.Lead = PartialLead
	}
}

// calibrateQuotes says so when a speaker is quoted but nothing of it, nor
// any sentence about them, bears on the topic the question names ("Has X
// said anything about the Supreme Court?").
func (e *Engine) calibrateQuotes(b *builder) {
	p := b.p
	if len(p.topic) == 0 || len(b.ans.Quotes()) == 0 || len(b.ans.Evidence) > 0 || (p.yesNo && !spokeAboutRe.MatchString(p.asked)) {
		return
	}
	st := b.snap.statistics()
	for _, q := range b.ans.Quotes() {
		if softCoverage(st, p.topic, q.Text, false) >= minCoverage {
			return
		}
	}
	b.ans.Lead += " None of it is clearly about what you asked; it may not answer the question."
}

const (
	// closestHits is how many retrieved passages the closest evidence is
	// looked for in.
	closestHits = 10
	// closestTerms and closestWeight are the shares of the topic's words,
	// by count and by IDF weight, a sentence must hold to be shown as the
	// closest evidence.
	closestTerms  = 0.5
	closestWeight = 0.25
	// maxClosest is the most sentences shown as the closest evidence.
	maxClosest = 2
)

// closestEvidence answers a fact question that nothing answers in full
// with the sentences that come closest, and says they may not answer it:
// never a flat "the sources don't say" when relevant sentences exist. A
// question with a word no source holds still abstains.
func (e *Engine) closestEvidence(b *builder, hits []retrieval.Hit) {
	p := b.p
	if !b.ans.Abstained() || p.kind != KindFact || p.silence {
		return
	}
	st := b.snap.statistics()
	for _, t := range p.topic {
		if !st.has(t) {
			e.looselyCovered(b, hits)
			return
		}
	}
	if len(p.topic) < 2 {
		return
	}
	var best []scored
	names := questionNames(p)
	b.passageSentences(hits, closestHits, map[string]bool{}, nil, func(src *corpus.Source, sp [2]int, text string) bool {
		have := termSet(text)
		got := 0
		for _, t := range p.topic {
			for u := range have {
				if u == t || nearStem(u, t) {
					got++
					break
				}
			}
		}
		w := softCoverage(st, p.topic, text, false)
		if float64(got) < closestTerms*float64(len(p.topic)) || w < closestWeight || !namesEvidence(names, src, sp[0], sp[1]) {
			return true
		}
		best = append(best, scored{sentenceEvidence(src, sp), w})
		return true
	})
	b.addBest(best, maxClosest)
	if len(b.ans.Evidence) > 0 {
		b.ans.Lead = PartialLead
	}
}
