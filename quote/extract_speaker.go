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
	// Group is the party or people a description names ("Republican" in
	// "the Republican nominee"), kept for the person it refers to.
	Group string
}

func (m mention) empty() bool {
	return m.Name == "" && m.Org == "" && m.Role == "" && m.Anaphor == ""
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
	if pm := x.parsePrepNP(head); pm.Name == "" && pm.Role != "" && pm.Org != "" {
		// "a spokeswoman for the House Armed Services Committee".
		m = pm
	} else if x.al.Known(whole) {
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
	var ofTitle []token
	if len(run) >= 3 && titleOfBefore(toks, r) {
		// "Speaker of the House Newt Gingrich": the title runs through
		// the first capitalized word.
		ts := r - 2
		if toks[ts].lower() == "of" {
			ts--
		}
		ofTitle = toks[ts : r+1]
		run, rest = run[1:], toks[:ts]
	}
	if len(run) > 0 && isPoss(run[len(run)-1].Text) && len(rest) == 0 && ofTitle == nil {
		// "Facebook's" alone is not a speaker.
		return m
	}
	if n := len(rest); n >= 2 && len(run) > 0 && placePreps[rest[n-1].lower()] && !rest[n-2].isCap() {
		// "one shopper in Croydon": where the speaker is, not who.
		role := rest[:n-1]
		if len(role) > 0 && determiners[role[0].lower()] {
			role = role[1:]
		}
		if len(role) > 0 {
			if w := role[len(role)-1].lower(); roleNouns[w] || personNoun(w) {
				return mention{Role: joinToks(role), Unnamed: true}
			}
		}
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
		org, group := "", ""
		if len(orgToks) > 0 {
			o := joinToks(orgToks)
			o = stripPoss(o)
			if !partyAdjectives[strings.ToLower(o)] {
				org = x.canonOrg(o)
			} else if isUpperRune(firstRune(o)) && !rankAdjectives[strings.ToLower(o)] {
				group = o
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
			m.Group = group
			m.Gender = genderedRoles[lw]
			m.Unnamed = true
			if org == "" && (det == "the" || det == "") {
				m.Anaphor = "role"
			}
			if lw == "source" || lw == "sources" {
				m.Anaphor = ""
			}
			if group != "" && m.Anaphor == "" && det != "the" {
				// "a Democratic strategist", "a Chinese official": an
				// unnamed speaker is known by the party or country
				// they speak from.
				m.Org = group
			}
			if m.Org == "" && m.Anaphor == "" {
				// "a senior White House official", "a prominent
				// Republican National Committee member": the name
				// inside the description is whom the speaker is with.
				m.Org = x.innerOrg(roleToks)
			}
			return m
		case det == "the" && org == "" && epithet(roleToks):
			// "the former astronaut added", "the billionaire said": a
			// description of someone the article has named.
			return mention{Role: joinToks(roleToks), Anaphor: "role", Unnamed: true, Group: group}
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
	if k < 0 && len(run) >= 3 && roleNouns[run[0].lower()] && !orgNouns[run[0].lower()] {
		// "Reporter Jane Okafor": a role written as a title.
		k = 0
	}
	k0 := k
	for k >= 0 && k+3 < len(run) && run[k+1].lower() == "of" {
		// "Secretary of State Ann Halvorsen": "of State" ends the title.
		k += 2
	}
	name := run[k+1:]
	var titles, pre []token
	if k >= 0 {
		ts := k0
		for ts > 0 && titleWords[strings.TrimSuffix(run[ts-1].lower(), ".")] {
			ts--
		}
		titles = run[ts : k+1]
		pre = run[:ts]
		if n := len(pre); n > 0 && (pre[n-1].lower() == "and" || pre[n-1].Text == "&") {
			// "Lopez and Sen. Tom Baker": another person, not an
			// organization.
			pre = nil
		}
	}
	roleParts := []string{}
	orgText := ""
	// Lower-case role words before the run, and an organization before them.
	if len(rest) > 0 {
		j := len(rest)
		for j > 0 && !rest[j-1].Punct && !nameish(rest[j-1]) && !determiners[rest[j-1].lower()] {
			j--
		}
		for k := j; k < len(rest); k++ {
			if timeWords[strings.TrimSuffix(rest[k].lower(), ".")] {
				// "Last week Harlow said": a time, not a role.
				j = k + 1
			}
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
	if len(ofTitle) > 0 {
		roleParts = append(roleParts, joinToks(ofTitle))
	}
	m.Role = strings.Join(roleParts, " ")
	if honorifics[strings.ToLower(strings.TrimSuffix(m.Role, "."))] {
		m.Role = ""
	}
	// "Presumptive GOP nominee Donald Trump": a party is no one's
	// organization here, and the capital of the sentence's first word
	// does not make "Presumptive" part of one.
	orgText = dropModifiers(orgText)
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
	if len(name) == 1 && partyAdjectives[strings.ToLower(nameText)] && x.people[strings.ToLower(nameText)] == "" {
		return mention{} // "Democratic", but "French said" after "David French"
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
	n := x.norm(stripPoss(joinToks(run)))
	if x.al.knownNorm(n) {
		return true
	}
	if _, ok := x.orgs[n]; ok {
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
