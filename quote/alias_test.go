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
		{"Alphabet", "Alphabet"},
		{"Meta Platforms", "Meta"},
		{"Google LLC", "Google"},
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

// TestRelatedOrganizations: a parent and the company it renamed or owns
// keep their own names, and each is related to the other.
func TestRelatedOrganizations(t *testing.T) {
	al, err := ParseAliases(strings.NewReader("Acme | Acme Widgets\nZenith Parent\nrelated: Zenith Parent | Acme\n"))
	if err != nil {
		t.Fatal(err)
	}
	if got := al.Canonical("Zenith Parent"); got != "Zenith Parent" {
		t.Errorf("Canonical(Zenith Parent) = %q", got)
	}
	if got := al.Related("Acme"); len(got) != 1 || got[0] != "Zenith Parent" {
		t.Errorf("Related(Acme) = %v", got)
	}
	if _, err := ParseAliases(strings.NewReader("Acme\nrelated: Acme | Nobody\n")); err == nil {
		t.Error("a related organization without its own line should be an error")
	}
	d := DefaultAliases()
	if d.Canonical("Meta") != "Meta" || d.Canonical("ByteDance") != "ByteDance" {
		t.Errorf("Meta and ByteDance should keep their names: %q, %q", d.Canonical("Meta"), d.Canonical("ByteDance"))
	}
}
