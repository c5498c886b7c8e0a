package quote

import "strings"

// attribute finds who speaks the k-th quote of a sentence: first after it
// ("…,” she said), then before it (X said, “…”; according to X, “…”).
func (x *extractor) attribute(toks []token, qpos []int, k int) who {
	qi := qpos[k]
	hi := len(toks)
	if k+1 < len(qpos) {
		hi = qpos[k+1]
	}
	lo := 0
	if k > 0 {
		lo = qpos[k-1] + 1
	}
	w := x.attributeAfter(toks, qi, hi)
	if w.ok {
		w.near = true
		w.how = "after"
		return w
	}
	b := x.attributeBefore(toks, qi, lo)
	if b.ok {
		b.how = "before"
		return b
	}
	if !w.quoted && qi > lo && toks[qi-1].isCap() && isPoss(toks[qi-1].Text) {
		// "support for Hillary Clinton’s “public option”": the term is
		// the possessor's.
		s := qi - 1
		for s > lo && nameish(toks[s-1]) && !isPoss(toks[s-1].Text) {
			s--
		}
		np := append([]token(nil), toks[s:qi]...)
		np[len(np)-1].Text = stripPoss(np[len(np)-1].Text)
		np[len(np)-1].low = lowerText(np[len(np)-1].Text)
		if m := x.parseHead(np); m.Name != "" && m.Anaphor == "" {
			r := x.resolve(m, "")
			r.how = "poss"
			return r
		}
	}
	if b.quoted {
		return b
	}
	return w
}

// attributeAfter reads an attribution that follows the quote: "said X",
// "X said", "according to X".
func (x *extractor) attributeAfter(toks []token, qi, hi int) who {
	a := qi + 1
	if a+1 < hi && (toks[a].Text == "—" || toks[a].Text == "―" || toks[a].Text == "–") {
		// "“…” ― Sonya Herridge"
		if np := forwardNP(toks, a+1, hi); np != nil && np[len(np)-1].End == toks[hi-1].End || np != nil && hi-a <= 8 {
			if w := x.resolve(x.parseNP(np), "said"); w.ok && w.Name != "" {
				return w
			}
		}
	}
	for a < hi && toks[a].Punct && toks[a].Text != "\x00" && toks[a].Text != "(" {
		a++
	}
	if a < hi {
		if l := toks[a].lower(); isVerb(toks[a]) && l != "according" && !participles[l] {
			if np := forwardNP(toks, a+1, hi); np != nil {
				if w := x.resolve(x.parseNP(np), l); w.ok {
					return w
				}
				return who{quoted: true}
			}
		} else if l == "according" && a+1 < hi && toks[a+1].lower() == "to" {
			if w := x.accordingTo(toks, a+2, hi); w.ok {
				return w
			}
		} else {
			for v := a + 1; v < hi && v < a+16; v++ {
				if toks[v].Punct && toks[v].Text != "," && toks[v].Text != "(" && toks[v].Text != ")" {
					break
				}
				vl := toks[v].lower()
				if putIt(toks, v) {
					vl = "put it"
				} else if !isVerb(toks[v]) || participles[vl] || vl == "according" {
					continue
				}
				if g := groupBefore(toks, v, a); g != nil && g[0].Start == toks[a].Start {
					// "“…,” critics said."
					return who{Role: joinToks(g), Verb: vl, ok: true}
				}
				np := backwardNP(toks, v, a)
				if np != nil && (leadIn(toks, a, np[0].Start) || vl == "put it" && toks[a].lower() == "as" && leadIn(toks, a+1, np[0].Start)) {
					m := x.parseNP(np)
					if w := x.resolve(m, vl); w.ok {
						return w
					}
					return who{quoted: true}
				}
				// "a narrator in the Clinton ad asks".
				if m := x.parsePrepNP(toks[a:v]); !m.empty() {
					return x.resolve(m, vl)
				}
				break
			}
		}
	}
	return who{}
}

