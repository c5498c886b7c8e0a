package bot_test

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/privacybot/privacybot/bot"
	"github.com/privacybot/privacybot/retrieval"
)

// These tests ask questions the way people do, in many phrasings, over the
// seeds plus four more articles: the three of quote/testdata and one in
// testdata written for these tests.

var wide sharedEngine

// wideEngine returns an engine over the seeds and the extra articles.
func wideEngine(tb testing.TB) (*bot.Engine, *retrieval.Library) {
	tb.Helper()
	return wide.get(tb, func() (fstest.MapFS, error) {
		fsys, err := globFiles(true, "../seeds/*.txt")
		if err != nil {
			return nil, err
		}
		extra, err := globFiles(false, "../quote/testdata/articles/*.txt", "testdata/*.txt")
		for name, f := range extra {
			fsys[name] = f
		}
		return fsys, err
	})
}

func wideAnswer(tb testing.TB, q string, history ...bot.Turn) bot.Answer {
	tb.Helper()
	eng, _ := wideEngine(tb)
	return answerFrom(tb, eng, q, history...)
}

// wideVerbatim fails the test when a quote, silence or evidence sentence
// is not the text its citation points at (a quotation printed by several
// sources may differ there in its closing punctuation).
func wideVerbatim(tb testing.TB, a bot.Answer) {
	tb.Helper()
	_, lib := wideEngine(tb)
	trim := func(s string) string { return strings.Trim(fold(s), " .,;:\"'") }
	checkCited(tb, lib, a, func(found, quote string) bool { return trim(found) == trim(quote) })
}

func cites(a bot.Answer, prefix string) bool {
	for _, s := range a.Sources {
		if strings.HasPrefix(s.ID, prefix) {
			return true
		}
	}
	return false
}

func speakers(a bot.Answer) string {
	var out []string
	for _, g := range a.Groups {
		if len(g.Quotes) > 0 {
			out = append(out, g.Label)
		}
	}
	return strings.Join(out, "; ")
}

// A who-said-what question in any phrasing is answered with the named
// speaker's quotations.
func TestWhoSaidWhatAnyPhrasing(t *testing.T) {
	cases := []struct {
		q, speaker, cite string
	}{
		{"How did Dana Ripley characterise the report?", "Dana Ripley", "004"},
		{"How did US Bancorp respond to the report?", "Dana Ripley", "004"},
		{"What was U.S. Bancorp's reaction?", "Dana Ripley", "004"},
		{"How did JPMorgan react to the talks?", "JPMorgan", "001"},
		{"What was JPMorgan Chase's position on sharing data?", "JPMorgan", ""},
		{"Did Elisabeth Diana comment?", "Elisabeth Diana", ""},
		{"Has Citigroup said anything about the discussions?", "Citigroup", "001"},
		{"US Bancorp's statement on data sharing", "Dana Ripley", "004"},
		{"What's Facebook's take on advertising?", "Facebook", ""},
		{"How did Helen Park describe the attack?", "Helen Park", "hospital"},
		{"How did Marta Quell characterise the breach?", "Marta Quell", "photo_app"},
		{"What was Snapwell's response to the flaw?", "Marta Quell", "photo_app"},
		{"what did marta quell have to say about passwords", "Marta Quell", "photo_app"},
		{"how did snapwell reponse to the flaw", "Marta Quell", "photo_app"},
		// By description, or by the first word of an organization's name.
		{"What did the EFF lawyer say?", "Priya Raman", "ftc"},
		{"what did the hospital's chief information officer say", "Helen Park", "hospital"},
		{"Northgate's take on the attackers", "Northgate Cyber", "hospital"},
		{"Is the ransomware group a threat to others, according to Northgate?", "Northgate Cyber", "hospital"},
	}
	for _, c := range cases {
		a := wideAnswer(t, c.q)
		wideVerbatim(t, a)
		if a.Kind != bot.KindQuote || len(a.Quotes()) == 0 {
			t.Errorf("%q: kind %s, %d quotes; want quotations (lead %q)", c.q, a.Kind, len(a.Quotes()), a.Lead)
			continue
		}
		if !strings.Contains(a.Groups[0].Label, c.speaker) {
			t.Errorf("%q: first speaker %q, want %s (all: %s)", c.q, a.Groups[0].Label, c.speaker, speakers(a))
		}
		if c.cite != "" && !cites(a, c.cite) {
			t.Errorf("%q: does not cite %s", c.q, c.cite)
		}
	}
}

