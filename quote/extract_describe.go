package quote

import (
	"strings"

	"github.com/privacybot/privacybot/internal/chars"
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
		if !chars.IsWordRune(r) && r != '-' {
			return false
		}
	}
	return true
}

// notPersons are nouns after "the" that speak but are no one, beyond the
// organization, speech and thing nouns epithet already rules out: groups,
// documents, events and abstractions ("the crowd chanted", "the sign
// read", "the past").
var notPersons = setOf(
	"account", "audience", "beginning", "bill", "blog", "book", "caption", "case", "chart",
	"chat", "city", "column", "conference", "contract", "country", "couple", "crowd", "data",
	"deal", "debate", "decision", "device", "election", "end", "episode", "evidence", "family",
	"figure", "film", "former", "forum", "future", "headline", "hearing", "idea", "image",
	"issue", "jury", "latter", "law", "list", "machine", "matter", "measure", "media", "meeting",
	"model", "movie", "nation", "note", "notice", "other", "outcome", "page", "pair", "panel",
	"party", "past", "photo", "picture", "plan", "point", "policy", "poll", "post", "present",
	"problem", "program", "programme", "proposal", "public", "question", "race", "rally",
	"record", "reply", "research", "response", "rest", "result", "robot", "rule", "same",
	"session", "show", "sign", "software", "song", "start", "state", "story", "suit", "summit",
	"system", "team", "text", "thing", "thread", "treaty", "trio", "vote", "way", "world",
)