// attributeBefore reads an attribution in the words between the previous
// quote (or the sentence start) and this one: the last speech verb and its
// subject.
func (x *extractor) attributeBefore(toks []token, qi, lo int) who {
	w := x.attributeBeforeVerb(toks, qi, lo)
	if w.ok && qi-2 >= lo && speechVerbs[toks[qi-2].lower()] || w.ok && qi-1 >= lo && speechVerbs[toks[qi-1].lower()] {
		w.near = true
	}
	return w
}

func (x *extractor) attributeBeforeVerb(toks []token, qi, lo int) who {
	// pron is the pronoun subject of a describing verb ("she hopes"),
	// used only when no speech verb further back names the speaker.
	var pron []token
	pronVerb := ""
	fallback := func() who {
		if pron != nil {
			return x.resolve(x.parseNP(pron), pronVerb)
		}
		return who{}
	}
	if w := x.afterSubordinate(toks, qi, lo); w.ok {
		return w
	}
	for v := qi - 1; v >= lo; v-- {
		t := toks[v]
		if t.Punct {
			continue
		}
		l := t.lower()
		if !isVerb(t) {
			if putIt(toks, v) {
				// "as The New Yorker put it in a lengthy expose, “the
				// operator.”"
				if np := backwardNP(toks, v, lo); np != nil {
					if m := x.parseNP(np); m.Name != "" || m.IsOrg {
						return x.resolve(m, "put it")
					}
				}
				continue
			}
			if !t.isCap() && (describeVerbs[l] || judgeVerbs[l]) && !auxWords[l] {
				// "Aaron Kall … compared Trump to a coach who is “working
				// the referees”": the subject describes, the object is
				// described.
				if np := backwardNP(toks, v, lo); np != nil {
					if m := x.parseNP(np); m.Name != "" || m.IsOrg {
						return x.resolve(m, l)
					} else if (m.Anaphor == "he" || m.Anaphor == "she") && pron == nil {
						pron, pronVerb = np, l
						continue
					}
				}
				if w := x.clauseSubject(toks, lo, v, l); w.ok && (w.Name != "" || w.Org != "") {
					if w.guessed {
						// "The radio host described the senator as
						// “…”": the described is not the describer.
						return who{Role: w.Role, Verb: l, ok: true}
					}
					return w
				}
			}
			continue
		}
		if l == "according" {
			if v+1 < qi && toks[v+1].lower() == "to" {
				if w := x.accordingTo(toks, v+2, qi); w.ok {
					return w
				}
			}
			continue
		}
		if participles[l] {
			if w := x.chainedSubject(toks, v, lo); w.ok {
				return w
			}
			if np := backwardNP(toks, v, lo); np != nil && np[len(np)-1].End == toks[v-1].End {
				if m := x.parseNP(np); m.Name != "" && m.Anaphor == "" {
					return x.resolve(m, l)
				}
			}
			if lo > 0 && toks[lo].lower() != "and" && toks[lo].lower() != "but" {
				// "Carson shared a syllabus called “Perception” on his
				// Facebook page, writing “…”": after an earlier quotation
				// the participle still has the sentence's subject.
				if w := x.clauseSubject(toks, 0, v, l); w.ok && w.Name != "" {
					return w
				}
			}
			if w := x.clauseSubject(toks, lo, v, l); w.ok {
				return w
			}
			continue
		}
		if v > lo && passiveAux[toks[v-1].lower()] {
			// "has been called a charlatan by fellow physicians": the
			// speaker is the agent, if any.
			for b := v + 1; b+1 < qi; b++ {
				if toks[b].lower() == "by" {
					if np := forwardNP(toks, b+1, qi); np != nil {
						if m := x.parseNP(np); m.Name != "" || m.IsOrg {
							return x.resolve(m, l)
						}
					}
					break
				}
			}
			if qi == v+1 || qi == v+2 && toks[v+1].lower() == "as" {
				// "it was labeled “Mostly True.”": a quoted verdict, its
				// author unnamed.
				return who{quoted: true}
			}
			return fallback()
		}
		if g := groupBefore(toks, v, lo); g != nil {
			// "in what several lawmakers called “fraud”": people the
			// text does not name spoke, not the sentence's subject.
			return who{Role: joinToks(g), Verb: l, ok: true}
		}
		if np := backwardNP(toks, v, lo); np != nil {
			if len(np) == 1 && v >= 2 && v-2 >= lo && toks[v-2].lower() == "what" && (np[0].lower() == "he" || np[0].lower() == "she") {
				// "Ban Ki-moon condemned what he called a “brazen
				// breach”": he is the clause's subject.
				if w := x.clauseSubject(toks, lo, v-2, l); w.ok && w.Name != "" {
					return w
				}
			}
			m := x.parseNP(np)
			if v > lo && toks[v-1].lower() == "who" && m.Name == "" && m.Org == "" {
				// "told a young woman who suggested that …": an unnamed
				// listener's words are not the quote's; read on back.
				continue
			}
			if w := x.resolve(m, l); w.ok {
				if w.guessed && addressed(toks, v, qi) {
					// "The radio host called him “…”": the one person
					// named lately is the one addressed, not the host.
					return who{Role: m.Role, Verb: l, ok: true}
				}
				return w
			}
			if m.empty() && unnamedPerson(np) {
				// "A protester told him, “…”": someone the text does
				// not name spoke, not the him or a name further back.
				return who{Role: joinToks(np[1:]), Verb: l, ok: true}
			}
		}
		if np := forwardNP(toks, v+1, qi); np != nil && inversionOK(toks, v, np, qi) {
			if w := x.resolve(x.parseNP(np), l); w.ok {
				return w
			}
		}
		if w := x.clauseSubject(toks, lo, v, l); w.ok {
			return w
		}
		if lo > 0 {
			// "… a “Commander-in-Chief Forum” sponsored by NBC News and
			// said": the verb shares the sentence's subject.
			if w := x.clauseSubject(toks, 0, v, l); w.ok && (w.Name != "" || w.Org != "") {
				return w
			}
		}
		if v+1 < qi && toks[v+1].lower() != "it" && isPronoun(toks[v+1].lower()) && !describeVerbs[l] {
			// "the former secretary of state said she wanted": the
			// reported clause's subject stands for the speaker.
			if w := x.resolve(x.parseNP(toks[v+1:v+2]), l); w.ok {
				return w
			}
		}
		return fallback()
	}
	if pron == nil && qi > lo {
		// No verb: "Reid has gone after Trump as a “human leech”",
		// "Obama is rolling out a new message: “It's about me.”" The
		// subject of the clause describes or announces.
		a := qi - 1
		if determiners[toks[a].lower()] && a > lo {
			a--
		}
		i := lo
		for i < a && (toks[i].Punct || stopCaps[toks[i].lower()] && !isPronoun(toks[i].lower())) {
			i++
		}
		if i < a && !isPronoun(toks[i].lower()) && (toks[a].lower() == "as" || toks[qi-1].Text == ":") {
			if w := x.clauseSubject(toks, lo, a, ""); w.ok && (w.Name != "" || w.Org != "") {
				return w
			}
		}
	}
	return fallback()
}

