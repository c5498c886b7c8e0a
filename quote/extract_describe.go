package quote

import (
	"strings"
	"unicode"
)

// Descriptions of a speaker beyond a name: a role with whom it is for
// ("a spokesman for Acme"), a title with a field before the name,
// modifiers that open a sentence, epithets that refer back to someone
// named, and places after an unnamed speaker.

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
			if t.lower() == "of" && titledName(span[i+1:]) {
				// "Facebook's head of privacy Jane Doe": the phrase
				// is a title, and the name ends it.
				if m.Name != "" || m.Role == "" {
					return mention{}
				}
				rest := span[i+1:]
				n := 0
				for !rest[n].isCap() {
					n++
				}
				m.Role = m.Role + " of " + joinToks(rest[:n])
				m.Name = x.fullName(stripPoss(joinToks(rest[n:])))
				m.Anaphor, m.Unnamed = "", false
				return m
			}
			if m.Name == "" && (m.Role == "" || m.Anaphor != "") {
				return mention{}
			}
			if m.Org == "" {
				rest := span[i+1:]
				j := 0
				for j < len(rest) && determiners[rest[j].lower()] {
					j++
				}
				// Up to two lower-case words may come before the name
				// ("a spokesman for committee Democrats").
				b := j
				for b < len(rest) && b < j+2 && !rest[b].isCap() && !determiners[rest[b].lower()] && !stopCaps[rest[b].lower()] {
					b++
				}
				e := b
				for e < len(rest) && nameish(rest[e]) {
					e++
				}
				if e > b {
					m.Org = x.al.Canonical(stripPoss(joinToks(rest[j:e])))
				}
			}
			m.Anaphor = ""
			return m
		}
	}
	return mention{}
}

// placePreps put a place, not a name, after a description ("a shopper in
// Croydon", "a farmer near Ames").
var placePreps = setOf("in", "near", "outside", "across", "around")

// titledName reports whether rest, the words after "of" in a title, is a
// field in lower case and a name of two words or more ("privacy Jane
// Doe", "product Marlo McGriff").
func titledName(rest []token) bool {
	i := 0
	for i < len(rest) && i < 3 && !rest[i].isCap() && !rest[i].Punct && !determiners[rest[i].lower()] {
		i++
	}
	if i == 0 || len(rest)-i < 2 || len(rest)-i > 4 {
		return false
	}
	for _, t := range rest[i:] {
		if !nameish(t) {
			return false
		}
	}
	return true
}

// dropModifiers drops the capitalized modifiers that open a sentence
// before a party or an organization ("Presumptive GOP", "Likely Democratic").
func dropModifiers(org string) string {
	for {
		w, rest, ok := strings.Cut(org, " ")
		if !ok || !leadModifiers[strings.ToLower(w)] {
			return org
		}
		org = rest
	}
}

// leadModifiers qualify a title without naming anyone's organization.
var leadModifiers = setOf("presumptive", "presumed", "likely", "probable", "prospective", "then", "would-be", "de", "facto",
	"former", "senior", "top", "longtime", "veteran")

// epithet reports whether words, lower case after "the", describe a person
// by a noun the role list does not hold ("former astronaut", "billionaire",
// "real estate mogul"): one to three words, none a thing that speaks (a
// report, a statement), a group or a speech verb.
func epithet(words []token) bool {
	if len(words) == 0 || len(words) > 3 {
		return false
	}
	for _, t := range words {
		l := t.lower()
		if t.Punct || t.isCap() || isVerb(t) || orgNouns[l] || reportNouns[l] || thingAgents[l] || !isWord(l) {
			return false
		}
	}
	head := words[len(words)-1].lower()
	// A plural is a group ("the committee chairmen"), not the one named.
	return len(head) > 3 && !notPersons[head] && !timeWords[head] && !strings.HasSuffix(head, "s") && !strings.HasSuffix(head, "men")
}

// isWord reports whether l is letters, maybe with hyphens ("70-year-old").
func isWord(l string) bool {
	for _, r := range l {
		if !unicode.IsLetter(r) && r != '-' && !unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

// notPersons are nouns after "the" that speak but are no one: groups,
// documents, places and things ("the crowd chanted", "the sign read").
var notPersons = setOf("crowd", "audience", "sign", "banner", "poster", "headline", "caption", "message",
	"note", "text", "notice", "warning", "label", "page", "bill", "law", "order", "ruling", "decision",
	"rule", "policy", "lawsuit", "suit", "complaint", "study", "poll", "survey", "book", "document",
	"tweet", "post", "account", "website", "city", "state", "country", "nation", "world", "public",
	"press", "media", "team", "party", "family", "couple", "pair", "trio", "panel", "jury", "court",
	"list", "show", "program", "programme", "episode", "film", "movie", "song", "speech", "interview",
	"meeting", "event", "rally", "debate", "hearing", "session", "conference", "summit", "vote",
	"election", "race", "campaign", "ad", "video", "clip", "photo", "image", "picture", "chart",
	"data", "figure", "figures", "number", "numbers", "analysis", "research", "evidence", "record",
	"records", "transcript", "memo", "email", "letter", "message", "chat", "thread", "forum", "board",
	"system", "plan", "proposal", "deal", "agreement", "contract", "treaty", "measure", "idea",
	"question", "answer", "response", "reply", "result", "results", "outcome", "way", "thing", "time",
	"day", "week", "year", "morning", "night", "moment", "point", "issue", "problem", "case", "matter",
	"story", "article", "report", "piece", "column", "editorial", "op-ed", "blog", "site", "app",
	"platform", "network", "machine", "device", "robot", "computer", "software", "model", "past",
	"future", "present", "end", "start", "beginning", "rest", "latter", "former", "other", "same")
