package quote

import "strings"

// stripPoss removes a possessive 's.
func stripPoss(s string) string {
	for _, suf := range []string{"'s", "’s", "'S", "’S"} {
		if strings.HasSuffix(s, suf) {
			return s[:len(s)-len(suf)]
		}
	}
	return strings.TrimRight(s, "'’")
}

func isPoss(s string) bool {
	return strings.HasSuffix(s, "'s") || strings.HasSuffix(s, "’s")
}

func joinToks(ts []token) string {
	var b strings.Builder
	for i, t := range ts {
		if i > 0 && !(t.Punct && t.Text == ",") {
			b.WriteByte(' ')
		}
		b.WriteString(t.Text)
	}
	return b.String()
}

// nameish reports whether t may be part of a capitalized name.
func nameish(t token) bool {
	return t.isCap() && !stopCaps[t.lower()]
}

// connector reports whether t may join two capitalized words of one name
// ("Bank of America", "Procter & Gamble", "Ludwig van Beethoven").
func connector(t token) bool {
	switch t.lower() {
	case "of", "&", "de", "van", "von", "der", "del", "da", "di", "bin", "al", "la", "le", "du", "for", "and":
		return true
	}
	return false
}

// backwardNP reads the noun phrase that ends just before toks[vi] (a speech
// verb), skipping auxiliaries and adverbs; lo bounds the search. It returns
// the phrase's tokens, or nil.
func backwardNP(toks []token, vi, lo int) []token {
	j := vi - 1
	for j >= lo && !toks[j].Punct {
		if auxWords[toks[j].lower()] || (strings.HasSuffix(toks[j].lower(), "ly") && !toks[j].isCap() && len(toks[j].Text) > 4) {
			j--
			continue
		}
		if j-1 >= lo && timePreps[toks[j-1].lower()] && (timeWords[toks[j].lower()] || dayWords[toks[j].lower()]) {
			// "Beck on Wednesday called", "Smith last week said".
			j -= 2
			continue
		}
		break
	}
	if j < lo {
		return nil
	}
	// "Dana Ripley, a spokesman for US Bancorp, said".
	var app []token
	for n := 0; j >= lo && toks[j].Punct && toks[j].Text == ","; n++ {
		k := j - 1
		for k >= lo && k > j-14 && !(toks[k].Punct && toks[k].Text != ",") && toks[k].Text != "," {
			k--
		}
		switch {
		case k >= lo && k > j-14 && toks[k].Text == "," && (isAppositive(toks[k+1:j]) || n < 2 && fromPlace(toks[k+1:j])):
			// "Mrs Patel, 45, from Leicester, told": up to three
			// appositives in a row.
			app = toks[k:j]
			j = k - 1
			if p := prevComma(toks, k, lo); n < 2 && p >= 0 && (isAppositive(toks[p+1:k]) || fromPlace(toks[p+1:k])) {
				j = k
				continue
			}
		case n > 0:
		case k >= lo && k > j-6 && toks[k].Text == "," && allNameish(toks[k+1:j]):
			// "A spokeswoman for the retailer, Maria Lopez, told".
			m := k - 1
			for m >= lo && m > k-8 && !toks[m].Punct {
				m--
			}
			hasRole := false
			for _, t := range toks[m+1 : k] {
				if roleNouns[t.lower()] {
					hasRole = true
				}
			}
			if !hasRole {
				return nil
			}
			return toks[m+1 : j]
		default:
			return nil
		}
		break
	}
	if j < lo {
		return nil
	}
	if t := toks[j]; !t.Punct {
		if l := t.lower(); l == "he" || l == "she" || l == "it" || l == "they" || l == "i" || l == "we" {
			if app != nil {
				return nil
			}
			return toks[j : j+1]
		}
	}
	end := j + 1
	lowers := 0
	s := end
	for k := j; k >= lo; k-- {
		t := toks[k]
		if t.Punct {
			if t.Text == "(" || t.Text == ")" {
				// Skip a parenthetical such as "(D-N.C.)" after a name.
				if t.Text == ")" {
					m := k - 1
					for m >= lo && toks[m].Text != "(" && k-m < 6 {
						m--
					}
					if m >= lo && toks[m].Text == "(" {
						k = m
						continue
					}
				}
			}
			break
		}
		l := t.lower()
		if nameish(t) {
			s, lowers = k, 0
			continue
		}
		if l == "the" && k-1 > lo && titleOfBefore(toks, k+1) {
			// "Speaker of the House Newt Gingrich said".
			k--
			continue
		}
		if determiners[l] {
			s = k
			break
		}
		if connector(t) && k > lo && nameish(toks[k-1]) && k+1 <= j && nameish(toks[k+1]) {
			continue
		}
		if !t.isCap() && lowers < 3 && !stopCaps[l] && !speechVerbs[l] && !auxWords[l] {
			lowers++
			s = k
			continue
		}
		break
	}
	if s-2 >= lo && placePreps[toks[s-1].lower()] && toks[s].isCap() {
		// "one shopper in Croydon told": the place after a description
		// of the speaker, which the whole phrase names.
		for d := s - 2; d >= lo && d >= s-5 && !toks[d].Punct && !toks[d].isCap(); d-- {
			if determiners[toks[d].lower()] {
				s = d
				break
			}
		}
	}
	// Drop leading lower-case words that are not part of a det-led phrase.
	for s < end && !toks[s].Punct && !toks[s].isCap() && !determiners[toks[s].lower()] && !roleNouns[toks[s].lower()] && !orgNouns[toks[s].lower()] {
		s++
	}
	if s >= end {
		return nil
	}
	np := append([]token(nil), toks[s:end]...)
	return append(np, app...)
}

