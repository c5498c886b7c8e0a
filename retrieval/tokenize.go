package retrieval

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/privacybot/privacybot/internal/chars"
)

// stopwords are dropped by [Tokenize]. The list is small on purpose: words
// such as "us" (the country), "not" and "no" carry meaning in privacy news.
var stopwords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`a an the and or of to in on for with at by from
		is are was were be been being am it its this that these those as but if
		so than then there here into about over do does did doing has have had
		having i you he she we they me him her them my your his their our what
		which who whom whose how when where why will would can could should
		may might must shall also just very more most many much such any some
		s t`) {
		stopwords[w] = true
	}
}

// Tokenize splits text into search terms: runs of Unicode letters and
// digits, lowercased. Curly apostrophes are folded to straight ones, a
// possessive 's is stripped and other apostrophes removed ("don't" →
// "dont"), dotted acronyms are joined ("U.S." → "us"), decimal numbers stay
// whole ("1.3"), stopwords are dropped and plurals lightly stemmed ("banks"
// → "bank", "companies" → "company"). The result depends only on text.
func Tokenize(text string) []string {
	var out []string
	var b strings.Builder
	i := 0
	for i < len(text) {
		r, n := utf8.DecodeRuneInString(text[i:])
		if !chars.IsWordRune(r) {
			i += n
			continue
		}
		b.Reset()
		i = scanWord(text, i, &b)
		if t := normalizeTerm(b.String()); t != "" {
			out = append(out, t)
		}
	}
	return out
}

func isApostrophe(r rune) bool { return r == '\'' || r == '’' || r == '‘' || r == 'ʼ' }

// scanWord reads one word starting at text[i] into b (lowercased, with
// apostrophes folded to ') and returns the offset after it.
func scanWord(text string, i int, b *strings.Builder) int {
	start := i
	for i < len(text) {
		r, n := utf8.DecodeRuneInString(text[i:])
		switch {
		case chars.IsWordRune(r):
			b.WriteRune(unicode.ToLower(r))
			i += n
			continue
		case isApostrophe(r) || r == '.' || r == ',':
			// Keep the joiner only when a word rune follows it.
			nr, _ := utf8.DecodeRuneInString(text[i+n:])
			if i+n >= len(text) || !chars.IsWordRune(nr) {
				return acronymTail(text, start, i)
			}
			prev, _ := utf8.DecodeLastRuneInString(text[:i])
			switch {
			case isApostrophe(r):
				b.WriteByte('\'')
			case unicode.IsDigit(prev) && unicode.IsDigit(nr):
				if r == '.' {
					b.WriteByte('.')
				} // a thousands comma is dropped: 100,000 → 100000
			case r == '.' && isAcronymStep(text, start, i):
				// U.S.A: skip the dot, keep the letters together.
			default:
				return i
			}
			i += n
		default:
			return acronymTail(text, start, i)
		}
	}
	return i
}

// isAcronymStep reports whether the dot at text[i] follows a single letter
// that starts text[start:] or follows another such dot, as in "U.S".
func isAcronymStep(text string, start, i int) bool {
	for j := start; j < i; {
		r, n := utf8.DecodeRuneInString(text[j:])
		if !unicode.IsLetter(r) {
			return false
		}
		j += n
		if j == i {
			return true
		}
		if text[j] != '.' {
			return false
		}
		j++
	}
	return false
}

// acronymTail returns the end of a word, consuming the final dot of an
// acronym ("U.S.") so it is not read as punctuation.
func acronymTail(text string, start, i int) int {
	if i < len(text) && text[i] == '.' && strings.Contains(text[start:i], ".") {
		return i + 1
	}
	return i
}

// normalizeTerm strips possessives and apostrophes, drops stopwords and
// stems plurals.
func normalizeTerm(t string) string {
	t = strings.TrimSuffix(t, "'s")
	t = strings.Trim(t, "'")
	if strings.Contains(t, "'") {
		t = strings.ReplaceAll(t, "'", "")
	}
	if t == "" || stopwords[t] {
		return ""
	}
	return stemPlural(t)
}

// stemPlural removes a plural ending from words longer than three letters.
func stemPlural(t string) string {
	if len(t) <= 3 || !isLetters(t) {
		return t
	}
	switch {
	case strings.HasSuffix(t, "ies") && len(t) > 4:
		return t[:len(t)-3] + "y"
	case strings.HasSuffix(t, "sses"), strings.HasSuffix(t, "shes"), strings.HasSuffix(t, "ches"), strings.HasSuffix(t, "xes"):
		return t[:len(t)-2]
	case strings.HasSuffix(t, "ss"), strings.HasSuffix(t, "us"), strings.HasSuffix(t, "is"):
		return t
	case strings.HasSuffix(t, "s"):
		return t[:len(t)-1]
	}
	return t
}

func isLetters(t string) bool {
	for _, r := range t {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return true
}
