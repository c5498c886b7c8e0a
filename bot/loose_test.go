package bot_test

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/privacybot/privacybot/bot"
	"github.com/privacybot/privacybot/retrieval"
)

// smallEngine returns an engine over the given articles, keyed by file name.
func smallEngine(tb testing.TB, articles map[string]string) *bot.Engine {
	tb.Helper()
	fsys := fstest.MapFS{}
	for name, text := range articles {
		fsys[name] = &fstest.MapFile{Data: []byte(text)}
	}
	lib, err := retrieval.Open(context.Background(), retrieval.Options{FS: fsys})
	if err != nil {
		tb.Fatalf("open the library: %v", err)
	}
	return bot.New(lib)
}

func smallAnswer(tb testing.TB, eng *bot.Engine, q string) bot.Answer {
	tb.Helper()
	a, err := eng.Answer(context.Background(), question(tb, q))
	if err != nil {
		tb.Fatalf("Answer(%q): %v", q, err)
	}
	return a
}

var looseArticles = map[string]string{
	"parking.txt": `Title: Council app to track drivers' parking
Source: Example Gazette
Date: 2025-02-03

The city council will require drivers to pay for parking through a new phone app from April, replacing the old meters.

Drivers would be understandably wary of handing their location to the council, campaigners said, after a string of leaks at city hall.

The app collects the location of each car for as long as it is parked.

Voltline, the company that built the app, said in a statement that it "takes privacy seriously". "We have since moved all location records to servers in the city and hired outside auditors," the statement said.
`,
	"transit.txt": `Title: Bus operator trims evening routes
Source: Example Gazette
Date: 2025-02-10

The bus operator will cut four evening routes next month, citing a shortage of drivers.

Commuters on the routes will be offered taxi vouchers for a trial period.
`,
}

// A question with an ordinary word no article writes ("scheme") is still
// answered when the rest of it is well covered: the closest evidence,
// marked as possibly partial, led by the sentence about the group asked
// about — never a flat "the sources don't say".
func TestOrdinaryMissingWordGivesClosestEvidence(t *testing.T) {
	eng := smallEngine(t, looseArticles)
	for _, tc := range []struct{ q, want string }{
		{"What do drivers think of the scheme?", "understandably wary"},
		{"What is Voltline doing to stop it happening again?", "outside auditors"},
	} {
		a := smallAnswer(t, eng, tc.q)
		if a.Abstained() {
			t.Errorf("%q: abstained; want the closest evidence", tc.q)
			continue
		}
		if a.Lead != bot.PartialLead {
			t.Errorf("%q: lead %q, want %q", tc.q, a.Lead, bot.PartialLead)
		}
		if !strings.Contains(a.Text, tc.want) {
			t.Errorf("%q: answer lacks %q:\n%s", tc.q, tc.want, a.Text)
		}
	}
}

// People and matters the articles do not cover still abstain: a name no
// article prints, a missing word written as a name, a question none of
// whose words the articles hold.
func TestUncoveredMattersStillAbstain(t *testing.T) {
	eng := smallEngine(t, looseArticles)
	for _, q := range []string{
		"What do drivers think of the Quorvane treaty?",
		"What did Zelda Okonkwo say about the scheme?",
		"how did the galactic senate react",
		"what is the capital of portugal",
	} {
		if a := smallAnswer(t, eng, q); !a.Abstained() {
			t.Errorf("%q: answered, want an abstention:\n%s", q, a.Text)
		}
	}
}

// A yes/no question about a named speaker whose verb no article writes
// ("admit") is still settled by the sentence holding the rest of it ("an
// admission of fault"): the named speaker counts as covered.
func TestNamedSpeakerAnchorsAMissingWord(t *testing.T) {
	eng := smallEngine(t, map[string]string{
		"recall.txt": `Title: Scooter maker recalls batteries
Source: Example Ledger
Date: 2025-03-14

The scooter maker Pellaro recalled 20,000 batteries on Monday after reports of fires.

"We are replacing every affected battery free of charge," Pellaro chief executive Dana Whitfield said.

She said the recall did not include an admission of fault for the fires.
`,
	})
	a := smallAnswer(t, eng, "Did Pellaro admit fault?")
	if a.Abstained() || !strings.Contains(a.Text, "did not include an admission of fault") {
		t.Errorf("want the sentence that settles it:\n%s", a.Text)
	}
}