// When the question names a topic, the speaker's quotations about it come
// before the others.
func TestWhoSaidWhatTopicFirst(t *testing.T) {
	cases := []struct{ q, want string }{
		{"What was Facebook's response on advertising?", "advertising"},
		{"How did Facebook characterise its use of data for ads?", "ads"},
		{"Has Facebook said anything about messaging with a bank?", "waiting on hold"},
		{"What did Marta Quell say about passwords?", "No passwords"},
		{"How did Marta Quell respond about copied photos?", "copied the photos"},
	}
	for _, c := range cases {
		a := wideAnswer(t, c.q)
		qs := a.Quotes()
		if len(qs) == 0 {
			t.Errorf("%q: no quotes (lead %q)", c.q, a.Lead)
			continue
		}
		if !strings.Contains(qs[0].Text, c.want) {
			t.Errorf("%q: first quote %q, want one with %q", c.q, qs[0].Text, c.want)
		}
	}
}

// A yes/no question leads with the evidence that settles it.
func TestYesNoLeadsWithSettlingEvidence(t *testing.T) {
	cases := []struct{ q, want, cite, lead string }{
		{"Did US Bancorp share data?", "haven't shared", "004", "no"},
		{"Has U.S. Bancorp shared customer information with Facebook?", "haven't shared", "004", "no"},
		{"Is Facebook using purchase data from banks for ads?", "don't use purchase data", "", "no"},
		{"Did JPMorgan share its customers' transaction data?", "share our customers", "", "no"},
		{"Did Facebook deny the report?", "", "", "yes"},
		{"Does Facebook admit it asked banks for data?", "", "", ""},
	}
	for _, c := range cases {
		a := wideAnswer(t, c.q)
		wideVerbatim(t, a)
		if a.Abstained() {
			t.Errorf("%q: abstained", c.q)
			continue
		}
		first := ""
		if qs := a.Quotes(); len(qs) > 0 {
			first = qs[0].Text
		}
		if c.want != "" && !strings.Contains(first, c.want) && !strings.Contains(a.Lead, c.want) {
			t.Errorf("%q: leads with %q (lead %q), want %q", c.q, first, a.Lead, c.want)
		}
		if c.cite != "" && !cites(a, c.cite) {
			t.Errorf("%q: does not cite %s", c.q, c.cite)
		}
		lead := strings.ToLower(a.Lead)
		if c.lead != "" && !strings.HasPrefix(lead, c.lead) {
			t.Errorf("%q: lead %q, want it to begin %q", c.q, a.Lead, c.lead)
		}
	}
}

// A yes/no question about someone who only declined to comment says that
// the sources do not settle it and shows the refusal.
func TestYesNoRefusal(t *testing.T) {
	for _, q := range []string{"Did Wells Fargo share data with Facebook?", "Has Wells Fargo agreed to the plan?"} {
		a := wideAnswer(t, q)
		if len(a.Quotes()) != 0 {
			t.Errorf("%q: quotes %q", q, quoteTexts(a))
		}
		if !strings.Contains(strings.ToLower(a.Text), "declined to comment") && !strings.Contains(strings.ToLower(a.Text), "refused") {
			t.Errorf("%q: answer does not show the refusal:\n%s", q, a.Text)
		}
	}
}

