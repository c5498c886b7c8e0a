package bot

import (
	"regexp"
	"slices"
	"strings"
	"unicode"

	"github.com/privacybot/privacybot/quote"
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
	// yesNo is set for questions answered yes or no ("Did X …?").
	yesNo bool
	// compare is set when the question sets two or more entities side by
	// side ("Compare X's and Y's responses").
	compare bool
	// quietSides are the names a comparison sets beside its entities that
	// the sources print but never quote ("Lester Holt").
	quietSides []string
	// subject is the speaker a question asks about by a name that is no
	// speaker of the ledger ("has goldman sachs said anything?"); the
	// answer abstains unless the sources print it.
	subject string
}

var (
	quoteVerbRe = regexp.MustCompile(`(?i)\b(say|said|says|saying|tell|told|tells|report|reported|reports|wr(?:ite|ote|ites|itten)|tweet\w*|announc\w*|warn\w*|argu\w*|insist\w*|admit\w*|acknowledg\w*|comment\w*|quote\w*|statement\w*|respon\w*|react\w*|den(y|ied|ies)|claim\w*|add|added|explain\w*|stated?|remarks?|position|stance|words?|think|thinks|thought|sya|siad|sayd|spokes\w*|characteri[sz]\w*|describ\w*|portray\w*|depict\w*|repl(y|ied|ies)|opinions?|views?|take on|stands?|thoughts|feel\w*|believ\w*|defen[cd]\w*|promis\w*|pledg\w*|vow\w*|apologi\w*|confirm\w*|according to|reassur\w*|criticis\w*|criticiz\w*|accus\w*|blam\w*|prais\w*|welcom\w*)\b`)
	// speechVerbRe matches words that ask for someone's words without
	// saying what about; they are not part of a question's topic.
	speechVerbRe  = regexp.MustCompile(`(?i)^(say|said|says|saying|tell|told|tells|comment\w*|quot\w*|statement\w*|add|added|explain\w*|stat|state|stated|remark\w*|word|words|sya|siad|sayd|spokes\w*|think|thinks|thought|characteri[sz]\w*|describ\w*|portray\w*|depict\w*|respond|respons|response|reply|repli|react|reaction|position|stance|take|view|opinion|feel|anything|believe|believ|have|has|had|stand|thought|according)$`)
	sourcesRe     = regexp.MustCompile(`(?i)^\W*((list|show|give)( me)?( all)? (the |your )?(sources|articles)|(which|what) (sources|articles)( do you have| are there| can you use)?\W*$|sources\W*$)`)
	silenceRe     = regexp.MustCompile(`(?i)\b(declin\w*|refus\w*|no comment|not (to )?comment|(did not|didn't|failed to|did not) (respond|reply|return|comment|answer)|silent|decline)\b`)
	whoSaidRe     = regexp.MustCompile(`(?i)^\W*(who|which (person|company|bank|organi[sz]ation|spokes\w+))\s+(said|says|stated|told|wrote|claimed|added)\b`)
	followUpRe    = regexp.MustCompile(`(?i)^\W*(and|also|plus|what about|how about|same for|and what about|what of)\b`)
	focusRe       = regexp.MustCompile(`(?i)^\W*(?:what|which|how many)\s+(?:kinds? of\s+|types? of\s+|other\s+)?(\p{L}+)`)
	capitalWordRe = regexp.MustCompile(`\b[A-Z][\p{L}&.'’-]*[\p{L}]`)
	// yesNoRe matches questions answered yes or no ("Did US Bancorp share
	// data?", "Has any bank agreed…?").
	yesNoRe = regexp.MustCompile(`(?i)^\W*(did|does|do|is|are|was|were|has|have|had|can|could|will|would|should|may|might)(n't| not)?\b`)
	// compareRe matches questions that set two speakers side by side.
	compareRe = regexp.MustCompile(`(?i)\b(compar\w*|differ\w*|versus|vs\.?|contrast\w*|similar\w*|alike|unlike|both)\b`)
)

// questionWords start questions and are capitalised only for that reason.
var questionWords = toSet(`what who whom whose which when where why how did does do is are was were can could would will should has have had tell show list give and also please any according compare contrast`)