// putIt reports whether toks[v] opens "put it" ("as the memo put it").
func putIt(toks []token, v int) bool {
	l := toks[v].lower()
	return (l == "put" || l == "puts") && !toks[v].Punct && v+1 < len(toks) && toks[v+1].lower() == "it"
}

// inversionOK reports whether np, the words after the speech verb toks[v],
// is its inverted subject ("said Dana Ripley, “…”") rather than its object
// ("called Clinton a “disgrace”", "told reporters") or the subject of a
// reported clause ("said it was “…”"): the verb must be one that inverts,
// the phrase no pronoun, and the phrase must run up to the quote or a
// comma or colon.
func inversionOK(toks []token, v int, np []token, qi int) bool {
	if !invertingVerbs[toks[v].lower()] {
		return false
	}
	if len(np) == 1 && (isPronoun(np[0].lower()) || np[0].lower() == "i" || np[0].lower() == "we") {
		return false
	}
	e := v + 1 + len(np)
	if e >= qi {
		return true
	}
	for e < qi && !toks[e].Punct && (stopCaps[toks[e].lower()] || toks[e].lower() == "in" || toks[e].lower() == "on") {
		e++ // "said Smith on Tuesday, “…”"
	}
	if e >= qi {
		return true
	}
	t := toks[e]
	return t.Punct && (t.Text == "," || t.Text == ":" || t.Text == "—" || t.Text == "\x00")
}

