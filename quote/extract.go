package quote

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/privacybot/privacybot/corpus"
)

// Extract finds every direct quotation in src, with its speaker, and every
// sentence saying that someone declined or failed to comment. Quotes come in
// text order; each Quote.Text is exactly src.Text[Start:End] and lies within
// one paragraph. A quotation with no speaker in the text keeps an empty
// Speaker and Organization rather than a guessed one; short quoted terms with
// no speaker (scare quotes) are left out. al may be nil for the default
// aliases.
func Extract(src *corpus.Source, al *Aliases) ([]Quote, []Silence) {
	if src == nil {
		return nil, nil
	}
	if al == nil {
		al = DefaultAliases()
	}
	x := &extractor{src: src, text: src.Text, al: al, people: map[string]string{}, peopleAt: map[string]int{}, capsMid: map[string]bool{}, orgs: map[string]string{}}
	x.run()
	return x.quotes, x.silences
}

// extractor holds the state of one article's extraction.
type extractor struct {
	src  *corpus.Source
	text string
	al   *Aliases
	// people maps a lower-case surname to the first full name it ended.
	people map[string]string
	// peopleAt holds where each of those full names first appears; pos is
	// the end of the sentence being read. A surname expands only to a
	// full name given before it ("Mr. Obama" is not the "Michelle Obama"
	// of a later paragraph).
	peopleAt map[string]int
	pos      int
	sent     int
	// lastSpeaker is the last named speaker, quoted in sentence
	// lastSpeakerAt.
	lastSpeaker   string
	lastSpeakerAt int
	// capsMid holds the capitalized words seen inside a sentence, after a
	// lower-case word or a comma: a name, unlike a capitalized opener
	// ("Educated folk.", "Once in my early 20s").
	capsMid map[string]bool
	// orgs holds the organizations the article introduces ("the online
	// retailer Brightcart"), by normalized name.
	orgs map[string]string
	// entities are the speakers and subjects seen so far, latest last.
	entities []entity
	quotes   []Quote
	silences []Silence
	// prevPara describes how the previous paragraph ended.
	prevPara paraEnd
	// pending lists unattributed quotes that run on into the next
	// paragraph; they take the speaker the quote's last paragraph names.
	pending []int
}

// entity is a speaker the text has named: a person, an unnamed role or an
// organization.
type entity struct {
	Name, Role, Org string
	IsOrg           bool
	Gender          byte
	// seen is the sentence count when the entity was last mentioned.
	seen int
}

// who is an attribution: a resolved speaker and the verb that named it.
type who struct {
	Name, Role, Org, Verb string
	ok                    bool
	// near is set when the attribution stands right next to the quote
	// ("…,” she said / said X: “…”).
	near bool
	// quoted is set when a speech verb attributes the quote but its
	// subject could not be resolved ("…,” she said, with no "she" before).
	quoted bool
}

// paraEnd is what later paragraphs may inherit from the previous one.
type paraEnd struct {
	// speaker ends the paragraph: the last quote's speaker when the last
	// sentence is a quote, or the subject of a closing "X continued:".
	speaker who
	// continued reports a quote running on into the next paragraph.
	continued bool
}

func (x *extractor) run() {
	for _, p := range x.src.Paragraphs {
		x.collectNames(p)
	}
	for pi, p := range x.src.Paragraphs {
		next := -1
		if pi+1 < len(x.src.Paragraphs) {
			next = x.src.Paragraphs[pi+1].Start
		}
		x.paragraph(pi, p, next)
	}
}

