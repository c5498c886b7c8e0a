package quote

// Readings of a quotation's speaker that look past the nearest speech
// verb to the clause around it: unnamed people in the plural, a
// participle that goes on from another verb, and the main clause after a
// subordinate one.

import "strings"

// groupBefore returns the unnamed people in the plural who are the
// subject of the speech verb toks[v] (see unnamedGroup), or nil: the words
// right before the verb, past auxiliaries, that open a clause (after
// "what", "which", "as", a comma or the start of the words read).
func groupBefore(toks []token, v, lo int) []token {
	j := v - 1
	for j >= lo && !toks[j].Punct && auxWords[toks[j].lower()] {
		j--
	}
	s := j
	for s > lo && s > j-3 && !toks[s-1].Punct && !toks[s-1].isCap() && !auxWords[toks[s-1].lower()] && !stopCaps[toks[s-1].lower()] && !speechVerbs[toks[s-1].lower()] {
		s--
	}
	if j < lo || s > j || !unnamedGroup(toks[s:j+1]) {
		return nil
	}
	if s > lo {
		switch p := toks[s-1]; {
		case p.Punct && p.Text != "\x00":
		case p.lower() == "what" || p.lower() == "which" || p.lower() == "as" || p.lower() == "and" || p.lower() == "but":
		default:
			return nil
		}
	}
	return toks[s : j+1]
}

// unnamedGroup reports whether np, a speech verb's subject that names no
// one, is people in the plural the text leaves unnamed ("lawmakers",
// "several critics", "many people"): at most three lower-case words.
func unnamedGroup(np []token) bool {
	if len(np) == 0 || len(np) > 3 {
		return false
	}
	for _, t := range np {
		if t.Punct || t.isCap() || auxWords[t.lower()] {
			return false
		}
	}
	l := np[len(np)-1].lower()
	if isPronoun(l) || orgNouns[l] || docNouns[l] {
		return false
	}
	return l == "people" || len(l) > 3 && strings.HasSuffix(l, "s") && !strings.HasSuffix(l, "ss")
}

// chainedSubject reads the subject of a participle that goes on from a
// speech verb ("Nefzi said, adding, “…”", "said Nefzi, adding"): the
// speech verb's own subject, not the sentence's first name.
func (x *extractor) chainedSubject(toks []token, v, lo int) who {
	if v-1 >= lo && toks[v-1].lower() == "and" {
		// "with Trump tweeting that it was a “disaster” and asking,
		// “…”": the subject of the participle the "and" goes on from.
		for b := v - 2; b > 0 && b >= v-30; b-- {
			if t := toks[b]; participles[t.lower()] && !t.isCap() {
				if np := backwardNP(toks, b, 0); np != nil && np[len(np)-1].End == toks[b-1].End {
					if m := x.parseNP(np); m.Name != "" && m.Anaphor == "" {
						return x.resolve(m, t.lower())
					}
				}
				break
			}
		}
		return who{}
	}
	c := v - 1
	if c-1 < lo || toks[c].Text != "," {
		return who{}
	}
	// "said Nefzi, adding": the inverted subject ends at the comma.
	for b := c - 1; b >= lo && b >= c-5; b-- {
		t := toks[b]
		if t.Punct {
			break
		}
		if isVerb(t) && !participles[t.lower()] && invertingVerbs[t.lower()] {
			if np := forwardNP(toks, b+1, c); np != nil && b+1+len(np) == c {
				if m := x.parseNP(np); m.Name != "" || m.IsOrg {
					return x.resolve(m, t.lower())
				}
			}
			break
		}
	}
	// "Nefzi said, adding".
	if p := toks[c-1]; isVerb(p) && !participles[p.lower()] {
		if np := backwardNP(toks, c-1, lo); np != nil {
			if m := x.parseNP(np); m.Name != "" || m.IsOrg || m.Anaphor == "he" || m.Anaphor == "she" {
				return x.resolve(m, p.lower())
			}
		}
	}
	return who{}
}

// subordinators open a clause that comes before the main one ("After
// Brown criticized him, Hillary shot back").
var subordinators = setOf("after", "when", "while", "as", "before", "since", "although", "though", "if", "once", "because", "until", "whereas")

// afterSubordinate reads "When Trump suggested a deal, Rubio fired back:
// “…”": a sentence that opens with a subordinate clause, then a name
// and a verb that is no speech verb before the quotation. The name, the
// main clause's subject, speaks, not the subject of a speech verb inside
// the subordinate clause.
func (x *extractor) afterSubordinate(toks []token, qi, lo int) who {
	if lo != 0 || qi < 4 || !subordinators[toks[0].lower()] {
		return who{}
	}
	c := 1
	for c < qi && toks[c].Text != "," && !(toks[c].Punct && toks[c].Text != "(" && toks[c].Text != ")") {
		c++
	}
	if c+1 >= qi || toks[c].Text != "," {
		return who{}
	}
	for _, t := range toks[c+1 : qi] {
		if isVerb(t) {
			return who{}
		}
	}
	e := c + 1
	for e < qi && nameish(toks[e]) && !isPoss(toks[e].Text) {
		e++
	}
	if e == c+1 || e >= qi || e-c-1 > 4 {
		return who{}
	}
	n := toks[e]
	if n.Punct || n.isCap() || notVerbs[n.lower()] {
		return who{}
	}
	m := x.parseHead(toks[c+1 : e])
	if m.Name == "" || m.Anaphor != "" {
		return who{}
	}
	return x.resolve(m, "")
}
