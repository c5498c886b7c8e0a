package bot_test

import (
	"context"
	"testing"

	"github.com/privacybot/privacybot/internal/testkit/testengine"
)

// TestSuggestionsAreAnswered checks that every suggested question is one
// the engine answers from the sources, quoting them.
func TestSuggestionsAreAnswered(t *testing.T) {
	eng := testengine.Seeds(t)
	got := eng.Suggestions(4)
	want := []string{"What did Facebook say?", "What did JPMorgan Chase say?", "Who declined to comment?", "What did Citigroup say?"}
	if len(got) != len(want) {
		t.Fatalf("Suggestions(4) = %+v, want %v", got, want)
	}
	for i, s := range got {
		if s.Question != want[i] || s.Title == "" {
			t.Errorf("suggestion %d = %+v, want %q", i, s, want[i])
		}
		ans, err := eng.Answer(context.Background(), question(t, s.Question))
		if err != nil || ans.Abstained() || len(ans.Groups) == 0 {
			t.Errorf("%q is not answered with quotes: %v %q", s.Question, err, ans.Lead)
		}
	}
	if n := len(eng.Suggestions(2)); n != 2 {
		t.Errorf("Suggestions(2) gave %d", n)
	}
}
