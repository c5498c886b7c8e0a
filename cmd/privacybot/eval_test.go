package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/privacybot/privacybot/retrieval"
	"github.com/privacybot/privacybot/seeds"
)

// TestQuestionSetCoversTheLedger checks that the project's question set asks
// for every quotation in the seed corpus, and names every speaker.
func TestQuestionSetCoversTheLedger(t *testing.T) {
	cases, err := readEvalFile(filepath.Join("..", "..", "eval", "questions.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	if len(cases) < 40 {
		t.Errorf("the question set has %d questions, want at least 40", len(cases))
	}
	lib, err := retrieval.Open(context.Background(), retrieval.Options{FS: seeds.FS})
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()
	var expected, asked []string
	for _, c := range cases {
		for _, q := range c.QuoteAny {
			expected = append(expected, norm(q))
		}
		asked = append(asked, norm(c.Q+" "+strings.Join(c.History, " ")))
	}
	for _, q := range lib.Ledger().Quotes {
		text := norm(q.Text)
		covered := false
		for _, e := range expected {
			if strings.Contains(e, text) || strings.Contains(text, e) {
				covered = true
			}
		}
		if !covered {
			t.Errorf("no question expects the quotation %q [%s]", q.Text, q.Source)
		}
		for _, name := range []string{q.Speaker, q.Organization} {
			if name == "" {
				continue
			}
			named := false
			for _, a := range asked {
				for _, w := range strings.Fields(norm(name)) {
					if len(w) > 3 && strings.Contains(a, w) {
						named = true
					}
				}
			}
			if !named {
				t.Errorf("no question names the speaker %q", name)
			}
		}
	}
}
