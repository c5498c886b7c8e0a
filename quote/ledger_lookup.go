package quote

import (
	"slices"
	"sort"
	"strings"
	"unicode/utf8"
)

// Speakers returns every distinct speaker label in the ledger: the people
// named as speakers and the (canonical) organizations, sorted.
func (l *Ledger) Speakers() []string {
	set := map[string]bool{}
	add := func(s string) {
		if s != "" {
			set[s] = true
		}
	}
	for _, q := range l.Quotes {
		add(q.Speaker)
		add(q.Organization)
	}
	for _, s := range l.Silences {
		add(s.Speaker)
		add(s.Organization)
	}
	return sortedKeys(set)
}

// BySpeaker returns the quotes and silences of the person or organization
// that name refers to. Matching follows aliases ("Citi", "JP Morgan"),
// ignores case and punctuation and tolerates small typos ("JP Morgn",
// "Elisabeth Dianna"); a surname or first name alone finds the person
// ("Wexler"). An organization's results include its people's quotes and
// its unnamed spokespeople's. Exact matches win over typo matches.
func (l *Ledger) BySpeaker(name string) ([]Quote, []Silence) {
	people, orgs := l.match(name)
	if len(people) == 0 && len(orgs) == 0 {
		return nil, nil
	}
	ix := l.index()
	var qs []Quote
	for _, i := range ix.quotesBy.of(people, orgs) {
		qs = append(qs, l.Quotes[i])
	}
	var ss []Silence
	for _, i := range ix.silencesBy.of(people, orgs) {
		ss = append(ss, l.Silences[i])
	}
	return qs, ss
}

// NamedIn returns the canonical names of the ledger's speakers and
// organizations that a free-text question refers to, best first: exact
// names and aliases before typo matches, longer names before shorter ones.
// It returns nil when the question names no one in the ledger.
func (l *Ledger) NamedIn(question string) []string {
	words := orgWords(question)
	if len(words) == 0 {
		return nil
	}
	type hit struct {
		name  string
		fuzzy bool
		n     int
		pos   int
	}
	var hits []hit
	used := make([]bool, len(words))
	ix := l.index()
	for fuzzy := 0; fuzzy < 2; fuzzy++ {
		for n := 4; n >= 1; n-- {
			for i := 0; i+n <= len(words); i++ {
				free := true
				for k := i; k < i+n; k++ {
					if used[k] {
						free = false
					}
				}
				if !free {
					continue
				}
				g := strings.Join(words[i:i+n], " ")
				if n == 1 && (len(g) < 3 || commonWords[g]) {
					continue
				}
				names := ix.lookup(g, fuzzy == 1)
				if len(names) == 0 {
					continue
				}
				for _, nm := range names {
					hits = append(hits, hit{nm, fuzzy == 1, n, i})
				}
				for k := i; k < i+n; k++ {
					used[k] = true
				}
			}
		}
	}
	sort.SliceStable(hits, func(i, j int) bool {
		a, b := hits[i], hits[j]
		if a.fuzzy != b.fuzzy {
			return !a.fuzzy
		}
		if a.n != b.n {
			return a.n > b.n
		}
		return a.pos < b.pos
	})
	var out []string
	seen := map[string]bool{}
	for _, h := range hits {
		if !seen[h.name] {
			seen[h.name] = true
			out = append(out, h.name)
		}
	}
	return out
}

// match returns the people and organizations name refers to.
func (l *Ledger) match(name string) (people, orgs map[string]bool) {
	people, orgs = map[string]bool{}, map[string]bool{}
	g := normOrg(name)
	if g == "" {
		return people, orgs
	}
	ix := l.index()
	names := ix.lookup(g, false)
	if len(names) == 0 {
		names = ix.lookup(g, true)
	}
	for _, n := range names {
		if ix.isOrg[n] {
			orgs[n] = true
		} else {
			people[n] = true
		}
	}
	return people, orgs
}

// speakerIndex maps normalized names, aliases and name parts to speakers.
type speakerIndex struct {
	// exact maps a normalized form to the labels it names, and formsOf a
	// label to its whole-name forms.
	exact   map[string][]string
	formsOf map[string][]string
	// forms lists every form with its label, for typo matching.
	forms []indexForm
	isOrg map[string]bool
	// typos finds the forms a misspelt first word may name.
	typos *typoIndex
	// quotesBy and silencesBy list, in ledger order, the indexes of the
	// quotes and silences of each speaker (by Speaker) and organization
	// (by Organization), so that BySpeaker never scans the whole ledger.
	quotesBy, silencesBy labelPostings
}

// labelPostings maps a speaker's or an organization's label to indexes in
// the ledger, ascending.
type labelPostings struct {
	speaker, org map[string][]int32
}

func (p *labelPostings) add(speaker, org string, i int) {
	if p.speaker == nil {
		p.speaker, p.org = map[string][]int32{}, map[string][]int32{}
	}
	if speaker != "" {
		p.speaker[speaker] = append(p.speaker[speaker], int32(i))
	}
	if org != "" {
		p.org[org] = append(p.org[org], int32(i))
	}
}

