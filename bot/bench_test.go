package bot_test

import (
	"context"
	"testing"

	"github.com/privacybot/privacybot/internal/testkit/testengine"
)

// BenchmarkAnswer measures one in-process answer on the seeds, cycling
// through who-said-what, fact, follow-up-free and no-answer questions.
func BenchmarkAnswer(b *testing.B) {
	eng := testengine.Seeds(b)
	qs := []string{
		"What did JPMorgan say?",
		"How many users does Messenger have?",
		"What did Microsoft say?",
		"Who refused to comment?",
		"What services could banks offer through Messenger?",
	}
	ctx := context.Background()
	for _, q := range qs { // warm lazily built statistics
		if _, err := eng.Answer(ctx, question(b, q)); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		if _, err := eng.Answer(ctx, question(b, qs[i%len(qs)])); err != nil {
			b.Fatal(err)
		}
	}
}
