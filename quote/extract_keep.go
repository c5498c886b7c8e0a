package quote

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/privacybot/privacybot/corpus"
	"github.com/privacybot/privacybot/internal/chars"
)

// outsideLen counts the non-space, non-punctuation bytes of sentence s
// outside quote q.
func outsideLen(text string, s sentence, q qspan) int {
	n := 0
	for _, seg := range [][2]int{{s.Start, q.Open}, {q.Close, s.End}} {
		for i := seg[0]; i < seg[1] && i < len(text); i++ {
			c := text[i]
			if !chars.IsSpace(c) && !strings.ContainsRune(".,;:!?\"'()-", rune(c)) {
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

// verdict is what the rules make of a quoted span: speech, or not, and
// when not, whether they are sure.
type verdict int8

const (
	// dropSure is a span the rules know is not speech: the name of a
	// work, a button label, a borrowed noun phrase or a term, or a
	// scare quote the writer flags ("so-called “privacy dashboard”").
	// The learned model never brings it back.
	dropSure verdict = iota
	// dropDoubt is a span the rules drop for want of any sign of speech;
	// the learned model may bring it back.
	dropDoubt
	// keepSpeech is a span the rules keep.
	keepSpeech
)

// keep decides whether a quotation goes into the ledger: an attributed one
// unless it is a single word or a title-case name not right next to its
// attribution; an unattributed one when quoteLike.
func (x *extractor) keep(q qspan, toks []token, qi, cue, prevCue int, w who) verdict {
	if qi >= 2 && toks[qi-1].lower() == "of" && chantNouns[toks[qi-2].lower()] {
		return keepSpeech // "greeted with chants of “Bobby!”"
	}
	if x.workTitle(q, toks, qi) || byAuthor(toks, qi) || uiLabel(toks, qi) || soCalled(toks, qi) {
		return dropSure
	}
	words := strings.Fields(x.text[q.Start:q.End])
	if titleCase(words) && x.namedAs(toks, qi) {
		return keepSpeech // "refers to the governor as “Chris”"
	}
	if !w.ok {
		if sentenceQuote(x.text[q.Start:q.End], words, alone(toks, qi)) {
			return keepSpeech // "“Building it? Not negotiable.”"
		}
		if cueAfter(x.text[q.Start:q.End], toks, qi) {
			return keepSpeech // "“Go back to Univision,” Trump barked"
		}
		if x.reportCue(toks, qi) && (!titleCase(words) || !nearWorkNoun(toks, qi)) &&
			(len(words) > 1 || !modifierUse(toks, qi) || reportCueClause(toks, qi)) {
			return keepSpeech // "said the deal was “a disaster”"
		}
		if !titleCase(words) && !modifierUse(toks, qi) && closingAttribution(toks, qi) {
			return keepSpeech // "Democrats had “put a crack” in it, she said"
		}
		if !w.quoted && cue < 0 && prevCue < 0 && nounFragment(x.text[q.Start:q.End]) {
			// "sent its reporter into “a living room in western
			// Pennsylvania”": a borrowed phrase, no one's words here.
			return dropSure
		}
		if !w.quoted && cue < 0 && qi > 0 && determiners[toks[qi-1].lower()] && termLike(x.text[q.Start:q.End]) {
			// "an investment in a rural area or a “targeted employment
			// area,” which is defined as …": a term, not a quotation.
			return dropSure
		}
		return speechIf(w.quoted || x.quoteLike(q, toks, qi, cue) || x.quoteLike(q, nil, -1, prevCue))
	}
	if w.near {
		return keepSpeech
	}
	return speechIf(!(len(words) < 5 && titleCase(words)) || x.reportCue(toks, qi) && !nearWorkNoun(toks, qi))
}

// speechIf is keepSpeech when ok, and dropDoubt when not.
func speechIf(ok bool) verdict {
	if ok {
		return keepSpeech
	}
	return dropDoubt
}

// soCalled reports whether the quotation at toks[qi] follows "so-called",
// the writer's own mark of a scare quote.
func soCalled(toks []token, qi int) bool {
	return qi > 0 && toks[qi-1].lower() == "so-called"
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
	if len(words) >= 2 && titleNouns[strings.ToLower(strings.Trim(words[len(words)-1], ".,!?:;’'\""))] {
		return true // "a “Commander-in-Chief Forum”", "“The Late Show”"
	}
	p := toks[qi-1]
	if p.Punct {
		return false
	}
	switch p.lower() {
	case "of", "on", "in", "to", "from", "at", "for", "with", "during":
		return true
	case "told":
		// "told “Fox and Friends”": the program, not the words.
		return len(words) >= 2 && !strings.ContainsAny(strings.TrimRight(x.text[q.Start:q.End], ".!?"), ".!?")
	}
	if o := strings.ToLower(stripPoss(p.Text)); isPoss(p.Text) && (workNouns[o] || o == "network" || o == "station") {
		return true // "the channel’s “Sunday Morning Futures”"
	}
	return isPoss(p.Text) && p.isCap()
}

// titleNouns end the names of shows, events and works ("The Late Show",
// "Commander-in-Chief Forum", "Summer Tour").
var titleNouns = setOf(
	"show", "forum", "summit", "conference", "festival", "awards", "tour", "hour", "tonight",
	"podcast", "series", "report", "journal", "times", "post", "magazine", "radio", "tv", "live",
)

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
	case "to", "for", "of", "in", "on", "at", "by", "with", "and", "or", "but", "that", "than", "as", "from", "about", "if", "because", "when", "while", "is", "was", "are", "were",
		"would", "will", "could", "can", "should", "may", "might", "must", "has", "have", "had", "does", "did":
		return false // "“Boots on the ground” would be appropriate"
	}
	// A past-tense verb after it makes the quotation its subject ("“A big
	// truck” plowed through").
	return !isVerb(n) && !strings.HasSuffix(n.lower(), "ed")
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
		case "of", "the", "a", "an", "and", "&", "in", "on", "for", "to", "at", "with", "by", "or":
			continue
		}
		return false
	}
	return true
}

