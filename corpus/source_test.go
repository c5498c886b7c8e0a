package corpus

import "testing"

// FuzzParseSource checks that parsing never panics and that paragraphs
// are ordered, non-empty spans of the text.
func FuzzParseSource(f *testing.F) {
	f.Add("Title: T\nSource: S\nDate: D\n\nBody.\n")
	f.Add("Published: x\nEconomy | By A B\n\nHead\n\nHead\n\nBody")
	f.Add("\n\n\n")
	f.Fuzz(func(t *testing.T, text string) {
		src := ParseSource("f.txt", text)
		prev := src.Body
		if prev < 0 || prev > len(text) {
			t.Fatalf("body offset %d out of range", prev)
		}
		for _, p := range src.Paragraphs {
			if p.Start < prev || p.End <= p.Start || p.End > len(text) {
				t.Fatalf("bad paragraph [%d,%d) after %d", p.Start, p.End, prev)
			}
			prev = p.End
		}
	})
}
