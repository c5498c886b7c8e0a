package chars

import (
	"testing"
	"unicode"
)

// IsSpace agrees with unicode.IsSpace on every ASCII byte except the two
// Latin-1 spaces, which are not ASCII (0x85, 0xA0) and so never match.
func TestIsSpaceIsASCIIWhiteSpace(t *testing.T) {
	for b := range 256 {
		want := b < 0x80 && unicode.IsSpace(rune(b))
		if got := IsSpace(byte(b)); got != want {
			t.Errorf("IsSpace(%#x) = %v, want %v", b, got, want)
		}
	}
}

func TestIsWordRune(t *testing.T) {
	for _, r := range "aZé9٣日" {
		if !IsWordRune(r) {
			t.Errorf("IsWordRune(%q) = false, want true", r)
		}
	}
	for _, r := range " .,'’-_\u00a0" {
		if IsWordRune(r) {
			t.Errorf("IsWordRune(%q) = true, want false", r)
		}
	}
}
