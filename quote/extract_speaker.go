package quote

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// mention is a noun phrase that names who spoke, as read from the text.
type mention struct {
	Name, Role, Org string
	IsOrg           bool
	Gender          byte
	// Anaphor is set when the phrase refers back: "he", "she", "it",
	// "they", "org" (the company), "statement" or "role" (the spokeswoman,
	// with the role word in Role).
	Anaphor string
	// Unnamed is set for a role without a name ("a JPMorgan spokesperson").
	Unnamed bool
}

func (m mention) empty() bool {
	return m.Name == "" && m.Org == "" && m.Role == "" && m.Anaphor == ""
}

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
	for j >= lo && !toks[j].Punct && (auxWords[toks[j].lower()] || (strings.HasSuffix(toks[j].lower(), "ly") && !toks[j].isCap() && len(toks[j].Text) > 4)) {
		j--
	}
	if j < lo {
		return nil
	}
	// "Dana Ripley, a spokesman for US Bancorp, said".
	var app []token
	if toks[j].Punct && toks[j].Text == "," {
		k := j - 1
		for k >= lo && k > j-14 && !(toks[k].Punct && toks[k].Text != ",") && toks[k].Text != "," {
			k--
		}
		switch {
		case k >= lo && k > j-14 && toks[k].Text == "," && isAppositive(toks[k+1:j]):
			app = toks[k:j]
			j = k - 1
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

// parseNP reads a speaker noun phrase.
func (x *extractor) parseNP(np []token) mention {
	if len(np) == 0 {
		return mention{}
	}
	if len(np) == 1 {
		switch np[0].lower() {
		case "he", "she", "it", "they":
			return mention{Anaphor: np[0].lower()}
		case "i", "we":
			return mention{}
		}
	}
	np = dropParens(np)
	// Split off an appositive.
	head, app := np, []token(nil)
	for i, t := range np {
		if t.Punct && t.Text == "," {
			head, app = np[:i], np[i+1:]
			break
		}
	}
	if len(app) > 0 && app[len(app)-1].Text == "," {
		app = app[:len(app)-1]
	}
	var m mention
	whole := joinToks(head)
	if len(app) > 0 && allNameish(app) && !allNameish(head) {
		// "A spokeswoman for the retailer, Maria Lopez".
		m = x.parsePrepNP(head)
		if m.empty() {
			m = x.parseHead(head)
		}
		if m.Role != "" && m.Name == "" {
			m.Name = x.fullName(stripPoss(joinToks(app)))
			m.Anaphor, m.Unnamed = "", false
			return m
		}
		m = mention{}
	}
	if x.al.Known(whole) {
		m = mention{Org: x.canonOrg(whole), IsOrg: true}
	} else {
		m = x.parseHead(head)
	}
	if len(app) == 1 && (isNumber(app[0].Text) || strings.Contains(app[0].Text, "-")) {
		app = nil // an age or a party and state
	}
	if m.Name == "" && !m.IsOrg && m.Role != "" && len(app) > 0 {
		// "Scott's niece, state Del. Marcia Price": the role first, the
		// name in the appositive.
		if am := x.parseHead(app); am.Name != "" && !am.IsOrg {
			m.Name, m.Anaphor, m.Unnamed = am.Name, "", false
			if am.Gender != 0 {
				m.Gender = am.Gender
			}
			return m
		}
	}
	if len(app) > 0 && m.Name != "" {
		role, org, g := x.parseAppositive(app)
		if role != "" {
			if m.Role == "" {
				m.Role = role
			}
			if m.Org == "" {
				m.Org = org
			}
			if m.Gender == 0 {
				m.Gender = g
			}
		}
	}
	return m
}

// parseHead reads a phrase like "JPMorgan Chase spokeswoman Patricia
// Wexler", "a JPMorgan spokesperson", "Sen. Elizabeth Warren", "the company".
func (x *extractor) parseHead(head []token) mention {
	var m mention
	i := 0
	det := ""
	if i < len(head) && determiners[head[i].lower()] {
		det = head[i].lower()
		i++
	}
	// Possessive organization: "Facebook's head of privacy Jane Doe".
	toks := head[i:]
	if len(toks) == 0 {
		return m
	}
	last := len(toks) - 1
	for last >= 0 && toks[last].Punct {
		last--
	}
	if last < 0 {
		return m
	}
	toks = toks[:last+1]
	// Trailing capitalized run = name (possibly with titles).
	r := len(toks)
	for r > 0 && (nameish(toks[r-1]) || (connector(toks[r-1]) && r-1 > 0 && nameish(toks[r-2]) && r < len(toks))) {
		r--
	}
	run := toks[r:]
	rest := toks[:r]
	if len(run) > 0 && isPoss(run[len(run)-1].Text) && len(rest) == 0 {
		// "Facebook's" alone is not a speaker.
		return m
	}
	if len(run) == 0 {
		// Ends in a lower-case word: a role or an organization noun.
		lw := toks[len(toks)-1].lower()
		// Organization before the role: "a JPMorgan spokesperson".
		orgToks := []token{}
		var roleToks []token
		for _, t := range toks {
			if nameish(t) && len(roleToks) == 0 {
				orgToks = append(orgToks, t)
			} else if !t.Punct {
				roleToks = append(roleToks, t)
			}
		}
		org := ""
		if len(orgToks) > 0 {
			o := joinToks(orgToks)
			o = stripPoss(o)
			if !partyAdjectives[strings.ToLower(o)] {
				org = x.canonOrg(o)
			}
		}
		whole := joinToks(head)
		if x.al.Known(whole) {
			return mention{Org: x.canonOrg(whole), IsOrg: true}
		}
		switch {
		case roleNouns[lw]:
			for i, t := range roleToks {
				if isPoss(t.Text) {
					roleToks = roleToks[i+1:] // "the hospital's chief officer"
					break
				}
			}
			m.Role = joinToks(roleToks)
			m.Org = org
			m.Gender = genderedRoles[lw]
			m.Unnamed = true
			if org == "" && (det == "the" || det == "") {
				m.Anaphor = "role"
			}
			if lw == "source" || lw == "sources" {
				m.Anaphor = ""
			}
			return m
		case orgNouns[lw]:
			if org != "" {
				return mention{Org: org, IsOrg: true}
			}
			if det == "the" || det == "its" || det == "this" {
				if lw == "statement" || lw == "email" || lw == "release" || lw == "letter" {
					return mention{Anaphor: "statement"}
				}
				return mention{Anaphor: "org", Role: lw}
			}
			return m
		}
		return m
	}
	// Split titles off the run: the name follows the last title word.
	k := -1
	for idx, t := range run[:len(run)-1] {
		if titleWords[strings.TrimSuffix(t.lower(), ".")] {
			k = idx
		}
	}
	name := run[k+1:]
	var titles, pre []token
	if k >= 0 {
		ts := k
		for ts > 0 && titleWords[strings.TrimSuffix(run[ts-1].lower(), ".")] {
			ts--
		}
		titles = run[ts : k+1]
		pre = run[:ts]
	}
	roleParts := []string{}
	orgText := ""
	// Lower-case role words before the run, and an organization before them.
	if len(rest) > 0 {
		j := len(rest)
		for j > 0 && !rest[j-1].Punct && !nameish(rest[j-1]) && !determiners[rest[j-1].lower()] {
			j--
		}
		if j < len(rest) {
			roleParts = append(roleParts, joinToks(rest[j:]))
		}
		o := j
		for o > 0 && (nameish(rest[o-1]) || connector(rest[o-1])) {
			o--
		}
		if o < j {
			orgText = stripPoss(joinToks(rest[o:j]))
		}
	}
	if len(pre) > 0 {
		p := joinToks(pre)
		if x.orgLike(pre) {
			orgText = p
		} else {
			titles = append(append([]token(nil), pre...), titles...)
		}
	}
	if len(titles) > 0 {
		roleParts = append(roleParts, joinToks(titles))
	}
	m.Role = strings.Join(roleParts, " ")
	if honorifics[strings.ToLower(strings.TrimSuffix(m.Role, "."))] {
		m.Role = ""
	}
	if orgText != "" && !partyAdjectives[strings.ToLower(orgText)] {
		m.Org = x.canonOrg(orgText)
	}
	if m.Org == "" && len(titles) > 0 {
		// "Information Commissioner John Edwards" speaks for the
		// Information Commissioner's Office.
		if c := x.al.Canonical(joinToks(titles)); x.al.Known(c) {
			m.Org = c
		}
	}
	for _, t := range append(append([]token(nil), rest...), titles...) {
		if g := genderedRoles[strings.TrimSuffix(t.lower(), ".")]; g != 0 {
			m.Gender = g
		}
	}
	if len(name) == 0 {
		// Only titles ("the President") or an organization.
		if len(titles) > 0 && orgText == "" {
			m.Unnamed = true
			return m
		}
		return mention{}
	}
	nameText := stripPoss(joinToks(name))
	if len(name) == 1 && partyAdjectives[strings.ToLower(nameText)] {
		return mention{}
	}
	restRole := len(rest) > 0 && roleNouns[rest[len(rest)-1].lower()]
	if len(titles) == 0 && !restRole && x.orgLike(name) {
		return mention{Org: x.canonOrg(nameText), IsOrg: true}
	}
	m.Name = x.fullName(nameText)
	return m
}

// parseAppositive reads ", a spokesman for US Bancorp" or ", Facebook's
// head of privacy": the role, the canonical organization and a gender.
func (x *extractor) parseAppositive(app []token) (role, org string, g byte) {
	i := 0
	if i < len(app) && determiners[app[i].lower()] {
		i++
	}
	if i < len(app) && isPoss(app[i].Text) && app[i].isCap() {
		o := i
		for o+1 < len(app) && !isPoss(app[o].Text) {
			o++
		}
		org = x.canonOrg(stripPoss(joinToks(app[i : o+1])))
		i = o + 1
	}
	j := i
	for j < len(app) {
		l := app[j].lower()
		if l == "for" || l == "at" || l == "of" || l == "with" || l == "from" || l == "to" {
			break
		}
		if gg := genderedRoles[l]; gg != 0 {
			g = gg
		}
		j++
	}
	role = joinToks(app[i:j])
	if j < len(app) && org == "" {
		k := j + 1
		if k < len(app) && determiners[app[k].lower()] {
			k++
		}
		for k < len(app) && orgNouns[app[k].lower()] {
			k++ // "the group Privacy First"
		}
		e := k
		for e < len(app) && (nameish(app[e]) || (connector(app[e]) && e+1 < len(app) && nameish(app[e+1]))) {
			e++
		}
		if e > k {
			o := stripPoss(joinToks(app[k:e]))
			if !partyAdjectives[strings.ToLower(o)] {
				org = x.canonOrg(o)
			}
		}
	}
	return role, org, g
}

// orgLike reports whether a capitalized run names an organization rather
// than a person.
func (x *extractor) orgLike(run []token) bool {
	if len(run) == 0 {
		return false
	}
	text := stripPoss(joinToks(run))
	if x.al.Known(text) {
		return true
	}
	if _, ok := x.orgs[normOrg(text)]; ok {
		return true
	}
	lastW := strings.ToLower(strings.TrimSuffix(stripPoss(run[len(run)-1].Text), "."))
	if orgSuffixWords[lastW] || orgSuffixWords[lastW+"."] {
		return true
	}
	if len(run) >= 2 {
		for _, t := range run {
			if connector(t) && t.lower() != "de" && t.lower() != "van" && t.lower() != "von" && t.lower() != "al" {
				return true
			}
		}
		return false
	}
	w := stripPoss(run[0].Text)
	if _, ok := x.people[strings.ToLower(w)]; ok {
		return false
	}
	upper, inner := 0, false
	for i, r := range w {
		if unicode.IsUpper(r) {
			upper++
			if i > 0 {
				inner = true
			}
		}
	}
	if upper >= 2 && (inner || utf8.RuneCountInString(w) <= 5) {
		c := x.canonOrg(w)
		_ = c
		return true
	}
	if c := x.canonOrg(w); x.al.Known(c) && c != w {
		return upper >= 2
	}
	return false
}

// fullName expands a surname to the full name the article gave earlier
// ("Caddell" → "Pat Caddell").
func (x *extractor) fullName(name string) string {
	if strings.Contains(name, " ") {
		return name
	}
	if full, ok := x.people[strings.ToLower(name)]; ok && x.peopleAt[strings.ToLower(name)] < x.pos {
		return full
	}
	return name
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

// canonOrg returns the canonical form of an organization name: the alias
// table's, else the fuller name the article introduced ("Northgate" →
// "Northgate Cyber").
func (x *extractor) canonOrg(name string) string {
	c := x.al.Canonical(name)
	if x.al.Known(c) {
		return c
	}
	n := normOrg(name)
	if full, ok := x.orgs[n]; ok {
		return full
	}
	hit := ""
	for _, k := range sortedKeys(x.orgs) {
		if strings.HasPrefix(k, n+" ") {
			if hit != "" && hit != x.orgs[k] {
				return c
			}
			hit = x.orgs[k]
		}
	}
	if hit != "" {
		return hit
	}
	return c
}
