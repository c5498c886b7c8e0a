package bot_test

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/privacybot/privacybot/bot"
	"github.com/privacybot/privacybot/retrieval"
)

var mixed sharedEngine

// mixedEngine is a real engine over the seed articles and the three test
// articles of quote/testdata (an FTC settlement, a hospital breach, an ICO
// fine), three stories the seeds do not tell.
func mixedEngine(tb testing.TB) (*bot.Engine, *retrieval.Library) {
	tb.Helper()
	return mixed.get(tb, func() (fstest.MapFS, error) {
		return globFiles(true, "../seeds/*.txt", "../quote/testdata/articles/*.txt")
	})
}

// askMixed answers q from the mixed engine and checks that every sentence
// it shows is the text its citation points at.
func askMixed(tb testing.TB, q string) bot.Answer {
	tb.Helper()
	eng, lib := mixedEngine(tb)
	a := answerFrom(tb, eng, q)
	for _, ev := range a.Evidence {
		src, err := lib.Corpus().Get(ev.Source)
		if err != nil || ev.End > len(src.Text) || src.Text[ev.Start:ev.End] != ev.Text {
			tb.Errorf("%q: evidence %q is not at %+v", q, ev.Text, ev.Citation)
		}
	}
	return a
}

func citedIDs(a bot.Answer) []string {
	var ids []string
	for _, s := range a.Sources {
		ids = append(ids, bot.ShortID(s.ID))
	}
	return ids
}

func evidenceText(a bot.Answer) string {
	var b strings.Builder
	for _, ev := range a.Evidence {
		b.WriteString(ev.Text + "\n")
	}
	return b.String()
}

func TestSummaryWithNoModel(t *testing.T) {
	for _, q := range []string{
		"Summarize the story",
		"What is this about?",
		"Give me the gist for my boss",
		"What are the key points?",
		"What's new?",
		"Can you sum it up?",
		"tl;dr please",
		"Give me a quick overview of the Facebook bank story",
	} {
		a := mustAnswer(t, q)
		checkVerbatim(t, a)
		if a.Kind != bot.KindSummary || len(a.Evidence) < 2 {
			t.Errorf("%q: kind %s with %d sentences, want a summary of several:\n%s", q, a.Kind, len(a.Evidence), a.Text)
			continue
		}
		// At most about 120 words, and drawn from more than one article.
		n := 0
		for _, ev := range a.Evidence {
			n += len(strings.Fields(ev.Text))
		}
		if n > 130 {
			t.Errorf("%q: the summary runs %d words:\n%s", q, n, a.Text)
		}
		if len(a.Sources) < 2 {
			t.Errorf("%q: the summary cites %v, want several of the five articles", q, citedIDs(a))
		}
		if !strings.Contains(strings.ToLower(evidenceText(a)), "bank") {
			t.Errorf("%q: the summary never mentions the banks, the story's subject:\n%s", q, a.Text)
		}
	}
}

func TestSummaryOfATopicReadsOnlyThatTopic(t *testing.T) {
	for _, tc := range []struct {
		q    string
		want string
		says string
	}{
		{"Summarize the hospital ransomware attack", "hospital_breach", "40,000"},
		{"Give me the gist of the FTC settlement", "ftc_settlement", "$2.5 million"},
		{"What are the key points on the Brightcart fine?", "ico_fine", "£4 million"},
	} {
		a := askMixed(t, tc.q)
		if a.Kind != bot.KindSummary {
			t.Errorf("%q: kind %s, want summary:\n%s", tc.q, a.Kind, a.Text)
			continue
		}
		if ids := citedIDs(a); !slices.Equal(ids, []string{tc.want}) {
			t.Errorf("%q: cites %v, want only %s", tc.q, ids, tc.want)
		}
		if !strings.Contains(evidenceText(a), tc.says) {
			t.Errorf("%q: the summary leaves out %q:\n%s", tc.q, tc.says, a.Text)
		}
	}
}

func TestSummaryOfAnAbsentTopicAbstains(t *testing.T) {
	for _, q := range []string{
		"Summarize the Equifax settlement",
		"Give me the gist of the sourdough bread festival",
		"What are the key points about the football final?",
	} {
		a := askMixed(t, q)
		if !a.Abstained() || len(a.Evidence) > 0 {
			t.Errorf("%q: answered where the sources say nothing:\n%s", q, a.Text)
		}
	}
}

