package llm

import (
	"regexp"
	"strings"
)

// shownQuoteRe finds spans of 25+ characters shown in double quotation
// marks the way ../shared/tools/score-eval does.
var shownQuoteRe = regexp.MustCompile("[\"\u201c]([^\"\u201c\u201d]{25,})[\"\u201d]")

var evalFolder = strings.NewReplacer("\u201c", "\"", "\u201d", "\"", "\u2018", "'", "\u2019", "'", "\u2014", "-", "\u2013", "-")

// evalNorm folds text as score-eval does: marks, dashes, case, spacing
// and edge punctuation.
func evalNorm(s string) string {
	s = strings.ToLower(foldSpace(evalFolder.Replace(s)))
	return strings.Trim(s, " .,;:\"'")
}

// finalCheck re-reads the assembled summary as a reader (and score-eval)
// would and returns the first quotation in it that is not verbatim in some
// excerpt, or "" when there is none. It is the last line of defence: any
// hit means the verifier has a bug, and the caller falls back.
func finalCheck(text string, set excerptSet) string {
	var folded, evalFolded []string
	for _, e := range set.items {
		folded = append(folded, foldQuoteText(e.text))
		evalFolded = append(evalFolded, evalNorm(e.text))
	}
	in := func(q string) bool {
		for _, f := range folded {
			if quoteIn(q, f) {
				return true
			}
		}
		return false
	}
	for _, p := range splitParagraphs(text) {
		qs, broken := findQuotations(p)
		if broken >= 0 {
			return p[broken:]
		}
		for _, q := range qs {
			if !in(q.inner(p)) {
				return q.inner(p)
			}
		}
	}
	for _, m := range shownQuoteRe.FindAllStringSubmatch(text, -1) {
		n := evalNorm(m[1])
		found := false
		for _, f := range evalFolded {
			if strings.Contains(f, n) {
				found = true
				break
			}
		}
		if !found {
			return m[1]
		}
	}
	return ""
}
