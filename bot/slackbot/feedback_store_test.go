package slackbot

import (
	"testing"
	"time"

	"github.com/privacybot/privacybot/bot"
	"github.com/privacybot/privacybot/feedback"
)

// checkStoredVote checks that the harness's feedback file holds a vote
// from user on question, with the answer's id and mode, read back as the
// feedback command reads it.
func checkStoredVote(t *testing.T, h *harness, user, question, value string) {
	t.Helper()
	store, ok := h.bot.cfg.Feedback.(*feedback.File)
	if !ok {
		t.Fatal("the harness has no feedback file")
	}
	votes, skipped, err := store.Read()
	if err != nil || skipped != 0 {
		t.Fatalf("read feedback: %v (%d lines skipped)", err, skipped)
	}
	for _, v := range votes {
		if v.User == user && v.Question == question && v.Value == value {
			if v.AnswerID == "" || v.Mode != bot.ModeExtractive || time.Since(v.Time) > time.Minute {
				t.Errorf("stored vote = %+v, want an answer id, mode %q and the time of the click", v, bot.ModeExtractive)
			}
			return
		}
	}
	t.Errorf("no %s vote from %s on %q stored; the file holds %+v", value, user, question, votes)
}

func TestFeedbackValueFitsSlack(t *testing.T) {
	long := ""
	for range 1900 {
		long += "<&\\\""
	}
	for _, q := range []string{"What did JPMorgan say?", long} {
		v := feedbackValue{AnswerID: "0123456789abcdef", Vote: "down", Question: q, Mode: bot.ModeLLM}.encode()
		if n := len([]rune(v)); n > maxButtonValue {
			t.Errorf("button value of %d characters, over Slack's %d", n, maxButtonValue)
		}
	}
}
