package bot

import (
	"sort"

	"github.com/privacybot/privacybot/corpus"
	"github.com/privacybot/privacybot/retrieval"
)

// scored is an evidence sentence with how well it answers the question.
type scored struct {
	ev    Evidence
	score float64
}

// sentenceEvidence is the evidence of the sentence of src at sp.
func sentenceEvidence(src *corpus.Source, sp [2]int) Evidence {
	return Evidence{Text: src.Text[sp[0]:sp[1]], Citation: Citation{Source: src.ID, Start: sp[0], End: sp[1]}}
}

// addBest adds up to max of the sentences, highest score first, citing
// each.
func (b *builder) addBest(best []scored, max int) {
	sort.SliceStable(best, func(i, j int) bool { return best[i].score > best[j].score })
	for i, c := range best {
		if i == max {
			break
		}
		b.ans.Evidence = append(b.ans.Evidence, c.ev)
		b.cite(c.ev.Source)
	}
}

// passageSentences calls fn with each sentence not yet in seen of the
// first limit passages among hits (quotations skipped), marking it seen,
// until fn returns false. When keep is not nil it is first called with
// each of those passages, in order, and a passage it returns false for is
// passed over, its sentences left unseen.
func (b *builder) passageSentences(hits []retrieval.Hit, limit int, seen map[string]bool, keep func(h retrieval.Hit) bool, fn func(src *corpus.Source, sp [2]int, text string) bool) {
	n := 0
	for _, h := range hits {
		if h.Quote != nil {
			continue
		}
		if n++; n > limit {
			return
		}
		if keep != nil && !keep(h) {
			continue
		}
		src, err := b.snap.corpus.Get(h.Source)
		if err != nil {
			continue
		}
		for _, sp := range sentenceSpans(src.Text, h.Start, h.End) {
			text := src.Text[sp[0]:sp[1]]
			if seen[foldQuote(text)] {
				continue
			}
			seen[foldQuote(text)] = true
			if !fn(src, sp, text) {
				return
			}
		}
	}
}
