package quote

import (
	"slices"
	"unicode/utf8"
)

// typoIndex finds, for a word, the speaker-index forms whose first word is
// within its tolerance of it, without comparing the word to every form. It
// is a deletion-neighbourhood index (as in SymSpell): every variant of each
// distinct first word with up to tolerance(len) runes deleted maps to that
// word. Two words within Levenshtein distance k share a variant with at
// most k deletions from each, so looking up the variants of the query word
// finds every candidate; the caller still checks the real distance.
type typoIndex struct {
	dels  map[string][]int32 // deletion variant → first-word ids
	forms [][]int32          // first-word id → indexes of its forms, ascending
}

func newTypoIndex(forms []indexForm) *typoIndex {
	t := &typoIndex{dels: map[string][]int32{}}
	ids := map[string]int32{}
	for fi, f := range forms {
		if len(f.words) == 0 {
			continue
		}
		w := f.words[0]
		id, ok := ids[w]
		if !ok {
			id = int32(len(t.forms))
			ids[w] = id
			t.forms = append(t.forms, nil)
			for _, v := range deletions(w, tolerance(f.runes[0])) {
				t.dels[v] = append(t.dels[v], id)
			}
		}
		t.forms[id] = append(t.forms[id], int32(fi))
	}
	return t
}

// candidates returns, ascending, the indexes of the forms whose first word
// may be within tolerance of w.
func (t *typoIndex) candidates(w string) []int32 {
	// A form word may be two runes longer than w, and so tolerate
	// tolerance(n+2) edits.
	n := utf8.RuneCountInString(w)
	seen := map[int32]bool{}
	var out []int32
	for _, v := range deletions(w, tolerance(n+2)) {
		for _, id := range t.dels[v] {
			if !seen[id] {
				seen[id] = true
				out = append(out, t.forms[id]...)
			}
		}
	}
	slices.Sort(out)
	return out
}

// deletions returns w and every distinct string made by deleting up to k
// of its runes.
func deletions(w string, k int) []string {
	out := []string{w}
	seen := map[string]bool{w: true}
	level := []string{w}
	for range k {
		var next []string
		for _, s := range level {
			rs := []rune(s)
			for i := range rs {
				v := string(rs[:i]) + string(rs[i+1:])
				if !seen[v] {
					seen[v] = true
					next = append(next, v)
				}
			}
		}
		out = append(out, next...)
		level = next
	}
	return out
}
