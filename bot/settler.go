package bot

import (
	"strings"

	"github.com/privacybot/privacybot/retrieval"
)

// namedSettlerHits is how many retrieved passages namedSettler reads.
const namedSettlerHits = 10

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
	n := 0
	for _, h := range hits {
		if h.Quote != nil {
			continue
		}
		if n++; n > namedSettlerHits {
			break
		}
		src, err := b.snap.corpus.Get(h.Source)
		if err != nil {
			continue
		}
		for _, sp := range sentenceSpans(src.Text, h.Start, h.End) {
			text := src.Text[sp[0]:sp[1]]
			if shown[foldQuote(text)] {
				continue
			}
			have := termSet(text)
			if !anyIn(names, have) || !holdsAll(text, rest) {
				continue
			}
			return Evidence{Text: text, Citation: Citation{Source: src.ID, Start: sp[0], End: sp[1]}}, true
		}
	}
	return Evidence{}, false
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
