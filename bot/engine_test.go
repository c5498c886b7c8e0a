package bot_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/privacybot/privacybot/bot"
	"github.com/privacybot/privacybot/internal/testkit/synthlib"
	"github.com/privacybot/privacybot/internal/testkit/testengine"
)

// question returns the question of text, which must be valid, after the
// turns of history.
func question(tb testing.TB, text string, history ...bot.Turn) bot.Question {
	tb.Helper()
	q, err := bot.ParseQuestion(text)
	if err != nil {
		tb.Fatalf("ParseQuestion(%q): %v", text, err)
	}
	q.History = history
	return q
}

func mustAnswer(tb testing.TB, q string, history ...bot.Turn) bot.Answer {
	tb.Helper()
	return answerFrom(tb, testengine.Seeds(tb), q, history...)
}

// checkVerbatim fails the test when a quote, silence or evidence sentence is
// not exactly the bytes its citation points at.
func checkVerbatim(tb testing.TB, a bot.Answer) {
	tb.Helper()
	checkCited(tb, testengine.Library(tb), a, func(found, quote string) bool { return fold(found) == fold(quote) })
}

func fold(s string) string {
	r := strings.NewReplacer("“", "\"", "”", "\"", "‘", "'", "’", "'")
	return strings.ToLower(strings.Join(strings.Fields(r.Replace(s)), " "))
}

func quoteTexts(a bot.Answer) []string {
	var out []string
	for _, q := range a.Quotes() {
		out = append(out, q.Text)
	}
	return out
}

func TestAnswerWhoSaidWhat(t *testing.T) {
	a := mustAnswer(t, "What did JPMorgan say?")
	checkVerbatim(t, a)
	if a.Kind != bot.KindQuote {
		t.Errorf("kind = %q, want quote", a.Kind)
	}
	var wexler *bot.QuoteItem
	for _, g := range a.Groups {
		for i, q := range g.Quotes {
			if strings.Contains(q.Text, "We don't share our customers' off-platform") {
				wexler = &g.Quotes[i]
			}
		}
	}
	if wexler == nil {
		t.Fatalf("Patricia Wexler's quote missing; got %q", quoteTexts(a))
	}
	if wexler.Speaker != "Patricia Wexler" || wexler.Organization != "JPMorgan Chase" || wexler.Role != "spokeswoman" {
		t.Errorf("attribution = %q/%q/%q, want Patricia Wexler/spokeswoman/JPMorgan Chase", wexler.Speaker, wexler.Role, wexler.Organization)
	}
	if !strings.Contains(a.Text, "[001]") || !strings.Contains(a.Text, "Patricia Wexler") {
		t.Errorf("text lacks the speaker or citation:\n%s", a.Text)
	}
	for _, g := range a.Groups {
		for _, q := range g.Quotes {
			if !strings.Contains(q.Organization, "JPMorgan") {
				t.Errorf("quote by %q (%s) answered a JPMorgan question", g.Label, q.Organization)
			}
		}
	}
}

func TestAnswerSharedQuoteShownOnce(t *testing.T) {
	a := mustAnswer(t, "What did JPMorgan say?")
	n := 0
	for _, q := range a.Quotes() {
		if strings.HasPrefix(q.Text, "sharing our customers' off-platform") {
			n++
			if len(q.Citations) < 2 {
				t.Errorf("quote printed by 000 and 003 cites only %v", q.Citations)
			}
		}
	}
	if n != 1 {
		t.Errorf("the quote carried by two articles is shown %d times, want once", n)
	}
}

func TestAnswerAbstains(t *testing.T) {
	for _, q := range []string{"What did Microsoft say?", "What is the capital of France?", "What did the ICO say about the fine?"} {
		t.Run(q, func(t *testing.T) {
			a := mustAnswer(t, q)
			if len(a.Quotes()) > 0 || len(a.Evidence) > 0 {
				t.Errorf("answered an out-of-scope question with %q", quoteTexts(a))
			}
			if a.Kind != bot.KindOutOfScope || !strings.Contains(a.Text, "don't say") {
				t.Errorf("kind %q, text %q: want a plain 'the sources don't say'", a.Kind, a.Text)
			}
		})
	}
}

