package quote

import "strings"

// Speakers the text does not name, and the people a speech verb
// addresses rather than whose words it reports.

// unnamedPerson reports whether np is "a" or "one" and a few lower-case
// words ending in a noun for a person by its ending ("a protester", "one
// longtime attendee", "an onlooker"), not a thing ("a letter").
func unnamedPerson(np []token) bool {
	if len(np) < 2 || len(np) > 4 {
		return false
	}
	switch np[0].lower() {
	case "a", "an", "one", "another":
	default:
		return false
	}
	for _, t := range np[1:] {
		if t.Punct || t.isCap() {
			return false
		}
	}
	return personNoun(np[len(np)-1].lower())
}

// personNoun reports whether the lower-case noun l names a person by its
// ending ("protester", "attendee", "onlooker"), not a thing ("letter").
func personNoun(l string) bool {
	if len(l) < 5 || thingAgents[l] {
		return false
	}
	for _, suf := range []string{"er", "or", "ist", "ant", "ent", "ee", "ian"} {
		if strings.HasSuffix(l, suf) {
			return true
		}
	}
	return false
}

// thingAgents are things whose names end like a person's ("a letter", "a
// poster"): a text that says something, not someone.
var thingAgents = setOf("letter", "paper", "order", "poster", "flyer", "banner", "sticker", "trailer",
	"newsletter", "center", "centre", "computer", "number", "monitor", "counter", "answer", "chapter",
	"cover", "filter", "folder", "flier", "primer", "mailer", "disclaimer", "document", "statement",
	"comment", "agreement", "amendment", "complaint", "tenant", "element", "segment", "moment", "event",
	"report", "editorial", "memorandum", "transcript", "indictment", "judgment", "argument")

// addressed reports whether the speech verb toks[v] has an object between
// it and the quotation at toks[qi], someone called, told or described
// ("called him “…”", "told the senator, “…”", "described her as “…”"),
// rather than a reported clause ("said she wanted “…”").
func addressed(toks []token, v, qi int) bool {
	if !objectVerbs[toks[v].lower()] {
		return false
	}
	np := forwardNP(toks, v+1, qi)
	if v+1 < qi {
		switch toks[v+1].lower() {
		case "him", "her", "them", "me", "us", "you":
			np = toks[v+1 : v+2]
		}
	}
	if np == nil {
		return false
	}
	e := v + 1 + len(np)
	if e < qi && toks[e].lower() == "as" {
		e++
	}
	for e < qi && toks[e].Punct && toks[e].Text != "\x00" {
		e++
	}
	return e == qi
}

// objectVerbs take the person spoken to or about as their object before a
// quotation.
var objectVerbs = setOf("called", "calls", "calling", "described", "describes", "describing", "dubbed",
	"labeled", "labelled", "branded", "named", "nicknamed", "told", "tells", "telling", "asked", "asks",
	"urged", "praised", "accused", "thanked", "warned", "reminded", "assured", "dismissed", "mocked")
