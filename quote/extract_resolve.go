package quote

import (
	"strings"
	"unicode/utf8"

	"github.com/privacybot/privacybot/internal/chars"
)

// noteSubjects records the subjects of speech verbs and organizations that
// open a sentence, so that later pronouns can find them.
func (x *extractor) noteSubjects(toks []token) {
	i := 0
	for i < len(toks) && (toks[i].Punct || stopCaps[toks[i].lower()]) {
		i++
	}
	np := forwardNP(toks, i, len(toks))
	var m mention
	if np != nil {
		m = x.parseNP(np)
	}
	if np == nil || m.Name == "" && !m.IsOrg {
		// "In a statement issued Tuesday morning, presidential nominee
		// Hillary Clinton was …": the subject after an introduction.
		for c := i; c < len(toks) && c < i+16; c++ {
			if toks[c].Text == "\x00" {
				break
			}
			if toks[c].Text == "," {
				if np2 := forwardNP(toks, c+1, len(toks)); np2 != nil {
					if m2 := x.parseNP(np2); m2.Name != "" && m2.Anaphor == "" && c+1+len(np2) < len(toks) && !toks[c+1+len(np2)].Punct {
						np, m = np2, m2
					}
				}
				break
			}
		}
	}
	if np != nil {
		if len(np) == 1 && m.Name == np[0].Text && !x.capsMid[strings.ToLower(m.Name)] && !x.al.Known(m.Name) {
			// "Educated folk.": a capitalized opener, not a name.
			m = mention{}
		}
		switch {
		case m.Name == "" && m.Org == "" && m.Role != "" && m.Gender != 0 && len(np) <= 2:
			// "My mother has softened with age, but … she still says":
			// an unnamed person a later pronoun may mean.
			x.addEntity(entity{Role: m.Role, Gender: m.Gender})
		case m.Anaphor != "":
		case m.IsOrg:
			x.addEntity(entity{Org: m.Org, IsOrg: true})
		case m.Name != "":
			x.resolve(m, "")
		}
	}
	for v := 1; v < len(toks); v++ {
		// "when my mother mentioned …": a kin or role word with a
		// gender, after a possessive, may be what a later she means.
		switch toks[v-1].lower() {
		case "my", "his", "her", "our", "their", "your":
			if g := genderedRoles[toks[v].lower()]; g != 0 && !toks[v].Punct && (v+1 == len(toks) || toks[v+1].Text != "," && !toks[v+1].isCap()) {
				x.addEntity(entity{Role: toks[v].lower(), Gender: g})
			}
		}
	}
	for v, t := range toks {
		l := t.lower()
		if !isVerb(t) || participles[l] || l == "according" {
			continue
		}
		if v+1 < len(toks) && toks[v+1].Text == "\x00" {
			continue // attributed with its quote
		}
		if v > 0 && toks[v-1].Text == "\x00" {
			continue
		}
		if np := backwardNP(toks, v, 0); np != nil {
			m := x.parseNP(np)
			if m.Anaphor == "" && !m.empty() {
				x.resolve(m, l)
			}
		}
	}
}

// resolve turns a mention into a speaker, following pronouns and phrases
// like "the company" back to the entities seen before, and records it.
func (x *extractor) resolve(m mention, verb string) who {
	x.gap, x.agree = -1, false
	w := x.resolveMention(m, verb)
	if w.ok && m.Anaphor != "" {
		w.anaphor, w.gap, w.agree = m.Anaphor, x.gap, x.agree
	}
	if w.ok && m.Anaphor == "role" && w.Name != "" && w.Org == "" && m.Group != "" {
		// "the Republican nominee said": the person the article named,
		// of the party the description gives.
		w.Org = m.Group
	}
	return w
}

