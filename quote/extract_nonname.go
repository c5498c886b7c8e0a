package quote

import (
	"strings"
	"unicode"

	"github.com/privacybot/privacybot/quote/internal/gazetteer"
)

// nonName reports whether a candidate speaker names no person or
// organization, by what its words are rather than where they stand: a
// date, only month, weekday and relative-date words and numbers ("Dec.",
// "Last week", "Thursday", "Sept. 12"); a holiday or named day
// ("Christmas Day", "Thanksgiving", "Election Day"); a pronoun or a
// contraction ("He", "I'm", "Don't"). Such a candidate is never offered
// to the ranker. Known aliases stay names.
func (x *extractor) nonName(w who) bool {
	name := w.Name
	if name == "" {
		name = w.Org
	}
	if name == "" || x.al.Known(name) {
		return false
	}
	words := strings.Fields(name)
	if dateRun(words) || gazetteer.Holiday(name) {
		return true
	}
	first := words[0]
	return gazetteer.Pronoun(first) || contraction(first)
}

// dateRun reports whether words are only date words and numbers.
func dateRun(words []string) bool {
	for _, w := range words {
		w = strings.TrimRight(w, ",")
		if !gazetteer.DateWord(w) && !isNumber(strings.TrimRight(strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(w, "th"), "st"), "nd"), "rd"), ".")) {
			return false
		}
	}
	return len(words) > 0
}

// capsLabel reports whether words, all in capitals, read as a label
// rather than an acronym: more than one word with one a common word (one
// the article writes in lower case, or of five letters or more), or one
// common word of five letters or more ("WATCH", "UNDERSTANDING"); "CNN",
// "NASA" and "CNN ORC" are acronyms.
func (x *extractor) capsLabel(words []string) bool {
	common := false
	for _, w := range words {
		letters := 0
		for _, r := range w {
			if unicode.IsLower(r) {
				return false
			}
			if unicode.IsLetter(r) {
				letters++
			}
		}
		l := strings.ToLower(stripPoss(w))
		if letters >= 2 && (x.lowerWords[l] || strings.HasSuffix(l, "ing")) || len(words) > 1 && letters >= 5 {
			common = true
		}
	}
	return common
}

// contraction reports whether w is a word with a contracted verb or
// negation ("Don't", "We're", "I'll", "Can't"), never a name ("O'Brien",
// "D'Angelo" and a possessive are not contractions).
func contraction(w string) bool {
	l := strings.ToLower(strings.ReplaceAll(w, "’", "'"))
	i := strings.LastIndexByte(l, '\'')
	if i <= 0 {
		return false
	}
	switch l[i:] {
	case "'t", "'re", "'ll", "'ve", "'m", "'d":
		return true
	}
	return false
}

// placeOrLabel reports whether the speaker the ranker chose is a place
// where a person's name goes or alone as the organization ("Florida
// said"; a country may speak for its government, and a place may qualify
// a role: "the Vermont senator"), or a section label in capitals
// ("ANALYST'S VIEWPOINT", "READ MORE", "UNDERSTANDING"; see capsLabel),
// or a one-word organization alone that the article capitalizes only
// where a sentence starts ("Typically").
// The quotation then stays unattributed. It is checked on the ranker's
// choice, not on its candidates, so the ranker and its learned thresholds
// see the same candidates as without it: a place near a quotation is
// most often in the description of the true speaker ("the Vermont
// senator", "Idaho executive Frank VanderSloot"), and the ranker learns
// from it where the speaker's description stands.
func (x *extractor) placeOrLabel(w who) bool {
	name := w.Name
	if name == "" {
		name = w.Org
	}
	if name == "" || x.al.Known(name) {
		return false
	}
	if gazetteer.Place(name) && !gazetteer.Country(name) && (w.Name != "" || w.Role == "") {
		return true
	}
	words := strings.Fields(name)
	if w.Name == "" && w.Role == "" && len(words) == 1 {
		// A one-word organization, like a person's name (see notName),
		// is no name when the article capitalizes it only where a
		// sentence starts ("Typically"); a longer one may well start
		// with a common word ("Government Accountability Office").
		l := strings.ToLower(strings.TrimSuffix(stripPoss(words[0]), "."))
		if !titleWords[l] && !determiners[l] && !isAllCaps(words[0]) && x.commonOpener(l) {
			return true
		}
	}
	return x.capsLabel(words)
}
