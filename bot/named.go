package bot

import (
	"regexp"
	"strings"

	"github.com/privacybot/privacybot/corpus"
	"github.com/privacybot/privacybot/quote"
)

// A fact question that names someone ("How much did Wells Fargo's stock
// rise?") asks about them: a sentence on someone else's stock does not
// answer it, however well it covers the other words. Evidence for such a
// question must name each of them: in the sentence itself, in its
// article's title (the article is about them), or, when the sentence
// speaks of someone as "it", "they", "the bank" or "The program …", in its
// paragraph or the one before, where that gets its name. Otherwise the
// answer comes from the closest evidence that does, or abstains.

// questionNames returns the names a question names, each as the stems of
// its words: the speakers it names (by any word of their name) and the
// other names the sources print but never quote.
func questionNames(p *plan) [][]string {
	var out [][]string
	add := func(name string) {
		var g []string
		for _, w := range words(name) {
			if !stopwords[w] && len(w) >= 2 {
				g = append(g, stem(w))
			}
		}
		if len(g) > 0 {
			out = append(out, g)
		}
	}
	asked := map[string]bool{}
	for _, w := range words(p.asked) {
		asked[stem(w)] = true
	}
	for _, en := range p.entities {
		// A name the question writes; not one a follow-up's "he" or
		// "the bank" was taken to stand for, which may be mistaken.
		for _, w := range words(en) {
			if !stopwords[w] && asked[stem(w)] {
				add(en)
				break
			}
		}
	}
	return append(out, strangerNames(p)...)
}

// namesHeld reports whether the term set holds a word of every name.
func namesHeld(names [][]string, have map[string]bool) bool {
	for _, g := range names {
		found := false
		for _, w := range g {
			if have[w] {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// nameContext returns the terms that name what a paragraph is about: its
// own, the previous paragraph's and the article title's, with the
// acronyms of the names they spell out ("Wall Street Journal", WSJ).
func nameContext(src *corpus.Source, para corpus.Span) map[string]bool {
	ts := contextTerms(src, para)
	withAcronyms(ts, src.Text[para.Start:para.End])
	for t := range termSet(src.Title) {
		ts[t] = true
	}
	return withAcronyms(ts, src.Title)
}

// paragraphOf returns the paragraph of src holding byte offset at, or a
// span of just [at, end) when none does.
func paragraphOf(src *corpus.Source, at, end int) corpus.Span {
	if i := src.ParagraphAt(at); i >= 0 {
		return src.Paragraphs[i]
	}
	return corpus.Span{Start: at, End: end}
}

// anaphorRe finds the words by which a sentence speaks of someone named
// before it or around it: pronouns ("it", "we", "you" in a quotation),
// "the bank", "the two", or a sentence opening with
// "The …" or "This …".
var anaphorRe = regexp.MustCompile(`(?i)\b(he|she|it|its|they|them|their|his|her|him|both|i|me|my|we|us|our|you|your|(the|that|this|these|those) (two|three|four|company|companies|bank|banks|firm|firms|lender|business|organi[sz]ation|agency|regulator|watchdog|group|app|platform|network|service|program|programme|plan|scheme|hospital|insurer|government|spokes\w+|executive|official|officials|person|man|woman|people|developers?|retailer|university|city|state|court|department))\b|^\W*(The|This|These|Those|That|Such)\b`)

// namesEvidence reports whether an evidence sentence of src, at [start,
// end), names every name of the question, itself or through its context.
func namesEvidence(names [][]string, src *corpus.Source, start, end int) bool {
	if len(names) == 0 {
		return true
	}
	return namesSentence(names, src, src.Text[start:end], nameContext(src, paragraphOf(src, start, end)))
}

// namesSentence reports whether the sentence text of src names every name
// of the question, given the terms of its paragraph's context (from
// nameContext).
func namesSentence(names [][]string, src *corpus.Source, text string, context map[string]bool) bool {
	if len(names) == 0 {
		return true
	}
	have := withAcronyms(termSet(text), text)
	for t := range withAcronyms(termSet(src.Title), src.Title) {
		have[t] = true
	}
	if namesHeld(names, have) {
		return true
	}
	return anaphorRe.MatchString(strings.TrimSpace(text)) && namesHeld(names, context)
}

// quoteNames reports whether a quotation names every name of the
// question: in its speaker or organization, its words, or the context of
// the sentence it stands in.
func quoteNames(cor *corpus.Corpus, names [][]string, q *quote.Quote) bool {
	if len(names) == 0 {
		return true
	}
	if namesHeld(names, termSet(q.Speaker+" "+q.Organization)) {
		return true
	}
	src, err := cor.Get(q.Source)
	if err != nil {
		return false
	}
	return namesEvidence(names, src, q.Start, q.End)
}
