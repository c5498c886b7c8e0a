package bot_test

import (
	"strings"
	"testing"
)

// A story written for this test: two freight companies, each sentence
// with a figure naming the one asked about, only one of them giving its
// own figure.
var fleetArticles = map[string]string{
	"fleet.txt": `Title: Corvane Logistics expands its delivery fleet
Source: Test Courier
Date: 2025-03-10

Corvane Logistics is hiring as online orders grow, the company said on Monday.

Its rival Marlowe Freight employs 3,000 drivers, twice as many as Corvane, according to union figures.

Corvane employs 1,500 drivers across the region and plans to add more next year.

Marlowe Freight paid $40 million for a warehouse last spring, a price Corvane called too high.

Corvane paid $25 million for its new warehouse near the port, the company said.
`,
}

// "How many …" or "How much …" about a company is answered first by the
// sentence giving the company's own figure, not by one that names the
// company beside a rival's figure.
func TestNumberQuestionLeadsWithTheEntitysFigure(t *testing.T) {
	eng := smallEngine(t, fleetArticles)
	for _, tc := range []struct{ q, want, not string }{
		{"How many drivers does Corvane employ?", "1,500 drivers", "3,000"},
		{"how many drivers does Corvane Logistics employ", "1,500 drivers", "3,000"},
		{"How much did Corvane pay for the warehouse?", "$25 million", "$40 million"},
		{"how much did Corvane Logistics pay for its warehouse", "$25 million", "$40 million"},
	} {
		a := smallAnswer(t, eng, tc.q)
		if a.Abstained() || len(a.Evidence) == 0 {
			t.Errorf("%q: no answer, want one giving %q:\n%s", tc.q, tc.want, a.Text)
			continue
		}
		if first := a.Evidence[0].Text; !strings.Contains(first, tc.want) || strings.Contains(first, tc.not) {
			t.Errorf("%q: want the answer to open with %q, not %q, got:\n%s", tc.q, tc.want, tc.not, a.Text)
		}
	}
}
