package bot

import (
	"regexp"
	"strings"
	"unicode"
)

// plan is how the engine understood a question.
type plan struct {
	// asked is the question as typed; query is what is searched, with a
	// follow-up expanded from the conversation.
	asked, query string
	kind         Kind
	// entities are the ledger's canonical speakers the question names.
	entities []string
	// unknown are proper nouns in the question the corpus never mentions.
	unknown []string
	// strangers are proper nouns the corpus mentions but never quotes.
	strangers []string
	// wantsQuotes is set when the question asks what someone said.
	wantsQuotes bool
	// silence is set for "who declined to comment?" questions.
	silence bool
	// whoSaid is set for "who said …?" questions.
	whoSaid bool
	// topic holds the question's content terms, entity words removed.
	topic []string
	// focus is the stemmed noun a "what/which NOUN" question asks about.
	focus string
}

var (
	quoteVerbRe = regexp.MustCompile(`(?i)\b(say|said|says|saying|tell|told|tells|report|reported|reports|wr(?:ite|ote|ites|itten)|tweet\w*|announc\w*|warn\w*|argu\w*|insist\w*|admit\w*|acknowledg\w*|comment\w*|quote\w*|statement\w*|respon\w*|react\w*|den(y|ied|ies)|claim\w*|add|added|explain\w*|stated?|remarks?|position|stance|words?|think|thinks|thought|sya|siad|sayd|spokes\w*)\b`)
	// speechVerbRe matches words that ask for someone's words without
	// saying what about; they are not part of a question's topic.
	speechVerbRe  = regexp.MustCompile(`(?i)^(say|said|says|saying|tell|told|tells|comment\w*|quot\w*|statement\w*|add|added|explain\w*|stat|state|stated|remark\w*|word|words|sya|siad|sayd|spokes\w*|think|thinks|thought)$`)
	sourcesRe     = regexp.MustCompile(`(?i)^\W*((list|show|give)( me)?( all)? (the |your )?(sources|articles)|(which|what) (sources|articles)( do you have| are there| can you use)?\W*$|sources\W*$)`)
	silenceRe     = regexp.MustCompile(`(?i)\b(declin\w*|refus\w*|no comment|not (to )?comment|(did not|didn't|failed to|did not) (respond|reply|return|comment|answer)|silent|decline)\b`)
	whoSaidRe     = regexp.MustCompile(`(?i)^\W*(who|which (person|company|bank|organi[sz]ation|spokes\w+))\s+(said|says|stated|told|wrote|claimed|added)\b`)
	followUpRe    = regexp.MustCompile(`(?i)^\W*(and|also|plus|what about|how about|same for|and what about|what of)\b`)
	pronounRe     = regexp.MustCompile(`(?i)\b(he|she|they|them|him|her|it|its|their|else|more|the company|the bank)\b`)
	focusRe       = regexp.MustCompile(`(?i)^\W*(?:what|which|how many)\s+(?:kinds? of\s+|types? of\s+|other\s+)?(\p{L}+)`)
	capitalWordRe = regexp.MustCompile(`\b[A-Z][\p{L}&.'’-]*[\p{L}]`)
)

// questionWords start questions and are capitalised only for that reason.
var questionWords = toSet(`what who whom whose which when where why how did does do is are was were can could would will should has have had tell show list give and also please any according`)

