// Package gazetteer knows the capitalized words of news text that name no
// person and no organization: places (an embedded list, places.txt), the
// words of dates and the names of holidays. The quote extractor asks it
// before it takes a capitalized run for a speaker, and the name
// measurement (quote/internal/measurenames) counts with it the speakers
// that are not names.
package gazetteer

import (
	_ "embed"
	"strings"
)

//go:embed places.txt
var placesText string

// eachPlace calls f with each place of the list and the heading of its
// section ("# countries", "# large cities and capitals").
func eachPlace(f func(section, place string)) {
	section := ""
	for _, l := range strings.Split(placesText, "\n") {
		l = strings.TrimSpace(l)
		switch {
		case strings.HasPrefix(l, "#"):
			section = l
		case l != "":
			f(section, l)
		}
	}
}

// places maps each place to true for a country, false for another place;
// the list's "# countries" section holds the countries.
var places = func() map[string]bool {
	m := map[string]bool{}
	eachPlace(func(section, p string) { m[norm(p)] = section == "# countries" })
	return m
}()

// demonyms holds the words for the people of a country, state or region
// of the gazetteer ("Mexican", "Chinese", "Iraqi", "Texan"): the regular
// ones derived from the names, the irregular ones listed, and the words
// for ethnic and religious groups ("Hispanic").
var demonyms = func() map[string]bool {
	m := set("british", "english", "scottish", "welsh", "irish", "french", "dutch", "spanish",
		"portuguese", "swiss", "greek", "danish", "swedish", "finnish", "polish", "turkish",
		"norwegian", "filipino", "thai", "saudi", "emirati", "kuwaiti", "yemeni", "afghan",
		"peruvian", "chilean", "israeli", "palestinian", "basque", "catalan", "arab", "kurdish",
		"uzbek", "kazakh", "tajik", "belgian", "hungarian", "ukrainian", "czech", "slovak",
		"croatian", "serbian", "bosnian", "lebanese", "sudanese", "somali", "congolese",
		"european", "asian", "african", "german", "midwestern",
		// peoples that are not a place's: ethnic and religious groups
		"hispanic", "latino", "latina", "jewish", "muslim", "catholic", "evangelical", "mormon")
	for l := range demonymRoots {
		for _, d := range demonymForms(l) {
			m[d] = true
		}
	}
	return m
}()

// demonymRoots holds the one-word countries, states and regions: the
// places whose people have a demonym (a city's, "New Yorker", is also a
// surname often enough to leave out).
var demonymRoots = func() map[string]bool {
	m := map[string]bool{}
	eachPlace(func(section, p string) {
		if !strings.Contains(section, "cities") && !strings.ContainsAny(p, " .") && len(p) > 3 {
			m[strings.ToLower(p)] = true
		}
	})
	return m
}()

// demonymForms returns the regular demonyms of a one-word place:
// Mexico, Mexican; America, American; China, Chinese; Iraq, Iraqi;
// Canada, Canadian; Italy, Italian; Texas, Texan.
func demonymForms(p string) []string {
	var out []string
	switch {
	case strings.HasSuffix(p, "a"):
		out = append(out, p+"n", p[:len(p)-1]+"ese", p[:len(p)-1]+"ian")
	case strings.HasSuffix(p, "o"):
		out = append(out, p[:len(p)-1]+"an")
	case strings.HasSuffix(p, "y"):
		out = append(out, p[:len(p)-1]+"ian", p[:len(p)-1]+"an")
	case strings.HasSuffix(p, "s"):
		out = append(out, p[:len(p)-1]+"n")
	case strings.HasSuffix(p, "e"):
		out = append(out, p+"an", p[:len(p)-1]+"ian")
	default:
		out = append(out, p+"i", p+"ian", p+"ese", p+"an")
	}
	return out
}

// Demonym reports whether the word w is the word for the people of a
// country, state or region ("Mexican", "Iraqi", "British"), in any case:
// an adjective, never a person's name.
func Demonym(w string) bool {
	return demonyms[norm(w)]
}

// norm lower-cases s, straightens apostrophes and drops a leading "the"
// and a possessive ending.
func norm(s string) string {
	s = strings.ToLower(strings.ReplaceAll(strings.TrimSpace(s), "’", "'"))
	s = strings.TrimPrefix(s, "the ")
	s = strings.TrimSuffix(s, "'s")
	return strings.TrimRight(s, ",")
}

// Place reports whether s, as a whole, is a place in the gazetteer:
// a country, a US state or its abbreviation, a region or a large city
// ("Iowa", "the Middle East", "Calif.", "New York City").
func Place(s string) bool {
	n := norm(s)
	_, ok := places[n]
	if !ok {
		_, ok = places[strings.TrimSuffix(n, ".")]
	}
	return ok
}

// Country reports whether s, as a whole, is a country of the gazetteer
// ("Russia", "the United States", "U.S."): a place that can speak, as its
// government does ("Russia denied the report").
func Country(s string) bool {
	n := norm(s)
	return places[n] || places[strings.TrimSuffix(n, ".")]
}

// dateWords are the months, weekdays and their abbreviations, as written
// in news.
var dateWords = set("january", "february", "march", "april", "may", "june", "july", "august",
	"september", "october", "november", "december", "jan", "feb", "apr", "jun", "jul",
	"aug", "sep", "sept", "oct", "nov", "dec", "monday", "tuesday", "wednesday", "thursday",
	"friday", "saturday", "sunday", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri",
	"sat")

