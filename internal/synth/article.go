package synth

import (
	"fmt"
	"strings"
)

// Article is one generated article and what it truly says, for questions
// and for checking answers.
type Article struct {
	// Name is the file name, such as "000042_9f3c2a1b7d4e6f80.txt".
	Name string
	// Text is the whole file.
	Text     string
	Title    string
	Outlet   string
	Date     string
	Quotes   []Said
	Silences []Said
	Facts    []Fact
}

// ID returns the file stem, which is the source id.
func (a *Article) ID() string { return strings.TrimSuffix(a.Name, ".txt") }

// Said is one quotation (or refusal) and who is behind it.
type Said struct {
	Speaker      string // "" for an organization's statement
	Role         string
	Organization string // canonical name
	Text         string // the words quoted; for a silence, the sentence
}

// Fact is a figure an article reports, asked back by fact questions.
type Fact struct {
	Product      string
	Organization string
	Users        string // "4.2 million"
	Country      string
}

// speaker is a person taking part in an article.
type speaker struct {
	p       person
	role    string
	article string // "a" or "the"
	org     *org   // nil for independent analysts
	firm    string // the analyst's firm
	named   bool   // introduced already: later mentions use the surname
}

func (s *speaker) orgName() string {
	if s.org != nil {
		return s.org.Name
	}
	return s.firm
}

type writer struct {
	g     *Generator
	r     *rng
	a     *Article
	b     strings.Builder
	paras []string
	quote [2]string // opening and closing marks
	// regSaid is set once the regulator has been cited.
	regSaid bool
}

// article generates article i.
func (g *Generator) article(i int) *Article {
	r := newRNG(g.seed, uint64(i))
	id := fmt.Sprintf("%06d_%016x", i, r.next())
	w := &writer{g: g, r: r, a: &Article{Name: id + ".txt"}}
	w.quote = [2]string{`"`, `"`}
	if r.chance(0.15) {
		w.quote = [2]string{"“", "”"}
	}

	// The cast: a main organization, sometimes a second one and a
	// regulator, and two to four speakers.
	main := &g.orgs[g.orgZipf.draw(r)]
	other := &g.orgs[g.orgZipf.draw(r)]
	if other.idx == main.idx {
		other = &g.orgs[(main.idx+1)%len(g.orgs)]
	}
	reg := pick(r, countries) + "'s " + pick(r, regulatorKinds)
	cast := []*speaker{g.companySpeaker(r, main)}
	if r.chance(0.6) {
		cast = append(cast, g.companySpeaker(r, main))
	}
	if r.chance(0.6) {
		cast = append(cast, g.companySpeaker(r, other))
	}
	if r.chance(0.7) {
		cast = append(cast, g.analyst(r))
	}
	if cast[0].p == cast[len(cast)-1].p && len(cast) > 1 {
		cast = cast[:len(cast)-1]
	}

	topic := w.noun()
	w.a.Title = w.headline(main, topic)
	w.a.Outlet = "The " + pick(r, outletPrefixes) + " " + pick(r, outlets)
	w.a.Date = fmt.Sprintf("%04d-%02d-%02d", 2015+r.intn(10), 1+r.intn(12), 1+r.intn(28))

	n := r.between(6, 20)
	factAt := -1
	if r.chance(0.8) {
		factAt = r.between(1, n-1)
	}
	w.paras = append(w.paras, w.lede(main, reg, topic))
	silenced := false
	ci := 0
	for len(w.paras) < n {
		if len(w.paras) == factAt {
			w.paras = append(w.paras, w.factPara(i, main))
			continue
		}
		switch x := r.intn(20); {
		case x < 8:
			w.paras = append(w.paras, w.narrative(main, other, reg))
		case x < 16:
			w.paras = append(w.paras, w.quotePara(cast[ci%len(cast)]))
			ci++
		case x < 18 && !silenced:
			silenced = true
			w.paras = append(w.paras, w.silence(other, cast))
		default:
			w.paras = append(w.paras, w.orgStatement(pick(r, []*org{main, other})))
		}
	}

	b := &w.b
	fmt.Fprintf(b, "Title: %s\nSource: %s\nDate: %s\n\n", w.a.Title, w.a.Outlet, w.a.Date)
	for k, p := range w.paras {
		if k > 0 {
			b.WriteString("\n\n")
		}
		b.WriteString(p)
	}
	b.WriteString("\n")
	w.a.Text = b.String()
	return w.a
}

