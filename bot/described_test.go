package bot_test

import (
	"strings"
	"testing"
)

var describedArticles = map[string]string{
	"ferry.txt": `Title: Ferry delays strand hundreds at the harbor
Source: Example Courier
Date: 2025-05-02

Hundreds of travellers were stranded overnight after the ferry operator Saltwind cancelled its evening crossings.

Harbor Police Chief Ana Ruiz said officers had been sent to keep order at the terminal.

"There were no arrests and nobody was hurt," said Ruiz.

A spokesman for the operator, Tomas Berg, told reporters that a faulty ramp was to blame. "We regret the delay and will refund every ticket," Mr. Berg said.

Passengers stuck at the terminal were furious. "We waited six hours without a word from anyone," said Leo Grant, 41, of Dover.
`,
}

// A speaker asked about by role and organization, or by the group they
// belong to, is found from how the article introduces them, even when the
// quote's own attribution holds neither ("said Ruiz").
func TestSpeakersByDescriptionAndGroup(t *testing.T) {
	eng := smallEngine(t, describedArticles)
	for _, tc := range []struct{ q, speaker, quote string }{
		{"What did the operator's spokesman say?", "Berg", "We regret the delay"},
		{"What did the harbor police chief say?", "Ruiz", "no arrests"},
		{"What are passengers saying?", "Grant", "six hours"},
		{"how did passengers react to the delays", "Grant", "six hours"},
	} {
		a := smallAnswer(t, eng, tc.q)
		found := false
		for _, g := range a.Groups {
			if !strings.Contains(g.Label, tc.speaker) {
				continue
			}
			for _, q := range g.Quotes {
				found = found || strings.Contains(q.Text, tc.quote)
			}
		}
		if !found {
			t.Errorf("%q: want %s's quotation %q:\n%s", tc.q, tc.speaker, tc.quote, a.Text)
		}
	}
}

// A comparison of sides named by description ("the operator's",
// "the passengers'") sets the speakers the article describes so side by
// side.
func TestCompareDescribedSides(t *testing.T) {
	eng := smallEngine(t, describedArticles)
	a := smallAnswer(t, eng, "How did the operator's response differ from the passengers'?")
	var labels []string
	for _, g := range a.Groups {
		labels = append(labels, g.Label)
	}
	all := strings.Join(labels, " | ")
	if !strings.Contains(all, "Berg") || !strings.Contains(all, "Grant") {
		t.Errorf("want Berg and Grant side by side, got %q:\n%s", all, a.Text)
	}
}
