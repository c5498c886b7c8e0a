package bot

import (
	"context"
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/privacybot/privacybot/retrieval"
)

// A question about someone the sources name whose other words are vague
// ("What will happen to X next?", "What's next for X?", "Any news on
// X?") asks for what the sources say about X. Its vague words match
// unrelated sentences ("next year's show"), so it is answered from the
// sentences that name X (or speak of X as "he" or "the bank" where the
// paragraph names X), from the articles most about X, forward-looking
// ones first when the question looks ahead, marked as the closest
// evidence. A name the sources never print still abstains.

// aboutVague are the stems of the words such a question may hold besides
// the name.
var aboutVague = stemSet(`happen happens happened happening next now go going gone new news latest about up with fate future become becomes will update updates story doing lately recent recently then later`)

// lookAheadRe matches a question that asks what comes next.
var lookAheadRe = regexp.MustCompile(`(?i)\b(will|next|going to|gonna|future|fate|become of|upcoming|soon|later|ahead|happens?|now)\b`)

// forwardRe matches a sentence that tells what may come: a modal, a plan,
// an expectation.
var forwardRe = regexp.MustCompile(`(?i)\b(will|would|could|may|might|should|must|expect\w*|plans?|planned|planning|intend\w*|going to|faces?|facing|likely|potential\w*|possibl\w*|grounds for|threat\w*|consider\w*|await\w*|set to|due to)\b`)

// maxAbout is the most sentences about the name shown.
const maxAbout = 3

// aboutArticles is the most articles those sentences come from.
const aboutArticles = 2

func stemSet(ws string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(ws) {
		m[stem(w)] = true
		m[w] = true
	}
	return m
}

// vagueAboutNames returns the names (each as the stems of the words the
// question writes of it) of a question that asks only, in vague words,
// about someone the sources name; nil for any other question.
func vagueAboutNames(p *plan) [][]string {
	if p.silence || p.whoSaid || p.yesNo || p.compare || p.wantsQuotes || len(p.unknown) > 0 || p.subject != "" {
		return nil
	}
	if p.query != p.asked {
		return nil // a follow-up: the conversation says what it is about
	}
	if len(p.entities) > 0 && !lookAheadRe.MatchString(p.asked) {
		// "What about JPMorgan?" of a speaker the sources quote asks
		// for their words, which the quote answer gives.
		return nil
	}
	asked := map[string]bool{}
	for _, w := range words(p.asked) {
		asked[stem(w)] = true
	}
	var names [][]string
	nameTerm := map[string]bool{}
	for _, n := range p.entities {
		var g []string
		for _, w := range words(n) {
			if s := stem(w); !stopwords[w] && asked[s] {
				g = append(g, s)
				nameTerm[s] = true
			}
		}
		if len(g) > 0 {
			names = append(names, g)
		}
	}
	for _, g := range strangerNames(p) {
		names = append(names, g)
		for _, s := range g {
			nameTerm[s] = true
		}
	}
	if len(names) == 0 {
		return nil
	}
	// "Marta" found as a name of its own beside "Marta Quenby" is the same
	// person.
	var out [][]string
	for i, g := range names {
		within := false
		for j, h := range names {
			if i != j && len(h) > len(g) && subsetOf(g, h) {
				within = true
				break
			}
		}
		if !within {
			out = append(out, g)
		}
	}
	names = out
	for _, t := range p.topic {
		if !nameTerm[t] && !aboutVague[t] && !vagueWords[t] {
			return nil
		}
	}
	return names
}

// aboutAnswer answers a vague question about a name with the sentences
// that name it; it reports false when the question is not such a one.
func (e *Engine) aboutAnswer(ctx context.Context, b *builder) (bool, error) {
	names := vagueAboutNames(b.p)
	if names == nil {
		return false, nil
	}
	b.ans.Kind = KindFact
	// Each word of the name on its own: a paragraph may print only the
	// surname.
	var hits []retrieval.Hit
	for _, w := range nameWords(b.p) {
		hs, err := b.snap.Search(ctx, retrieval.SearchOptions{Query: w, K: 30, Kind: retrieval.KindParagraph})
		if err != nil {
			return true, fmt.Errorf("search passages about a name: %w", err)
		}
		hits = append(hits, hs...)
	}
	ahead := lookAheadRe.MatchString(b.p.asked)
	bySource := map[string][]scored{}
	var order []string
	seen := map[string]bool{}
	for _, h := range hits {
		if h.Quote != nil {
			continue
		}
		src, err := b.snap.corpus.Get(h.Source)
		if err != nil {
			continue
		}
		para := paragraphOf(src, h.Start, h.End)
		context := contextTerms(src, para)
		for _, sp := range sentenceSpans(src.Text, h.Start, h.End) {
			text := src.Text[sp[0]:sp[1]]
			if seen[foldQuote(text)] {
				continue
			}
			seen[foldQuote(text)] = true
			score := 0.0
			switch {
			case namesHeld(names, withAcronyms(termSet(text), text)):
				score = 1
			case anaphorRe.MatchString(strings.TrimSpace(text)) && namesHeld(names, context):
				score = 0.5
			default:
				continue
			}
			if ahead && forwardRe.MatchString(text) {
				score += 2
			}
			if _, ok := bySource[src.ID]; !ok {
				order = append(order, src.ID)
			}
			bySource[src.ID] = append(bySource[src.ID], scored{sentenceEvidence(src, sp), score})
		}
	}
	// The articles most about the name: the most sentences naming it.
	sort.SliceStable(order, func(i, j int) bool { return len(bySource[order[i]]) > len(bySource[order[j]]) })
	var best []scored
	for i, id := range order {
		if i == aboutArticles {
			break
		}
		best = append(best, bySource[id]...)
	}
	b.addBest(best, maxAbout)
	if len(b.ans.Evidence) > 0 {
		b.ans.Lead = PartialLead
	}
	return true, nil
}

// nameWords returns the words of the question's names that the question
// writes, each once.
func nameWords(p *plan) []string {
	asked := map[string]bool{}
	for _, w := range words(p.asked) {
		asked[w] = true
	}
	var out []string
	seen := map[string]bool{}
	for _, n := range append(append([]string{}, p.entities...), p.strangers...) {
		for _, w := range words(n) {
			if asked[w] && !stopwords[w] && !seen[w] {
				seen[w] = true
				out = append(out, w)
			}
		}
	}
	return out
}

func subsetOf(g, h []string) bool {
	for _, w := range g {
		found := false
		for _, v := range h {
			found = found || v == w
		}
		if !found {
			return false
		}
	}
	return true
}

// strangerNames returns the names the question writes that the sources
// print but never quote, each as the stems of its words. Those names come
// word by word; the words written side by side ("Mara Quill") are one name.
func strangerNames(p *plan) [][]string {
	stranger := map[string]bool{}
	for _, n := range p.strangers {
		for _, w := range words(n) {
			if !stopwords[w] && len(w) >= 2 {
				stranger[stem(w)] = true
			}
		}
	}
	var names [][]string
	var run []string
	for _, w := range append(words(p.asked), "") {
		if s := stem(w); w != "" && stranger[s] {
			run = append(run, s)
			continue
		}
		if len(run) > 0 {
			names = append(names, run)
			run = nil
		}
	}
	return names
}
