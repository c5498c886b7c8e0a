package bot

import (
	"context"
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
	var clean []string
	for _, w := range desc {
		if !stopwords[w] {
			clean = append(clean, stem(w))
		}
	}
	if len(clean) == 0 || len(clean) > 5 {
		return nil
	}
	// The search has no deadline of its own: it is one bounded look-up
	// made while the question is read.
	hits, err := snap.Search(context.Background(), retrieval.SearchOptions{Query: strings.Join(desc, " "), K: describedHits, Kind: retrieval.KindParagraph})
	if err != nil || len(hits) == 0 {
		return nil
	}
	inHits := map[string]bool{}
	for _, h := range hits {
		inHits[h.Source] = true
	}
	group := len(clean) == 1 && looksPlural(desc[len(desc)-1])
	var found []string
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
		var ok bool
		if group && (q.Speaker == "" || q.Organization != "") {
			// A member of a group speaks for themselves, not for an
			// organization.
			continue
		}
		if group {
			ok = introducedAsGroup(src.Text, src.Paragraphs[max(0, q.Paragraph-groupBefore):q.Paragraph+1], clean[0])
		} else {
			ok = describedNear(src.Text, src.Paragraphs[:q.Paragraph+1], label, clean)
		}
		if ok {
			seen[label] = true
			found = append(found, label)
		}
	}
	if len(found) > 3 {
		return nil
	}
	return found
}

// describedNear reports whether some paragraph prints the last word of
// name with the description's head word and most of its other words
// within nameWindow words of it.
func describedNear(text string, paras []corpus.Span, name string, desc []string) bool {
	nw := words(name)
	if len(nw) == 0 {
		return false
	}
	last := nw[len(nw)-1]
	head, rest := desc[len(desc)-1], desc[:len(desc)-1]
	for _, p := range paras {
		ws := words(text[p.Start:p.End])
		for i, w := range ws {
			if w != last {
				continue
			}
			near := map[string]bool{}
			for _, v := range ws[max(0, i-nameWindow):min(len(ws), i+nameWindow+1)] {
				near[stem(v)] = true
			}
			if !near[head] {
				continue
			}
			got := 0
			for _, r := range rest {
				if near[r] {
					got++
				}
			}
			if 2*got >= len(rest) {
				return true
			}
		}
	}
	return false
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