// of returns, ascending and without repeats, the indexes of the entries
// said by any of people or on behalf of any of orgs. An entry whose
// speaker is an organization's label ("Hollowbridge said") is the
// organization's own.
func (p *labelPostings) of(people, orgs map[string]bool) []int32 {
	var out []int32
	for n := range people {
		out = append(out, p.speaker[n]...)
	}
	for n := range orgs {
		out = append(out, p.org[n]...)
		out = append(out, p.speaker[n]...)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

type indexForm struct {
	form, label string
	// part is set for a single word of a person's name.
	part bool
	// words are the words of form, and runes their lengths in runes.
	words []string
	runes []int
}

// FormsOf returns the normalized names a speaker or organization label of
// the ledger goes by: its own, its aliases and those of related
// organizations ("meta" for Facebook), so that a caller can tell which
// words of a question named it. The slice is shared: do not modify it.
func (l *Ledger) FormsOf(label string) []string {
	return l.index().formsOf[label]
}

// index returns the lookup tables for the ledger's speakers, built on first
// use. Quotes and Silences must not change after that.
func (l *Ledger) index() *speakerIndex {
	l.ixOnce.Do(func() { l.ix = l.buildIndex() })
	return l.ix
}

func (l *Ledger) buildIndex() *speakerIndex {
	ix := &speakerIndex{exact: map[string][]string{}, formsOf: map[string][]string{}, isOrg: map[string]bool{}}
	al := l.al
	if al == nil {
		al = DefaultAliases()
	}
	add := func(form, label string, part bool) {
		if form == "" {
			return
		}
		for _, x := range ix.exact[form] {
			if x == label {
				return
			}
		}
		ix.exact[form] = append(ix.exact[form], label)
		if !part {
			ix.formsOf[label] = append(ix.formsOf[label], form)
		}
		ws := strings.Fields(form)
		rs := make([]int, len(ws))
		for i, w := range ws {
			rs[i] = utf8.RuneCountInString(w)
		}
		ix.forms = append(ix.forms, indexForm{form, label, part, ws, rs})
	}
	orgs := map[string]bool{}
	people := map[string]bool{}
	for i, q := range l.Quotes {
		ix.quotesBy.add(q.Speaker, q.Organization, i)
		if q.Organization != "" {
			orgs[q.Organization] = true
		}
		if q.Speaker != "" {
			people[q.Speaker] = true
		}
	}
	for i, s := range l.Silences {
		ix.silencesBy.add(s.Speaker, s.Organization, i)
		if s.Organization != "" {
			orgs[s.Organization] = true
		}
		if s.Speaker != "" {
			people[s.Speaker] = true
		}
	}
	for _, o := range sortedKeys(orgs) {
		ix.isOrg[o] = true
		add(normOrg(o), o, false)
		for _, f := range al.Forms(o) {
			add(f, o, false)
		}
		for _, r := range al.Related(o) {
			// "What did Meta say?" finds what Facebook said.
			for _, f := range al.Forms(r) {
				add(f, o, false)
			}
		}
	}
	for _, p := range sortedKeys(people) {
		if orgs[p] {
			continue
		}
		n := normOrg(p)
		add(n, p, false)
		for _, w := range strings.Fields(n) {
			if len(w) >= 3 {
				add(w, p, true)
			}
		}
	}
	ix.typos = newTypoIndex(ix.forms)
	return ix
}

// lookup returns the labels that the normalized phrase g names, exactly or,
// when fuzzy is set, within a small edit distance.
func (ix *speakerIndex) lookup(g string, fuzzy bool) []string {
	if !fuzzy {
		return ix.exact[g]
	}
	var out []string
	seen := map[string]bool{}
	gw := strings.Fields(g)
	if len(gw) == 0 {
		return nil
	}
	gr := make([]int, len(gw))
	for i, w := range gw {
		gr[i] = utf8.RuneCountInString(w)
	}
	// Only forms of as many words can match, and a word whose length
	// differs by more than its tolerance cannot: both are checked before
	// any edit distance is computed.
	for _, fi := range ix.typos.candidates(gw[0]) {
		f := &ix.forms[fi]
		if len(f.words) != len(gw) || seen[f.label] {
			continue
		}
		fw := f.words
		ok := true
		for i := range gw {
			tol := tolerance(f.runes[i])
			if d := gr[i] - f.runes[i]; d > tol || -d > tol {
				ok = false
				break
			}
			if EditDistance(gw[i], fw[i], tol) > tol {
				ok = false
				break
			}
		}
		if ok && f.part && commonWords[g] {
			ok = false
		}
		if ok {
			seen[f.label] = true
			out = append(out, f.label)
		}
	}
	return out
}

// tolerance is how many edits a word of n runes may carry: none up to
// four letters, one up to seven, two beyond.
func tolerance(n int) int {
	switch {
	case n <= 4:
		return 0
	case n <= 7:
		return 1
	default:
		return 2
	}
}

// commonWords are question words that never name a speaker on their own.
var commonWords = setOf(
	"what", "who", "whom", "whose", "which", "when", "where", "why", "how", "did", "does", "do",
	"say", "said", "says", "tell", "told", "the", "and", "for", "about", "with", "from", "that",
	"this", "there", "their", "they", "them", "have", "has", "had", "was", "were", "are", "is",
	"any", "many", "much", "users", "user", "banks", "bank", "data", "privacy", "comment",
	"quote", "quotes", "statement", "company", "companies", "news", "report", "deny", "denied",
	"confirm", "share", "sharing", "customer", "customers", "financial", "information",
	"facebooks", "messenger", "would", "could", "should", "will", "not", "yes", "no", "its",
	"spokesperson", "spokeswoman", "spokesman", "people", "person", "anyone", "someone",
	"give", "gave", "make", "made", "asked", "ask", "want", "wants", "think", "thinks",
	"after", "before", "over", "under", "into", "onto", "than", "then", "also", "just",
	"only", "even", "still", "more", "most", "less", "least", "some", "every", "each",
	"other", "others", "another", "same", "such", "very", "really", "ever", "never",
	"respond", "responded", "reply", "replied", "answer", "answered", "explain", "explained",
	"mean", "means", "meant", "know", "known", "going", "get", "got", "use", "used", "using",
)
