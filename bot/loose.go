package bot

import (
	"strings"
	"unicode"

	"github.com/privacybot/privacybot/corpus"
	"github.com/privacybot/privacybot/quote"
	"github.com/privacybot/privacybot/retrieval"
)

// looselyCovered answers, with the closest evidence, a fact question
// some of whose ordinary words no source holds ("What do users think of
// the plan?" over articles that never write "plan"; "What is the company
// doing to stop it happening again?") when the rest of it is well
// covered: the held words, the speaker it names, the group it asks about.
// It stays silent when the words no source holds outnumber what the
// sources cover, or when one of them is written as a name (a capital
// inside the question, an acronym): a person or matter the sources do not
// cover.
func (e *Engine) looselyCovered(b *builder, hits []retrieval.Hit) {
	p := b.p
	if len(p.unknown) > 0 {
		return
	}
	st := b.snap.statistics()
	var held, missing []string
	for _, t := range p.topic {
		if vagueWords[t] {
			continue
		}
		if st.has(t) || relatedHeld(st, t) {
			held = append(held, t)
		} else {
			missing = append(missing, t)
		}
	}
	if writtenAsName(p.asked, missing) {
		return
	}
	anchors := len(held)
	if len(p.entities) > 0 {
		anchors++
	}
	if anchors == 0 || len(missing) > anchors {
		return
	}
	group := map[string]bool{}
	for _, w := range words(p.subject) {
		group[stem(w)] = true
	}
	entityTerms := map[string]bool{}
	for _, en := range p.entities {
		for _, w := range words(en) {
			if !stopwords[w] {
				entityTerms[stem(w)] = true
			}
		}
	}
	if len(p.entities) > 0 {
		// What a named speaker itself said comes closest to what it
		// does or thinks.
		var qs []quote.Quote
		for _, name := range p.entities {
			q, _, _ := speakerQuotes(b.snap, name)
			qs = append(qs, q...)
		}
		qs = rankQuotes(st, qs, hits, held)
		b.addQuotes(groupQuotes(qs[:min(len(qs), maxFactQuotes)], nil))
	}
	var best []scored
	n := 0
	b.passageSentences(hits, len(hits), map[string]bool{}, func(h retrieval.Hit) bool {
		n++
		return len(entityTerms) == 0 || anyIn(entityTerms, termSet(h.Text))
	}, func(src *corpus.Source, sp [2]int, text string) bool {
		have := termSet(text)
		if !holdsTerms(have, held) {
			return true
		}
		score := -0.01 * float64(n)
		if len(entityTerms) > 0 && anyIn(entityTerms, have) {
			score += 0.1
		}
		if len(group) > 0 && leadsWith(text, group) {
			// "Users would be reluctant…" tells what users think;
			// "…connect with a billion users" does not.
			score += 0.5
		}
		best = append(best, scored{sentenceEvidence(src, sp), score})
		return true
	})
	b.addBest(best, maxClosest)
	if !b.ans.Abstained() {
		b.ans.Lead = PartialLead
	}
}

// vagueWords are stems of words that name no matter of their own
// ("happen", "again", "next"): a question's vague word no source holds
// says nothing about whether the sources cover it.
var vagueWords = toSet(`happen again next now still yet soon ever really currently go going thing stuff way`)

// writtenAsName reports whether the question writes one of the stemmed
// terms with a capital letter other than at its start: a name.
func writtenAsName(q string, terms []string) bool {
	if len(terms) == 0 {
		return false
	}
	want := map[string]bool{}
	for _, t := range terms {
		want[t] = true
	}
	for i, f := range strings.Fields(q) {
		ws := words(f)
		if len(ws) != 1 || !want[stem(ws[0])] {
			continue
		}
		r := []rune(strings.TrimLeft(f, "\"'“‘(«"))
		if len(r) > 0 && unicode.IsUpper(r[0]) && (i > 0 || looksLikeName(f) || isAllCapsShort(f)) {
			return true
		}
	}
	return false
}

// holdsTerms reports whether have holds every term, or a near form of it.
func holdsTerms(have map[string]bool, terms []string) bool {
	for _, t := range terms {
		if have[t] || relatedIn(t, have) {
			continue
		}
		ok := false
		for u := range have {
			if nearStem(u, t) {
				ok = true
				break
			}
		}
		if !ok {
			return false
		}
	}
	return true
}

func anyIn(terms, have map[string]bool) bool {
	for t := range terms {
		if have[t] {
			return true
		}
	}
	return false
}

// leadsWith reports whether one of the sentence's first three words is a
// term of the set: the sentence is about them.
func leadsWith(text string, terms map[string]bool) bool {
	ws := words(text)
	for i := 0; i < len(ws) && i < 3; i++ {
		if terms[stem(ws[i])] {
			return true
		}
	}
	return false
}
