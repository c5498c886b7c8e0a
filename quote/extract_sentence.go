package quote

import "unicode"

// sentenceTokens tokenizes s with one placeholder token (Text "\x00") for
// each quote; qpos[k] is the placeholder index of the sentence's k-th quote.
func (x *extractor) sentenceTokens(s sentence, qs []qspan) ([]token, []int) {
	var toks []token
	var qpos []int
	at := s.Start
	for _, qi := range s.Quotes {
		q := qs[qi]
		toks = append(toks, tokenize(x.text, at, q.Open)...)
		qpos = append(qpos, len(toks))
		toks = append(toks, token{Text: "\x00", Start: q.Open, End: q.Close, Punct: true})
		at = q.Close
	}
	toks = append(toks, tokenize(x.text, at, s.End)...)
	toks, qpos = dropHeader(toks, qpos)
	return dropPartyParens(toks, qpos)
}

// dropHeader removes an all-capitals lead-in ending in a dash, "CONGRESS
// HAS INVESTIGATED HIM —": a section heading, not the sentence's subject.
func dropHeader(toks []token, qpos []int) ([]token, []int) {
	n := 0
	for n < len(toks) && !toks[n].Punct && allCaps(toks[n].Text) {
		n++
	}
	if n < 2 || n >= len(toks) || (toks[n].Text != "—" && toks[n].Text != "–") {
		return toks, qpos
	}
	n++
	for i := range qpos {
		qpos[i] -= n
	}
	return toks[n:], qpos
}

// allCaps reports whether w has letters and no lower-case ones.
func allCaps(w string) bool {
	return capsLetters(w) > 0
}

// capsLetters counts the letters of s, or returns -1 when one is in
// lower case.
func capsLetters(s string) int {
	letters := 0
	for _, r := range s {
		if unicode.IsLower(r) {
			return -1
		}
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters
}

// dropPartyParens removes a party-and-state tag after a name, "(D-Newport
// News)", "(R-Ky.)", so the name meets its appositive's commas; qpos is
// shifted to match.
func dropPartyParens(toks []token, qpos []int) ([]token, []int) {
	out := toks[:0:0]
	removed := 0
	qi := 0
	for i := 0; i < len(toks); i++ {
		for qi < len(qpos) && qpos[qi] == i {
			qpos[qi] -= removed
			qi++
		}
		if toks[i].Text == "(" && i+1 < len(toks) && partyTag(toks[i+1].Text) {
			e := i + 1
			for e < len(toks) && e < i+6 && toks[e].Text != ")" && toks[e].Text != "\x00" {
				e++
			}
			if e < len(toks) && toks[e].Text == ")" {
				removed += e - i + 1
				i = e
				continue
			}
		}
		out = append(out, toks[i])
	}
	return out, qpos
}

// partyTag reports whether w opens a party-and-state tag: "D-Mass.", "R-Ky".
func partyTag(w string) bool {
	return len(w) >= 3 && (w[0] == 'D' || w[0] == 'R' || w[0] == 'I') && w[1] == '-' && isUpperRune(firstRune(w[2:]))
}
