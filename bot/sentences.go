package bot

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// abbreviations end with a period that does not end a sentence.
var abbreviations = toSet(`mr mrs ms dr prof sen rep gov gen st jr sr inc co corp ltd u.s u.k e.g i.e vs no jan feb mar apr aug sept sep oct nov dec`)

// sentenceSpans splits text[start:end] into sentences and returns their byte
// spans, trimmed of surrounding space. It is not quote's splitter, which
// works with extraction's quotation spans (never ending a sentence inside
// one) and has its own abbreviations: on the attribution articles the two
// split 7% of the paragraphs differently. A sentence ends at '.', '?' or '!'
// (followed by any closing quotes) when the next word starts a new sentence,
// and at every line break.
func sentenceSpans(text string, start, end int) [][2]int {
	var out [][2]int
	emit := func(a, b int) {
		for a < b && isSpaceByte(text[a]) {
			a++
		}
		for b > a && isSpaceByte(text[b-1]) {
			b--
		}
		if b > a {
			out = append(out, [2]int{a, b})
		}
	}
	s := start
	for i := start; i < end; {
		r, n := utf8.DecodeRuneInString(text[i:end])
		if r == '\n' {
			emit(s, i)
			s = i + n
			i += n
			continue
		}
		if r != '.' && r != '?' && r != '!' {
			i += n
			continue
		}
		j := i + n
		for j < end {
			c, m := utf8.DecodeRuneInString(text[j:end])
			if c == '"' || c == '”' || c == '’' || c == '\'' || c == ')' {
				j += m
				continue
			}
			break
		}
		if j >= end {
			break
		}
		if !unicode.IsSpace(rune(text[j])) {
			i = j
			continue
		}
		k := j
		for k < end && isSpaceByte(text[k]) {
			k++
		}
		if k >= end {
			break
		}
		next, _ := utf8.DecodeRuneInString(text[k:end])
		if r == '.' && (isAbbreviation(text[s:i]) || !(unicode.IsUpper(next) || unicode.IsDigit(next) || strings.ContainsRune("\"“‘'(", next))) {
			i = j
			continue
		}
		emit(s, j)
		s = j
		i = j
	}
	emit(s, end)
	return out
}

func isAbbreviation(before string) bool {
	k := strings.LastIndexFunc(before, func(r rune) bool { return unicode.IsSpace(r) || r == '(' })
	w := strings.ToLower(before[k+1:])
	if w == "" {
		return false
	}
	if abbreviations[w] {
		return true
	}
	// Single initials such as "J." in "J. Smith".
	return utf8.RuneCountInString(w) == 1
}

func isSpaceByte(b byte) bool { return b == ' ' || b == '\t' || b == '\n' || b == '\r' }

// EndsInAbbreviation reports whether before, the text up to a period, ends
// in an abbreviation ("Mr", "Inc", "U.S") or a single initial, so that the
// period does not end a sentence. bot/llm splits the model's prose with it.
func EndsInAbbreviation(before string) bool { return isAbbreviation(before) }
