package bot

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/privacybot/privacybot/quote"
	"github.com/privacybot/privacybot/retrieval"
)

var (
	// negationRe finds a denial or a refusal in a sentence.
	negationRe = regexp.MustCompile(`(?i)\b(not|no|never|nothing|none|neither|nor|cannot|without|untrue|false|incorrect\w*|den(y|ies|ied|ial|ials)|refus\w*|reject\w*|declin\w*)\b|\w+n['’]t\b`)
	// strongDenialRe finds an outright denial.
	strongDenialRe = regexp.MustCompile(`(?i)\b(not true|untrue|incorrect\w*|false|den(y|ies|ied)|wrong|inaccurate|mislead\w*)\b`)
	// negativeAskRe finds a question that asks whether someone denied or
	// refused something: a denial then answers yes.
	negativeAskRe = regexp.MustCompile(`(?i)\b(den(y|ies|ied|ial)|refus\w*|reject\w*|declin\w*|dispute\w*|contest\w*|push(ed)? back|rebut\w*|oppos\w*)\b`)
	// spokeAboutRe finds a yes/no question that asks whether someone
	// spoke at all ("Did X comment?", "Has X said anything about Y?"):
	// what they said answers it, not a yes or a no.
	spokeAboutRe = regexp.MustCompile(`(?i)\b(sa(y|id|ys)|comment(ed|s)?|respond(ed|s)?|react(ed|s)?|spoke|speak|spoken|talk(ed|s)?|mention(ed|s)?|weigh(ed)? in)\s+(anything|something|much|publicly|at all)?\s*(about|on|regarding|concerning|to|over|\W*$)`)
)

// settleCoverage is the share of a yes/no question's topic weight a
// quotation or sentence must hold to settle it.
const settleCoverage = 0.75

