package retrieval

import (
	"slices"
	"testing"
)

func TestTokenize(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"lowercase and stopwords", "How many users does Messenger have?", []string{"user", "messenger"}},
		{"possessive straight", "Facebook's plan", []string{"facebook", "plan"}},
		{"possessive curly", "Facebook’s guarantee", []string{"facebook", "guarantee"}},
		{"contraction", "we don't share", []string{"dont", "share"}},
		{"acronym", "U.S. Bancorp and US banks", []string{"us", "bancorp", "us", "bank"}},
		{"decimal and thousands", "1.3 billion users, 100,000 people.", []string{"1.3", "billion", "user", "100000", "people"}},
		{"plurals", "companies alerts classes boxes bus status", []string{"company", "alert", "class", "box", "bus", "status"}},
		{"sentence end", "banks.Facebook said", []string{"bank", "facebook", "said"}},
		{"unicode", "Zürich café naïve", []string{"zürich", "café", "naïve"}},
		{"quotes folded", "“data privacy” ‘sticking point’", []string{"data", "privacy", "sticking", "point"}},
		{"empty", " — ", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Tokenize(tt.in)
			if !slices.Equal(got, tt.want) {
				t.Errorf("Tokenize(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