// A comparison shows each side, cited, and says plainly when one side said
// nothing.
func TestComparison(t *testing.T) {
	cases := []struct {
		q        string
		sides    []string
		cite     []string
		nothing  string
		minQuote int
	}{
		{"Compare JPMorgan's and US Bancorp's responses", []string{"JPMorgan", "Bancorp"}, []string{"001", "004"}, "", 2},
		{"How did Citigroup's response differ from US Bancorp's?", []string{"Citigroup", "Bancorp"}, []string{"001", "004"}, "", 2},
		{"Compare what Facebook and Wells Fargo said", []string{"Facebook", "Wells Fargo"}, []string{"001"}, "Wells Fargo", 1},
		{"JPMorgan vs Citigroup: how did they respond?", []string{"JPMorgan", "Citigroup"}, []string{"001"}, "", 2},
		{"What's the difference between what Marta Quell and Owen Brandt said?", []string{"Marta Quell", "Owen Brandt"}, []string{"photo_app"}, "", 2},
		// A side the sources name but never quote said nothing.
		{"How did Facebook's response differ from Slate's?", []string{"Facebook", "Slate"}, []string{"000"}, "Slate", 1},
	}
	for _, c := range cases {
		a := wideAnswer(t, c.q)
		wideVerbatim(t, a)
		for _, s := range c.sides {
			if !strings.Contains(a.Lead, s) {
				t.Errorf("%q: lead %q does not name %s", c.q, a.Lead, s)
			}
		}
		for _, id := range c.cite {
			if !cites(a, id) {
				t.Errorf("%q: does not cite %s", c.q, id)
			}
		}
		if len(a.Quotes()) < c.minQuote {
			t.Errorf("%q: %d quotes", c.q, len(a.Quotes()))
		}
		if c.nothing != "" && !strings.Contains(a.Lead, "nothing from "+c.nothing) {
			t.Errorf("%q: lead %q does not say plainly that %s said nothing", c.q, a.Lead, c.nothing)
		}
	}
}

// Follow-ups resolve "they", "the bank", "the company", "she" to the entity
// of the previous turn.
func TestFollowUpPronouns(t *testing.T) {
	turn := func(q string) bot.Turn { return bot.Turn{Question: q, Answer: wideAnswer(t, q).Text} }
	cases := []struct {
		history []bot.Turn
		q       string
		speaker string
	}{
		{[]bot.Turn{turn("What did US Bancorp say?")}, "did they share any data?", "Dana Ripley"},
		{[]bot.Turn{turn("Tell me about US Bancorp")}, "Did the bank share any data?", "Dana Ripley"},
		{[]bot.Turn{turn("What did Citigroup say?")}, "did the bank comment on the talks?", "Citigroup"},
		{[]bot.Turn{turn("What did Marta Quell say?")}, "how did she describe the breach?", "Marta Quell"},
		{[]bot.Turn{turn("What was Snapwell's response?")}, "did the company say anything about passwords?", "Marta Quell"},
		{[]bot.Turn{turn("What did US Bancorp say?"), turn("did they share any data?")}, "what else did they say?", "Dana Ripley"},
		{[]bot.Turn{turn("Who said that no passwords, messages or payment details were visible?")}, "what else did she say?", "Marta Quell"},
	}
	for _, c := range cases {
		a := wideAnswer(t, c.q, c.history...)
		if len(a.Groups) == 0 || !strings.Contains(a.Groups[0].Label, c.speaker) {
			t.Errorf("%q after %q (answered %q): speakers %q, want %s first (lead %q)", c.q, c.history[len(c.history)-1].Question, c.history[len(c.history)-1].Answer, speakers(a), c.speaker, a.Lead)
		}
	}
}

// People absent from the sources and matters they do not cover still
// abstain and quote nothing.
func TestAbstainsOnAbsent(t *testing.T) {
	for _, q := range []string{
		"How did Tim Cook characterise the breach?",
		"What was Satya Nadella's reaction?",
		"Has Sundar Pichai said anything about the fine?",
		"Did Jeff Bezos comment?",
		"What is the boiling point of mercury?",
		"Who won the Champions League in 2019?",
		// Names typed in lower case, and names beside ones the sources know.
		"has goldman sachs said anything about facebook",
		"elon musk's take on snapwell",
		"Did Bank of America comment?",
		"what was jamie dimon's reaction to the facebook talks",
	} {
		a := wideAnswer(t, q)
		if !a.Abstained() || len(a.Quotes()) != 0 {
			t.Errorf("%q: answered: %s", q, a.Text)
		}
	}
}

// Between a clear answer and a clear abstention, the answer shows the
// closest evidence and says it may not answer fully: never a flat "don't
// say" when relevant sentences exist.
func TestCalibratedPartialAnswer(t *testing.T) {
	for _, q := range []string{
		"How did investors react to the news about Facebook and the banks?",
		"Why are people worried about Facebook having bank data?",
	} {
		a := wideAnswer(t, q)
		if a.Abstained() || a.Lead == bot.NoAnswer {
			t.Errorf("%q: abstained", q)
		}
		wideVerbatim(t, a)
	}
}