// forwardNP reads the noun phrase that starts at toks[i] ("said Dana
// Ripley, a spokesman for US Bancorp"), up to hi.
func forwardNP(toks []token, i, hi int) []token {
	if i >= hi || toks[i].Punct {
		return nil
	}
	if l := toks[i].lower(); l == "he" || l == "she" || l == "it" || l == "they" || l == "i" || l == "we" {
		return toks[i : i+1]
	}
	j := i
	if determiners[toks[j].lower()] {
		j++
	}
	sawHead := false
	for j < hi {
		t := toks[j]
		if t.Punct {
			if t.Text == "(" {
				m := j + 1
				for m < hi && toks[m].Text != ")" && m-j < 6 {
					m++
				}
				if m < hi && toks[m].Text == ")" {
					j = m + 1
					continue
				}
			}
			break
		}
		l := t.lower()
		if nameish(t) {
			sawHead = true
			j++
			if isPoss(t.Text) {
				continue
			}
			continue
		}
		if connector(t) && sawHead && j+1 < hi && nameish(toks[j+1]) {
			j++
			continue
		}
		if (l == "for" || l == "at" || l == "with" || l == "of") && sawHead && roleNouns[toks[j-1].lower()] {
			// "a spokeswoman for the House Armed Services Committee":
			// the organization the role is with.
			k := j + 1
			if k < hi && toks[k].lower() == "the" {
				k++
			}
			if k < hi && nameish(toks[k]) {
				j = k
				continue
			}
		}
		if l == "of" && sawHead && j+2 < hi && toks[j+1].lower() == "the" && nameish(toks[j+2]) && titleOfBefore(toks, j+2) {
			// "said Speaker of the House Newt Gingrich".
			j += 2
			continue
		}
		if roleNouns[l] || orgNouns[l] || (!sawHead && j-i < 4 && !speechVerbs[l] && !auxWords[l] && !stopCaps[l] && j+1 < hi && !toks[j+1].Punct) {
			if roleNouns[l] || orgNouns[l] {
				sawHead = true
			}
			j++
			continue
		}
		break
	}
	if !sawHead {
		return nil
	}
	np := toks[i:j]
	// Appositive: ", a spokesman for US Bancorp,".
	if j < hi && toks[j].Text == "," {
		k := j + 1
		for k < hi && !toks[k].Punct && k-j < 14 {
			k++
		}
		if isAppositive(toks[j+1 : k]) {
			np = toks[i:k]
		}
	}
	return np
}

// isAppositive reports whether seg describes a role ("a spokesman for US
// Bancorp", "Facebook's head of privacy", "the company's chief executive").
func isAppositive(seg []token) bool {
	if len(seg) == 0 {
		return false
	}
	for _, t := range seg {
		if t.Punct && t.Text != "(" && t.Text != ")" {
			return false
		}
	}
	if len(seg) == 1 && (strings.Contains(seg[0].Text, "-") && seg[0].isCap() || isNumber(seg[0].Text)) {
		return true // "R-Ky.", an age
	}
	first := seg[0].lower()
	if speechVerbs[first] || first == "who" || first == "which" || strings.HasSuffix(first, "ing") {
		return false
	}
	for _, t := range seg {
		if l := t.lower(); roleNouns[l] || titleWords[strings.TrimSuffix(l, ".")] {
			return true
		}
	}
	return false
}

// prevComma returns the index of the comma before the one at toks[k],
// within a short stretch, or -1.
func prevComma(toks []token, k, lo int) int {
	for p := k - 1; p >= lo && p > k-14; p-- {
		if toks[p].Text == "," {
			return p
		}
		if toks[p].Punct {
			return -1
		}
	}
	return -1
}

// fromPlace reports whether seg is where someone is from: "from" or "of"
// and a capitalized name ("from Leicester", "of Des Moines").
func fromPlace(seg []token) bool {
	if len(seg) < 2 || len(seg) > 4 {
		return false
	}
	if l := seg[0].lower(); l != "from" && l != "of" {
		return false
	}
	for _, t := range seg[1:] {
		if !t.isCap() {
			return false
		}
	}
	return true
}

// dropParens removes parenthesized tokens such as "(D-N.C.)" from a phrase.
func dropParens(np []token) []token {
	has := false
	for _, t := range np {
		if t.Text == "(" {
			has = true
		}
	}
	if !has {
		return np
	}
	out := make([]token, 0, len(np))
	depth := 0
	for _, t := range np {
		switch {
		case t.Text == "(":
			depth++
		case t.Text == ")":
			if depth > 0 {
				depth--
			}
		case depth == 0:
			out = append(out, t)
		}
	}
	return out
}

func isNumber(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

func allNameish(ts []token) bool {
	if len(ts) == 0 || len(ts) > 5 {
		return false
	}
	for _, t := range ts {
		if !nameish(t) && !(connector(t) && t.lower() != "and") {
			return false
		}
	}
	return true
}
