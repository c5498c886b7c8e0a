package bot

import (
	"regexp"
	"strings"
)

var (
	// pronounRe finds words that point back at someone named earlier in
	// the conversation: pronouns and phrases such as "the bank".
	pronounRe = regexp.MustCompile(`(?i)\b(he|she|they|them|him|her|hers|his|it|its|their|theirs|else|more|(the|that|this|same|these|those) (company|companies|bank|banks|firm|firms|lender|business|organi[sz]ation|agency|regulator|watchdog|group|app|platform|network|social network|hospital|insurer|government|spokes\w+|executive|official|person|man|woman|people|ones?))\b`)
	// personRe and orgRe tell a pronoun for a person from one for an
	// organization; "they" may be either.
	personRe = regexp.MustCompile(`(?i)\b(he|she|him|her|hers|his|(the|that|this|same) (spokes\w+|executive|official|person|man|woman))\b`)
	orgRe    = regexp.MustCompile(`(?i)\b(it|its|(the|that|this|same) (company|bank|firm|lender|business|organi[sz]ation|agency|regulator|watchdog|group|app|platform|network|social network|hospital|insurer|government))\b`)
	// quotedRe matches a quotation in an answer's lead; the names inside
	// it are what was said, not who is being talked about.
	leadQuoteRe = regexp.MustCompile(`“[^”]*”|"[^"]*"`)
)

// lookBack is how many earlier turns a follow-up may reach back to find
// whom it is about.
const lookBack = 4

// followUp reads the question against the conversation so far: "and
// Citigroup?" asks the previous question about someone else; "did they
// share any data?" asks about whoever the conversation was about.
func followUp(snap *snapshot, p *plan, history []Turn) {
	led := snap.ledger
	text := p.asked
	prev := history[len(history)-1].Question
	short := len(contentTerms(text)) <= 4
	switch {
	case len(p.entities) > 0 && (followUpRe.MatchString(text) || (short && !p.wantsQuotes)):
		// "and Citigroup?" — the same question about someone else.
		prevEntities := pruneEntities(prev, led.NamedIn(prev))
		if quoteVerbRe.MatchString(prev) {
			p.wantsQuotes = true
		}
		p.query = text + " " + stripEntities(prev, prevEntities)
	case len(p.entities) == 0 && (pronounRe.MatchString(text) || followUpRe.MatchString(text)):
		// "What else did she say?" — the same people as before.
		ents, asked := previousEntities(snap, history)
		if len(ents) == 0 {
			p.query = text + " " + prev
			return
		}
		p.entities = fitPronoun(snap, text, ents)
		// "what does he want the president to do?" after "What did Adam
		// Schiff say?": his words first, then what the articles say.
		p.wantsQuotes = p.wantsQuotes || quoteVerbRe.MatchString(asked)
		if own := pronounRe.ReplaceAllString(text, " "); len(topicTerms(own, nil)) > 0 {
			// The question says what it is about: search for that, about
			// them, not for the earlier question's subject too.
			p.query = own + " " + strings.Join(p.entities, " ")
		} else {
			p.query = text + " " + asked
		}
	}
}

// previousEntities returns the entities the conversation was last about,
// and the question that named them: the latest earlier question naming
// someone, or else the lead of the latest answer naming someone outside
// its quotations ("The sources attribute it to Elisabeth Diana…").
func previousEntities(snap *snapshot, history []Turn) ([]string, string) {
	led := snap.ledger
	for i := len(history) - 1; i >= 0 && i >= len(history)-lookBack; i-- {
		q := history[i].Question
		if ents := pruneEntities(q, led.NamedIn(q)); len(ents) > 0 {
			return ents, q
		}
	}
	for i := len(history) - 1; i >= 0 && i >= len(history)-lookBack; i-- {
		lead, _, _ := strings.Cut(history[i].Answer, "\n")
		lead = leadQuoteRe.ReplaceAllString(lead, " ")
		if ents := led.NamedIn(lead); len(ents) > 0 {
			return ents, history[i].Question
		}
	}
	return nil, ""
}

// fitPronoun keeps the entities a pronoun can stand for: the people for
// "she" or "the spokesman", the organizations for "it" or "the bank". When
// none fits, it keeps them all.
func fitPronoun(snap *snapshot, text string, ents []string) []string {
	wantPerson, wantOrg := personRe.MatchString(text), orgRe.MatchString(text)
	if wantPerson == wantOrg || len(ents) < 2 {
		return ents
	}
	var out []string
	for _, e := range ents {
		if isPerson(snap, e) == wantPerson {
			out = append(out, e)
		}
	}
	if len(out) == 0 {
		return ents
	}
	return out
}

// isPerson reports whether the ledger quotes name as a person rather than
// as an organization.
func isPerson(snap *snapshot, name string) bool {
	qs, ss := snap.ledger.BySpeaker(name)
	return !isOrganization(qs, ss, name)
}
