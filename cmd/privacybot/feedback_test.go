package main

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/privacybot/privacybot/feedback"
)

func TestFeedbackListsVotes(t *testing.T) {
	dir := t.TempDir()
	store := feedback.NewFile(dir)
	now := time.Now()
	for _, fb := range []feedback.Feedback{
		{AnswerID: "a-old", Question: "What did Wells Fargo say last year?", Mode: "extractive", User: "U1", Value: feedback.Down, Time: now.Add(-10 * 24 * time.Hour)},
		{AnswerID: "a-up", Question: "What did JPMorgan say?", Mode: "extractive", User: "U2", Value: feedback.Up, Time: now.Add(-3 * time.Hour)},
		{AnswerID: "a-bad1", Question: "Who fined Clearview?", Mode: "llm", User: "U3", Value: feedback.Down, Time: now.Add(-2 * time.Hour)},
		{AnswerID: "a-bad2", Question: "What did Citigroup say?", Mode: "extractive", User: "U4", Value: feedback.Down, Time: now.Add(-1 * time.Hour)},
	} {
		if err := store.Record(context.Background(), fb); err != nil {
			t.Fatal(err)
		}
	}
	env := map[string]string{"PRIVACYBOT_DATA": dir}

	code, out, errs := runApp(t, "", env, "feedback")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(out, "1 👍  3 👎") {
		t.Errorf("counts missing:\n%s", out)
	}
	i, j, k := strings.Index(out, "What did Citigroup say?"), strings.Index(out, "Who fined Clearview?"), strings.Index(out, "Wells Fargo")
	if i < 0 || j < 0 || k < 0 || !(i < j && j < k) {
		t.Errorf("questions marked 👎 not listed newest first:\n%s", out)
	}
	if strings.Contains(out, "What did JPMorgan say?") {
		t.Errorf("a 👍 question is listed among the 👎 ones:\n%s", out)
	}

	code, out, errs = runApp(t, "", env, "feedback", "--json", "--since", "7d")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var s struct {
		Up, Down int
		Disliked []struct {
			AnswerID string `json:"answer_id"`
			Question string
			Mode     string
		}
	}
	if err := json.Unmarshal([]byte(out), &s); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if s.Up != 1 || s.Down != 2 || len(s.Disliked) != 2 || s.Disliked[0].AnswerID != "a-bad2" || s.Disliked[1].Mode != "llm" {
		t.Errorf("--since 7d --json = %+v", s)
	}

	if code, _, errs := runApp(t, "", env, "feedback", "--since", "yesterday"); code != 2 || !strings.Contains(errs, "--since") {
		t.Errorf("bad --since: exit %d, %s", code, errs)
	}
}

func TestFeedbackEmpty(t *testing.T) {
	code, out, errs := runApp(t, "", nil, "feedback")
	if code != 0 || !strings.Contains(out, "0 👍  0 👎") {
		t.Errorf("no votes yet: exit %d, %q %s", code, out, errs)
	}
}
