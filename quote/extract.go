package quote

import (
	"strings"

	"github.com/privacybot/privacybot/corpus"
)

// Extract finds every direct quotation in src, with its speaker, and every
// sentence saying that someone declined or failed to comment. Quotes come in
// text order; each Quote.Text is exactly src.Text[Start:End] and lies within
// one paragraph. A quotation with no speaker in the text keeps an empty
// Speaker and Organization rather than a guessed one. A few quoted words
// inside reported speech ("called the ruling “outrageous”") are a quotation;
// quoted terms no one is reported as saying (scare quotes), titles of works
// and quoted subheadings are left out, and captions, credits and "WATCH:"
// lines between paragraphs are skipped. al may be nil for the default
// aliases.
func Extract(src *corpus.Source, al *Aliases) ([]Quote, []Silence) {
	if src == nil {
		return nil, nil
	}
	if al == nil {
		al = DefaultAliases()
	}
	x := &extractor{src: withoutDatelines(src), text: src.Text, al: al, people: map[string]string{}, peopleAt: map[string]int{}, capsMid: map[string]bool{}, orgs: map[string]string{}}
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
	// lowerWords holds the words the article writes in lower case, built
	// when the ranker first needs them.
	lowerWords map[string]bool
	// allWords holds every word the article writes, built with lowerWords.
	allWords map[string]bool
	// rk caches what the speaker ranker read of recent paragraphs.
	rk rankState
	// capCount counts each capitalized word of the article, spoke the
	// quotations the rules attributed to each name so far.
	capCount map[string]int
	spoke    map[string]int
	// ctxSeen records, for each capitalized word, the kinds of context
	// the article writes it in (see noteContexts).
	ctxSeen map[string]uint8
	// labels holds the all-capitals labels that open a paragraph before
	// a colon ("WATCH:"), which are not speakers.
	labels map[string]bool
	// dateParts holds the capitalized words the article writes as the
	// start of a date or a holiday ("Black" of "Black Friday").
	dateParts map[string]bool
	// named is set once every paragraph's names are collected: from then
	// on notName and canonOrg read fixed state, and notNames and canons
	// memoize them. norms memoizes normOrg.
	named    bool
	notNames map[string]bool
	canons   map[string]string
	norms    map[string]string
	// intros memoizes firstIntro by noun.
	intros map[string]int
	// quoting is 1 when the article quotes with double marks, 2 when not,
	// 0 until doubleQuoted reads it.
	quoting int8
	// paraLayouts memoizes readParaLayout by paragraph start.
	paraLayouts map[int]paraLayout
	// paraToks holds each paragraph's tokens by its start (paraTokens).
	paraToks map[int][]token
	// placeRoles maps a place the article writes with a role next to it
	// to that role ("senator" of "the Vermont senator").
	placeRoles map[string]string
	// gap is where touch notes how long an entity went unmentioned,
	// agree whether a pronoun's gender was known to match.
	gap   int
	agree bool
	// layout marks the paragraphs that are layout lines (captions,
	// "WATCH:" lines), which the ranker steps over as the rules do.
	layout []bool
	// cue caches the first reporting word of the sentence read last.
	cue cueCache
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
	// how names the rule that found the attribution, for the ranker;
	// anaphor is the pronoun or description it resolved ("she", "role"),
	// gap how many sentences before that its referent was last seen.
	how, anaphor string
	gap          int
	// agree: the pronoun's gender was known to be the referent's.
	agree bool
	// guessed: a description was taken for the one person named lately,
	// its role not theirs ("the former astronaut" for Senator Kelly).
	guessed bool
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
	paras := x.src.Paragraphs
	// Layout lines (captions, "WATCH:" lines) are skipped: they name no
	// one and a quote runs on over them.
	layout := make([]bool, len(paras))
	x.layout = layout
	doubleStyle := doubleMarked(x.text)
	for pi, p := range paras {
		layout[pi] = layoutLine(x.text, p) || subheadLine(x.text, p, doubleStyle) || pi == 0 && dekLine(x.text, p, doubleStyle)
		if !layout[pi] {
			x.collectNames(p)
		}
	}
	x.named = true
	last := -1
	for pi, p := range paras {
		if layout[pi] {
			continue
		}
		if at := attributionLine(x.text, p); at >= 0 && last >= 0 && x.pullQuoteSpeaker(last, p, at) {
			x.prevPara = paraEnd{}
			x.pending = x.pending[:0]
			last = pi
			continue
		}
		next := -1
		for n := pi + 1; n < len(paras); n++ {
			if !layout[n] {
				next = paras[n].Start
				break
			}
		}
		x.paragraph(pi, p, next)
		last = pi
	}
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
	prevVerb := false
	for si, s := range sents {
		x.pos = s.End
		x.sent++
		toks, qpos := x.sentenceTokens(s, qs)
		cue := firstCue(toks)
		sentVerb := anyVerb(toks)
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
					w.how = "sentwho"
				}
			}
			if !w.ok && !w.quoted && k == len(s.Quotes)-1 {
				// "A cashier who “steals a handful of $20s” is held
				// accountable, Warren said."
				if t := x.trailingAttribution(toks, qpos[k]+1); t.ok {
					w = t
					w.how = "trailing"
				}
			}
			if !w.ok && standalone {
				switch {
				case si > 0 && lastSentWho.ok && (lastSentQuoteOnly || lastSentReported || lastSentHasQuote(sents[si-1])):
					w = lastSentWho
					w.how = "lastsent"
				case si == 0 && q.Open == p.Start && prev.speaker.ok:
					w = prev.speaker
					w.how = "prevpara"
				}
			}
			if !w.ok && k == 0 && q.Open == p.Start && prev.continued && prev.speaker.ok {
				w = prev.speaker
				w.how = "continued"
			}
			if w.ok {
				sentWho = w
				if w.Name != "" {
					x.lastSpeaker, x.lastSpeakerAt = w.Name, x.sent
				}
				x.noteSpoke(w)
				if k == 0 && q.Open == p.Start && prev.continued {
					for _, i := range x.pending {
						x.quotes[i].Speaker, x.quotes[i].Role, x.quotes[i].Organization, x.quotes[i].Verb = w.Name, w.Role, w.Org, w.Verb
					}
				}
			}
			if k == 0 && !(q.Open == p.Start && prev.continued) {
				x.pending = x.pending[:0]
			}
			if !x.learnedKeep(q, toks, qpos[k], cue, prevCue, w, p, len(qs), x.keep(q, toks, qpos[k], cue, prevCue, w)) {
				continue
			}
			rw := x.rankSpeaker(q, w, rankCtx{standalone: standalone, paraStart: q.Open == p.Start,
				continued: prev.continued, k: k, para: pi, prev: prev.speaker, lastSent: lastSentWho, sStart: s.Start, sEnd: s.End, sentVerb: sentVerb, prevVerb: prevVerb})
			rw = x.chosenName(rw)
			x.quotes = append(x.quotes, Quote{
				Span: Span{Source: x.src.ID, Text: x.text[q.Start:q.End], Start: q.Start, End: q.End,
					Speaker: rw.Name, Role: rw.Role, Organization: rw.Org},
				Verb: rw.Verb, Paragraph: pi,
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
		prevVerb = sentVerb
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