// understand classifies the question and expands follow-ups using history.
func (e *Engine) understand(snap *snapshot, text string, history []Turn) *plan {
	p := &plan{asked: text, query: text}
	led := snap.ledger
	p.entities = led.NamedIn(text)
	p.wantsQuotes = quoteVerbRe.MatchString(text)

	if len(history) > 0 {
		prev := history[len(history)-1].Question
		prevEntities := led.NamedIn(prev)
		prevQuotes := quoteVerbRe.MatchString(prev)
		short := len(contentTerms(text)) <= 4
		switch {
		case len(p.entities) > 0 && (followUpRe.MatchString(text) || (short && !p.wantsQuotes)):
			// "and Citigroup?" — the same question about someone else.
			if prevQuotes {
				p.wantsQuotes = true
			}
			p.query = text + " " + stripEntities(prev, prevEntities)
		case len(p.entities) == 0 && (pronounRe.MatchString(text) || followUpRe.MatchString(text)):
			// "What else did she say?" — the same people as before.
			p.entities = prevEntities
			p.query = text + " " + prev
		}
	}

	p.unknown, p.strangers = properNouns(snap, text, p.entities)
	p.topic = topicTerms(p.query, p.entities)
	if m := focusRe.FindStringSubmatch(text); m != nil && !stopwords[strings.ToLower(m[1])] {
		p.focus = stem(strings.ToLower(m[1]))
	}
	switch {
	case sourcesRe.MatchString(text):
		p.kind = KindSources
	case silenceRe.MatchString(text) && len(p.entities) == 0:
		p.silence = true
		p.kind = KindFact
	case whoSaidRe.MatchString(text):
		// The names in "who said X?" belong to what was said.
		p.whoSaid = true
		p.kind = KindQuote
	case len(p.unknown) > 0:
		p.kind = KindOutOfScope
	case len(p.entities) > 0 && (p.wantsQuotes || len(p.topic) == 0):
		p.kind = KindQuote
	case len(p.strangers) > 0 && p.wantsQuotes:
		p.kind = KindQuote
	default:
		p.kind = KindFact
	}
	// Summaries and timelines: bot/overview.go.
	p.kind = overviewKind(p)
	return p
}

// stripEntities removes the words naming entities from a question, leaving
// what it asked about them.
func stripEntities(q string, entities []string) string {
	drop := map[string]bool{}
	for _, e := range entities {
		for _, w := range words(e) {
			drop[w] = true
		}
	}
	var keep []string
	for _, f := range strings.Fields(q) {
		if ws := words(f); len(ws) == 1 && drop[ws[0]] {
			continue
		}
		keep = append(keep, f)
	}
	return strings.Join(keep, " ")
}

// topicTerms returns the content terms of q that are not part of an entity
// name nor a quote verb.
func topicTerms(q string, entities []string) []string {
	drop := map[string]bool{}
	for _, e := range entities {
		for _, w := range words(e) {
			drop[stem(w)] = true
		}
	}
	var out []string
	for _, t := range contentTerms(q) {
		if drop[t] || speechVerbRe.MatchString(t) {
			continue
		}
		out = append(out, t)
	}
	return out
}

// properNouns finds capitalised names in the question that are not entities
// of the ledger. Those the corpus never mentions are unknown; those it
// mentions but never quotes are strangers.
func properNouns(snap *snapshot, text string, entities []string) (unknown, strangers []string) {
	known := map[string]bool{}
	for _, en := range entities {
		for _, w := range words(en) {
			known[w] = true
		}
	}
	seen := map[string]bool{}
	for _, loc := range capitalWordRe.FindAllStringIndex(text, -1) {
		w := text[loc[0]:loc[1]]
		lw := strings.ToLower(strings.Trim(strings.ReplaceAll(w, "’", "'"), "'."))
		lw = strings.TrimSuffix(lw, "'s")
		if lw == "" || questionWords[lw] || stopwords[lw] || known[lw] || seen[lw] || isAllCapsShort(w) && snap.statistics().mentions(lw) {
			continue
		}
		seen[lw] = true
		if loc[0] == 0 && !snap.statistics().mentions(lw) && !looksLikeName(w) {
			continue
		}
		if !snap.statistics().mentions(lw) {
			unknown = append(unknown, strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s"))
		} else if !snap.statistics().quoted(lw) {
			strangers = append(strangers, strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s"))
		}
	}
	return unknown, strangers
}

func isAllCapsShort(w string) bool {
	if len(w) > 5 {
		return false
	}
	for _, r := range w {
		if unicode.IsLower(r) {
			return false
		}
	}
	return true
}

// looksLikeName reports whether a sentence-initial word is likely a name
// rather than an ordinary capitalised word: it has inner capitals or dots.
func looksLikeName(w string) bool {
	for i, r := range w {
		if i > 0 && (unicode.IsUpper(r) || r == '.') {
			return true
		}
	}
	return false
}