func (g *Generator) companySpeaker(r *rng, o *org) *speaker {
	slot := r.intn(8)
	p := g.personAt(g.orgPeopleBase + o.idx*8 + slot)
	roles := companyRoles
	for {
		ro := roles[(o.idx+slot*5+r.intn(3))%len(roles)]
		if ro.Gender == 0 || (ro.Gender == 1) == p.Female {
			return &speaker{p: p, role: ro.Role, article: ro.Article, org: o}
		}
		slot++
	}
}

func (g *Generator) analyst(r *rng) *speaker {
	p := g.personAt(g.analystBase + g.analystZipf.draw(r))
	firm := pick(r, orgHeads) + pick(r, []string{" Research", " Institute", " University", " Advisory", " Foundation"})
	return &speaker{p: p, role: pick(r, otherRoles), article: "a", firm: firm}
}

// Words.

func (w *writer) noun() string { return w.g.nouns[w.g.nounZipf.draw(w.r)] }
func (w *writer) verb() string { return w.g.verbs[w.g.verbZipf.draw(w.r)] }

// verbed is a verb in a tense fit for news: mostly past, sometimes
// present or progressive, now and then with an adverb.
func (w *writer) verbed() string {
	v := w.verb()
	var s string
	switch x := w.r.intn(10); {
	case x < 6:
		s = past(v)
	case x < 8:
		s = thirdPerson(v)
	default:
		s = "is " + gerund(v)
	}
	if w.r.chance(0.15) {
		s = pick(w.r, w.g.advs) + " " + s
	}
	return s
}
func (w *writer) adj() string { return w.g.adjs[w.g.adjZipf.draw(w.r)] }
func (w *writer) fn() string  { return pick(w.r, functionWords) }

