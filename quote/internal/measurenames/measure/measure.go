// Package measure measures the quote extractor's speaker candidates and
// given names against gold-annotated articles; see the measurenames
// command, which prints its figures.
package measure

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/privacybot/privacybot/corpus"
	"github.com/privacybot/privacybot/quote"
	"github.com/privacybot/privacybot/quote/internal/gazetteer"
	"github.com/privacybot/privacybot/quote/internal/model"
	"github.com/privacybot/privacybot/quote/internal/rank"
)

// Classes are the kinds of given speaker that are no name, in the order
// they are tested and printed.
var Classes = []string{"date", "holiday", "place", "label", "pronoun", "opener"}

// Result holds one gold file's figures.
type Result struct {
	Articles int
	// Named counts the gold quotations whose speaker mention holds a name;
	// NotFound those of them no extracted quotation overlaps; Reached
	// those whose candidates hold the name.
	Named, NotFound, Reached int
	// Given counts the extracted quotations with a speaker or an
	// organization, InGold those whose name the gold gives in the article
	// as some quotation's speaker. Distinct and DistinctInGold count the
	// same over distinct names per article.
	Given, InGold, Distinct, DistinctInGold int
	// Bad counts the given speakers of each of Classes.
	Bad map[string]int
	// Examples lists, per class, the names counted (for study, never
	// written to the project).
	Examples map[string][]string
}

// File extracts every article of the gold file at path and measures it.
// It sets rank.Observe while it runs, so it must not run concurrently with
// other extraction.
func File(path string) (Result, error) {
	r := Result{Bad: map[string]int{}, Examples: map[string][]string{}}
	defer func() { rank.Observe = nil }()
	err := model.ReadGold(path, func(n int, a *model.Article) {
		r.Articles++
		var evs []rank.Event
		rank.Observe = func(e rank.Event) { evs = append(evs, e) }
		qs, _ := quote.Extract(corpus.ParseSource(fmt.Sprintf("p%03d.txt", n), a.Text), nil)
		rank.Observe = nil
		goldNames := map[string]bool{}
		for _, g := range a.Quotes {
			want := model.Names(g.SpeakerMention)
			for t := range want {
				goldNames[t] = true
			}
			if len(want) == 0 {
				continue
			}
			r.Named++
			found := false
			for _, q := range qs {
				found = found || q.Start < g.EndByte && q.End > g.StartByte
			}
			if !found {
				r.NotFound++
				continue
			}
			reached := false
			for _, e := range evs {
				if e.Start >= g.EndByte || e.End <= g.StartByte {
					continue
				}
				for _, c := range e.Cands {
					reached = reached || shares(want, model.Tokens(c.Name+" "+c.Org))
				}
			}
			if reached {
				r.Reached++
			}
		}
		seen := map[string]bool{}
		for _, q := range qs {
			name := q.Speaker
			if name == "" {
				name = q.Organization
			}
			if name == "" {
				continue
			}
			r.Given++
			ok := shares(goldNames, model.Tokens(q.Speaker+" "+q.Organization))
			if ok {
				r.InGold++
			}
			if !seen[name] {
				seen[name] = true
				r.Distinct++
				if ok {
					r.DistinctInGold++
				}
			}
			if c := Class(q.Speaker, q.Role, q.Organization, a.Text); c != "" {
				r.Bad[c]++
				if len(r.Examples[c]) < 40 {
					if ok {
						name += " (in gold)"
					}
					name += fmt.Sprintf(" [%s/%s/%s]", q.Speaker, q.Role, q.Organization)
					r.Examples[c] = append(r.Examples[c], name)
				}
			}
		}
	})
	return r, err
}

func shares(a, b map[string]bool) bool {
	for t := range b {
		if a[t] {
			return true
		}
	}
	return false
}

// The words of a speaker mention, read as score-attribution reads them.

