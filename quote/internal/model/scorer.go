package model

import (
	"regexp"
	"strings"
)

// Article is one line of a gold attribution file: the text, and each
// quotation's byte offsets and speaker mention. The text is only read,
// never written anywhere.
type Article struct {
	Text   string `json:"text"`
	Quotes []struct {
		StartByte      int    `json:"start_byte"`
		EndByte        int    `json:"end_byte"`
		SpeakerMention string `json:"speaker_mention"`
	} `json:"quotes"`
}

// The words of a speaker, read as the attribution scorer
// (../shared/tools/score-attribution) reads them.
var (
	capWord = regexp.MustCompile(`[A-Z][\p{L}\p{N}_'’.-]+`)
	anyWord = regexp.MustCompile(`[A-Za-z][\p{L}\p{N}_'’.-]*`)
	possRe  = regexp.MustCompile(`['’]s$`)
	stop    = map[string]bool{"the": true, "he": true, "she": true, "they": true, "it": true, "his": true, "her": true, "their": true, "its": true, "we": true, "i": true, "you": true, "a": true, "an": true, "this": true, "that": true, "who": true, "mr": true, "mrs": true, "ms": true, "dr": true, "sen": true, "rep": true, "gov": true, "president": true}
)

// tok normalizes a word as the attribution scorer does.
func tok(w string) string {
	return strings.Trim(possRe.ReplaceAllString(strings.ToLower(w), ""), ".’'-")
}

// Names returns the name tokens of a speaker mention: its capitalized
// words, less pronouns and titles, as the attribution scorer reads them.
func Names(s string) map[string]bool {
	return words(capWord, s, true)
}

// Tokens returns every word token of a given speaker, as the scorer reads
// them.
func Tokens(s string) map[string]bool {
	return words(anyWord, s, false)
}

func words(re *regexp.Regexp, s string, dropStop bool) map[string]bool {
	out := map[string]bool{}
	for _, w := range re.FindAllString(s, -1) {
		if t := tok(w); !(dropStop && stop[t]) && len(t) > 1 {
			out[t] = true
		}
	}
	return out
}
