package bot

import (
	"context"
	"regexp"
	"slices"
	"strings"

	"github.com/privacybot/privacybot/corpus"
	"github.com/privacybot/privacybot/retrieval"
)

const (
	// describedHits is how many passages are searched for a description
	// of a speaker that no quote's role holds.
	describedHits = 10
	// nameWindow is how many words on either side of a speaker's name
	// the words describing them may sit ("A spokeswoman for the
	// retailer, Maria Lopez"; "NYPD Commissioner James O'Neill").
	nameWindow = 7
	// groupBefore is how many paragraphs before a quotation the sentence
	// that introduces its speaker's group may be.
	groupBefore = 1
)

// byDescription finds the speakers the articles describe in the words of
// a question's description when no quote's role holds them: the head
// word (its last) and most of the others printed next to the speaker's
// name ("the retailer's spokeswoman" for "A spokeswoman for the retailer,
// Maria Lopez"). A description of one plural word is a group ("patients",
// "users"): its speakers are those quoted right after a sentence that
// begins with the group ("Patients interviewed by the Herald were less
// reassured."). It returns nothing when more than three fit.
func byDescription(snap *snapshot, desc []string) []string {
	found, _ := describedBy(snap, desc)
	if len(found) > 3 {
		return nil
	}
	return found
}

// describedBy returns the speakers byDescription finds, each with how
// many words from its name the description sits (0 for a group).
func describedBy(snap *snapshot, desc []string) ([]string, []int) {
	var clean []string
	for _, w := range desc {
		if !stopwords[w] {
			clean = append(clean, stem(w))
		}
	}
	if len(clean) == 0 || len(clean) > 5 {
		return nil, nil
	}
	// The search has no deadline of its own: it is one bounded look-up
	// made while the question is read.
	hits, err := snap.Search(context.Background(), retrieval.SearchOptions{Query: strings.Join(desc, " "), K: describedHits, Kind: retrieval.KindParagraph})
	if err != nil || len(hits) == 0 {
		return nil, nil
	}
	inHits := map[string]bool{}
	for _, h := range hits {
		inHits[h.Source] = true
	}
	group := len(clean) == 1 && looksPlural(desc[len(desc)-1])
	var found []string
	var dist []int
	seen := map[string]bool{}
	for _, q := range snap.ledger.Quotes {
		if !inHits[q.Source] {
			continue
		}
		label := q.Speaker
		if label == "" {
			label = q.Organization
		}
		if label == "" || seen[label] {
			continue
		}
		src, err := snap.corpus.Get(q.Source)
		if err != nil || q.Paragraph < 0 || q.Paragraph >= len(src.Paragraphs) {
			continue
		}
		ok, d := false, 0
		if group && (q.Speaker == "" || q.Organization != "") {
			// A member of a group speaks for themselves, not for an
			// organization.
			continue
		}
		if group {
			ok = introducedAsGroup(src.Text, src.Paragraphs[max(0, q.Paragraph-groupBefore):q.Paragraph+1], clean[0])
		} else {
			d = describedNear(src.Text, src.Paragraphs[:q.Paragraph+1], label, clean)
			ok = d >= 0
		}
		if ok {
			seen[label] = true
			found = append(found, label)
			dist = append(dist, d)
		}
	}
	return found, dist
}

// describedSideRe finds the sides a comparison names by description:
// "the hospital's", "the patients'".
var describedSideRe = regexp.MustCompile(`(?i)\bthe\s+(\p{L}+)(?:'s|’s|s'|s’)`)

// describedSides returns, for each side a comparison names by
// description, the speaker the articles describe so whose name sits
// nearest the description.
func describedSides(snap *snapshot, text string) []string {
	var out []string
	for _, m := range describedSideRe.FindAllStringSubmatch(text, -1) {
		w := strings.ToLower(m[1])
		if strings.HasSuffix(m[0], "s'") || strings.HasSuffix(m[0], "s’") {
			w += "s"
		}
		if stopwords[w] || notNames[w] || speechVerbRe.MatchString(w) {
			continue
		}
		found, dist := describedBy(snap, []string{w})
		best := -1
		for i := range found {
			if best < 0 || dist[i] < dist[best] {
				best = i
			}
		}
		if best >= 0 && !slices.Contains(out, found[best]) {
			out = append(out, found[best])
		}
	}
	return out
}

// describedNear returns how near (in words) some paragraph prints the
// description's head word, with most of its other words, to the last word
// of name, within nameWindow words; -1 when none does.
func describedNear(text string, paras []corpus.Span, name string, desc []string) int {
	nw := words(name)
	if len(nw) == 0 {
		return -1
	}
	best := -1
	last := nw[len(nw)-1]
	head, rest := desc[len(desc)-1], desc[:len(desc)-1]
	for _, p := range paras {
		ws := words(text[p.Start:p.End])
		for i, w := range ws {
			if w != last {
				continue
			}
			near := map[string]bool{}
			d := -1
			for j := max(0, i-nameWindow); j < min(len(ws), i+nameWindow+1); j++ {
				st := stem(ws[j])
				near[st] = true
				if st == head && (d < 0 || abs(j-i) < d) {
					d = abs(j - i)
				}
			}
			if d < 0 {
				continue
			}
			got := 0
			for _, r := range rest {
				if near[r] {
					got++
				}
			}
			if 2*got >= len(rest) && (best < 0 || d < best) {
				best = d
			}
		}
	}
	return best
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// introducedAsGroup reports whether one of the paragraphs has a sentence,
// outside any quotation, whose first words name the group.
func introducedAsGroup(text string, paras []corpus.Span, group string) bool {
	for _, p := range paras {
		for _, sp := range sentenceSpans(text, p.Start, p.End) {
			s := text[sp[0]:sp[1]]
			if strings.ContainsAny(s[:min(len(s), 1)], "\"“‘'") {
				continue // a quotation, not the article's words
			}
			if leadsWith(s, map[string]bool{group: true}) {
				return true
			}
		}
	}
	return false
}