// settle puts first the quotation or sentence that settles a yes/no
// question (a denial, a confirmation) and says in the lead which way it
// points, citing it. When nothing settles it, the lead says so: with the
// refusal to comment when there is one, else with the closest evidence.
func (e *Engine) settle(b *builder, hits []retrieval.Hit) {
	topic := b.p.topic
	if len(topic) == 0 || b.ans.Abstained() {
		return
	}
	st := b.snap.statistics()
	negAsk := negativeAskRe.MatchString(b.p.asked)
	asked := askedOfNamed(b.p, topic)
	names := questionNameWords(b.p)
	score := func(text string) float64 {
		c := softCoverage(st, topic, text, negAsk)
		if negAsk && strongDenialRe.MatchString(text) {
			// "this is not true" answers "did they deny it?" whatever
			// words it uses for what it denies.
			return max(c, settleCoverage) + 0.01
		}
		switch {
		case len(asked) == 0:
		case !holdsAll(text, asked):
			// Repeating the name of whom the question asks about
			// ("I think Lester Holt will be very fair") settles
			// nothing about what it asks ("a Democrat").
			c = min(c, settleCoverage-0.01)
		case anyIn(names, termSet(text)):
			// What it asks, of them named by one word of their name
			// ("Trump accused Holt of being a Democrat, though…").
			c = max(c, settleCoverage+0.05) // as a sentence, past its 0.05 handicap
		}
		return c
	}
	if len(b.p.entities) == 0 {
		// "Has any bank agreed to share data?": whoever's words come
		// closest may settle it, though the answer did not show them.
		e.addClosestQuote(b, hits, score)
	}
	bestScore, bestG, bestQ, bestE := 0.0, -1, -1, -1
	for gi, g := range b.ans.Groups {
		for qi, q := range g.Quotes {
			if c := score(q.Text); c > bestScore {
				bestScore, bestG, bestQ, bestE = c, gi, qi, -1
			}
		}
	}
	for ei, ev := range b.ans.Evidence {
		// A sentence about someone else ("talks with JPMorgan, Wells
		// Fargo…") does not settle what the question's subject did: it
		// must name the subject first. A quotation of the asked-about
		// speaker settles it before a sentence that covers as much.
		c := score(ev.Text) - 0.05
		if len(b.p.entities) > 0 && !namesFirst(ev.Text, b.p.entities) {
			// It may still be the closest the sources come.
			c = min(c, settleCoverage-0.01)
		}
		if c > bestScore {
			bestScore, bestG, bestQ, bestE = c, -1, -1, ei
		}
	}
	if bestScore < settleCoverage {
		ev, ok := e.namedSettler(b, hits)
		if !ok {
			ev, ok = e.settlerInContext(b, hits)
		}
		if ok {
			// "Trump accused Holt of being a Democrat, though … he has
			// been a registered Republican" settles "Is Lester Holt a
			// Democrat?" though it names him by one word of his name.
			b.ans.Evidence = append([]Evidence{ev}, b.ans.Evidence...)
			b.cite(ev.Source)
			bestScore, bestE = settleCoverage, 0
		}
	}
	if bestScore < settleCoverage {
		if bestE >= 0 && bestScore >= settleCoverage-0.2 {
			// "Asked whether customers would be compensated, the ICO
			// declined to comment.": close, but not a yes or a no.
			ev := b.ans.Evidence[bestE]
			b.ans.Evidence = append([]Evidence{ev}, append(b.ans.Evidence[:bestE:bestE], b.ans.Evidence[bestE+1:]...)...)
			text, more := leadExcerpt(ev.Text)
			b.ans.Lead = fmt.Sprintf("The sources don't settle it; the closest they come is this: “%s”%s %s", text, more, Cite(ev.Citation))
			return
		}
		if s := firstSilence(b.ans.Groups); s != nil {
			b.ans.Lead = fmt.Sprintf("The sources don't settle it: they report that %s %s %s.", silenceWho(*s), silenceClause(s.Kind), Cite(s.Citation))
			return
		}
		b.ans.Lead = "The sources don't settle it. Here is the closest evidence; it may not answer the question fully."
		return
	}
	var text, who string
	var cites []Citation
	if bestE >= 0 {
		ev := b.ans.Evidence[bestE]
		text, cites = ev.Text, []Citation{ev.Citation}
		// The settling sentence comes first.
		b.ans.Evidence = append([]Evidence{ev}, append(b.ans.Evidence[:bestE:bestE], b.ans.Evidence[bestE+1:]...)...)
	} else {
		g := b.ans.Groups[bestG]
		q := g.Quotes[bestQ]
		text, who, cites = q.Text, g.Label, q.Citations
		g.Quotes = append([]QuoteItem{q}, append(g.Quotes[:bestQ:bestQ], g.Quotes[bestQ+1:]...)...)
		groups := append([]SpeakerGroup{g}, append(b.ans.Groups[:bestG:bestG], b.ans.Groups[bestG+1:]...)...)
		b.ans.Groups = groups
	}
	// The verdict: a denial of what was asked ("We haven't shared…" for
	// "Did they share…?") says no; the words asked for, with no negation,
	// say yes; a negation of something else ("that doesn't account for…")
	// says neither, and the lead only gives the evidence.
	verdict := ""
	switch {
	case bestE >= 0 && len(b.p.entities) == 0:
		// A sentence about no one in particular answers only as far as
		// its words go: the lead gives it without a yes or a no.
		verdict = "The closest the sources come is from "
	case negAsk:
		verdict = "Yes, according to "
	case negatedTopic(text, topic):
		verdict = "No, according to "
	case !negationRe.MatchString(text) && holdsAll(text, topic):
		// Yes only when it says all that was asked: "I think Lester Holt
		// will be very fair" does not make him a Democrat.
		verdict = "Yes, according to "
	default:
		verdict = "The closest the sources come is from "
	}
	if who == "" {
		who = "the sources"
		if strings.HasPrefix(verdict, "The closest") {
			who = "this"
		}
	}
	text, more := leadExcerpt(text)
	b.ans.Lead = fmt.Sprintf("%s%s: “%s”%s %s", verdict, who, text, more, Cite(cites...))
}

// negationReach is how many words after a negation may be what it denies.
const negationReach = 3

// negatedTopic reports whether the text negates one of the topic's words:
// a negation with a topic word among the next few words ("haven't shared
// any customer information" for share).
func negatedTopic(text string, topic []string) bool {
	ws := words(text)
	for i, w := range ws {
		if !negationRe.MatchString(w) {
			continue
		}
		for j := i + 1; j < len(ws) && j <= i+negationReach; j++ {
			t := stem(ws[j])
			for _, u := range topic {
				if t == u || nearStem(t, u) {
					return true
				}
			}
		}
	}
	return false
}

// firstSilence returns the first refusal to comment the answer shows.
func firstSilence(groups []SpeakerGroup) *SilenceItem {
	for _, g := range groups {
		if len(g.Silences) > 0 {
			return &g.Silences[0]
		}
	}
	return nil
}

func silenceWho(s SilenceItem) string {
	if s.Speaker != "" {
		return s.Speaker
	}
	return s.Organization
}

// softCoverage is [coverage] with terms meeting when one stem extends the
// other by a letter or two ("share" and "shar", from "shared"). When the
// question asks whether someone denied or refused (negAsk), any denial in
// the text holds the question's word for it.
func softCoverage(st *statsSnapshot, topic []string, text string, negAsk bool) float64 {
	have := termSet(text)
	if negAsk && negationRe.MatchString(text) {
		for _, u := range topic {
			if negativeAskRe.MatchString(u) {
				have[u] = true
			}
		}
	}
	for t := range have {
		for _, u := range topic {
			if !have[u] && nearStem(t, u) {
				have[u] = true
			}
		}
	}
	return coverage(st, topic, "", have)
}

