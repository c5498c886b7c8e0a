package llm

import (
	"strings"
	"testing"

	"github.com/privacybot/privacybot/bot"
	"github.com/privacybot/privacybot/internal/testkit/fakeopenai"
	"github.com/privacybot/privacybot/retrieval"
)

// With a model, a summary is written by it from the extractive summary's
// own sentences (no other excerpts), and verified like any answer.
func TestSummaryWrittenFromTheExtractiveSentences(t *testing.T) {
	srv := newFake(t, fakeopenai.Reply{Respond: fakeopenai.Grounded(true)})
	eng, _ := mustEngine(t, retrieval.Options{}, srv)
	ans, _ := mustAnswer(t, eng, "Give me the gist for my boss")
	if ans.Kind != bot.KindSummary || ans.Mode != bot.ModeLLM || ans.Summary == "" {
		t.Fatalf("kind %s, mode %s, note %q: want a summary the model wrote", ans.Kind, ans.Mode, ans.Note)
	}
	if strings.Contains(ans.Summary, fakeopenai.Invented) || strings.Contains(ans.Summary, "[999]") {
		t.Errorf("an invented quotation or citation survived: %q", ans.Summary)
	}
	chats := srv.Chats()
	if len(chats) == 0 {
		t.Fatal("the model was not asked")
	}
	ex := fakeopenai.Excerpts(chats[len(chats)-1])
	if len(ex) != len(ans.Evidence) {
		t.Errorf("the model was given %d excerpts, want the summary's %d sentences", len(ex), len(ans.Evidence))
	}
	for i, e := range ex {
		if i < len(ans.Evidence) && strings.TrimSpace(e.Text) != ans.Evidence[i].Text {
			t.Errorf("excerpt %d is %q, want the summary's sentence %q", i, e.Text, ans.Evidence[i].Text)
		}
	}
}
