package measure

import "testing"

// TestClassOpener: a lone common word that opens sentences is an opener;
// a first name ending like an adverb, before a surname, is a name.
func TestClassOpener(t *testing.T) {
	text := "Typically, the board meets in June. Carly Dunmore spoke first.\n\nCarly Dunmore said the vote would wait. Knowing the rules helps."
	for _, c := range []struct{ speaker, want string }{
		{"Typically", "opener"},
		{"Knowing", "opener"},
		{"Carly Dunmore", ""},
		{"Dunmore", ""},
	} {
		if got := Class(c.speaker, "", "", text); got != c.want {
			t.Errorf("Class(%q) = %q, want %q", c.speaker, got, c.want)
		}
	}
}
