package quote

import (
	"strings"

	"github.com/privacybot/privacybot/quote/internal/gazetteer"
)

// nonName reports whether a candidate speaker names no person or
// organization, by what its words are rather than where they stand: a
// date, only month, weekday and relative-date words and numbers ("Dec.",
// "Last week", "Thursday", "Sept. 12"); a holiday or named day
// ("Christmas Day", "Thanksgiving", "Election Day"); a pronoun or a
// contraction ("He", "I'm", "Don't"); or words the article writes only
// as the start of a date or a holiday, which a name run stops short of
// ("Super" of "Super Tuesday", "New Year" of "New Year's Eve"). Such a candidate is never offered
// to the ranker. Known aliases stay names.
func (x *extractor) nonName(w who) bool {
	name, ok := x.unknownName(w)
	if !ok {
		return false
	}
	words := strings.Fields(name)
	if dateRun(words) || gazetteer.Holiday(name) || x.dateParts[name] {
		return true
	}
	first := words[0]
	return gazetteer.Pronoun(first) || contraction(first)
}

// unknownName returns the name a candidate goes by (its person's, else
// its organization's), and false when it has none or it is a known alias,
// which stays a name.
func (x *extractor) unknownName(w who) (string, bool) {
	name := w.Name
	if name == "" {
		name = w.Org
	}
	return name, name != "" && !x.al.Known(name)
}

// dateRun reports whether words are only date words and numbers.
func dateRun(words []string) bool {
	for _, w := range words {
		w = strings.TrimRight(w, ",")
		if !gazetteer.DateWord(w) && !isNumber(strings.TrimRight(strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(w, "th"), "st"), "nd"), "rd"), ".")) {
			return false
		}
	}
	return len(words) > 0
}

// capsLabel reports whether words, all in capitals, read as a label
// rather than an acronym: more than one word with one a common word (one
// the article writes in lower case, or of five letters or more), or one
// common word of five letters or more ("WATCH", "UNDERSTANDING"); "CNN",
// "NASA" and "CNN ORC" are acronyms.
func (x *extractor) capsLabel(words []string) bool {
	common := false
	for _, w := range words {
		letters := capsLetters(w)
		if letters < 0 {
			return false
		}
		l := strings.ToLower(stripPoss(w))
		if letters >= 2 && (x.lowerWords[l] || strings.HasSuffix(l, "ing")) || len(words) > 1 && letters >= 5 {
			common = true
		}
	}
	return common
}

// contraction reports whether w is a word with a contracted verb or
// negation ("Don't", "We're", "I'll", "Can't"), never a name ("O'Brien",
// "D'Angelo" and a possessive are not contractions).
func contraction(w string) bool {
	l := strings.ToLower(strings.ReplaceAll(w, "’", "'"))
	i := strings.LastIndexByte(l, '\'')
	if i <= 0 {
		return false
	}
	switch l[i:] {
	case "'t", "'re", "'ll", "'ve", "'m", "'d":
		return true
	}
	return false
}

// chosenName returns the speaker the ranker chose, w, unless it is no
// name: a place written where a person's name goes or alone as the
// organization ("Florida said"; a country may speak for its government)
// becomes the role the article writes it with ("the Vermont senator":
// role senator, place Vermont) or no one; a section label in capitals
// ("ANALYST'S VIEWPOINT", "READ MORE", "UNDERSTANDING"; see capsLabel) or
// a one-word organization that the article capitalizes only where a
// sentence starts ("Typically") becomes no one, and the quotation stays
// unattributed. It is checked on the ranker's choice, not on its
// candidates, so the ranker and its learned thresholds see the same
// candidates as without it: a place near a quotation is most often in
// the description of the true speaker ("the Vermont senator", "Idaho
// executive Frank VanderSloot").
func (x *extractor) chosenName(w who) who {
	name, ok := x.unknownName(w)
	if !ok {
		return w
	}
	if gazetteer.Place(name) && !gazetteer.Country(name) && (w.Name != "" || w.Role == "") {
		if r := x.placeRoles[name]; r != "" {
			return who{Role: r, Org: name, Verb: w.Verb, ok: true}
		}
		return who{}
	}
	words := strings.Fields(name)
	if w.Name == "" && w.Role == "" && len(words) == 1 {
		// A one-word organization, like a person's name (see notName),
		// is no name when the article capitalizes it only where a
		// sentence starts ("Typically"); a longer one may well start
		// with a common word ("Government Accountability Office").
		l := strings.ToLower(strings.TrimSuffix(stripPoss(words[0]), "."))
		if !titleWords[l] && !determiners[l] && !isAllCaps(words[0]) && x.commonOpener(l) {
			return who{}
		}
	}
	if x.capsLabel(words) {
		return who{}
	}
	return w
}

// notePlaceRoles records the places of toks written with a role next to
// them: right after, past at most one modifier ("the Vermont senator",
// "Florida state senator"), or before "from" or "of" ("the senator from
// Vermont").
func (x *extractor) notePlaceRoles(toks []token) {
	for i := 0; i < len(toks); i++ {
		if !nameish(toks[i]) {
			continue
		}
		j := i + 1
		for j < len(toks) && nameish(toks[j]) && !isPoss(toks[j-1].Text) {
			j++
		}
		place := stripPoss(joinToks(toks[i:j]))
		if !gazetteer.Place(place) || gazetteer.Country(place) {
			i = j - 1
			continue
		}
		role := ""
		for k := j; k < len(toks) && k < j+2 && !toks[k].Punct && !toks[k].isCap() && role == ""; k++ {
			if l := stripPoss(toks[k].lower()); roleNouns[l] {
				role = l
			}
		}
		if role == "" && i >= 2 && (toks[i-1].lower() == "from" || toks[i-1].lower() == "of") && roleNouns[toks[i-2].lower()] {
			role = toks[i-2].lower()
		}
		if role != "" {
			if x.placeRoles == nil {
				x.placeRoles = map[string]string{}
			}
			if _, seen := x.placeRoles[place]; !seen {
				x.placeRoles[place] = role
			}
		}
		i = j - 1
	}
}

// noteDateParts records the capitalized words that start a date or a
// holiday in toks ("Black" of "Black Friday", "New Year" of "New Year's
// Eve"): a capitalized run that the holiday's last word (a weekday, "Day",
// "Eve") does not join, and that is never written otherwise, is then not
// taken for a name.
func (x *extractor) noteDateParts(toks []token) {
	for i := range toks {
		if !toks[i].isCap() {
			continue
		}
		for k := i + 2; k <= len(toks) && k <= i+4; k++ {
			if toks[k-1].Punct {
				break
			}
			if !gazetteer.HolidayEnd(toks[k-1].Text) || !gazetteer.Holiday(joinToks(toks[i:k])) {
				continue
			}
			if x.dateParts == nil {
				x.dateParts = map[string]bool{}
			}
			for m := i + 1; m < k; m++ {
				x.dateParts[stripPoss(joinToks(toks[i:m]))] = true
			}
		}
	}
}
