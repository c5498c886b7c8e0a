package bot_test

import (
	"strings"
	"testing"
)

// A fact question naming someone is not answered with a figure about
// someone else: in the seeds only Facebook's shares moved and only
// Facebook and Messenger have users, while the banks are named throughout.
func TestFactQuestionNamesItsSubject(t *testing.T) {
	others := []string{"4 per cent", "$100 billion", "1.3 billion", "0.3%", "87 million"}
	for _, q := range []string{
		"How much did Wells Fargo's stock rise?",
		"How much did Wells Fargo shares rise?",
		"How far did Citigroup's stock fall?",
		"How much did the shares of Wells Fargo go up?",
		"How many users does JPMorgan have?",
		"how much money did citigroup lose",
		"By how much did US Bancorp's share price drop?",
	} {
		a := mustAnswer(t, q)
		for _, ev := range a.Evidence {
			for _, o := range others {
				if strings.Contains(ev.Text, o) {
					t.Errorf("%q: answered with a figure about someone else: %q", q, ev.Text)
				}
			}
		}
		if !a.Abstained() && len(a.Evidence) > 0 && !strings.Contains(a.Lead, "may not answer") {
			t.Errorf("%q: gave evidence as a full answer: %q", q, a.Text)
		}
	}
	// The same questions about whom the figures are about are answered.
	for q, want := range map[string]string{
		"How much did Facebook's shares fall?":            "$100 billion",
		"How many users does Messenger have?":             "1.3 billion",
		"How much did Facebook stock rise on the report?": "4 per cent",
	} {
		if a := mustAnswer(t, q); !strings.Contains(a.Text, want) {
			t.Errorf("%q: answer lacks %q:\n%s", q, want, a.Text)
		}
	}
}
