package quote

import (
	"strings"

	"github.com/privacybot/privacybot/quote/internal/gazetteer"
)

// candProps adds to each candidate what the article says of the name as a
// whole: whether the quotation itself names it (people seldom quote their
// own name), whether the rules already gave it quotations, and how often
// the article writes it.
func (x *extractor) candProps(cands []rankCand, q qspan) {
	qt := x.text[q.Start:q.End]
	for i := range cands {
		w := cands[i].w
		name := w.Name
		if name == "" {
			name = w.Org
		}
		last := name
		if k := strings.LastIndexByte(name, ' '); k >= 0 {
			last = name[k+1:]
		}
		f := cands[i].feats
		if len(last) > 1 && strings.Contains(qt, last) {
			f = append(f, "inquote")
		}
		switch n := x.spoke[name]; {
		case n >= 3:
			f = append(f, "spoke3")
		case n > 0:
			f = append(f, "spoke")
		}
		c := x.ctxSeen[last]
		for b, name := range ctxNames {
			if c&(1<<b) != 0 {
				f = append(f, name)
			}
		}
		switch n := x.capCount[last]; {
		case n <= 1:
			f = append(f, "freq1")
		case n <= 3:
			f = append(f, "freq2")
		default:
			f = append(f, "freq4")
		}
		cands[i].feats = f
	}
}

// noteSpoke records a quotation the rules attributed to w.
func (x *extractor) noteSpoke(w who) {
	name := w.Name
	if name == "" {
		name = w.Org
	}
	if name == "" {
		return
	}
	if x.spoke == nil {
		x.spoke = map[string]int{}
	}
	x.spoke[name]++
}

// anyVerb reports whether a speech verb stands among toks.
func anyVerb(toks []token) bool {
	for _, t := range toks {
		if isVerb(t) {
			return true
		}
	}
	return false
}

// mergeCands joins the candidates that name one speaker: the same name
// with and without an organization or role, and a surname alone with the
// one full name in view that ends with it ("Kelly" with "Mark Kelly", not
// "Clinton" when both Bill and Hillary Clinton are in view). The merged
// candidate takes the fullest name and the features of both, so the
// model's belief in a speaker is not split between two ways of writing
// him. A surname joins only the full name the article gave before the
// quotation. The first candidate keeps its place.
func (x *extractor) mergeCands(cands []rankCand, q qspan) []rankCand {
	fuller := func(a, b who) who {
		if len(b.Name) > len(a.Name) || b.Name == a.Name && len(b.Org)+len(b.Role) > len(a.Org)+len(a.Role) {
			b.ok, b.Verb, b.near, b.quoted, b.how = a.ok, a.Verb, a.near, a.quoted, a.how
			return b
		}
		return a
	}
	for i := 0; i < len(cands); i++ {
		ni := cands[i].w.Name
		if ni == "" {
			continue
		}
		single := false
		if !strings.Contains(ni, " ") {
			l := strings.ToLower(ni)
			_, known := x.people[l]
			single = known && x.peopleAt[l] < q.Open
		}
		match := -1
		for j := range cands {
			nj := cands[j].w.Name
			if j == i || nj == "" {
				continue
			}
			if nj == ni || single && nj == x.people[strings.ToLower(ni)] {
				if match >= 0 && cands[match].w.Name != nj {
					match = -2 // two full names end with the surname
					break
				}
				if match < 0 {
					match = j
				}
			}
		}
		if match < 0 {
			continue
		}
		a, b := i, match
		if b < a {
			a, b = b, a
		}
		cands[a].w = fuller(cands[a].w, cands[b].w)
		cands[a].feats = append(append(cands[a].feats, cands[b].feats...), "merged")
		cands = append(cands[:b], cands[b+1:]...)
		i = -1 // start over: the merged name may match again
	}
	return cands
}

// The contexts noteContexts records of a capitalized word.
const (
	ctxPlace    = iota // after "in", "at", "from", "near": a place
	ctxSpeaks          // right before a speech verb: a speaker
	ctxTitled          // after a title ("Mr.", "Sen."): a person
	ctxAfterThe        // after "the": an organization or a thing
)

// ctxNames are the ranker's feature names of those contexts.
var ctxNames = [...]string{"c.place", "c.speaks", "c.titled", "c.the"}

// noteContexts records how the article uses each capitalized word, which
// tells a person from a place or a thing across the whole article.
func (x *extractor) noteContexts(toks []token) {
	if x.ctxSeen == nil {
		x.ctxSeen = map[string]uint8{}
	}
	j := 0
	for j < len(toks) && !toks[j].Punct && strings.ToUpper(toks[j].Text) == toks[j].Text && strings.ToLower(toks[j].Text) != toks[j].Text {
		j++
	}
	if j > 0 && j < len(toks) && toks[j].Text == ":" {
		if x.labels == nil {
			x.labels = map[string]bool{}
		}
		x.labels[joinToks(toks[:j])] = true
		x.labels[stripPoss(joinToks(toks[:j]))] = true
	}
	for i, t := range toks {
		if t.Punct || !t.isCap() {
			continue
		}
		w := stripPoss(t.Text)
		if i > 0 {
			switch p := toks[i-1].lower(); {
			case p == "in" || p == "at" || p == "from" || p == "near":
				x.ctxSeen[w] |= 1 << ctxPlace
			case p == "the":
				x.ctxSeen[w] |= 1 << ctxAfterThe
			case titleWords[strings.TrimSuffix(p, ".")]:
				x.ctxSeen[w] |= 1 << ctxTitled
			}
		}
		if i+1 < len(toks) && isVerb(toks[i+1]) && !toks[i+1].isCap() {
			x.ctxSeen[w] |= 1 << ctxSpeaks
		}
	}
}

