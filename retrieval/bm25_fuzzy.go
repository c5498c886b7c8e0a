package retrieval

import "slices"

const (
	// minFuzzyDice is the least Dice similarity of character 3-grams for
	// a term to stand in for a query term: "morgn"/"morgan" is 0.55,
	// "jpmorgn"/"jpmorgan" 0.67.
	minFuzzyDice = 0.5
	// maxExpansions is how many terms may stand in for one query term.
	maxExpansions = 3
	// maxGramPostings skips 3-grams shared by more terms than this when
	// looking for similar terms, which bounds the cost of a lookup in a
	// large vocabulary; the rarer 3-grams of a word still find it.
	maxGramPostings = 20000
)

// fuzzyVocab indexes indexed terms by their character 3-grams (with
// boundary markers), to find terms that look like a misspelled query term.
// Unlike the edit-distance look-ups of quote and bot, it grades: the Dice
// similarity is the weight the stand-in term gets in the BM25 score.
// It only grows: a term whose postings are gone is skipped at lookup.
type fuzzyVocab struct {
	terms []string
	grams map[string][]int32
}

func newFuzzyVocab() fuzzyVocab { return fuzzyVocab{grams: map[string][]int32{}} }

// add indexes a new term.
func (v *fuzzyVocab) add(t string) {
	id := int32(len(v.terms))
	v.terms = append(v.terms, t)
	for _, g := range termGrams(t) {
		v.grams[g] = append(v.grams[g], id)
	}
}

// similar returns up to maxExpansions indexed terms (still holding
// postings) whose 3-grams are at least minFuzzyDice similar to t's, most
// similar first, ties by term.
func (v *fuzzyVocab) similar(t string, postings map[string][]posting) []scored {
	qg := termGrams(t)
	if len(qg) < 3 {
		return nil // too short to guess at
	}
	shared := map[int32]int{}
	for _, g := range qg {
		ids := v.grams[g]
		if len(ids) > maxGramPostings {
			continue
		}
		for _, id := range ids {
			shared[id]++
		}
	}
	var out []scored
	for id, n := range shared {
		cand := v.terms[id]
		if cand == t || len(postings[cand]) == 0 {
			continue
		}
		dice := 2 * float64(n) / float64(len(qg)+len(termGrams(cand)))
		if dice >= minFuzzyDice {
			out = append(out, scored{cand, dice})
		}
	}
	slices.SortFunc(out, byScoreThenID)
	return out[:min(len(out), maxExpansions)]
}

// termGrams returns the distinct character 3-grams of "<"+t+">".
func termGrams(t string) []string {
	r := []rune("<" + t + ">")
	out := make([]string, 0, len(r))
	for i := 0; i+3 <= len(r); i++ {
		g := string(r[i : i+3])
		if !slices.Contains(out, g) {
			out = append(out, g)
		}
	}
	return out
}
