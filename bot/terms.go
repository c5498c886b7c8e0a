package bot

import (
	"strings"
	"unicode"
)

// stopwords are words that carry no topic on their own in a question.
var stopwords = toSet(`a about after all also am an and any are as at be been before being between both but by can could
did do does doing done during each either else even ever every for from further had has have having he her here hers herself
him himself his how i if in into is it its itself just me more most much my myself no nor not now of off on once only or other
our ours ourselves out over own same say said says saying she should so some such tell told than that the their theirs them
themselves then there these they this those through to too under until up very was we were what when where which while who
whom whose why will with would you your yours yourself yourselves let lets us please know anything something sources source
article articles reported according many`)

func toSet(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// words splits text into lowercase word tokens, folding curly apostrophes
// and dropping possessive 's. These are surface words for the engine's
// statistics, not retrieval.Tokenize's search terms: they keep dotted
// acronyms ("u.s") and inner apostrophes, and the classifier relies on it
// ("What did U.S. Bancorp say?" would read "us", a stopword).
func words(text string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '\'' || r == '’' || r == '.')
	}) {
		f = strings.ReplaceAll(f, "’", "'")
		f = strings.TrimSuffix(f, "'s")
		f = strings.Trim(f, "'.")
		if f != "" {
			out = append(out, f)
		}
	}
	return out
}

// stem reduces a word to a crude stem so that plural and simple verb forms
// meet: "banks" → "bank", "services" → "service", "wiped" → "wip".
func stem(w string) string {
	switch {
	case len(w) > 4 && (strings.HasSuffix(w, "ies") || strings.HasSuffix(w, "ied")):
		return w[:len(w)-3] + "y"
	case len(w) > 4 && strings.HasSuffix(w, "sses"):
		return w[:len(w)-2]
	case len(w) > 4 && (strings.HasSuffix(w, "xes") || strings.HasSuffix(w, "ches") || strings.HasSuffix(w, "shes")):
		return w[:len(w)-2]
	case len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "is"):
		return w[:len(w)-1]
	case len(w) > 5 && strings.HasSuffix(w, "ing"):
		return w[:len(w)-3]
	case eedPast[w]:
		return w[:len(w)-1] // "agreed" → "agree", as "agrees" gives
	case len(w) > 4 && strings.HasSuffix(w, "ed"):
		return w[:len(w)-2]
	}
	return w
}

// eedPast are past tenses whose verb ends in "ee", which stripping "ed"
// would cut short ("agreed" → "agre" while "agrees" → "agree").
var eedPast = toSet(`agreed disagreed guaranteed decreed freed refereed`)

// contentTerms returns the stemmed content words of text, without repeats.
func contentTerms(text string) []string {
	seen := map[string]bool{}
	var out []string
	for _, w := range words(text) {
		if stopwords[w] || len(w) < 2 {
			continue
		}
		s := stem(w)
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// termSet returns the stemmed words of text as a set.
func termSet(text string) map[string]bool {
	m := map[string]bool{}
	for _, w := range words(text) {
		m[stem(w)] = true
	}
	return m
}