func TestAnswerDeclinedToComment(t *testing.T) {
	a := mustAnswer(t, "What did Wells Fargo say?")
	checkVerbatim(t, a)
	if len(a.Quotes()) > 0 {
		t.Errorf("invented a Wells Fargo quote: %q", quoteTexts(a))
	}
	if !strings.Contains(a.Text, "refused to comment") && !strings.Contains(a.Text, "declin") {
		t.Errorf("answer does not say Wells Fargo declined:\n%s", a.Text)
	}
	if !strings.Contains(a.Text, "[004]") {
		t.Errorf("answer does not cite where it declined:\n%s", a.Text)
	}
}

func TestAnswerFact(t *testing.T) {
	a := mustAnswer(t, "How many users does Messenger have?")
	checkVerbatim(t, a)
	if !strings.Contains(a.Text, "1.3 billion") {
		t.Errorf("fact missing:\n%s", a.Text)
	}
}

func TestAnswerFollowUp(t *testing.T) {
	first := mustAnswer(t, "What did JPMorgan say?")
	a := mustAnswer(t, "And Citigroup?", bot.Turn{Question: "What did JPMorgan say?", Answer: first.Text})
	checkVerbatim(t, a)
	found := false
	for _, q := range a.Quotes() {
		if strings.Contains(q.Text, "safeguarding the security and privacy") {
			found = true
		}
		if strings.Contains(q.Organization, "JPMorgan") {
			t.Errorf("follow-up about Citigroup repeated JPMorgan's quote %q", q.Text)
		}
	}
	if !found {
		t.Errorf("follow-up did not give Citigroup's quote:\n%s", a.Text)
	}
}

// A bad question is turned away where it comes in, with a message fit for
// the user; the engine, which trusts a parsed question, turns away only the
// zero Question.
func TestBadQuestions(t *testing.T) {
	cases := map[string]string{
		"empty":        "",
		"blank":        "   \n\t ",
		"too long":     strings.Repeat("privacy ", 300),
		"control":      "What did \x00JPMorgan\x07 say?",
		"invalid utf8": "What did \xff\xfe say?",
	}
	for name, q := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := bot.ParseQuestion(q)
			if !errors.Is(err, bot.ErrBadQuestion) {
				t.Fatalf("err = %v, want ErrBadQuestion", err)
			}
			if len(err.Error()) > 200 || strings.ContainsAny(err.Error(), "\x00\xff") {
				t.Errorf("error is not a clear one-line message: %q", err)
			}
		})
	}
	_, empty := bot.ParseQuestion("")
	_, err := testengine.Seeds(t).Answer(context.Background(), bot.Question{})
	if !errors.Is(err, bot.ErrBadQuestion) || err.Error() != empty.Error() {
		t.Errorf("Answer(zero Question): err = %v, want %v", err, empty)
	}
	q := question(t, "  What did JPMorgan say?\n")
	if a := mustAnswer(t, q.Text()); q.Text() != "What did JPMorgan say?" || a.Question != q.Text() {
		t.Errorf("question %q answered as %q, want both trimmed", q.Text(), a.Question)
	}
}

