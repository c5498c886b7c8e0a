package quote

import (
	"strings"
	"testing"
)

func TestCanonical(t *testing.T) {
	al := DefaultAliases()
	tests := []struct{ in, want string }{
		{"JPMorgan", "JPMorgan Chase"},
		{"JP Morgan", "JPMorgan Chase"},
		{"J.P. Morgan", "JPMorgan Chase"},
		{"JPMorgan Chase & Co.", "JPMorgan Chase"},
		{"jpmorgan chase", "JPMorgan Chase"},
		{"US Bancorp", "U.S. Bancorp"},
		{"Citi", "Citigroup"},
		{"Citigroup Inc.", "Citigroup"},
		{"Wells Fargo & Co.", "Wells Fargo"},
		{"Wells", "Wells Fargo"},
		{"the social network", "Facebook"},
		{"Facebook's", "Facebook"},
		{"ICO", "Information Commissioner's Office"},
		{"the FTC", "Federal Trade Commission"},
		{"Alphabet", "Google"},
		{"Acme Widgets Ltd.", "Acme Widgets"},
		{"  Acme   Corp ", "Acme"},
		{"", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := al.Canonical(tt.in); got != tt.want {
				t.Errorf("Canonical(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestParseAliases(t *testing.T) {
	al, err := ParseAliases(strings.NewReader("# comment\n\nAcme Corp | Acme | ACME Widgets\nBeta\n"))
	if err != nil {
		t.Fatal(err)
	}
	if got := al.Canonical("acme widgets inc"); got != "Acme Corp" {
		t.Errorf("got %q", got)
	}
	if _, err := ParseAliases(strings.NewReader("A | X\nB | X\n")); err == nil {
		t.Error("an alias claimed twice should be an error")
	}
	if _, err := ParseAliases(strings.NewReader(" | x\n")); err == nil {
		t.Error("an empty canonical name should be an error")
	}
}