// Class returns which kind of non-name a given speaker (name, role and
// organization as the ledger gives them) is, or "". The name tested is
// the speaker's, else the organization's:
//   - date: only date words and numbers ("Dec.", "Last week", "Thursday");
//   - holiday: "Christmas Day", "Thanksgiving", "Election Day";
//   - place: a place of the gazetteer other than a country, given as the
//     speaker's name or as the organization without a speaker or a role
//     (a country may speak for its government; "the Vermont senator" is
//     the role senator of the place Vermont, a description, not a name);
//   - label: all capitals, and written before a colon or alone as a
//     paragraph, or of several words one of five letters or more
//     ("ANALYST'S VIEWPOINT"; "CNN ORC" is two acronyms);
//   - pronoun: a pronoun, alone or contracted ("I'm");
//   - opener: its first word, not a title, is capitalized in the text only
//     where a sentence starts, and is otherwise a common word (written in
//     lower case too, or ending in -ing or -ly).
//
// The tests are the measurement's own, written apart from the
// extractor's, except the gazetteer, which both use.
func Class(speaker, role, org, text string) string {
	name := speaker
	if name == "" {
		name = org
	}
	ws := strings.Fields(name)
	if len(ws) == 0 {
		return ""
	}
	allDate := true
	for _, w := range ws {
		if !gazetteer.DateWord(w) && !isDigits(strings.TrimRight(w, ".,")) {
			allDate = false
		}
	}
	switch {
	case allDate:
		return "date"
	case gazetteer.Holiday(name):
		return "holiday"
	case gazetteer.Place(name) && !gazetteer.Country(name) && (speaker != "" || role == ""):
		return "place"
	case isLabel(name, text):
		return "label"
	case gazetteer.Pronoun(ws[0]):
		return "pronoun"
	case !titles[strings.ToLower(strings.TrimSuffix(ws[0], "."))] && opener(ws[0], len(ws) == 1, text):
		return "opener"
	}
	return ""
}

// titles come before a name and open sentences as much as any word.
var titles = map[string]bool{"mr": true, "mrs": true, "ms": true, "dr": true, "sen": true, "rep": true,
	"gov": true, "gen": true, "president": true, "senator": true, "congressman": true,
	"congresswoman": true, "governor": true, "mayor": true, "judge": true, "secretary": true,
	"chairman": true, "chairwoman": true, "professor": true, "former": true}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// isLabel reports whether name is written in capitals as a section label.
func isLabel(name, text string) bool {
	letters := 0
	for _, r := range name {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			letters++
		}
	}
	if letters < 2 {
		return false
	}
	if strings.Contains(name, " ") {
		for _, w := range strings.Fields(name) {
			if len([]rune(w)) >= 5 {
				return true
			}
		}
	}
	for _, para := range strings.Split(text, "\n") {
		p := strings.TrimSpace(para)
		if p == name || strings.HasPrefix(p, name+":") || strings.HasPrefix(p, name+" ") && strings.Contains(p[:min(len(p), 40)], ":") && strings.ToUpper(p[:strings.Index(p, ":")]) == p[:strings.Index(p, ":")] {
			return true
		}
	}
	return false
}

// opener reports whether the word w is capitalized in text only where a
// sentence starts and is otherwise a common word. The endings -ing and
// -ly mark a common word only when w is the whole name ("Typically"):
// before a surname they are a first name's ("Carly Fiorina").
func opener(w string, alone bool, text string) bool {
	w = strings.TrimRight(w, ".,")
	if w == "" || !unicode.IsUpper([]rune(w)[0]) {
		return false
	}
	lw := strings.ToLower(w)
	if lw == "the" {
		return false // "The Washington Post"
	}
	common := alone && (strings.HasSuffix(lw, "ing") || strings.HasSuffix(lw, "ly"))
	caps := 0
	for i := 0; ; {
		k := strings.Index(text[i:], w)
		if k < 0 {
			break
		}
		at := i + k
		i = at + len(w)
		if at > 0 && isWordByte(text[at-1]) || i < len(text) && isWordByte(text[i]) {
			continue
		}
		caps++
		if !sentenceStart(text[:at]) {
			return false
		}
	}
	if caps == 0 {
		return false
	}
	if !common {
		for i := 0; ; {
			k := strings.Index(text[i:], lw)
			if k < 0 {
				break
			}
			at := i + k
			i = at + len(lw)
			if (at == 0 || !isWordByte(text[at-1])) && (i >= len(text) || !isWordByte(text[i])) {
				common = true
				break
			}
		}
	}
	return common
}

func isWordByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b >= 0x80
}

// sentenceStart reports whether a word after before starts a sentence:
// only spaces and opening marks stand between it and the text's start, a
// paragraph break, or a sentence's end (a period not after an
// abbreviation such as "Gov." or "U.S.").
func sentenceStart(before string) bool {
	s := strings.TrimRight(before, " \t“\"‘'(")
	if s == "" || strings.HasSuffix(s, "\n") {
		return true
	}
	s = strings.TrimRight(s, "”\"’')")
	if strings.HasSuffix(s, ".") {
		w := s[strings.LastIndexAny(s, " \n\t(“\"")+1:]
		return !(len(w) <= 5 && w != "" && unicode.IsUpper(rune(w[0])))
	}
	return strings.HasSuffix(s, "!") || strings.HasSuffix(s, "?") || strings.HasSuffix(s, ":") || strings.HasSuffix(s, "—")
}