func TestAnswerConcurrent(t *testing.T) {
	eng := testengine.Seeds(t)
	qs := []string{"What did JPMorgan say?", "What did Citi say?", "How many users does Messenger have?", "What did Microsoft say?", "Who refused to comment?"}
	want := map[string]string{}
	for _, q := range qs {
		want[q] = mustAnswer(t, q).Text
	}
	var wg sync.WaitGroup
	errs := make(chan error, 100)
	for i := 0; i < 100; i++ {
		wg.Add(1)
		go func(q string) {
			defer wg.Done()
			a, err := eng.Answer(context.Background(), question(t, q))
			if err != nil {
				errs <- err
				return
			}
			if a.Text != want[q] {
				errs <- fmt.Errorf("%q answered differently under load", q)
			}
		}(qs[i%len(qs)])
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

func TestAnswerJSONContract(t *testing.T) {
	a := mustAnswer(t, "What did US Bancorp say?")
	b, err := json.Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		Question string `json:"question"`
		Answer   string `json:"answer"`
		Mode     string `json:"mode"`
		Quotes   []struct {
			Text, Speaker, Organization, Source string
			Start, End                          int
		} `json:"quotes"`
		Sources []struct{ ID, Title string } `json:"sources"`
	}
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	if got.Question != "What did US Bancorp say?" || got.Mode != "extractive" || got.Answer == "" {
		t.Errorf("header fields wrong: %+v", got)
	}
	if len(got.Quotes) == 0 || got.Quotes[0].Speaker != "Dana Ripley" || got.Quotes[0].Organization != "U.S. Bancorp" {
		t.Fatalf("quotes = %+v, want Dana Ripley of U.S. Bancorp", got.Quotes)
	}
	src, _ := testengine.Library(t).Corpus().Get(got.Quotes[0].Source)
	if src == nil || src.Text[got.Quotes[0].Start:got.Quotes[0].End] != got.Quotes[0].Text {
		t.Errorf("offsets do not hold the quote")
	}
	if len(got.Sources) == 0 || got.Sources[0].Title == "" {
		t.Errorf("sources lack titles: %+v", got.Sources)
	}
}

// An organization quoted more often than one answer shows: the answer shows
// MaxAnswerQuotes of them, verbatim, and its lead gives the full count.
func TestAnswerCapsManyQuotes(t *testing.T) {
	ctx := context.Background()
	lib := synthlib.Open(t, 1000)
	counts := map[string]int{}
	for _, q := range lib.Ledger().Quotes {
		if q.Organization != "" {
			counts[q.Organization]++
		}
	}
	org, most := "", 0
	for o, n := range counts {
		if n > most || n == most && o < org {
			org, most = o, n
		}
	}
	if most <= bot.MaxAnswerQuotes {
		t.Fatalf("no organization is quoted more than %d times (most: %d)", bot.MaxAnswerQuotes, most)
	}
	all, _ := lib.Ledger().BySpeaker(org)
	// The articles also call the organization by the first word of its
	// name alone ("Bluewind said"); those quotations are its too.
	seen := map[[2]any]bool{}
	for _, q := range all {
		seen[[2]any{q.Source, q.Start}] = true
	}
	short := strings.Fields(org)[0]
	more, _ := lib.Ledger().BySpeaker(short)
	for _, q := range more {
		if !seen[[2]any{q.Source, q.Start}] && (q.Organization == short || q.Speaker == short && q.Organization == "") {
			seen[[2]any{q.Source, q.Start}] = true
			all = append(all, q)
		}
	}
	a, err := bot.New(lib).Answer(ctx, question(t, "What did "+org+" say?"))
	if err != nil {
		t.Fatal(err)
	}
	if n := len(a.Quotes()); n == 0 || n > bot.MaxAnswerQuotes {
		t.Fatalf("answer shows %d quotes, want 1 to %d", n, bot.MaxAnswerQuotes)
	}
	if want := fmt.Sprintf("%d times", len(all)); !strings.Contains(a.Lead, want) || !strings.Contains(a.Lead, "most relevant") {
		t.Errorf("lead %q does not give the full count (%s) and say it shows the most relevant", a.Lead, want)
	}
	for _, q := range a.Quotes() {
		for _, ct := range q.Citations {
			src, err := lib.Corpus().Get(ct.Source)
			if err != nil || fold(src.Text[ct.Start:ct.End]) != fold(q.Text) {
				t.Errorf("quote %q is not at %+v", q.Text, ct)
			}
		}
	}
}