func nearStem(a, b string) bool {
	a, b = loose(a), loose(b)
	if a == b || base(a) == base(b) && len(base(a)) >= 4 {
		return true
	}
	if len(a) > len(b) {
		a, b = b, a
	}
	return len(a) >= 3 && len(b)-len(a) <= 2 && strings.HasPrefix(b, a)
}

// subjectWords is how far into a sentence its subject may be named.
const subjectWords = 5

// namesFirst reports whether the sentence names one of the entities
// among its first words, as its subject.
func namesFirst(sentence string, entities []string) bool {
	ws := words(sentence)
	if len(ws) > subjectWords {
		ws = ws[:subjectWords]
	}
	head := map[string]bool{}
	for _, w := range ws {
		head[w] = true
	}
	if len(ws) > 0 && (ws[0] == "he" || ws[0] == "she" || ws[0] == "it" || ws[0] == "they") {
		return true // the subject, named in the sentence before
	}
	for _, e := range entities {
		for _, w := range words(e) {
			if head[w] && !stopwords[w] {
				return true
			}
		}
	}
	return false
}

// loose strips what stem leaves of a verb's endings ("using", "use" and
// "used" all give "us").
func loose(w string) string {
	for _, suf := range []string{"ing", "ed", "e"} {
		if len(w) >= len(suf)+2 && strings.HasSuffix(w, suf) {
			return w[:len(w)-len(suf)]
		}
	}
	return w
}

// maxLeadQuote is the most of a settling quotation the lead repeats; the
// whole of it follows below.
const maxLeadQuote = 200

// leadExcerpt returns the start of text to quote in a lead, verbatim: all
// of it when short, else its first sentences up to maxLeadQuote bytes, or
// its first words, with "…" to put after the closing mark.
func leadExcerpt(text string) (string, string) {
	text = strings.TrimRight(strings.TrimSpace(text), ",;:")
	if len(text) <= maxLeadQuote {
		return text, ""
	}
	cut := strings.LastIndexAny(text[:maxLeadQuote], ".!?")
	if cut >= maxLeadQuote/3 {
		return text[:cut+1], " …"
	}
	cut = strings.LastIndexByte(text[:maxLeadQuote], ' ')
	if cut <= 0 {
		// No space: cut at the last whole character.
		cut = maxLeadQuote
		for cut > 0 && !utf8.RuneStart(text[cut]) {
			cut--
		}
	}
	return strings.TrimRight(text[:cut], ",;: "), "…"
}

// base strips a noun's or verb's Latinate ending so that "admission" and
// "admit", "compensation" and "compensated", "deletion" and "delete",
// "resignation" and "resign" meet.
func base(w string) string {
	if strings.HasSuffix(w, "mission") {
		return w[:len(w)-len("mission")] + "mit"
	}
	if len(w) > 6 && strings.HasSuffix(w, "sion") && !strings.HasSuffix(w, "ssion") {
		// "decision" and "decide", "conclusion" and "conclude".
		return strings.TrimSuffix(w[:len(w)-len("sion")]+"d", "t")
	}
	for _, suf := range []string{"ation", "ition", "ion", "at", "et", "e"} {
		if len(w) > len(suf)+3 && strings.HasSuffix(w, suf) {
			w = w[:len(w)-len(suf)]
			break
		}
	}
	return strings.TrimSuffix(w, "t")
}

// addClosestQuote puts first in the answer the retrieved quotation that
// scores best, when it comes near to settling the question and beats what
// the answer shows.
func (e *Engine) addClosestQuote(b *builder, hits []retrieval.Hit, score func(string) float64) {
	shown := 0.0
	for _, q := range b.ans.Quotes() {
		shown = max(shown, score(q.Text))
	}
	for _, ev := range b.ans.Evidence {
		shown = max(shown, score(ev.Text))
	}
	var best *quote.Quote
	bestScore := max(shown, settleCoverage-0.2)
	for _, h := range hits {
		if h.Quote != nil {
			if c := score(h.Quote.Text); c > bestScore {
				best, bestScore = h.Quote, c
			}
		}
	}
	if best == nil {
		return
	}
	for _, q := range b.ans.Quotes() {
		for _, c := range q.Citations {
			if c.Source == best.Source && c.Start == best.Start {
				return // shown already
			}
		}
	}
	groups := groupQuotes([]quote.Quote{*best}, nil)
	b.ans.Groups = append(groups, b.ans.Groups...)
	b.cite(best.Source)
}

// holdsAll reports whether the text holds every word of the topic, in
// some form, including words no source holds elsewhere.
func holdsAll(text string, topic []string) bool {
	have := termSet(text)
	for _, t := range topic {
		found := have[t]
		for u := range have {
			found = found || nearStem(u, t)
		}
		if !found {
			return false
		}
	}
	return true
}
