package bot

import (
	_ "embed"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
)

// Related terms bridge wording gaps between a question and the sentence
// that answers it ("How far did the stock fall?" and "Shares in Facebook
// plummeted"). The table is data/related_terms.txt, embedded; its header
// says where it comes from. A question's term counts as present in a
// sentence that holds a related term, at relatedWeight of its weight.

//go:embed data/related_terms.txt
var relatedTermsFile string

// relatedWeight is how much a related term counts for the term asked about.
const relatedWeight = 0.8

// related maps a stemmed term to the stems of its related terms, and
// relatedWords to the related words as written in the table.
var related, relatedWords = parseRelated(relatedTermsFile)

// parseRelated reads the table: one group of related words a line.
func parseRelated(file string) (stems, surface map[string][]string) {
	groups := map[string]map[string]bool{}
	wordsOf := map[string]map[string]bool{}
	for _, line := range strings.Split(file, "\n") {
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		ws := strings.Fields(strings.ToLower(line))
		for _, a := range ws {
			sa := stem(a)
			for _, c := range ws {
				sc := stem(c)
				if sa == sc {
					continue
				}
				if groups[sa] == nil {
					groups[sa], wordsOf[sa] = map[string]bool{}, map[string]bool{}
				}
				groups[sa][sc] = true
				wordsOf[sa][c] = true
			}
		}
	}
	return sortedLists(groups), sortedLists(wordsOf)
}

func sortedLists(m map[string]map[string]bool) map[string][]string {
	out := make(map[string][]string, len(m))
	for t, g := range m {
		for c := range g {
			out[t] = append(out[t], c)
		}
		sort.Strings(out[t])
	}
	return out
}

// relatedIn reports whether the term set holds a term related to t.
func relatedIn(t string, have map[string]bool) bool {
	for _, r := range related[t] {
		if have[r] {
			return true
		}
	}
	return false
}

// relatedHeld reports whether some source holds a term related to t, or
// kin to it.
func relatedHeld(st *statsSnapshot, t string) bool {
	for _, r := range related[t] {
		if st.has(r) {
			return true
		}
	}
	return len(kin(st, t)) > 0
}

// relatedOrKinIn reports whether the term set holds a term related or kin
// to t.
func relatedOrKinIn(st *statsSnapshot, t string, have map[string]bool) bool {
	if relatedIn(t, have) {
		return true
	}
	for _, k := range kin(st, t) {
		if have[k] {
			return true
		}
	}
	return false
}

// relatedClosure returns the term set with the terms related to its
// terms added.
func relatedClosure(have map[string]bool) map[string]bool {
	out := make(map[string]bool, len(have)*2)
	for t := range have {
		out[t] = true
		for _, r := range related[t] {
			out[r] = true
		}
	}
	return out
}

// expandQuery adds to a search query, for each of its words that no
// source holds, the related words that some source does, so that the
// search finds the passage worded otherwise.
func expandQuery(st *statsSnapshot, q string) string {
	var add []string
	seen := map[string]bool{}
	for _, w := range words(q) {
		t := stem(w)
		if stopwords[w] || st.has(t) {
			continue
		}
		for _, k := range kin(st, t) {
			if !seen[k] {
				seen[k] = true
				add = append(add, k)
			}
		}
		for _, r := range relatedWords[t] {
			if st.vocab[r] > 0 && !seen[r] {
				seen[r] = true
				add = append(add, r)
			}
		}
	}
	if len(add) == 0 {
		return q
	}
	return q + " " + strings.Join(add, " ")
}

// kinCache holds, for the statistics last asked about, the held terms
// that share a long prefix with a term no source holds.
var kinCache struct {
	sync.Mutex
	st  *statsSnapshot
	kin map[string][]string
}

// minKinPrefix is the shortest common prefix that makes two words kin.
const minKinPrefix = 5

// kin returns the stems of held words that share with t, a term no source
// holds, a prefix of at least minKinPrefix letters and 70% of the shorter
// word: "penalized" finds "penalty", "regulatory" finds "regulator".
func kin(st *statsSnapshot, t string) []string {
	if len(t) < minKinPrefix+1 || st.has(t) {
		return nil
	}
	kinCache.Lock()
	defer kinCache.Unlock()
	if kinCache.st != st {
		kinCache.st, kinCache.kin = st, map[string][]string{}
	}
	if k, ok := kinCache.kin[t]; ok {
		return k
	}
	var out []string
	p := t[:minKinPrefix]
	for i := sort.SearchStrings(st.sorted, p); i < len(st.sorted) && strings.HasPrefix(st.sorted[i], p) && len(out) < 12; i++ {
		w := st.sorted[i]
		n := 0
		for n < len(w) && n < len(t) && w[n] == t[n] {
			n++
		}
		if s := stem(w); float64(n) >= 0.7*float64(min(len(w), len(t))) && st.has(s) && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	kinCache.kin[t] = out
	return out
}

// acronymJoiners may sit inside a name without giving it a letter
// ("Department of Justice", DOJ).
var acronymJoiners = toSet(`of and for the on`)

// acronyms returns the initials, lowercase, of the runs of two or more
// capitalised words in text: "Information Commissioner's Office" gives
// "ico", "Federal Trade Commission" "ftc", so that a question using the
// abbreviation meets a sentence spelling the name out.
func acronyms(text string) []string {
	var out []string
	// run holds the initials of the capitalised words; full those of the
	// joiners too ("Department of Justice": "dj" and "doj").
	var run, full []byte
	flush := func() {
		if len(run) >= 2 {
			out = append(out, string(run))
			if len(full) > len(run) {
				out = append(out, string(full))
			}
			// A name may follow another capitalised word ("AFP and The
			// Wall Street Journal"): every tail of three letters or more
			// is a candidate too.
			for i := 1; i+3 <= len(run); i++ {
				out = append(out, string(run[i:]))
			}
		}
		run, full = run[:0], full[:0]
	}
	for _, f := range strings.Fields(text) {
		w := strings.Trim(f, `"“”‘’'(),.;:!?`)
		switch {
		case w == "":
			flush()
		case w == "The" || w == "A" || w == "An":
			// an article is not part of the name
		case w[0] >= 'A' && w[0] <= 'Z':
			run = append(run, w[0]+('a'-'A'))
			full = append(full, w[0]+('a'-'A'))
			if strings.ContainsAny(f[len(f)-1:], ",.;:!?)") {
				flush()
			}
		case len(run) > 0 && acronymJoiners[w]:
			full = append(full, w[0]) // a joiner keeps the run going
		default:
			flush()
		}
	}
	flush()
	return out
}

// withAcronyms adds the acronyms of text to its term set.
func withAcronyms(terms map[string]bool, text string) map[string]bool {
	for _, a := range acronyms(text) {
		terms[a] = true
	}
	return terms
}

// howWordRe finds the word of "how big", "how long", "how far": it asks
// for a figure and is no topic of the answer ("£4 million" is not "big").
var howWordRe = regexp.MustCompile(`(?i)\bhow (big|large|small|long|far|high|low|old|bad|badly|severe|serious|often|soon|quickly|fast|hard)\b`)

// dropHowWord removes from topic the word a "how big" question asks with.
func dropHowWord(q string, topic []string) []string {
	m := howWordRe.FindStringSubmatch(q)
	if m == nil {
		return topic
	}
	w := stem(strings.ToLower(m[1]))
	out := make([]string, 0, len(topic))
	for _, t := range topic {
		if t != w {
			out = append(out, t)
		}
	}
	return out
}