func possessive(name string) string {
	if strings.HasSuffix(name, "s") {
		return name + "'"
	}
	return name + "'s"
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// phrase is a noun phrase: an optional determiner and adjective, a noun.
func (w *writer) phrase() string {
	var parts []string
	if w.r.chance(0.6) {
		parts = append(parts, pick(w.r, []string{"the", "the", "a", "its", "their", "this", "some", "many", "new"}))
	}
	if w.r.chance(0.5) {
		parts = append(parts, w.adj())
	}
	parts = append(parts, w.noun())
	if w.r.chance(0.3) {
		parts = append(parts, "of", w.noun())
	}
	return strings.Join(parts, " ")
}

// clause is subject, verb, object and sometimes a trailing phrase.
func (w *writer) clause(subject string) string {
	s := subject + " " + w.verbed() + " " + w.phrase()
	if w.r.chance(0.6) {
		s += " " + pick(w.r, []string{"in", "for", "on", "with", "after", "over", "under", "before", "across", "without"}) + " " + w.phrase()
	}
	return s
}

func (w *writer) sentence() string {
	s := w.clause(w.phrase())
	switch x := w.r.intn(6); {
	case x == 0:
		s += ", and " + w.clause(w.phrase())
	case x == 1:
		s += ", " + w.fn() + " " + w.phrase() + " " + w.verbed() + " " + w.phrase()
	case x == 2:
		s = pick(w.r, []string{"Last year, ", "In " + pick(w.r, months) + ", ", "Since then, ", "Meanwhile, ", "Even so, ", "Critics say "}) + s
	}
	return capitalize(s) + "."
}

func (w *writer) headline(o *org, topic string) string {
	switch w.r.intn(5) {
	case 0:
		return fmt.Sprintf("%s faces inquiry over %s %s", o.Name, w.adj(), topic)
	case 1:
		return fmt.Sprintf("%s to %s %s after %s", o.Name, w.verb(), topic, w.noun())
	case 2:
		return fmt.Sprintf("Regulators question %s on %s", o.Short, topic)
	case 3:
		return capitalize(fmt.Sprintf("%s %s: what %s's plan means for %s", w.adj(), topic, o.Short, plural(w.noun())))
	}
	return fmt.Sprintf("%s defends %s %s", o.Name, w.adj(), topic)
}

func (w *writer) lede(o *org, reg, topic string) string {
	s := fmt.Sprintf("%s, the %s %s, %s %s %s on %s, %s.",
		o.Name, w.adj(), o.Noun, past(w.verb()), w.phrase(), topic,
		pick(w.r, []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday"}),
		pick(w.r, []string{"according to people familiar with the matter", "in a move likely to draw scrutiny from " + reg, "the company said", "weeks after " + reg + " opened an inquiry"}))
	if w.r.chance(0.7) {
		s += " " + w.sentence()
	}
	return s
}

func (w *writer) narrative(main, other *org, reg string) string {
	n := w.r.between(2, 4)
	var ss []string
	for range n {
		switch w.r.intn(6) {
		case 0:
			ss = append(ss, w.clauseAbout(main.alias(w.r)))
		case 1:
			ss = append(ss, w.clauseAbout(other.alias(w.r)))
		case 2:
			if !w.regSaid {
				w.regSaid = true
				ss = append(ss, fmt.Sprintf("%s said in %s that it would %s %s.", capitalize(reg), pick(w.r, months), w.verb(), w.phrase()))
				continue
			}
			ss = append(ss, w.sentence())
		default:
			ss = append(ss, w.sentence())
		}
	}
	return strings.Join(ss, " ")
}

func (w *writer) clauseAbout(org string) string { return w.clause(org) + "." }

// quoteText is one or two sentences in a speaker's voice, without marks.
func (w *writer) quoteText(sentences int) string {
	var ss []string
	for range sentences {
		var s string
		switch w.r.intn(6) {
		case 0:
			s = fmt.Sprintf("We %s %s and we will %s %s", pick(w.r, verbList), w.phrase(), pick(w.r, verbList), w.phrase())
		case 1:
			s = fmt.Sprintf("This %s is %s for %s", w.noun(), w.adj(), plural(pick(w.r, nounList)))
		case 2:
			s = fmt.Sprintf("Our %s deserve %s %s", plural(pick(w.r, nounList)), w.adj(), w.noun())
		case 3:
			s = fmt.Sprintf("Nobody should have to %s %s to %s %s", pick(w.r, verbList), w.phrase(), pick(w.r, verbList), w.phrase())
		default:
			s = w.clause(w.phrase())
		}
		ss = append(ss, capitalize(s))
	}
	return strings.Join(ss, ". ")
}

// intro names a speaker in full the first time, by surname after that.
func (w *writer) intro(s *speaker) (name, desc string) {
	if s.named {
		return s.p.Last, ""
	}
	s.named = true
	var d string
	switch {
	case s.org == nil:
		d = fmt.Sprintf("%s %s at %s", s.article, s.role, s.firm)
	case w.r.chance(0.5):
		d = possessive(s.org.alias(w.r)) + " " + s.role
	default:
		d = fmt.Sprintf("%s %s at %s", s.article, s.role, s.org.alias(w.r))
	}
	return s.p.Name(), d
}

func (w *writer) said(s *speaker, text string) {
	w.a.Quotes = append(w.a.Quotes, Said{Speaker: s.p.Name(), Role: s.role, Organization: s.orgName(), Text: text})
}

var verbsAfter = []string{"said", "said", "said", "added", "told reporters", "explained", "argued", "warned", "noted", "insisted"}

func (w *writer) quotePara(s *speaker) string {
	o, c := w.quote[0], w.quote[1]
	name, desc := w.intro(s)
	who := name
	if desc != "" {
		who = name + ", " + desc + ","
	}
	whoEnd := strings.TrimSuffix(who, ",")
	if desc == "" {
		who = name
	}
	q1 := w.quoteText(w.r.between(1, 2))
	verb := pick(w.r, verbsAfter)
	var p string
	switch w.r.intn(7) {
	case 0: // "Q," said Name, role.
		p = fmt.Sprintf("%s%s,%s said %s.", o, q1, c, whoEnd)
		w.said(s, q1)
	case 1: // "Q," Name, role, said.
		p = fmt.Sprintf("%s%s,%s %s %s.", o, q1, c, who, verb)
		w.said(s, q1)
	case 2: // Name, role, said: "Q."
		p = fmt.Sprintf("%s %s: %s%s.%s", who, verb, o, q1, c)
		w.said(s, q1)
	case 3: // "Q1," Name said. "Q2," she added.
		q2 := w.quoteText(1)
		p = fmt.Sprintf("%s%s,%s %s said. %s%s,%s %s added.", o, q1, c, who, o, q2, c, s.p.pronoun())
		w.said(s, q1)
		w.said(s, q2)
	case 4: // "Q1," Name said, "q2."
		q2 := w.quoteText(1)
		q2 = strings.ToLower(q2[:1]) + q2[1:]
		p = fmt.Sprintf("%s%s,%s %s said, %s%s.%s", o, q1, c, who, o, q2, c)
		w.said(s, q1)
		w.said(s, q2)
	case 5: // In an interview, Name told The Outlet: "Q."
		p = fmt.Sprintf("In an interview, %s told %s: %s%s.%s", who, w.a.Outlet, o, q1, c)
		w.said(s, q1)
	default: // Narrative, then: "Q," she said.
		lead := w.sentence()
		p = fmt.Sprintf("%s %s%s,%s %s said.", lead, o, q1, c, who)
		w.said(s, q1)
		if w.r.chance(0.4) {
			q2 := w.quoteText(1)
			p += fmt.Sprintf(" %s%s.%s", o, q2, c)
			w.said(s, q2)
		}
	}
	return p
}

func (w *writer) orgStatement(og *org) string {
	o, c := w.quote[0], w.quote[1]
	q := w.quoteText(w.r.between(1, 2))
	w.a.Quotes = append(w.a.Quotes, Said{Organization: og.Name, Text: q})
	if w.r.chance(0.5) {
		return fmt.Sprintf("%s said in a statement: %s%s.%s", og.alias(w.r), o, q, c)
	}
	return fmt.Sprintf("%s%s,%s %s said in an email.", o, q, c, og.alias(w.r))
}

func (w *writer) silence(og *org, cast []*speaker) string {
	var s string
	switch w.r.intn(5) {
	case 0:
		s = fmt.Sprintf("%s declined to comment.", og.alias(w.r))
	case 1:
		s = fmt.Sprintf("A spokesperson for %s did not respond to a request for comment.", og.alias(w.r))
	case 2:
		s = fmt.Sprintf("%s did not immediately respond to questions about the %s.", og.alias(w.r), w.noun())
	case 3:
		s = fmt.Sprintf("Representatives of %s could not be reached for comment.", og.alias(w.r))
	default:
		for _, sp := range cast {
			if sp.org != nil && !sp.named {
				name, desc := w.intro(sp)
				s = fmt.Sprintf("%s, %s, declined to comment on the %s.", name, desc, w.noun())
				w.a.Silences = append(w.a.Silences, Said{Speaker: sp.p.Name(), Role: sp.role, Organization: sp.org.Name, Text: s})
				return s
			}
		}
		s = fmt.Sprintf("%s declined to comment.", og.alias(w.r))
	}
	w.a.Silences = append(w.a.Silences, Said{Organization: og.Name, Text: s})
	return s
}

var productA = strings.Fields(`Zen Lum Vex Kor Tal Nim Quo Bri Sol Dra Fen Jax Mor Pix Ryn Syl Tov Ul Vor Wyn Xan Yel Zor Cai Del`)
var productB = strings.Fields(`ora iq ify ly io ex um ara eon ix ivo ant osa ena uro`)
var productC = strings.Fields(`Pay Chat Cloud Vault Health Track Pass ID Home Drive Mail Shop`)

// product returns the name of article i's product: distinct for each
// article up to a few thousand, and rarely repeated after that.
func product(i int) string {
	n := i * 7919
	a := productA[n%len(productA)]
	n /= len(productA)
	b := productB[n%len(productB)]
	n /= len(productB)
	c := productC[n%len(productC)]
	return a + b + " " + c
}

func (w *writer) factPara(i int, o *org) string {
	f := Fact{
		Product:      product(i),
		Organization: o.Name,
		Users:        fmt.Sprintf("%d.%d million", w.r.between(1, 90), w.r.intn(10)),
		Country:      pick(w.r, countries),
	}
	w.a.Facts = append(w.a.Facts, f)
	return fmt.Sprintf("%s %s app has %s users in %s, %s.", possessive(o.alias(w.r)), f.Product, f.Users, f.Country, pick(w.r, []string{
		"according to the company's latest figures", "up from a year earlier", "the company said in its annual report", "making it one of the largest in the market"}))
}
