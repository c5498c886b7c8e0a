package bot_test

import (
	"strings"
	"testing"

	"github.com/privacybot/privacybot/bot"
)

var aboutArticles = map[string]string{
	"lender.txt": `Title: Senators grill lender's chief over fake accounts
Source: Example Gazette
Date: 2025-03-04

Senators questioned Marta Quenby, the chief executive of Northgate Bank, on Tuesday about millions of accounts opened without customers' consent.

Quenby told the committee that the bank had fired thousands of staff over the scheme.

Regulators could open a fraud investigation into Quenby herself, two senators said after the hearing.

The bank's shares fell four percent during the session.
`,
	"garden.txt": `Title: Next year's garden show moves to the riverside
Source: Example Gazette
Date: 2025-03-05

The garden show will move to the riverside park next year, organisers said.

Tickets for the next show go on sale in May.
`,
}

// A question about a person the sources name, whose other words are vague
// ("What's next for X?"), answers with sentences naming that person,
// forward-looking ones first, marked as possibly not answering fully;
// never with a sentence that does not name them. A person the sources
// never mention still abstains.
func TestAnswerVagueQuestionAboutNamedPerson(t *testing.T) {
	eng := smallEngine(t, aboutArticles)
	for _, q := range []string{
		"What will happen to Quenby next?",
		"What is next for Quenby?",
		"What's next for Marta Quenby?",
		"What happens to Quenby now?",
		"What's going on with Quenby?",
		"Any news on Quenby?",
		"What about Quenby?",
	} {
		a := smallAnswer(t, eng, q)
		if a.Abstained() || len(a.Evidence) == 0 {
			t.Errorf("%q abstained: %q", q, a.Lead)
			continue
		}
		if a.Lead != bot.PartialLead {
			t.Errorf("%q lead = %q, want the partial lead", q, a.Lead)
		}
		for _, ev := range a.Evidence {
			if !strings.Contains(ev.Text, "Quenby") {
				t.Errorf("%q answered with a sentence not naming Quenby: %q", q, ev.Text)
			}
			if ev.Source != "lender" {
				t.Errorf("%q cites %q, want lender", q, ev.Source)
			}
		}
		if strings.Contains(q, "next") || strings.Contains(q, "will") {
			if !strings.Contains(a.Evidence[0].Text, "could open a fraud investigation") {
				t.Errorf("%q: first evidence %q, want the forward-looking sentence (%+v)", q, a.Evidence[0].Text, a)
			}
		}
	}
	for _, q := range []string{"What will happen to Ingrid Fallowby next?", "What is next for Fallowby?"} {
		if a := smallAnswer(t, eng, q); !a.Abstained() {
			t.Errorf("%q about a person absent from the sources answered: %q %v", q, a.Lead, a.Evidence)
		}
	}
}

// "What about X?" of a speaker the sources quote, with no look ahead,
// asks for their words: the answer gives their quotations, not sentences
// about them.
func TestWhatAboutAQuotedSpeakerGivesQuotes(t *testing.T) {
	for _, q := range []string{"What about JPMorgan?", "what about JPMorgan Chase", "And US Bancorp?"} {
		a := mustAnswer(t, q)
		if len(quoteTexts(a)) == 0 {
			t.Errorf("%q: no quotations; lead %q", q, a.Lead)
		}
		checkVerbatim(t, a)
	}
}
