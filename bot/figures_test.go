package bot_test

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/privacybot/privacybot/bot"
)

// Two short stories written for these tests: a bridge closed for repairs
// (undated, so its times cannot be placed on a calendar) and a ferry
// company whose shares rose on the closure.
var figureArticles = map[string]string{
	"bridge.txt": `Title: Harbor Bridge shut after inspectors find a crack
Source: Test Gazette

Engineers shut the Harbor Bridge after inspectors found a crack in a support beam, the Port Authority said.

The closure began at 6:15 a.m. on the day of the inspection, and traffic was sent through the tunnel instead.

The bridge, which was opened in 1962, carries 80,000 vehicles a day between the two shores.

The Port Authority said the repairs would cost $12 million and that 40 welders had been assigned to the work.

The Port Authority already has deals with several firms for the work, including Keel Brothers, Rivet Works and Marlow Steel.

"Why is the bridge staying shut so long?" asked one commuter at the ferry terminal.

Officials said the bridge would stay shut for six weeks while the cracked beam is replaced.

Commuters were told to expect delays of up to an hour. The next inspection of the span is scheduled for Oct. 14.
`,
	"ferry.txt": `Title: Bayline Ferries gains as commuters take to the water
Source: Test Ledger
Date: 2025-06-02

Shares of Bayline Ferries rose 6 percent on Monday as commuters turned to its boats.

Bayline, which employs 2,000 people, added four crossings an hour to meet demand.

Through its ticket app Bayline already keeps troves of data on where its riders travel.

Last year the two founders raised $30 million from investors for new boats, the company said.

"We have never carried so many passengers," Ana Ruiz, a Bayline spokeswoman, said on Tuesday.
`,
}

var figures sharedEngine

func askFigures(tb testing.TB, q string, history ...bot.Turn) bot.Answer {
	tb.Helper()
	eng, _ := figures.get(tb, func() (fstest.MapFS, error) {
		fsys := fstest.MapFS{}
		for name, text := range figureArticles {
			fsys[name] = &fstest.MapFile{Data: []byte(text)}
		}
		return fsys, nil
	})
	return answerFrom(tb, eng, q, history...)
}

// firstSentenceGives fails tb when the answer to q does not open with a
// sentence containing want.
func firstSentenceGives(tb testing.TB, q, want string) {
	tb.Helper()
	a := askFigures(tb, q)
	if len(a.Evidence) == 0 || !strings.Contains(a.Evidence[0].Text, want) {
		tb.Errorf("%q: want the first sentence to give %q, got:\n%s", q, want, a.Text)
	}
}

// leadDates fails tb when the lead of the answer to q, after the turns of
// history, does not contain the date want.
func leadDates(tb testing.TB, q, want string, history ...bot.Turn) {
	tb.Helper()
	a := askFigures(tb, q, history...)
	if !strings.Contains(a.Lead, want) {
		tb.Errorf("%q: want the lead to date it %q, got:\n%s", q, want, a.Text)
	}
}

// A question asking how much or how many is answered by the sentence
// giving that figure next to what it asks about, not by any sentence with
// a digit: not a year, not someone else's figure, not money for a count.
func TestNumberQuestionsGetTheirFigure(t *testing.T) {
	for _, tc := range []struct{ q, want string }{
		{"How much will the repairs cost?", "$12 million"},
		{"how many welders are working on the bridge", "40 welders"},
		{"How many vehicles does the Harbor Bridge carry?", "80,000 vehicles"},
		{"How many people does Bayline employ?", "2,000 people"},
		{"By how much did Bayline's shares rise?", "6 percent"},
		// The noun asked about comes after the name: welders, not Port.
		{"How many Port Authority welders were assigned?", "40 welders"},
		// A magnitude in words answers "how much" when no digit does.
		{"how much data does Bayline keep on its riders", "troves of data"},
		// "raise" asked, "raised" written: the stemmer keeps the e in one.
		{"How much money did the Bayline founders raise?", "$30 million"},
	} {
		firstSentenceGives(t, tc.q, tc.want)
	}
}

// A "when" question is answered by the sentence dating the event it asks
// about, even when that sentence calls it "the bridge" or "the closure"
// and the search ranks it low; a time of day answers "what time".
func TestWhenQuestionsGetTheirDate(t *testing.T) {
	for _, tc := range []struct{ q, want string }{
		{"When was the Harbor Bridge opened?", "1962"},
		{"what year did the harbor bridge open", "1962"},
		{"What time did the closure begin?", "6:15"},
		{"When is the next inspection of the Harbor Bridge?", "Oct. 14"},
	} {
		leadDates(t, tc.q, tc.want)
	}
}

// The figure asked about someone the sources name is not given from a
// sentence about someone else: only Bayline's shares moved.
func TestFigureOfSomeoneElseIsNoAnswer(t *testing.T) {
	for _, q := range []string{
		"How much did the Port Authority's shares rise?",
		"By how much did Port Authority stock go up?",
		"How many people does the Port Authority employ?",
	} {
		a := askFigures(t, q)
		for _, ev := range a.Evidence {
			if strings.Contains(ev.Text, "6 percent") || strings.Contains(ev.Text, "2,000") {
				t.Errorf("%q: answered with Bayline's figure:\n%s", q, a.Text)
			}
		}
	}
}

// "Who are …?" asks for names: the sentence listing them comes first,
// across the wording gap of "partners" and "deals".
func TestWhoAreQuestionsGetTheList(t *testing.T) {
	for _, q := range []string{
		"Who are the Port Authority's partners on the repairs?",
		"who are the port authority's existing partners",
	} {
		firstSentenceGives(t, q, "Rivet Works")
	}
}

// "When did she say it?" after a question for someone's words dates the
// sentence carrying the quotation, whatever its other words.
func TestWhenDidTheySayIt(t *testing.T) {
	prev := "What did Ana Ruiz say?"
	first := askFigures(t, prev)
	for _, q := range []string{"when did she say it", "When did she say that?", "when was that said"} {
		leadDates(t, q, "Tuesday", bot.Turn{Question: prev, Answer: first.Text})
	}
}

// "How long …?" and "Why so long?" are answered by a length of time,
// and a question the sources print ("Why is it shut so long?") answers
// nothing.
func TestHowLongGetsADuration(t *testing.T) {
	for _, q := range []string{
		"How long will the Harbor Bridge stay shut?",
		"why is the bridge shut for so long",
	} {
		firstSentenceGives(t, q, "six weeks")
	}
}

// A follow-up asking how much or how many wants a figure, even after a
// question for someone's words.
func TestNumberFollowUpAfterAQuoteQuestion(t *testing.T) {
	prev := "What did the Bayline spokeswoman say?"
	first := askFigures(t, prev)
	for q, want := range map[string]string{
		"how many people does the company employ": "2,000 people",
		"and how much did its shares rise?":       "6 percent",
	} {
		a := askFigures(t, q, bot.Turn{Question: prev, Answer: first.Text})
		if !strings.Contains(a.Text, want) {
			t.Errorf("%q: want %q, got:\n%s", q, want, a.Text)
		}
	}
}