// relWords are the words of a relative date ("Last week", "Next month",
// "Earlier this year").
var relWords = set("today", "yesterday", "tomorrow", "tonight", "last", "next", "this", "week",
	"weekend", "month", "year", "morning", "afternoon", "evening", "night", "earlier", "later",
	"ago", "recently", "days", "weeks", "months", "years", "decade", "century", "spring",
	"summer", "fall", "autumn", "winter", "midnight", "noon")

// DateWord reports whether the word w, in any case and with or without a
// final period, is a month, a weekday, an abbreviation of one ("Dec.",
// "Thurs.") or a word of a relative date ("Last", "week", "Tonight").
// "Sun" (a newspaper) and "Mar" are left out; "May" is in, and a
// surname is read as the full name the article gave before ("Theresa
// May") before it is tested.
func DateWord(w string) bool {
	l := strings.TrimSuffix(strings.ToLower(w), ".")
	return dateWords[l] || relWords[l]
}

// holidayNames name a holiday alone ("Christmas", "Thanksgiving").
var holidayNames = set("christmas", "xmas", "easter", "thanksgiving", "hanukkah", "chanukah",
	"passover", "ramadan", "eid", "diwali", "halloween", "kwanzaa", "juneteenth", "lent",
	"advent", "pentecost", "purim", "kippur", "hashanah")

// dayWords name a holiday or a named day with the words before them
// ("Christmas Day", "New Year's Eve", "Election Night").
var dayWords = set("day", "eve", "night", "weekend", "week", "season", "holiday", "holidays")

// holidayMods are the other words of a holiday's name ("Election Day",
// "Super Tuesday", "Fourth of July").
var holidayMods = set("yom", "rosh", "boxing", "election", "inauguration", "independence",
	"memorial", "labor", "labour", "veterans", "presidents", "valentine", "mother", "father",
	"patrick", "st.", "saint", "new", "year", "earth", "groundhog", "columbus", "remembrance",
	"armistice", "bastille", "primary", "caucus", "super", "cyber", "black", "good", "ash",
	"palm", "holy", "mlk", "martin", "luther", "king", "fourth", "of", "july", "opening",
	"debate", "launch", "tax", "family", "mothers", "fathers", "veterans'", "presidents'")

// Holiday reports whether the run of words s names a holiday or a named
// day: a holiday's name ("Christmas", "Thanksgiving"), or a run of
// holiday words ending in one of dayWords or a weekday ("Christmas Day",
// "Election Day", "New Year's Eve", "Super Tuesday"), or "Fourth of July".
func Holiday(s string) bool {
	if ws := strings.Fields(s); len(ws) == 0 || !HolidayEnd(ws[len(ws)-1]) {
		return false
	}
	return holiday(s)
}

// HolidayEnd reports whether w can end a holiday's name (a holiday word,
// a weekday, a date word such as "Day", or "July"): a cheap test before
// Holiday.
func HolidayEnd(w string) bool {
	l := strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(strings.ToLower(strings.ReplaceAll(w, "’", "'")), "."), "'s"), ".")
	return holidayNames[l] || dayWords[l] || dateWords[l] || l == "july"
}

func holiday(s string) bool {
	ws := strings.Fields(strings.ToLower(strings.ReplaceAll(s, "’", "'")))
	if len(ws) > 0 && ws[0] == "the" {
		ws = ws[1:]
	}
	if len(ws) == 0 {
		return false
	}
	for i, w := range ws {
		ws[i] = strings.TrimSuffix(strings.TrimSuffix(w, "'s"), ".")
	}
	last := ws[len(ws)-1]
	if holidayNames[last] {
		return true
	}
	if len(ws) == 1 {
		return false
	}
	if strings.Join(ws, " ") == "fourth of july" {
		return true
	}
	if !dayWords[last] && !dateWords[last] {
		return false
	}
	for _, w := range ws[:len(ws)-1] {
		if !holidayMods[w] && !holidayNames[w] {
			return false
		}
	}
	return true
}

// pronouns are the personal pronouns and the words that stand for a
// speaker without naming one.
var pronouns = set("i", "me", "my", "mine", "we", "us", "our", "ours", "you", "your", "yours",
	"he", "him", "his", "she", "her", "hers", "it", "its", "they", "them", "their", "theirs",
	"one", "someone", "somebody", "everyone", "everybody", "anyone", "anybody", "nobody",
	"none", "this", "that", "these", "those", "who", "whom", "whose", "which", "what",
	"myself", "yourself", "himself", "herself", "itself", "ourselves", "themselves")

// Pronoun reports whether w is a pronoun, alone or with a contraction
// ("He", "I'm", "We're", "They’ll", "It's").
func Pronoun(w string) bool {
	l := strings.ToLower(strings.ReplaceAll(w, "’", "'"))
	if i := strings.IndexByte(l, '\''); i > 0 {
		l = l[:i]
	}
	return pronouns[l]
}

func set(ws ...string) map[string]bool {
	m := make(map[string]bool, len(ws))
	for _, w := range ws {
		m[w] = true
	}
	return m
}
