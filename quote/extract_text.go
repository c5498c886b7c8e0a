package quote

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/privacybot/privacybot/corpus"
	"github.com/privacybot/privacybot/internal/chars"
)

// token is a word or a punctuation mark of an article, with its byte offsets.
type token struct {
	Text       string
	Start, End int
	// Punct is set for punctuation tokens: , ; : ( ) — – and quote placeholders.
	Punct bool
	// low is lowerText(Text), set by tokenize; lower computes it for a
	// token made elsewhere.
	low string
}

// lower returns the token's text in lower case, curly apostrophes straightened.
func (t token) lower() string {
	if t.low != "" || t.Text == "" {
		return t.low
	}
	return lowerText(t.Text)
}

// lowerText is a token text in lower case, curly apostrophes straightened.
func lowerText(s string) string {
	return strings.ToLower(strings.ReplaceAll(s, "’", "'"))
}

// isCap reports whether the token starts with an upper-case letter or digit.
func (t token) isCap() bool {
	r, _ := utf8.DecodeRuneInString(t.Text)
	return !t.Punct && (unicode.IsUpper(r) || (unicode.IsDigit(r) && len(t.Text) > 1 && strings.ContainsAny(t.Text, "ABCDEFGHIJKLMNOPQRSTUVWXYZ")))
}

// tokenize splits text[start:end] into tokens. A word keeps a trailing period
// when it is an abbreviation or initial ("Mr.", "Inc.", "U.S.", "J.").
func tokenize(text string, start, end int) []token {
	var toks []token
	i := start
	for i < end {
		r, w := utf8.DecodeRuneInString(text[i:end])
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			j := i + w
			for j < end {
				r2, w2 := utf8.DecodeRuneInString(text[j:end])
				if unicode.IsLetter(r2) || unicode.IsDigit(r2) || mojibakeRune(r2) && j+w2 < end && !chars.IsSpace(text[j+w2]) {
					j += w2
					continue
				}
				if r2 == '.' || r2 == '\'' || r2 == '’' || r2 == '&' || r2 == '-' {
					if j+w2 < end {
						r3, _ := utf8.DecodeRuneInString(text[j+w2 : end])
						if unicode.IsLetter(r3) || unicode.IsDigit(r3) {
							j += w2
							continue
						}
					}
					if r2 == '.' && isAbbrev(text[i:j]) {
						j += w2
					}
				}
				break
			}
			toks = append(toks, token{Text: text[i:j], Start: i, End: j, low: lowerText(text[i:j])})
			i = j
		case r == ',' || r == ';' || r == ':' || r == '(' || r == ')' || r == '—' || r == '–' || r == '―':
			toks = append(toks, token{Text: text[i : i+w], Start: i, End: i + w, Punct: true, low: lowerText(text[i : i+w])})
			i += w
		case r == '-' && i+1 < end && text[i+1] == '-':
			toks = append(toks, token{Text: "—", Start: i, End: i + 2, Punct: true, low: "—"})
			i += 2
		default:
			i += w
		}
	}
	return toks
}

// abbrevs are words that end in a period without ending a sentence.
var abbrevs = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "sen": true, "rep": true,
	"gov": true, "gen": true, "lt": true, "col": true, "capt": true, "sgt": true, "st": true,
	"jr": true, "sr": true, "inc": true, "co": true, "corp": true, "ltd": true, "no": true,
	"rev": true, "vs": true, "mt": true, "ft": true, "u.s": true, "u.k": true, "d.c": true,
	"jan": true, "feb": true, "aug": true, "sept": true, "sep": true, "oct": true, "nov": true, "dec": true,
	"del": true, "adm": true, "maj": true, "cmdr": true, "hon": true, "amb": true, "dept": true, "univ": true, "assn": true,
	"e.g": true, "i.e": true, "a.m": true, "p.m": true, "etc": false, "est": true, "supt": true, "atty": true,
}

// isAbbrev reports whether word (without its final period) is an
// abbreviation or an initial.
func isAbbrev(word string) bool {
	l := strings.ToLower(word)
	if abbrevs[l] {
		return true
	}
	if utf8.RuneCountInString(word) == 1 {
		r, _ := utf8.DecodeRuneInString(word)
		return unicode.IsUpper(r)
	}
	// Dotted initials such as "U.S" or "J.P".
	if strings.Contains(word, ".") {
		for _, p := range strings.Split(word, ".") {
			if utf8.RuneCountInString(p) > 2 {
				return false
			}
		}
		return true
	}
	return false
}

// sentence is a sentence of a paragraph: [Start, End) and the indexes of the
// paragraph's quotes that lie in it.
type sentence struct {
	Start, End int
	Quotes     []int
}

