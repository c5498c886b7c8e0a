package quote

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestTypoIndexFindsEveryNearWord checks the deletion index against a
// brute-force scan: every form whose first word is within tolerance of a
// misspelt word must be among the candidates.
func TestTypoIndexFindsEveryNearWord(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	letters := []rune("abcdeéfghijklmnop")
	word := func() string {
		n := 2 + r.IntN(10)
		rs := make([]rune, n)
		for i := range rs {
			rs[i] = letters[r.IntN(len(letters))]
		}
		return string(rs)
	}
	var forms []indexForm
	for range 400 {
		ws := []string{word()}
		if r.IntN(2) == 0 {
			ws = append(ws, word())
		}
		rs := make([]int, len(ws))
		for i, w := range ws {
			rs[i] = utf8.RuneCountInString(w)
		}
		forms = append(forms, indexForm{form: strings.Join(ws, " "), words: ws, runes: rs})
	}
	ix := newTypoIndex(forms)
	mutate := func(w string) string {
		rs := []rune(w)
		for range r.IntN(3) {
			switch i := r.IntN(len(rs) + 1); r.IntN(3) {
			case 0:
				rs = slices.Insert(rs, i, letters[r.IntN(len(letters))])
			case 1:
				if i < len(rs) {
					rs = slices.Delete(rs, i, i+1)
				}
			default:
				if i < len(rs) {
					rs[i] = letters[r.IntN(len(letters))]
				}
			}
		}
		return string(rs)
	}
	found := 0
	for range 3000 {
		q := mutate(forms[r.IntN(len(forms))].words[0])
		cands := ix.candidates(q)
		for fi, f := range forms {
			tol := tolerance(f.runes[0])
			if EditDistance(q, f.words[0], tol) <= tol {
				found++
				if _, ok := slices.BinarySearch(cands, int32(fi)); !ok {
					t.Fatalf("%q is within %d edits of %q, but not a candidate", q, tol, f.words[0])
				}
			}
		}
	}
	if found < 1000 {
		t.Fatalf("only %d near words tried; the test is too weak", found)
	}
}