// collectNames records full names (two or more capitalized words, titles
// stripped) so that a later bare surname can be expanded.
func (x *extractor) collectNames(p corpus.Span) {
	toks := tokenize(x.text, p.Start, p.End)
	for i := 1; i < len(toks); i++ {
		if t := toks[i]; t.isCap() && (toks[i-1].Text == "," || !toks[i-1].Punct && !toks[i-1].isCap()) && !strings.ContainsAny(x.text[toks[i-1].End:t.Start], ".!?") {
			x.capsMid[strings.ToLower(stripPoss(t.Text))] = true
		}
	}
	for i := 0; i < len(toks); {
		if !nameish(toks[i]) {
			i++
			continue
		}
		j := i
		for j < len(toks) && nameish(toks[j]) && !isPoss(toks[j].Text) && (j == i || strings.Trim(x.text[toks[j-1].End:toks[j].Start], " \"“”") == "") {
			j++
		}
		if j < len(toks) && nameish(toks[j]) && isPoss(toks[j].Text) {
			j++
		}
		run := toks[i:j]
		if i > 0 && !toks[i-1].Punct && orgNouns[toks[i-1].lower()] && !x.al.Known(joinToks(run)) && j > i {
			// "the online retailer Brightcart", "the security firm Northgate Cyber".
			o := stripPoss(joinToks(run))
			x.orgs[normOrg(o)] = cleanOrg(o)
			i = j
			continue
		}
		if j == i {
			j++
			i = j
			continue
		}
		k := 0
		for idx, t := range run {
			if titleWords[strings.TrimSuffix(t.lower(), ".")] {
				k = idx + 1
			}
		}
		name := run[k:]
		if len(name) >= 2 && len(name) <= 4 && !x.orgLike(name) {
			full := stripPoss(joinToks(name))
			last := strings.ToLower(stripPoss(name[len(name)-1].Text))
			if _, seen := x.people[last]; !seen && !strings.HasSuffix(last, ".") {
				x.people[last] = full
				x.peopleAt[last] = name[0].Start
			}
		}
		i = j
	}
}

