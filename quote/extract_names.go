package quote

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/privacybot/privacybot/corpus"
)

// collectNames records full names (two or more capitalized words, titles
// stripped) so that a later bare surname can be expanded.
func (x *extractor) collectNames(p corpus.Span) {
	toks := x.paraTokens(p)
	x.noteWords(toks)
	x.noteContexts(toks)
	x.noteDateParts(toks)
	x.notePlaceRoles(toks)
	for i := 1; i < len(toks); i++ {
		if t := toks[i]; t.isCap() && (toks[i-1].Text == "," || !toks[i-1].Punct && !toks[i-1].isCap()) && !strings.ContainsAny(x.text[toks[i-1].End:t.Start], ".!?") {
			x.capsMid[strings.ToLower(stripPoss(t.Text))] = true
		}
	}
	for i := 0; i < len(toks); {
		if !nameish(toks[i]) {
			i++
			continue
		}
		j := i
		for j < len(toks) && nameish(toks[j]) && !isPoss(toks[j].Text) && (j == i || strings.Trim(x.text[toks[j-1].End:toks[j].Start], " \"“”") == "") {
			j++
		}
		if j < len(toks) && nameish(toks[j]) && isPoss(toks[j].Text) {
			j++
		}
		run := toks[i:j]
		if i > 0 && !toks[i-1].Punct && orgNouns[toks[i-1].lower()] && !x.al.Known(joinToks(run)) && j > i {
			// "the online retailer Brightcart", "the security firm Northgate Cyber".
			o := stripPoss(joinToks(run))
			x.orgs[normOrg(o)] = cleanOrg(o)
			i = j
			continue
		}
		if j == i {
			j++
			i = j
			continue
		}
		k := 0
		for idx, t := range run {
			if titleWords[strings.TrimSuffix(t.lower(), ".")] {
				k = idx + 1
			}
		}
		if k == 0 && len(run) >= 3 && titleOfBefore(toks, i) {
			// "Speaker of the House Newt Gingrich": the first word ends the title.
			k = 1
		}
		name := run[k:]
		if len(name) >= 2 && len(name) <= 4 && !x.orgLike(name) {
			full := stripPoss(joinToks(name))
			last := strings.ToLower(stripPoss(name[len(name)-1].Text))
			if _, seen := x.people[last]; !seen && !strings.HasSuffix(last, ".") {
				x.people[last] = full
				x.peopleAt[last] = name[0].Start
			}
		}
		i = j
	}
}

// paraTokens returns the tokens of paragraph p, tokenized once per
// article for the names pass and the ranker. Callers must not change them.
func (x *extractor) paraTokens(p corpus.Span) []token {
	return memo(&x.paraToks, p.Start, func() []token { return tokenize(x.text, p.Start, p.End) })
}

// titleOfBefore reports whether the tokens before toks[i] are a title
// followed by "of" or "of the" ("Secretary of State …", "Speaker of the
// House …"), so the capitalized word at i still belongs to the title.
func titleOfBefore(toks []token, i int) bool {
	j := i - 1
	if j >= 0 && toks[j].lower() == "the" {
		j--
	}
	return j >= 1 && toks[j].lower() == "of" && titleWords[strings.TrimSuffix(toks[j-1].lower(), ".")]
}

// dropNicknames removes quotations that are a nickname inside a name
// (Robert C. “Bobby” Scott): one capitalized word between two.
func dropNicknames(text string, qs []qspan) []qspan {
	out := qs[:0:0]
	for _, q := range qs {
		body := text[q.Start:q.End]
		if !strings.ContainsAny(body, " ,.!?") && isUpperRune(firstRune(body)) &&
			q.Open >= 2 && text[q.Open-1] == ' ' && capWordBefore(text, q.Open-1) &&
			q.Close+1 < len(text) && text[q.Close] == ' ' && isUpperRune(firstRune(text[q.Close+1:])) {
			continue
		}
		out = append(out, q)
	}
	return out
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

// capWordBefore reports whether the word ending at text[i] starts with a
// capital letter ("Marcia", "C.").
func capWordBefore(text string, i int) bool {
	j := i
	for j > 0 {
		r, w := utf8.DecodeLastRuneInString(text[:j])
		if !unicode.IsLetter(r) && r != '.' {
			break
		}
		j -= w
	}
	return j < i && isUpperRune(firstRune(text[j:i]))
}

// innerOrg returns the first run of capitalized words inside an unnamed
// speaker's description ("senior White House official" gives "White
// House"; "a senior Democratic aide" gives the party, as written), or ""
// when there is none or it is only a rank ("Senior").
func (x *extractor) innerOrg(role []token) string {
	i := 0
	for i < len(role) && !nameish(role[i]) {
		i++
	}
	j := i
	for j < len(role) && (nameish(role[j]) || connector(role[j]) && j+1 < len(role) && nameish(role[j+1])) {
		j++
	}
	if i == j {
		return ""
	}
	o := stripPoss(joinToks(role[i:j]))
	if l := strings.ToLower(o); partyAdjectives[l] {
		if rankAdjectives[l] {
			return ""
		}
		return o // "a senior Democratic aide" speaks from the party
	}
	return x.canonOrg(o)
}
