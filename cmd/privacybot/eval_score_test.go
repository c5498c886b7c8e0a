package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeQuestions writes cases as a question file and returns its path.
func writeQuestions(t *testing.T, cases ...map[string]any) string {
	t.Helper()
	var sb strings.Builder
	for _, c := range cases {
		b, err := json.Marshal(c)
		if err != nil {
			t.Fatal(err)
		}
		sb.Write(b)
		sb.WriteByte('\n')
	}
	p := filepath.Join(t.TempDir(), "q.jsonl")
	if err := os.WriteFile(p, []byte(sb.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// outLine returns the line of out that starts with prefix, or "".
func outLine(out, prefix string) string {
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, prefix) {
			return l
		}
	}
	return ""
}

// TestEvalCountsFalseAbstentionsAndFalseAnswers runs the real engine on the
// seeds: a question about someone absent, expected to be answered, is a
// false abstention; a question the seeds answer, expected to abstain, is a
// false answer; each is reported on its own line and fails the run.
func TestEvalCountsFalseAbstentionsAndFalseAnswers(t *testing.T) {
	p := writeQuestions(t,
		map[string]any{"id": "fa", "q": "What did Microsoft say?", "kind": "fact", "category": "who"},
		map[string]any{"id": "fan", "q": "What did US Bancorp say?", "kind": "abstain", "entity": "US Bancorp", "category": "abstain"},
		map[string]any{"id": "ok", "q": "What did Dana Ripley say?", "kind": "quote", "category": "who",
			"quote_any": []string{"We haven't shared any customer information or data with Facebook"}, "cite_any": []string{"004"}},
		map[string]any{"id": "ab", "q": "Who won the 2018 World Cup?", "kind": "abstain", "category": "abstain"},
	)
	code, out, errs := runApp(t, "", nil, "eval", p)
	if code != 1 {
		t.Fatalf("exit %d, want 1: %s\n%s", code, out, errs)
	}
	for prefix, want := range map[string]string{
		"false abstentions:": "false abstentions: 1",
		"false answers:":     "false answers: 1",
		"category who:":      "category who: 1 passed, 1 failed",
		"category abstain:":  "category abstain: 1 passed, 1 failed",
		"unfaithful quotes:": "unfaithful quotes: 0",
	} {
		if got := outLine(out, prefix); got != want {
			t.Errorf("line %q, want %q in:\n%s", got, want, out)
		}
	}
	if !strings.HasSuffix(out, "2 passed, 2 failed\n") {
		t.Errorf("last line is not the totals:\n%s", out)
	}
	if !strings.Contains(out, "fa (What did Microsoft say?): false abstention") || !strings.Contains(out, "fan (What did US Bancorp say?): false answer") {
		t.Errorf("failures not named:\n%s", out)
	}
}

// TestEvalCiteMinMaxWordsSpeaker checks the project's extra expectations on
// real answers: too few sources, too many words and a quotation from the
// wrong speaker each fail; met, they pass.
func TestEvalCiteMinMaxWordsSpeaker(t *testing.T) {
	q := "What did US Bancorp say?"
	p := writeQuestions(t,
		map[string]any{"id": "min1", "q": q, "kind": "fact", "cite_min": 1, "max_words": 200, "speaker_any": []string{"Ripley"}},
		map[string]any{"id": "min9", "q": q, "kind": "fact", "cite_min": 9},
		map[string]any{"id": "words", "q": q, "kind": "fact", "max_words": 3},
		map[string]any{"id": "who", "q": q, "kind": "fact", "speaker_any": []string{"Wexler"}},
	)
	code, out, _ := runApp(t, "", nil, "eval", p)
	if code != 1 {
		t.Fatalf("exit %d, want 1:\n%s", code, out)
	}
	for _, want := range []string{"min9 (", "fewer than 9", "words (", "more than 3", "who (", `quotes none of ["Wexler"]`, "1 passed, 3 failed"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "min1 (") {
		t.Errorf("the met expectations failed:\n%s", out)
	}
}

// TestEvalSeveralFiles runs two question files in one run.
func TestEvalSeveralFiles(t *testing.T) {
	a := writeQuestions(t, map[string]any{"id": "a", "q": "What did Citigroup say?", "kind": "quote",
		"quote_any": []string{"safeguarding the security and privacy of our customers' data"}})
	b := writeQuestions(t, map[string]any{"id": "b", "q": "What is the capital of France?", "kind": "abstain"})
	code, out, errs := runApp(t, "", nil, "eval", a, b)
	if code != 0 || !strings.HasSuffix(out, "2 passed, 0 failed\n") {
		t.Errorf("exit %d:\n%s\n%s", code, out, errs)
	}
}

func TestAnswerWords(t *testing.T) {
	for text, want := range map[string]int{
		"":               0,
		"One two three.": 3,
		"Facebook asked banks [001] [p003, p007] for data -- twice.\n\nSources:\n[001] A title with words\n": 6,
		"Sources:\n[001] only sources\n":                0,
		"A line • with a bullet\n  “quoted words” here": 8,
	} {
		if got := answerWords(text); got != want {
			t.Errorf("answerWords(%q) = %d, want %d", text, got, want)
		}
	}
}