// understand classifies the question and expands follow-ups using history.
func (e *Engine) understand(snap *snapshot, text string, history []Turn) *plan {
	p := &plan{asked: text, query: text}
	p.entities = pruneEntities(text, snap.ledger.NamedIn(text))
	if !compareRe.MatchString(text) {
		p.entities = subjectEntities(text, p.entities)
	}
	p.wantsQuotes = quoteVerbRe.MatchString(text)
	p.yesNo = yesNoRe.MatchString(text)
	if len(history) > 0 {
		followUp(snap, p, history)
	}

	p.unknown, p.strangers = properNouns(snap, text, p.entities)
	p.entities = notMisreadings(snap, text, p.entities)
	notTopic := resolveSpeaker(snap, p)
	p.topic = topicTerms(p.query, entityNames(snap, p.entities))
	p.topic = slices.DeleteFunc(p.topic, func(t string) bool { return notTopic[t] })
	if m := focusRe.FindStringSubmatch(text); m != nil && !stopwords[strings.ToLower(m[1])] {
		p.focus = stem(strings.ToLower(m[1]))
	}
	if compareRe.MatchString(text) && len(p.entities) < 2 {
		// "How did the hospital's response differ from the
		// patients'?": sides named by description.
		for _, n := range describedSides(snap, text) {
			if !slices.Contains(p.entities, n) {
				p.entities = append(p.entities, n)
			}
		}
	}
	if compareRe.MatchString(text) && len(p.entities) > 0 {
		// A side the sources name but never quote still counts: the
		// answer says plainly that it said nothing.
		p.quietSides = unquotedNames(snap, text, p.entities)
		p.compare = len(sides(snap, text, p.entities))+len(p.quietSides) >= 2
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
	case len(p.entities) > 0 && (p.wantsQuotes || p.yesNo || p.compare || len(p.topic) == 0):
		// "Did US Bancorp share data?" is settled by what US Bancorp said.
		p.kind = KindQuote
	case len(p.strangers) > 0 && p.wantsQuotes:
		p.kind = KindQuote
	default:
		p.kind = KindFact
	}
	// Summaries and timelines: bot/overview.go.
	p.kind = overviewKind(p)
	p.kind = factKind(p) // bot/facts.go
	return p
}

// pruneEntities drops the entities a question names only by accident: a
// name whose words the question uses only as part of a longer name it
// also matched ("Park" inside "Helen Park"), and, when the question writes
// some name with capitals, a name it writes only in lower case ("What did
// Acme say about representatives?" is not about a speaker called
// "Representatives").
func pruneEntities(text string, entities []string) []string {
	if len(entities) == 0 {
		return entities
	}
	qwords := strings.FieldsFunc(text, func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.' || r == '\'' || r == '’' || r == '-')
	})
	capital := map[string]bool{}
	for _, w := range qwords {
		for _, lw := range words(w) {
			if unicode.IsUpper([]rune(w)[0]) {
				capital[lw] = true
			} else if _, ok := capital[lw]; !ok {
				capital[lw] = false
			}
		}
	}
	matched := make([]map[string]bool, len(entities))
	anyCapital := false
	for i, e := range entities {
		matched[i] = map[string]bool{}
		for _, w := range words(e) {
			if c, ok := capital[w]; ok && !stopwords[w] {
				matched[i][w] = true
				anyCapital = anyCapital || c
			}
		}
	}
	var out []string
	for i, e := range entities {
		drop := false
		if ew := words(e); len(ew) >= 3 && len(matched[i]) == 1 && matched[i][ew[0]] {
			// "Is Lester Holt a Democrat?" is not about a speaker the
			// ledger labels "Democrat Hillary Clinton".
			drop = true
		}
		if len(matched[i]) > 0 {
			lower := true
			for w := range matched[i] {
				lower = lower && !capital[w]
			}
			drop = drop || anyCapital && lower
			for j := range entities {
				if j != i && len(matched[j]) > len(matched[i]) && subset(matched[i], matched[j]) {
					drop = true
				}
			}
		}
		if !drop {
			out = append(out, e)
		}
	}
	return out
}

// notMisreadings drops the entities the ledger matched only as a
// misspelling of a name the sources do print ("Lester" Holt read as Jon
// "Tester"): a real name is not a typo.
func notMisreadings(snap *snapshot, text string, entities []string) []string {
	q := map[string]bool{}
	for _, w := range words(text) {
		q[w] = true
	}
	var names []string
	for _, w := range capitalWordRe.FindAllString(text, -1) {
		lw := strings.TrimSuffix(strings.ToLower(strings.ReplaceAll(w, "’", "'")), "'s")
		if len(lw) >= 4 && !questionWords[lw] && snap.statistics().vocab[lw] > 0 {
			names = append(names, lw)
		}
	}
	if len(names) == 0 {
		return entities
	}
	return slices.DeleteFunc(entities, func(e string) bool {
		for _, w := range words(e) {
			if q[w] {
				return false // named as written
			}
		}
		for _, w := range words(e) {
			for _, n := range names {
				if quote.EditDistance(w, n, 2) <= 2 {
					return true
				}
			}
		}
		return false
	})
}

func subset(a, b map[string]bool) bool {
	for k := range a {
		if !b[k] {
			return false
		}
	}
	return true
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
		if drop[t] || speechVerbRe.MatchString(t) || compareRe.MatchString(t) {
			continue
		}
		out = append(out, t)
	}
	return out
}

// entityNames returns the entities with every other name the ledger knows
// them by: aliases and related organizations ("Citi" for Citigroup, "Meta"
// for Facebook).
func entityNames(snap *snapshot, entities []string) []string {
	out := append([]string(nil), entities...)
	for _, en := range entities {
		out = append(out, snap.ledger.FormsOf(en)...)
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
		known[initials(en)] = true // "EFF" for Electronic Frontier Foundation
	}
	for _, n := range entityNames(snap, entities) {
		for _, w := range words(n) {
			known[w] = true // "Meta" for Facebook, "Citi" for Citigroup
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