// clauseSubject reads the subject at the start of the sentence (or after
// the previous quote), skipping conjunctions and a short introductory phrase.
func (x *extractor) clauseSubject(toks []token, lo, v int, verb string) who {
	i := lo
	like := false
	for i < v && (toks[i].Punct || stopCaps[toks[i].lower()] && !isPronoun(toks[i].lower())) {
		like = like || toks[i].lower() == "like" || toks[i].lower() == "unlike"
		i++
	}
	if i+2 < v && toks[i+1].Text == "," && (ordinalOpeners[toks[i].lower()] || x.commonOpener(toks[i].lower())) {
		// "First, Kovac identified the judge as “biased”": an opening
		// adverb, then the subject.
		i += 2
	} else if i < v && (i > lo && introPreps[toks[i-1].lower()] || like || toks[i].isCap() && !x.capsMid[toks[i].lower()] && (strings.HasSuffix(toks[i].lower(), "ed") || timeWords[toks[i].lower()] || x.commonOpener(toks[i].lower()))) {
		// "Reached by phone, Bennett said", "Hours later, Brask said",
		// "Like Corker, Menendez said", "Here in Columbia, Tillman
		// stepped up …": the words of an introductory phrase (a name
		// after a preposition is its object) are no subject.
		for c := i; c < v && c < i+12; c++ {
			if toks[c].Text == "," {
				i = c + 1
				break
			}
			if toks[c].Punct {
				break
			}
		}
	}
	if np := forwardNP(toks, i, v); np != nil {
		if w := x.resolve(x.parseNP(np), verb); w.ok {
			return w
		}
	}
	// "Following a swiftly called, late-afternoon meeting, the Security
	// Council issued a statement calling …": up to two introductory
	// phrases.
	commas := 0
	for c := i; c < v && c < i+24 && commas < 2; c++ {
		if toks[c].Text == "," {
			commas++
			if np := forwardNP(toks, c+1, v); np != nil {
				if w := x.resolve(x.parseNP(np), verb); w.ok {
					return w
				}
				break
			}
		}
	}
	return who{}
}

// introPreps open an introductory phrase whose object is no subject.
var introPreps = setOf("in", "at", "on", "from", "during", "after", "before", "with", "near",
	"inside", "outside", "across", "throughout", "following", "since", "until", "among")

// isVerb reports whether t is a speech verb as written in running text
// (lower case: "States" in "United States" is not one).
func isVerb(t token) bool {
	if t.Punct {
		return false
	}
	if t.isCap() {
		return t.lower() == "according"
	}
	return speechVerbs[t.lower()]
}

func isPronoun(l string) bool { return l == "he" || l == "she" || l == "it" || l == "they" }

// leadIn reports whether the tokens from a up to offset start are at most
// two lower-case modifiers ("panel" in "panel Chairman Jason Chaffetz").
func leadIn(toks []token, a, start int) bool {
	n := 0
	for i := a; i < len(toks) && toks[i].Start < start; i++ {
		t := toks[i]
		if t.Punct || t.isCap() || isVerb(t) || stopCaps[t.lower()] || determiners[t.lower()] {
			return false
		}
		n++
	}
	return n <= 2
}

// firstCue returns the index of the first word in toks that reports speech
// ("said", "described"), or -1.
func firstCue(toks []token) int {
	for i, t := range toks {
		if isVerb(t) || (!t.Punct && describeVerbs[t.lower()]) {
			return i
		}
	}
	return -1
}

// verbBetween reports whether a speech verb stands between the sentence's
// quote k-1 and quote k.
func verbBetween(toks []token, qpos []int, k int) bool {
	for i := qpos[k-1] + 1; i < qpos[k]; i++ {
		if isVerb(toks[i]) {
			return true
		}
	}
	return false
}