// dropNicknames removes quotations that are a nickname inside a name
// (Robert C. “Bobby” Scott): one capitalized word between two.
func dropNicknames(text string, qs []qspan) []qspan {
	out := qs[:0:0]
	for _, q := range qs {
		body := text[q.Start:q.End]
		if !strings.ContainsAny(body, " ,.!?") && isUpperRune(firstRune(body)) &&
			q.Open >= 2 && text[q.Open-1] == ' ' && capWordBefore(text, q.Open-1) &&
			q.Close+1 < len(text) && text[q.Close] == ' ' && isUpperRune(firstRune(text[q.Close+1:])) {
			continue
		}
		out = append(out, q)
	}
	return out
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

// capWordBefore reports whether the word ending at text[i] starts with a
// capital letter ("Marcia", "C.").
func capWordBefore(text string, i int) bool {
	j := i
	for j > 0 {
		r, w := utf8.DecodeLastRuneInString(text[:j])
		if !unicode.IsLetter(r) && r != '.' {
			break
		}
		j -= w
	}
	return j < i && isUpperRune(firstRune(text[j:i]))
}

// paragraph extracts the quotes and silences of one paragraph.
func (x *extractor) paragraph(pi int, p corpus.Span, next int) {
	qs := dropNicknames(x.text, scanQuotes(x.text, p, next))
	sents := splitSentences(x.text, p, qs)
	prev := x.prevPara
	x.prevPara = paraEnd{}
	var lastSentWho who
	lastSentQuoteOnly, lastSentReported := false, false
	prevCue := -1
	for si, s := range sents {
		x.pos = s.End
		x.sent++
		toks, qpos := x.sentenceTokens(s, qs)
		cue := firstCue(toks)
		x.noteSubjects(toks)
		x.findSilences(pi, s, toks, qs)
		var sentWho who
		for k, qi := range s.Quotes {
			q := qs[qi]
			w := x.attribute(toks, qpos, k)
			standalone := len(s.Quotes) == 1 && outsideLen(x.text, s, q) <= 3
			if !w.ok && k > 0 {
				// "“A,” she said. “B.”" within one sentence: a later part
				// of a split quote keeps the speaker of the earlier one.
				if sentWho.ok && !verbBetween(toks, qpos, k) {
					w = sentWho
				}
			}
			if !w.ok && !w.quoted && k == len(s.Quotes)-1 {
				// "A cashier who “steals a handful of $20s” is held
				// accountable, Warren said."
				if t := x.trailingAttribution(toks, qpos[k]+1); t.ok {
					w = t
				}
			}
			if !w.ok && standalone {
				switch {
				case si > 0 && lastSentWho.ok && (lastSentQuoteOnly || lastSentReported || lastSentHasQuote(sents[si-1])):
					w = lastSentWho
				case si == 0 && q.Open == p.Start && prev.speaker.ok:
					w = prev.speaker
				}
			}
			if !w.ok && k == 0 && q.Open == p.Start && prev.continued && prev.speaker.ok {
				w = prev.speaker
			}
			if w.ok {
				sentWho = w
				if w.Name != "" {
					x.lastSpeaker, x.lastSpeakerAt = w.Name, x.sent
				}
				if k == 0 && q.Open == p.Start && prev.continued {
					for _, i := range x.pending {
						x.quotes[i].Speaker, x.quotes[i].Role, x.quotes[i].Organization, x.quotes[i].Verb = w.Name, w.Role, w.Org, w.Verb
					}
				}
			}
			if k == 0 && !(q.Open == p.Start && prev.continued) {
				x.pending = x.pending[:0]
			}
			if !x.keep(q, toks, qpos[k], cue, prevCue, w) {
				continue
			}
			x.quotes = append(x.quotes, Quote{
				Source: x.src.ID, Text: x.text[q.Start:q.End], Start: q.Start, End: q.End,
				Speaker: w.Name, Role: w.Role, Organization: w.Org, Verb: w.Verb, Paragraph: pi,
			})
			if q.Continued {
				x.prevPara.continued = true
				if !w.ok {
					x.pending = append(x.pending, len(x.quotes)-1)
				}
			}
		}
		lastSentWho = sentWho
		lastSentQuoteOnly = len(s.Quotes) > 0
		lastSentReported = false
		if len(s.Quotes) == 0 {
			lastSentWho = x.colonIntro(toks, s)
			if !lastSentWho.ok {
				// "The administration may be reluctant to act, Schiff
				// said." A quotation right after goes on in his words.
				lastSentWho = x.trailingAttribution(toks, 0)
				lastSentReported = lastSentWho.ok
			}
		}
		prevCue = cue
	}
	if len(sents) > 0 {
		x.prevPara.speaker = lastSentWho
		if len(sents[len(sents)-1].Quotes) == 0 && !lastSentWho.ok {
			x.prevPara.speaker = who{}
		}
	}
}

func lastSentHasQuote(s sentence) bool { return len(s.Quotes) > 0 }

// trailingAttribution reads an attribution that closes a sentence after a
// clause of reported speech: ", Warren said.", ", said Warren on Tuesday.",
// ", according to the complaint." lo is the first token after the
// sentence's last quote.
func (x *extractor) trailingAttribution(toks []token, lo int) who {
	e := len(toks)
	for e > lo && toks[e-1].Punct && toks[e-1].Text != "\x00" {
		e--
	}
	for v := e - 2; v > lo && v >= e-12; v-- {
		// ", according to Virginia AFL-CIO President Doris Crouse-Mays."
		if toks[v].lower() == "according" && toks[v+1].lower() == "to" && toks[v-1].Text == "," {
			if np := forwardNP(toks, v+2, e); np != nil && v+2+len(np) == e {
				return x.resolve(x.parseNP(np), "according to")
			}
			return who{}
		}
	}
	for v := e - 1; v >= lo && v >= e-6; v-- {
		t := toks[v]
		l := t.lower()
		if t.Punct || l == "that" {
			return who{}
		}
		if !isVerb(t) || participles[l] || l == "according" {
			continue
		}
		// Words after the verb: a time or a channel, not a clause.
		for _, a := range toks[v+1 : e] {
			if isVerb(a) || determiners[a.lower()] && a.lower() != "a" || isPronoun(a.lower()) {
				return who{}
			}
		}
		if v > lo && toks[v-1].Text == "," && invertingVerbs[l] {
			// ", said Warren."
			if np := forwardNP(toks, v+1, e); np != nil && len(np) <= 4 {
				return x.resolve(x.parseNP(np), l)
			}
			return who{}
		}
		np := backwardNP(toks, v, lo)
		if np == nil {
			return who{}
		}
		at := 0
		for at < len(toks) && toks[at].Start < np[0].Start {
			at++
		}
		if at <= lo || toks[at-1].Text != "," {
			return who{}
		}
		m := x.parseNP(np)
		if m.Name == "" && !m.IsOrg && m.Anaphor != "he" && m.Anaphor != "she" {
			return who{}
		}
		return x.resolve(m, l)
	}
	return who{}
}

// outsideLen counts the non-space, non-punctuation bytes of sentence s
// outside quote q.
func outsideLen(text string, s sentence, q qspan) int {
	n := 0
	for _, seg := range [][2]int{{s.Start, q.Open}, {q.Close, s.End}} {
		for i := seg[0]; i < seg[1] && i < len(text); i++ {
			c := text[i]
			if !isSpace(c) && !strings.ContainsRune(".,;:!?\"'()-", rune(c)) {
				n++
			}
		}
	}
	return n
}

// quoteLike reports whether an unattributed quotation is kept: a quoted
// statement of several words, or a short quoted phrase in a sentence that
// reports speech ("described the plan as a “crazy system”"). Single quoted
// words and title-case names of works ("Morning Joe") are scare quotes or
// titles, not quotations, and are dropped.
func (x *extractor) quoteLike(q qspan, toks []token, qi, firstCue int) bool {
	body := x.text[q.Start:q.End]
	words := strings.Fields(body)
	if len(words) >= 5 {
		return true
	}
	if len(words) == 1 && qi >= 0 && firstCue >= 0 && firstCue < qi && !titleCase(words) && !modifierUse(toks, qi) {
		// "has repeatedly wondered whether the moderators will be “fair”
		// to him": a reported word.
		return true
	}
	if len(words) < 2 || titleCase(words) {
		return false
	}
	// A cue in the quote's own sentence must come before it.
	if firstCue >= 0 && (qi < 0 || firstCue < qi) {
		return true
	}
	if qi > 0 && toks[qi-1].Text == ":" {
		return true // introduced by a colon
	}
	// "… Putin as a “strong leader”".
	for j := qi - 1; j >= 0 && j >= qi-2; j-- {
		if l := toks[j].lower(); l == "as" {
			return true
		} else if l != "a" && l != "an" {
			break
		}
	}
	return false
}

// keep decides whether a quotation goes into the ledger: an attributed one
// unless it is a single word or a title-case name not right next to its
// attribution; an unattributed one when quoteLike.
func (x *extractor) keep(q qspan, toks []token, qi, cue, prevCue int, w who) bool {
	if qi >= 2 && toks[qi-1].lower() == "of" && chantNouns[toks[qi-2].lower()] {
		return true // "greeted with chants of “Bobby!”"
	}
	if x.workTitle(q, toks, qi) {
		return false
	}
	if !w.ok {
		if !w.quoted && cue < 0 && prevCue < 0 && nounFragment(x.text[q.Start:q.End]) {
			// "sent its reporter into “a living room in western
			// Pennsylvania”": a borrowed phrase, no one's words here.
			return false
		}
		if !w.quoted && cue < 0 && qi > 0 && determiners[toks[qi-1].lower()] && termLike(x.text[q.Start:q.End]) {
			// "an investment in a rural area or a “targeted employment
			// area,” which is defined as …": a term, not a quotation.
			return false
		}
		return w.quoted || x.quoteLike(q, toks, qi, cue) || x.quoteLike(q, nil, -1, prevCue)
	}
	if w.near {
		return true
	}
	words := strings.Fields(x.text[q.Start:q.End])
	return !(len(words) < 5 && titleCase(words))
}

// nounFragment reports whether a quotation is a bare noun phrase: "a",
// "an" or "the" and a few more words, no clause punctuation.
func nounFragment(body string) bool {
	words := strings.Fields(body)
	if len(words) > 8 || len(words) < 2 {
		return false
	}
	switch words[0] {
	case "a", "an", "the":
	default:
		return false
	}
	return !strings.ContainsAny(body, ",.!?;:")
}

// termLike reports whether a quotation is a short lower-case term: at
// most four words, no clause punctuation but a trailing comma.
func termLike(body string) bool {
	words := strings.Fields(body)
	if len(words) > 4 || len(words) < 2 || isUpperRune(firstRune(body)) {
		return false
	}
	return !strings.ContainsAny(strings.TrimRight(body, ","), ",.!?;:")
}

// workTitle reports whether a short title-case quotation is the name of a
// show, a book or a song: it follows a preposition or a possessive
// ("on “The Steve Harvey Morning Show”", "MSNBC's “Morning Joe”").
func (x *extractor) workTitle(q qspan, toks []token, qi int) bool {
	words := strings.Fields(x.text[q.Start:q.End])
	if len(words) > 8 || !titleCase(words) || qi <= 0 {
		return false
	}
	p := toks[qi-1]
	if p.Punct {
		return false
	}
	switch p.lower() {
	case "of", "on", "in", "to", "from", "at", "for", "with", "during":
		return true
	}
	return isPoss(p.Text) && p.isCap()
}

// modifierUse reports whether the one-word quotation at toks[qi] modifies
// the noun after it ("promoting “quack” medical cures"): a scare quote.
func modifierUse(toks []token, qi int) bool {
	if qi+1 >= len(toks) {
		return false
	}
	n := toks[qi+1]
	if n.Punct || n.isCap() {
		return false
	}
	switch n.lower() {
	case "to", "for", "of", "in", "on", "at", "by", "with", "and", "or", "but", "that", "than", "as", "from", "about", "if", "because", "when", "while", "is", "was", "are", "were":
		return false
	}
	return !isVerb(n)
}

// titleCase reports whether every word of a short phrase is capitalized
// (minor words aside), as in the name of a show or a book.
func titleCase(words []string) bool {
	for _, w := range words {
		r, _ := utf8.DecodeRuneInString(strings.TrimLeft(w, "([\"'“‘"))
		if isUpperRune(r) || unicode.IsDigit(r) {
			continue
		}
		switch strings.ToLower(w) {
		case "of", "the", "a", "an", "and", "in", "on", "for", "to", "at", "with", "by", "or":
			continue
		}
		return false
	}
	return true
}

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
	letters := 0
	for _, r := range w {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters > 0
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
		return w
	}
	b := x.attributeBefore(toks, qi, lo)
	if b.ok {
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
		if m := x.parseHead(np); m.Name != "" && m.Anaphor == "" {
			return x.resolve(m, "")
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
				np := backwardNP(toks, v, a)
				if np != nil && (leadIn(toks, a, np[0].Start) || vl == "put it" && toks[a].lower() == "as" && leadIn(toks, a+1, np[0].Start)) {
					if w := x.resolve(x.parseNP(np), vl); w.ok {
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
			if !t.isCap() && describeVerbs[l] && !auxWords[l] {
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
			if np := backwardNP(toks, v, lo); np != nil && np[len(np)-1].End == toks[v-1].End {
				if m := x.parseNP(np); m.Name != "" && m.Anaphor == "" {
					return x.resolve(m, l)
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
				return w
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

// accordingTo reads the source after "according to": a speaker, or a
// document and who issued it ("a civil complaint filed by the Securities
// and Exchange Commission").
func (x *extractor) accordingTo(toks []token, i, hi int) who {
	np := forwardNP(toks, i, hi)
	if np == nil {
		return who{}
	}
	m := x.parseNP(np)
	if e := i + len(np); e < hi && docNouns[np[len(np)-1].lower()] && m.Org == "" && m.Name == "" {
		if by := x.issuedBy(toks, e, hi); by.ok {
			return by
		}
	}
	return x.resolve(m, "according to")
}

// issuedBy reads "filed by X", "by X", "from X" after a document noun.
func (x *extractor) issuedBy(toks []token, e, hi int) who {
	if e < hi && !toks[e].Punct {
		switch toks[e].lower() {
		case "filed", "issued", "released", "published", "written", "prepared", "sent", "signed", "obtained":
			e++
		}
	}
	if e >= hi || (toks[e].lower() != "by" && toks[e].lower() != "from") {
		return who{}
	}
	np := forwardNP(toks, e+1, hi)
	if np == nil {
		return who{}
	}
	m := x.parseNP(np)
	if m.Name == "" && !m.IsOrg {
		return who{}
	}
	return x.resolve(m, "according to")
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
	for i < v && (toks[i].Punct || stopCaps[toks[i].lower()] && !isPronoun(toks[i].lower())) {
		i++
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

// colonIntro returns the speaker of a sentence like "Caddell continued:"
// that introduces a quotation in the next paragraph.
func (x *extractor) colonIntro(toks []token, s sentence) who {
	t := strings.TrimSpace(x.text[s.Start:s.End])
	if !strings.HasSuffix(t, ":") {
		return who{}
	}
	for v := len(toks) - 1; v >= 0; v-- {
		l := toks[v].lower()
		if !isVerb(toks[v]) || l == "according" {
			continue
		}
		if np := backwardNP(toks, v, 0); np != nil {
			return x.resolve(x.parseNP(np), l)
		}
		return x.clauseSubject(toks, 0, v, l)
	}
	return who{}
}

// noteSubjects records the subjects of speech verbs and organizations that
// open a sentence, so that later pronouns can find them.
func (x *extractor) noteSubjects(toks []token) {
	i := 0
	for i < len(toks) && (toks[i].Punct || stopCaps[toks[i].lower()]) {
		i++
	}
	np := forwardNP(toks, i, len(toks))
	if np == nil || x.parseNP(np).Name == "" && !x.parseNP(np).IsOrg {
		// "In a statement issued Tuesday morning, presidential nominee
		// Hillary Clinton was …": the subject after an introduction.
		for c := i; c < len(toks) && c < i+16; c++ {
			if toks[c].Text == "\x00" {
				break
			}
			if toks[c].Text == "," {
				if np2 := forwardNP(toks, c+1, len(toks)); np2 != nil {
					if m := x.parseNP(np2); m.Name != "" && m.Anaphor == "" && c+1+len(np2) < len(toks) && !toks[c+1+len(np2)].Punct {
						np = np2
					}
				}
				break
			}
		}
	}
	if np != nil {
		m := x.parseNP(np)
		if len(np) == 1 && m.Name == np[0].Text && !x.capsMid[strings.ToLower(m.Name)] && !x.al.Known(m.Name) {
			// "Educated folk.": a capitalized opener, not a name.
			m = mention{}
		}
		switch {
		case m.Name == "" && m.Org == "" && m.Role != "" && m.Gender != 0 && len(np) <= 2:
			// "My mother has softened with age, but … she still says":
			// an unnamed person a later pronoun may mean.
			x.addEntity(entity{Role: m.Role, Gender: m.Gender})
		case m.Anaphor != "":
		case m.IsOrg:
			x.addEntity(entity{Org: m.Org, IsOrg: true})
		case m.Name != "":
			x.resolve(m, "")
		}
	}
	for v := 1; v < len(toks); v++ {
		// "when my mother mentioned …": a kin or role word with a
		// gender, after a possessive, may be what a later she means.
		switch toks[v-1].lower() {
		case "my", "his", "her", "our", "their", "your":
			if g := genderedRoles[toks[v].lower()]; g != 0 && !toks[v].Punct && (v+1 == len(toks) || toks[v+1].Text != "," && !toks[v+1].isCap()) {
				x.addEntity(entity{Role: toks[v].lower(), Gender: g})
			}
		}
	}
	for v, t := range toks {
		l := t.lower()
		if !isVerb(t) || participles[l] || l == "according" {
			continue
		}
		if v+1 < len(toks) && toks[v+1].Text == "\x00" {
			continue // attributed with its quote
		}
		if v > 0 && toks[v-1].Text == "\x00" {
			continue
		}
		if np := backwardNP(toks, v, 0); np != nil {
			m := x.parseNP(np)
			if m.Anaphor == "" && !m.empty() {
				x.resolve(m, l)
			}
		}
	}
}

// resolve turns a mention into a speaker, following pronouns and phrases
// like "the company" back to the entities seen before, and records it.
func (x *extractor) resolve(m mention, verb string) who {
	switch m.Anaphor {
	case "":
	case "he", "she":
		g := pronounGender[m.Anaphor]
		best := -1
		preferred := false
		if x.lastSpeaker != "" && x.sent-x.lastSpeakerAt <= 1 {
			// "Christie … blasted Clinton as a “disgrace”. “…,” he
			// said.": the speaker just quoted goes on.
			for i := len(x.entities) - 1; i >= 0; i-- {
				if e := x.entities[i]; !e.IsOrg && e.Name == x.lastSpeaker {
					if e.Gender == g || e.Gender == 0 {
						best, preferred = i, true
					}
					break
				}
			}
		}
		// The most recent person the pronoun can mean: one of its gender,
		// or a named or affiliated one of unknown gender still in view.
		for i := len(x.entities) - 1; i >= 0 && !preferred; i-- {
			e := x.entities[i]
			if e.IsOrg {
				continue
			}
			if e.Gender == g || e.Gender == 0 && (e.Name != "" || e.Org != "") && x.sent-e.seen <= 8 {
				best = i
				break
			}
		}
		if best < 0 {
			return who{}
		}
		if x.entities[best].Gender == 0 && !preferred {
			// A guess from the pronoun; not when the speaker just quoted
			// was taken on trust.
			x.entities[best].Gender = g
		}
		e := x.entities[best]
		x.touch(best)
		return who{Name: e.Name, Role: e.Role, Org: e.Org, Verb: verb, ok: true}
	case "it", "org", "statement":
		for i := len(x.entities) - 1; i >= 0; i-- {
			if e := x.entities[i]; e.IsOrg {
				x.touch(i)
				return who{Org: e.Org, Verb: verb, ok: true}
			}
		}
		for i := len(x.entities) - 1; i >= 0; i-- {
			if e := x.entities[i]; e.Org != "" {
				if m.Anaphor == "statement" || e.IsOrg || m.Anaphor == "org" || m.Anaphor == "it" {
					x.touch(i)
					return who{Org: e.Org, Verb: verb, ok: true}
				}
			}
		}
		return who{}
	case "role":
		for i := len(x.entities) - 1; i >= 0; i-- {
			e := x.entities[i]
			if !e.IsOrg && strings.Contains(strings.ToLower(e.Role), lastWord(strings.ToLower(m.Role))) {
				x.touch(i)
				return who{Name: e.Name, Role: e.Role, Org: e.Org, Verb: verb, ok: true}
			}
		}
		return who{}
	default:
		return who{}
	}
	if m.empty() {
		return who{}
	}
	if m.IsOrg {
		x.addEntity(entity{Org: m.Org, IsOrg: true})
		return who{Org: m.Org, Verb: verb, ok: true}
	}
	if m.Org == "" && m.Role != "" && spokesRoles[lastWord(strings.ToLower(m.Role))] {
		// "Spokeswoman Elisabeth Diana": she speaks for the organization
		// the article was just talking about.
		for i := len(x.entities) - 1; i >= 0; i-- {
			if x.entities[i].Org != "" {
				m.Org = x.entities[i].Org
				break
			}
		}
	}
	e := entity{Name: m.Name, Role: m.Role, Org: m.Org, Gender: m.Gender}
	if e.Name != "" {
		for i := len(x.entities) - 1; i >= 0; i-- {
			o := x.entities[i]
			if !o.IsOrg && o.Name == e.Name {
				if e.Role == "" {
					e.Role = o.Role
				}
				if e.Org == "" {
					e.Org = o.Org
				}
				if e.Gender == 0 {
					e.Gender = o.Gender
				}
				break
			}
		}
	}
	x.addEntity(e)
	return who{Name: e.Name, Role: e.Role, Org: e.Org, Verb: verb, ok: true}
}

func lastWord(s string) string {
	f := strings.Fields(s)
	if len(f) == 0 {
		return ""
	}
	return f[len(f)-1]
}

// addEntity appends e as the most recent entity, dropping an older copy.
func (x *extractor) addEntity(e entity) {
	for i := len(x.entities) - 1; i >= 0; i-- {
		o := x.entities[i]
		if o.IsOrg == e.IsOrg && o.Name == e.Name && o.Org == e.Org && o.Role == e.Role {
			if e.Gender == 0 {
				e.Gender = o.Gender
			}
			x.entities = append(x.entities[:i], x.entities[i+1:]...)
			break
		}
	}
	e.seen = x.sent
	x.entities = append(x.entities, e)
	if len(x.entities) > 64 {
		x.entities = x.entities[len(x.entities)-64:]
	}
}

// touch makes entity i the most recent.
func (x *extractor) touch(i int) {
	e := x.entities[i]
	e.seen = x.sent
	x.entities = append(x.entities[:i], x.entities[i+1:]...)
	x.entities = append(x.entities, e)
}

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

// parsePrepNP reads "a narrator in the Clinton ad": a role, then a
// prepositional phrase naming the organization.
func (x *extractor) parsePrepNP(span []token) mention {
	if len(span) == 0 || len(span) > 10 {
		return mention{}
	}
	for i, t := range span {
		if t.Punct {
			return mention{}
		}
		switch t.lower() {
		case "in", "at", "for", "of", "from", "with":
			if i == 0 {
				return mention{}
			}
			m := x.parseHead(span[:i])
			if m.Name == "" && (m.Role == "" || m.Anaphor != "") {
				return mention{}
			}
			if m.Org == "" {
				rest := span[i+1:]
				j := 0
				for j < len(rest) && determiners[rest[j].lower()] {
					j++
				}
				e := j
				for e < len(rest) && nameish(rest[e]) {
					e++
				}
				if e > j {
					m.Org = x.al.Canonical(stripPoss(joinToks(rest[j:e])))
				}
			}
			m.Anaphor = ""
			return m
		}
	}
	return mention{}
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