// resolveMention is resolve without the note of how an anaphor was read.
func (x *extractor) resolveMention(m mention, verb string) who {
	switch m.Anaphor {
	case "":
	case "he", "she":
		g := pronounGender[m.Anaphor]
		best := -1
		preferred := false
		if x.lastSpeaker != "" && x.sent-x.lastSpeakerAt <= 1 {
			// "Christie … blasted Clinton as a “disgrace”. “…,” he
			// said.": the speaker just quoted goes on.
			for i := len(x.entities) - 1; i >= 0; i-- {
				if e := x.entities[i]; !e.IsOrg && e.Name == x.lastSpeaker {
					if e.Gender == g || e.Gender == 0 {
						best, preferred = i, true
					}
					break
				}
			}
		}
		// The most recent person the pronoun can mean: one of its gender,
		// or a named or affiliated one of unknown gender still in view.
		for i := len(x.entities) - 1; i >= 0 && !preferred; i-- {
			e := x.entities[i]
			if e.IsOrg {
				continue
			}
			if e.Gender == g || e.Gender == 0 && (e.Name != "" || e.Org != "") && x.sent-e.seen <= 8 {
				best = i
				break
			}
		}
		if best < 0 {
			return who{}
		}
		x.agree = x.entities[best].Gender == g
		if x.entities[best].Gender == 0 && !preferred {
			// A guess from the pronoun; not when the speaker just quoted
			// was taken on trust.
			x.entities[best].Gender = g
		}
		e := x.entities[best]
		x.touch(best)
		return who{Name: e.Name, Role: e.Role, Org: e.Org, Verb: verb, ok: true}
	case "it", "org", "statement":
		if m.Anaphor == "org" && x.unnamedBefore(m.Role) {
			// "fined a retailer … a spokesperson for the retailer": the
			// organization the article left unnamed, not the last one
			// it named.
			return who{}
		}
		for i := len(x.entities) - 1; i >= 0; i-- {
			if e := x.entities[i]; e.IsOrg {
				x.touch(i)
				return who{Org: e.Org, Verb: verb, ok: true}
			}
		}
		for i := len(x.entities) - 1; i >= 0; i-- {
			if e := x.entities[i]; e.Org != "" {
				if m.Anaphor == "statement" || e.IsOrg || m.Anaphor == "org" || m.Anaphor == "it" {
					x.touch(i)
					return who{Org: e.Org, Verb: verb, ok: true}
				}
			}
		}
		return who{}
	case "role":
		rw := lastWord(strings.ToLower(m.Role))
		for i := len(x.entities) - 1; i >= 0; i-- {
			e := x.entities[i]
			if !e.IsOrg && roleFits(e.Role, rw) {
				x.touch(i)
				return who{Name: e.Name, Role: e.Role, Org: e.Org, Verb: verb, ok: true}
			}
		}
		// "the former astronaut added": the one named person of the last
		// two sentences, when the description's gender does not rule
		// them out.
		if x.unnamedBefore(rw) {
			// "A person familiar with the matter said … “…,” the person
			// said": the one the article left unnamed.
			return who{Role: m.Role, Verb: verb, ok: true}
		}
		only := -1
		for i := len(x.entities) - 1; i >= 0; i-- {
			e := x.entities[i]
			if e.IsOrg || e.Name == "" || x.sent-e.seen > 2 {
				continue
			}
			if only >= 0 || m.Gender != 0 && e.Gender != 0 && e.Gender != m.Gender {
				return who{}
			}
			only = i
		}
		if only < 0 {
			return who{}
		}
		e := x.entities[only]
		x.touch(only)
		return who{Name: e.Name, Role: e.Role, Org: e.Org, Verb: verb, ok: true, guessed: true}
	default:
		return who{}
	}
	if m.empty() {
		return who{}
	}
	if m.IsOrg {
		x.addEntity(entity{Org: m.Org, IsOrg: true})
		return who{Org: m.Org, Verb: verb, ok: true}
	}
	if m.Org == "" && m.Role != "" && spokesRoles[lastWord(strings.ToLower(m.Role))] {
		// "Spokeswoman Elisabeth Diana": she speaks for the organization
		// the article was just talking about.
		for i := len(x.entities) - 1; i >= 0; i-- {
			if x.entities[i].Org != "" {
				m.Org = x.entities[i].Org
				break
			}
		}
	}
	e := entity{Name: m.Name, Role: m.Role, Org: m.Org, Gender: m.Gender}
	if e.Name != "" {
		for i := len(x.entities) - 1; i >= 0; i-- {
			o := x.entities[i]
			if !o.IsOrg && o.Name == e.Name {
				if e.Role == "" {
					e.Role = o.Role
				}
				if e.Org == "" {
					e.Org = o.Org
				}
				if e.Gender == 0 {
					e.Gender = o.Gender
				}
				break
			}
		}
	}
	x.addEntity(e)
	return who{Name: e.Name, Role: e.Role, Org: e.Org, Verb: verb, ok: true}
}