// splitSentences splits the paragraph p into sentences, never inside a
// quotation: a quote that ends its own sentence ("… numbers.” Next) ends the
// sentence that holds it.
func splitSentences(text string, p corpus.Span, quotes []qspan) []sentence {
	var out []sentence
	cur := sentence{Start: p.Start}
	qi := 0
	flush := func(end int) {
		cur.End = end
		if strings.TrimSpace(text[cur.Start:cur.End]) != "" || len(cur.Quotes) > 0 {
			out = append(out, cur)
		}
		cur = sentence{Start: end}
		for cur.Start < p.End && spaceWidth(text, cur.Start, p.End) > 0 {
			cur.Start += spaceWidth(text, cur.Start, p.End)
		}
	}
	for i := p.Start; i < p.End; {
		if qi < len(quotes) && i >= quotes[qi].Open {
			q := quotes[qi]
			cur.Quotes = append(cur.Quotes, qi)
			qi++
			i = q.Close
			inner := strings.TrimRight(text[q.Start:q.End], "\"'’”) ")
			if strings.HasSuffix(inner, ".") || strings.HasSuffix(inner, "?") || strings.HasSuffix(inner, "!") {
				if startsSentence(text, i, p.End) && !attributionFollows(text, i, p.End, strings.HasSuffix(inner, ".")) {
					flush(i)
				}
			}
			continue
		}
		c := text[i]
		if c == '.' || c == '?' || c == '!' {
			j := i + 1
			for j < p.End && (text[j] == ')' || text[j] == '.' || text[j] == '?' || text[j] == '!') {
				j++
			}
			if (c != '.' || !endsInAbbrev(text, p.Start, i)) && startsSentence(text, j, p.End) {
				flush(j)
				i = j
				continue
			}
			i = j
			continue
		}
		i++
	}
	if cur.Start < p.End {
		flush(p.End)
	}
	return out
}

// startsSentence reports whether a new sentence may start after offset i:
// white space then an upper-case letter, digit or opening mark, or the end.
func startsSentence(text string, i, end int) bool {
	if i >= end {
		return true
	}
	if spaceWidth(text, i, end) == 0 {
		return false
	}
	for i < end && spaceWidth(text, i, end) > 0 {
		i += spaceWidth(text, i, end)
	}
	if i >= end {
		return true
	}
	r, _ := utf8.DecodeRuneInString(text[i:end])
	return unicode.IsUpper(r) || unicode.IsDigit(r) || r == '"' || r == '“' || r == '‘' || r == '\'' || r == '('
}

// endsInAbbrev reports whether the word before the period at text[dot] is an
// abbreviation or an initial.
func endsInAbbrev(text string, start, dot int) bool {
	j := dot
	for j > start {
		r, w := utf8.DecodeLastRuneInString(text[start:j])
		if !(unicode.IsLetter(r) || r == '.') {
			break
		}
		j -= w
	}
	w := text[j:dot]
	if w == "" {
		return false
	}
	return isAbbrev(w)
}

func isUpperRune(r rune) bool { return unicode.IsUpper(r) }

// attributionFollows reports whether the words after a quote that ends in
// a full stop attribute it ("“Does anybody know?” Graham asked."): a short
// stretch up to the next full stop or quotation mark with a speech verb.
// After a quote that ends in a full stop (stop set), the stretch must be a
// bare attribution that ends the sentence ("“…” Graham said."): a verb
// followed by a clause or another quotation ("“…” Russia insisted that
// Pyongyang “stop …”") starts a new sentence.
func attributionFollows(text string, i, end int, stop bool) bool {
	j := i
	for j < end && j-i < 160 {
		c := text[j]
		if n := nicknameLen(text, j, end); n > 0 {
			j += n // Marcia “Cia” Price
			continue
		}
		if c == '.' && !endsInAbbrev(text, i, j) || c == '!' || c == '?' || c == '"' || strings.HasPrefix(text[j:], "“") {
			break
		}
		j++
	}
	if stop && j < end && text[j] != '.' {
		return false
	}
	toks := tokenize(text, i, j)
	if len(toks) > 18 {
		return false
	}
	for k, t := range toks {
		if !t.Punct && !t.isCap() && speechVerbs[t.lower()] && !participles[t.lower()] {
			if stop && len(toks)-k > 5 {
				return false
			}
			return true
		}
	}
	return false
}

// spaceWidth returns the byte width of the white-space character at
// text[i] (a no-break space too), or 0.
func spaceWidth(text string, i, end int) int {
	if chars.IsSpace(text[i]) {
		return 1
	}
	if text[i] < utf8.RuneSelf {
		return 0
	}
	r, w := utf8.DecodeRuneInString(text[i:end])
	if unicode.IsSpace(r) {
		return w
	}
	return 0
}

// nicknameLen returns the length of a quoted nickname starting at text[j]
// (“Cia” in Marcia “Cia” Price: one capitalized word, a space on each
// side), or 0.
func nicknameLen(text string, j, end int) int {
	r, w := utf8.DecodeRuneInString(text[j:end])
	if r != '"' && r != '“' || j == 0 || text[j-1] != ' ' {
		return 0
	}
	k := j + w
	for k < end && k-j < 24 {
		r2, w2 := utf8.DecodeRuneInString(text[k:end])
		if r2 == '"' || r2 == '”' {
			body := text[j+w : k]
			if body != "" && isUpperRune(firstRune(body)) && k+w2 < end && text[k+w2] == ' ' {
				return k + w2 - j
			}
			return 0
		}
		if !unicode.IsLetter(r2) && r2 != '.' && r2 != '-' {
			return 0
		}
		k += w2
	}
	return 0
}

// mojibakeRune reports whether r, inside a word, is a stray of mis-decoded
// text ("FranÃ§ois" read twice over: combining marks, C1 controls, Latin-1
// signs) rather than punctuation, so the word stays whole.
func mojibakeRune(r rune) bool {
	if unicode.Is(unicode.Mn, r) {
		return true
	}
	return r >= 0x80 && r < 0xA0 || r > 0xA0 && r < 0xC0 && r != 0xAB && r != 0xBB && r != 0xB7 && r != 0xBF && r != 0xA1
}
