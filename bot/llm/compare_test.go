package llm

import (
	"strings"
	"testing"

	"github.com/privacybot/privacybot/bot"
	"github.com/privacybot/privacybot/internal/testkit/fakeopenai"
	"github.com/privacybot/privacybot/retrieval"
)

// With a model, a comparison is written by it from both sides' quotations
// (each side's words among the excerpts it is given), and verified: an
// invented quotation does not survive.
func TestComparisonWrittenFromBothSides(t *testing.T) {
	srv := newFake(t, fakeopenai.Reply{Respond: fakeopenai.Grounded(true)})
	eng, _ := mustEngine(t, retrieval.Options{}, srv)
	for _, q := range []string{"Compare JPMorgan's and US Bancorp's responses", "How did US Bancorp's response differ from JPMorgan's?"} {
		ans, _ := mustAnswer(t, eng, q)
		if ans.Mode != bot.ModeLLM || ans.Summary == "" || strings.Contains(ans.Summary, fakeopenai.Invented) {
			t.Fatalf("%q: mode %s, summary %q: want the model's verified comparison", q, ans.Mode, ans.Summary)
		}
		chats := srv.Chats()
		if len(chats) == 0 {
			t.Fatal("the model was not asked")
		}
		var given strings.Builder
		for _, e := range fakeopenai.Excerpts(chats[len(chats)-1]) {
			given.WriteString(e.Text + "\n")
		}
		for _, side := range []string{"highest priority", "haven't shared"} {
			if !strings.Contains(given.String(), side) {
				t.Errorf("%q: the model was not given %q among its excerpts", q, side)
			}
		}
	}
}
