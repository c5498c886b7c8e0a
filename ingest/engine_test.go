package ingest

import (
	"context"
	"strings"
	"testing"

	"github.com/privacybot/privacybot/bot"
)

// TestRunningEngineAnswersFromAddedArticle checks the promise for
// serve: an engine that is already answering questions can answer from an
// article added a moment ago, with no restart.
func TestRunningEngineAnswersFromAddedArticle(t *testing.T) {
	site := newNewsSite(t)
	e := newEnv(t)
	eng := bot.New(e.lib)
	ctx := context.Background()
	if _, err := ask(ctx, eng, "What did JPMorgan say?"); err != nil {
		t.Fatal(err)
	}
	res := e.mustAdd(t, site.URL+icoFine.Path, "alice")
	ans, err := ask(ctx, eng, "How much did the ICO fine Clearview AI?")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(ans.Text, res.ID) {
		t.Errorf("the running engine does not cite the added article:\n%s", ans.Text)
	}
}

// ask checks and answers one question.
func ask(ctx context.Context, eng *bot.Engine, text string) (bot.Answer, error) {
	q, err := bot.ParseQuestion(text)
	if err != nil {
		return bot.Answer{}, err
	}
	return eng.Answer(ctx, q)
}
