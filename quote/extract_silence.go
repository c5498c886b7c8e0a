package quote

import (
	"regexp"
	"strings"

	"github.com/privacybot/privacybot/internal/chars"
)

// silenceRe finds a non-answer: "declined to comment", "did not respond to a
// request for comment", "decline to address", "could not be reached".
var silenceRe = regexp.MustCompile(`(?i)\b(?:(?:declined|declines|decline|refused|refuses|refuse)\s+(?:to\s+)?(?:comment|respond|reply|answer|address|elaborate|discuss|confirm|say|speak|provide)\w*|(?:did\s+not|didn't|didn’t|does\s+not|doesn't|doesn’t|has\s+not|hasn't|hasn’t|have\s+not|haven't|haven’t|had\s+not|hadn't|could\s+not|couldn't|couldn’t|would\s+not|wouldn't|wouldn’t)\s+(?:immediately\s+)?(?:respond|return|reply|answer|comment)\w*(?:\s+to\s+(?:a|an|the|our|multiple|several|repeated)?\s*(?:requests?|messages?|calls?|emails?|inquiries|inquiry|queries|query)(?:\s+(?:for|seeking)\s+comment)?|\s+(?:a|an|the|our|multiple|several|repeated)?\s*(?:requests?|messages?|calls?|emails?)(?:\s+(?:for|seeking)\s+comment)?)?|(?:was|were|could)\s+not\s+(?:be\s+)?(?:immediately\s+)?(?:reached|available)\s+for\s+comment)`)

// maySilence reports whether text holds the words every match of
// silenceRe needs, a cheap test that spares most sentences the regular
// expression: "declin" or "refus", or a negation with "respond",
// "return", "repl", "answer" or "comment".
func maySilence(text string) bool {
	l := strings.ToLower(text)
	if strings.Contains(l, "declin") || strings.Contains(l, "refus") {
		return true
	}
	if !strings.Contains(l, "not") && !strings.Contains(l, "n't") && !strings.Contains(l, "n’t") {
		return false
	}
	for _, w := range [...]string{"respond", "return", "repl", "answer", "comment"} {
		if strings.Contains(l, w) {
			return true
		}
	}
	return false
}

// findSilences records each organization or person that a sentence says
// declined or failed to comment. A sentence naming several ("Citigroup and
// Wells Fargo refused to comment") yields one silence each.
func (x *extractor) findSilences(pi int, s sentence, toks []token, qs []qspan) {
	text := x.text[s.Start:s.End]
	if !maySilence(text) {
		return
	}
	locs := silenceRe.FindAllStringIndex(text, -1)
	for _, loc := range locs {
		at := s.Start + loc[0]
		inQuote := false
		for _, qi := range s.Quotes {
			if at >= qs[qi].Open && at < qs[qi].Close {
				inQuote = true
			}
		}
		if inQuote {
			continue
		}
		kind := strings.Join(strings.Fields(text[loc[0]:loc[1]]), " ")
		// The subject: tokens before the match, back to a clause boundary.
		v := 0
		for v < len(toks) && toks[v].Start < at {
			v++
		}
		lo := 0
		for i := v - 1; i >= 0; i-- {
			if toks[i].Text == "\x00" || toks[i].Text == ";" || toks[i].lower() == "but" || toks[i].lower() == "while" {
				lo = i + 1
				break
			}
		}
		for lo < v && (toks[lo].Punct || (stopCaps[toks[lo].lower()] && !isPronoun(toks[lo].lower()))) {
			lo++
		}
		var ws []who
		for _, part := range splitConj(toks[lo:v]) {
			np := backwardNP(append(part, token{Text: "said"}), len(part), 0)
			if m := x.parsePrepNP(part); !m.empty() {
				if w := x.resolve(m, ""); w.ok {
					ws = append(ws, w)
					continue
				}
			}
			if np == nil {
				np = forwardNP(part, 0, len(part))
			}
			if np == nil {
				continue
			}
			if w := x.resolve(x.parseNP(np), ""); w.ok {
				ws = append(ws, w)
			}
		}
		if len(ws) == 0 {
			ws = append(ws, who{})
		}
		start, end := s.Start, s.End
		for end > start && chars.IsSpace(x.text[end-1]) {
			end--
		}
		for _, w := range ws {
			x.silences = append(x.silences, Silence{
				Span: Span{Source: x.src.ID, Text: x.text[start:end], Start: start, End: end,
					Speaker: w.Name, Role: w.Role, Organization: w.Org},
				Kind: kind, Paragraph: pi,
			})
		}
		break
	}
}

// splitConj splits "Citigroup and Wells Fargo" (or "A, B and C") into its
// parts; a phrase without a top-level "and" comes back whole.
func splitConj(toks []token) [][]token {
	var parts [][]token
	cur := []token{}
	for i, t := range toks {
		if (t.lower() == "and" || t.Text == ",") && len(cur) > 0 && i+1 < len(toks) && nameish(toks[i+1]) && nameish(cur[len(cur)-1]) {
			parts = append(parts, cur)
			cur = []token{}
			continue
		}
		if t.lower() == "and" || t.Text == "," {
			cur = append(cur, t)
			continue
		}
		cur = append(cur, t)
	}
	if len(cur) > 0 {
		parts = append(parts, cur)
	}
	return parts
}