// alone reports whether the quotation at toks[qi] is all there is of its
// sentence but punctuation.
func alone(toks []token, qi int) bool {
	for i, t := range toks {
		if i != qi && !t.Punct {
			return false
		}
	}
	return true
}

// uiLabel reports whether the quotation at toks[qi] is the label of a
// button or link the reader is asked to use ("click “sign up.”", "tap
// on “Subscribe”"): a promotional line, not speech.
func uiLabel(toks []token, qi int) bool {
	for j := qi - 1; j >= 0 && j >= qi-2; j-- {
		switch toks[j].lower() {
		case "click", "tap", "press", "select":
			return true
		case "on":
			continue
		}
		return false
	}
	return false
}

// singleScare reports whether the quotation q of paragraph p is a short
// phrase in single marks standing outside any double quotation, in an
// article that quotes with double marks. In that style single marks are
// kept for a quotation within a quotation, so a phrase in them on its own
// is a writer's scare quote or a label ("Obama's ‘pivot’ to Asia",
// "MONDAY'S ‘OUTLIERS’"), not someone's words.
func (x *extractor) singleScare(q qspan, p corpus.Span) bool {
	switch markStyle(x.text[q.Open:]) {
	case markCurlySingle, markStraightSingle, 'p':
	default:
		return false
	}
	if len(strings.Fields(x.text[q.Start:q.End])) > 4 || !x.doubleQuoted() {
		return false
	}
	return !insideDouble(x.text[p.Start:q.Open])
}

// doubleQuoted is doubleQuoting of the article, read once.
func (x *extractor) doubleQuoted() bool {
	if x.quoting == 0 {
		x.quoting = 2
		if doubleQuoting(x.text) {
			x.quoting = 1
		}
	}
	return x.quoting == 1
}

// doubleQuoting reports whether text quotes with double marks rather than
// single ones, as American outlets do: it has at least four double marks
// and more than twice as many as single opening marks.
func doubleQuoting(text string) bool {
	d := strings.Count(text, "“") + strings.Count(text, "”") + strings.Count(text, "\"")
	s := strings.Count(text, "‘")
	for i := strings.IndexByte(text, '\''); i >= 0; {
		if i+1 < len(text) && (i == 0 || chars.IsSpace(text[i-1]) || text[i-1] == '(') && !chars.IsSpace(text[i+1]) {
			s++
		}
		j := strings.IndexByte(text[i+1:], '\'')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return d >= 4 && d > 2*s
}

// insideDouble reports whether the text of a paragraph before a mark
// leaves a double quotation open: more curly openings than closings, or an
// odd number of straight double marks.
func insideDouble(before string) bool {
	return strings.Count(before, "“") > strings.Count(before, "”") || strings.Count(before, "\"")%2 == 1
}

// closingAttribution reports whether the sentence of the quotation at
// toks[qi] closes with an attribution after it, set off by a comma: a
// pronoun, a name or a short description and a verb of saying (", she said
// in a video message"), or the verb first (", said the mayor"). The
// sentence reports someone's speech and the quoted words are theirs.
func closingAttribution(toks []token, qi int) bool {
	for c := qi + 1; c < len(toks); c++ {
		if toks[c].Text != "," {
			continue
		}
		i := c + 1
		if i < len(toks) && invertingVerbs[toks[i].lower()] && toks[i].lower() != "according" && !toks[i].isCap() {
			if i+1 < len(toks) && (toks[i+1].isCap() || determiners[toks[i+1].lower()] || isPronoun(toks[i+1].lower())) {
				return true // ", said the mayor"
			}
			continue
		}
		n := subjectLen(toks, i)
		if n > 0 && i+n < len(toks) && !toks[i+n].isCap() && speechVerbs[toks[i+n].lower()] {
			return true
		}
	}
	return false
}

// subjectLen returns the length of a short subject starting at toks[i]: a
// pronoun, up to four capitalized words, or a determiner and up to two
// lower-case words ("the official"); 0 if there is none.
func subjectLen(toks []token, i int) int {
	if i >= len(toks) || toks[i].Punct {
		return 0
	}
	switch l := toks[i].lower(); {
	case isPronoun(l) && l != "it" || l == "i" || l == "we":
		return 1
	case toks[i].isCap():
		n := 1
		for n < 4 && i+n < len(toks) && toks[i+n].isCap() {
			n++
		}
		return n
	case determiners[l]:
		n := 1
		for n < 3 && i+n < len(toks) && !toks[i+n].Punct && !toks[i+n].isCap() && !isVerb(toks[i+n]) {
			n++
		}
		if n == 1 {
			return 0
		}
		return n
	}
	return 0
}