func lastWord(s string) string {
	f := strings.Fields(s)
	if len(f) == 0 {
		return ""
	}
	return f[len(f)-1]
}

// addEntity appends e as the most recent entity, dropping an older copy.
func (x *extractor) addEntity(e entity) {
	for i := len(x.entities) - 1; i >= 0; i-- {
		o := x.entities[i]
		if o.IsOrg == e.IsOrg && o.Name == e.Name && o.Org == e.Org && o.Role == e.Role {
			if e.Gender == 0 {
				e.Gender = o.Gender
			}
			x.entities = append(x.entities[:i], x.entities[i+1:]...)
			break
		}
	}
	e.seen = x.sent
	x.entities = append(x.entities, e)
	if len(x.entities) > 64 {
		x.entities = x.entities[len(x.entities)-64:]
	}
}

// touch makes entity i the most recent.
func (x *extractor) touch(i int) {
	e := x.entities[i]
	x.gap = x.sent - e.seen
	e.seen = x.sent
	x.entities = append(x.entities[:i], x.entities[i+1:]...)
	x.entities = append(x.entities, e)
}

// titleRoles maps the abbreviated titles to the role nouns they stand for.
var titleRoles = map[string]string{"sen": "senator", "rep": "representative", "gov": "governor",
	"gen": "general", "sec": "secretary", "pres": "president", "dr": "doctor", "lt": "lieutenant"}

// roleFits reports whether a person's role as written ("Sen.", "chief
// executive") fits the role noun of a description ("senator").
func roleFits(role, noun string) bool {
	l := strings.ToLower(role)
	if strings.Contains(l, noun) {
		return true
	}
	for _, w := range strings.Fields(l) {
		if titleRoles[strings.TrimSuffix(w, ".")] == noun {
			return true
		}
	}
	return false
}

// unnamedBefore reports whether the article, before the sentence being
// read, brought in an organization or a person by the noun n without a
// name: "a retailer", "a person familiar with the matter", not "is a
// company" or "Jim Halpert, a lawyer" (said of a named one) nor "a
// retailer, Tesco," or "a retailer called Tesco".
func (x *extractor) unnamedBefore(n string) bool {
	if n == "" {
		return false
	}
	at := memo(&x.intros, n, func() int { return x.firstIntro(n) })
	return at >= 0 && at < x.pos
}

// firstIntro returns where the article first brings in someone or
// something by the noun n without a name (see unnamedBefore), or -1. It
// reads the text once per noun.
func (x *extractor) firstIntro(n string) int {
	text := x.text
	for at := 0; ; {
		i := strings.Index(text[at:], " "+n)
		if i < 0 {
			return -1
		}
		i += at + 1
		at = i + len(n)
		if r, _ := utf8.DecodeRuneInString(text[at:]); chars.IsWordRune(r) {
			continue
		}
		words := strings.Fields(strings.ToLower(text[max(0, i-40):i]))
		det := -1
		for k := len(words) - 1; k >= 0 && k >= len(words)-3; k-- {
			if words[k] == "a" || words[k] == "an" {
				det = k
				break
			}
		}
		if det < 0 || det > 0 && (predicateVerbs[words[det-1]] || strings.HasSuffix(words[det-1], ",")) {
			// "Acme is a company", "Jim Halpert, a lawyer": said of
			// someone named.
			continue
		}
		after := strings.TrimLeft(text[at:], " ")
		if strings.HasPrefix(after, ",") && isUpperRune(firstRune(strings.TrimLeft(after[1:], " "))) ||
			strings.HasPrefix(after, "called ") || strings.HasPrefix(after, "named ") {
			continue
		}
		return i
	}
}

// predicateVerbs put "a company" after a name it describes ("Acme is a
// company that …").
var predicateVerbs = setOf("is", "was", "as", "became", "becomes", "remains", "be", "been", "being")
