package quote_test

import (
	"fmt"

	"github.com/privacybot/privacybot/corpus"
	"github.com/privacybot/privacybot/quote"
)

// The quotes of a string, with no corpus directory, ledger or search index.
func ExampleExtract() {
	src := corpus.ParseSource("memo.txt", "Title: Bank fined over data breach\n\n"+
		"\"We take the privacy of our customers seriously,\" said Jane Roe, a spokeswoman for Acme Bank.\n\n"+
		"The regulator declined to comment.\n")
	quotes, silences := quote.Extract(src, nil)
	for _, q := range quotes {
		fmt.Printf("%s (%s, %s) %s: %q\n", q.Speaker, q.Role, q.Organization, q.Verb, q.Text)
	}
	for _, s := range silences {
		fmt.Printf("%s: %s\n", s.Kind, s.Text)
	}
	// Output:
	// Jane Roe (spokeswoman, Acme Bank) said: "We take the privacy of our customers seriously,"
	// declined to comment: The regulator declined to comment.
}