// thingWords end the names of laws, pacts and such, which say nothing.
var thingWords = setOf("agreement", "act", "treaty", "amendment", "accord", "accords", "pact", "bill", "law", "empire", "doctrine", "protocol", "initiative", "war", "scandal")

// holidays are capitalized words of dates that are not names.
var holidays = setOf("christmas", "easter", "thanksgiving", "hanukkah", "ramadan", "halloween", "eve", "day")

// notName reports whether a candidate's person name cannot be one: a
// name that starts with a common word the article capitalizes only where
// a sentence starts ("Continuing", "Knowing Bardos"; see commonOpener), a
// word of a date or holiday, a pronoun with a verb ("We're", "I'm"), or
// an all-capitals word; and whether a person's or organization's name is
// the all-capitals label that opens a paragraph before a colon ("WATCH:",
// "ANALYST'S VIEWPOINT:"). Known aliases stay names.
func (x *extractor) notName(w who) bool {
	if !x.named {
		return x.readNotName(w)
	}
	return memo(&x.notNames, w.Name+"\x00"+w.Org, func() bool { return x.readNotName(w) })
}

// readNotName is notName without the memo.
func (x *extractor) readNotName(w who) bool {
	if w.Name == "" && x.labels[w.Org] || x.labels[w.Name] || x.nonName(w) {
		return true
	}
	if w.Name == "" || x.al.Known(w.Name) {
		return false
	}
	words := strings.Fields(w.Name)
	first := strings.ToLower(strings.ReplaceAll(words[0], "’", "'"))
	if i := strings.IndexByte(first, '\''); i > 0 && !isPoss(words[0]) {
		if p := first[:i]; isPronoun(p) || p == "i" || p == "we" || p == "you" {
			return true
		}
	}
	if thingWords[strings.ToLower(words[len(words)-1])] {
		// "the North American Free Trade Agreement", "Evil Empire".
		return true
	}
	if len(words) > 1 {
		f := strings.TrimSuffix(first, ".")
		// An -ly word glued to a name is a first name ("Carly Fiorina",
		// "Kelly Ayotte"): an opening adverb takes a comma.
		return holidays[strings.TrimSuffix(strings.ToLower(words[len(words)-1]), ".")] ||
			stopCaps[f] && !titleWords[f] || !titleWords[f] && x.commonOpener(f) && !(strings.HasSuffix(f, "ly") && !x.lowerWords[f])
	}
	l := strings.TrimSuffix(first, ".")
	if stopCaps[l] || holidays[l] || ordinalOpeners[l] || timeWords[l] || isAllCaps(w.Name) {
		return true
	}
	if gazetteer.Demonym(l) && x.people[l] == "" && !x.demonymNoun(stripPoss(words[0])) {
		// "portraying Mexican immigrants … as “rapists”": a people's
		// adjective, unless the article gave it as a surname ("David
		// French", then "French said") or calls someone by it ("the
		// Texan said").
		return true
	}
	return x.commonOpener(strings.ToLower(stripPoss(w.Name)))
}

// namedInSentence reports whether a candidate is written in the
// quotation's sentence.
func namedInSentence(cands []rankCand) bool {
	for _, cd := range cands {
		for _, f := range cd.feats {
			if f == "m.samesent" {
				return true
			}
		}
	}
	return false
}

// commonOpener reports whether the lower-case word l is a common word
// that the article capitalizes only where a sentence starts: it never
// writes it capitalized inside a sentence, and writes it in lower case
// elsewhere or it ends in -ing or -ly ("Knowing", "Domestically").
func (x *extractor) commonOpener(l string) bool {
	return !x.capsMid[l] && (x.lowerWords[l] || strings.HasSuffix(l, "ing") || strings.HasSuffix(l, "ly"))
}

// demonymNoun reports whether the article uses the demonym d as a noun
// for someone: after "the", "a" or "an" and before punctuation or a
// speech verb ("the Texan said", "said the Texan,").
func (x *extractor) demonymNoun(d string) bool {
	for at := 0; ; {
		i := strings.Index(x.text[at:], d)
		if i < 0 {
			return false
		}
		i += at
		at = i + len(d)
		before := strings.ToLower(strings.TrimRight(x.text[max(0, i-4):i], " "))
		if !strings.HasSuffix(before, "the") && !strings.HasSuffix(before, " a") && !strings.HasSuffix(before, "an") {
			continue
		}
		rest := strings.TrimLeft(x.text[at:], " ")
		if rest == "" || strings.ContainsRune(",.;:!?”\"’'", firstRune(rest)) {
			return true
		}
		if f := strings.Fields(rest); len(f) > 0 && speechVerbs[strings.ToLower(strings.TrimRight(f[0], ".,;:!?”\""))] {
			return true
		}
	}
}
