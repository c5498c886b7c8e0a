package bot

import (
	"strings"

	"github.com/privacybot/privacybot/corpus"
	"github.com/privacybot/privacybot/retrieval"
)

const (
	// namedSettlerHits is how many retrieved passages namedSettler reads.
	namedSettlerHits = 10
	// contextArticles is how many of the articles most on a yes/no
	// question settlerInContext reads whole.
	contextArticles = 2
)

// namedSettler finds, among the retrieved passages, the sentence that
// holds every word a yes/no question asks about someone it names with
// capitals ("Democrat" in "Is Lester Holt a Democrat?") and names them
// by at least one word of their name ("Holt"): the full name counts once,
// not word by word, so a sentence on the property asked for beats one
// that only repeats the name. It reports false when the question names no
// one this way, or no sentence holds it all.
func (e *Engine) namedSettler(b *builder, hits []retrieval.Hit) (Evidence, bool) {
	names := questionNameWords(b.p)
	rest := askedOfNamed(b.p, b.p.topic)
	if len(rest) == 0 {
		return Evidence{}, false
	}
	shown := map[string]bool{}
	for _, ev := range b.ans.Evidence {
		shown[foldQuote(ev.Text)] = true
	}
	var found Evidence
	ok := false
	b.passageSentences(hits, namedSettlerHits, shown, nil, func(src *corpus.Source, sp [2]int, text string) bool {
		if !anyIn(names, termSet(text)) || !holdsAll(text, rest) {
			return true
		}
		found, ok = sentenceEvidence(src, sp), true
		return false
	})
	if ok {
		return found, true
	}
	return Evidence{}, false
}

// settlerInContext finds, among the retrieved passages, a sentence that
// settles a yes/no question once read in its article: the sentence holds
// what is asked of the subject ("no immediate decision had been made about
// whether to appeal") while the headline holds what it is about ("… Trump
// divorce file"). It reports false when none reaches settleCoverage.
func (e *Engine) settlerInContext(b *builder, hits []retrieval.Hit) (Evidence, bool) {
	st := b.snap.statistics()
	asked := askedOfNamed(b.p, b.p.topic)
	if len(asked) == 0 {
		asked = b.p.topic
	}
	shown := map[string]bool{}
	for _, ev := range b.ans.Evidence {
		shown[foldQuote(ev.Text)] = true
	}
	var best Evidence
	bestScore := settleCoverage - 0.001
	// The whole of the articles most on the question: what settles it
	// may sit in a paragraph that shares few of its words.
	var srcs []string
	seen := map[string]bool{}
	for _, h := range hits {
		if h.Quote == nil && !seen[h.Source] {
			seen[h.Source] = true
			srcs = append(srcs, h.Source)
			if len(srcs) == contextArticles {
				break
			}
		}
	}
	for _, id := range srcs {
		src, err := b.snap.corpus.Get(id)
		if err != nil {
			continue
		}
		for _, para := range src.Paragraphs {
			for _, sp := range sentenceSpans(src.Text, para.Start, para.End) {
				text := src.Text[sp[0]:sp[1]]
				if shown[foldQuote(text)] || !holdsAny(text, asked) {
					continue
				}
				// The cap on sentences that miss a word asked does not
				// apply: the headline carries what the sentence leaves out.
				if c := softCoverage(st, b.p.topic, src.Title+". "+text, false); c > bestScore {
					best, bestScore = Evidence{Text: text, Citation: Citation{Source: src.ID, Start: sp[0], End: sp[1]}}, c
				}
			}
		}
	}
	return best, bestScore >= settleCoverage
}

// holdsAny reports whether the text holds one of the terms, in some form.
func holdsAny(text string, terms []string) bool {
	for _, t := range terms {
		if holdsAll(text, []string{t}) {
			return true
		}
	}
	return false
}

// askedOfNamed returns the topic words a yes/no question asks about the
// people or organizations it names with capitals, their names' words left
// out; nil when it names no one so, or asks nothing more.
func askedOfNamed(p *plan, topic []string) []string {
	names := questionNameWords(p)
	if len(names) == 0 {
		return nil
	}
	var rest []string
	for _, t := range topic {
		if !names[t] {
			rest = append(rest, t)
		}
	}
	return rest
}

// questionNameWords returns the stemmed words of the names a question
// asks about: each run of capitalised words that holds a word of one of
// its speakers or of a name the sources print but never quote ("Lester
// Holt" for "Holt"). A capitalised word of no such run, or one after "a"
// or "an" ("a Democrat"), is what it asks, not whom.
func questionNameWords(p *plan) map[string]bool {
	known := map[string]bool{}
	for _, n := range append(append([]string{}, p.entities...), p.strangers...) {
		for _, w := range words(n) {
			if !stopwords[w] {
				known[w] = true
			}
		}
	}
	out := map[string]bool{}
	q := p.asked
	locs := capitalWordRe.FindAllStringIndex(q, -1)
	for i := 0; i < len(locs); {
		j := i + 1
		for j < len(locs) && strings.TrimSpace(q[locs[j-1][1]:locs[j][0]]) == "" {
			j++
		}
		var run []string
		hit := false
		for _, loc := range locs[i:j] {
			for _, w := range words(q[loc[0]:loc[1]]) {
				if questionWords[w] || stopwords[w] {
					continue
				}
				run = append(run, w)
				hit = hit || known[w]
			}
		}
		before := strings.Fields(strings.ToLower(q[:locs[i][0]]))
		if n := len(before); n > 0 && (before[n-1] == "a" || before[n-1] == "an") {
			// "a Republican", "an American": a kind, not a name.
			hit = false
		}
		if hit {
			for _, w := range run {
				out[stem(w)] = true
			}
		}
		i = j
	}
	return out
}