func TestTimelineInOrder(t *testing.T) {
	for _, q := range []string{"What's the timeline?", "What happened first?", "Give me the chronology of events"} {
		a := mustAnswer(t, q)
		checkVerbatim(t, a)
		if a.Kind != bot.KindTimeline || len(a.Evidence) < 3 {
			t.Fatalf("%q: kind %s with %d sentences, want a timeline:\n%s", q, a.Kind, len(a.Evidence), a.Text)
		}
		// "a year ago" (the talks began) comes before "on Monday" (the
		// reports), which comes before "earlier Monday"'s share move only
		// in the same article; the year-old event must lead.
		at := func(sub string) int {
			for i, ev := range a.Evidence {
				if strings.Contains(ev.Text, sub) {
					return i
				}
			}
			return -1
		}
		yearAgo, monday := at("a year ago"), at("reported on Monday")
		if yearAgo < 0 || monday < 0 || yearAgo > monday {
			t.Errorf("%q: “a year ago” at %d, “on Monday” at %d; want both, the year-old event first:\n%s", q, yearAgo, monday, a.Text)
		}
	}
}

func TestWhenReadsRelativeTimesAgainstTheArticleDate(t *testing.T) {
	for _, tc := range []struct{ q, lead, says string }{
		// "last month" in an article of 2024-07-19.
		{"When was the hospital attacked?", "June 2024", "last month"},
		{"When did the ransomware attack on St. Mary's happen?", "June 2024", "last month"},
		// "on Tuesday" in an article of Thursday 2024-05-02.
		{"When did StrideLabs agree to settle?", "April 30, 2024", "on Tuesday"},
		// No time in the sentence: the article's own date bounds it.
		{"When did the ICO fine Brightcart?", "March 12, 2024", "fined"},
	} {
		a := askMixed(t, tc.q)
		if a.Kind != bot.KindTimeline || !strings.Contains(a.Lead, tc.lead) || !strings.Contains(evidenceText(a), tc.says) {
			t.Errorf("%q: want a lead dating it %q and a sentence with %q, got:\n%s", tc.q, tc.lead, tc.says, a.Text)
		}
	}
	for _, q := range []string{"When did Apple launch the iPhone?", "When did Google fine the hospital?", "When did Equifax settle?"} {
		if a := askMixed(t, q); !a.Abstained() {
			t.Errorf("%q: answered where the sources say nothing:\n%s", q, a.Text)
		}
	}
}

func TestFactsAcrossWordingGaps(t *testing.T) {
	for _, tc := range []struct{ q, says string }{
		{"How much did Facebook shares fall?", "$100 billion"},
		{"How much did Facebook's stock drop?", "$100 billion"},
		{"By how much did the Facebook share price plunge?", "$100 billion"},
		{"How much value did Facebook stock lose?", "$100 billion"},
		{"How much was Brightcart penalized?", "£4 million"},
		{"How many patients had their information exposed?", "40,000"},
		{"What information did Facebook want from banks?", "card transactions"},
	} {
		a := askMixed(t, tc.q)
		if !strings.Contains(evidenceText(a)+strings.Join(quoteTexts(a), "\n"), tc.says) {
			t.Errorf("%q: want the sentence with %q, got:\n%s", tc.q, tc.says, a.Text)
		}
	}
}

func TestTimelineOfAlternativesAndPublicationDates(t *testing.T) {
	// The fine's article dates nothing itself: its own date (2024-03-12)
	// places it before the settlement "on Tuesday" (2024-04-30).
	a := askMixed(t, "Which happened first, the Brightcart fine or the StrideLabs settlement?")
	first := strings.Index(a.Lead, "[ico_fine]")
	second := strings.Index(a.Lead, "[ftc_settlement]")
	if first < 0 || second < 0 || first > second {
		t.Errorf("want the ICO fine first, then the FTC settlement:\n%s", a.Text)
	}
	for _, q := range []string{"When was Melissa Porter's article published?", "What date was the article published?"} {
		a := mustAnswer(t, q)
		if !strings.Contains(a.Lead, "August 8, 2018") || !slices.Contains(citedIDs(a), "000") {
			t.Errorf("%q: want the date of [000], August 8, 2018:\n%s", q, a.Text)
		}
	}
}
