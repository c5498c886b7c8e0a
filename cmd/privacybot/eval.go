package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"strings"
)

// evalCase is one line of a question file in the format of
// ../shared/eval/README.md, plus the project's own fields (eval/README.md).
type evalCase struct {
	ID         string   `json:"id"`
	Q          string   `json:"q"`
	Kind       string   `json:"kind"`
	QuoteAny   []string `json:"quote_any"`
	MentionAll []string `json:"mention_all"`
	MentionAny []string `json:"mention_any"`
	CiteAny    []string `json:"cite_any"`
	// CiteMin is how many different sources the answer must cite at least.
	CiteMin int    `json:"cite_min"`
	Entity  string `json:"entity"`
	// History holds earlier questions of the conversation, oldest first.
	History []string `json:"history"`
	// Category names what the question tests; passes are counted by it.
	Category string `json:"category"`
	// MaxWords bounds the words of the answer before its sources list.
	MaxWords int `json:"max_words"`
	// SpeakerAny asks for a quotation attributed to one of these names.
	SpeakerAny []string `json:"speaker_any"`
}

// evalTally counts the results of a run.
type evalTally struct {
	passed, failed, unfaithful  int
	falseAbstains, falseAnswers int
	categories                  []string
	catPassed, catFailed        map[string]int
}

// add counts one scored case.
func (t *evalTally) add(c evalCase, r evalResult) {
	if t.catPassed == nil {
		t.catPassed, t.catFailed = map[string]int{}, map[string]int{}
	}
	t.unfaithful += r.unfaithful
	if r.falseAbstention {
		t.falseAbstains++
	}
	if r.falseAnswer {
		t.falseAnswers++
	}
	if c.Category != "" && t.catPassed[c.Category]+t.catFailed[c.Category] == 0 {
		t.categories = append(t.categories, c.Category)
	}
	if len(r.problems) == 0 {
		t.passed++
		t.catPassed[c.Category]++
		return
	}
	t.failed++
	t.catFailed[c.Category]++
}

// runEval runs question files and scores each answer as
// ../shared/tools/score-eval does, and more (eval/README.md):
// privacybot eval FILE...
func (a *App) runEval(ctx context.Context, args []string) error {
	fs, cf := a.newFlagSet("eval")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return usagef("eval: give a question file (JSON lines), e.g. privacybot eval eval/questions.jsonl")
	}
	var cases []evalCase
	for _, p := range pos {
		cs, err := readEvalFile(p)
		if err != nil {
			return err
		}
		cases = append(cases, cs...)
	}
	eng, lib, err := a.openEngine(ctx, cf, a.logger(slog.LevelWarn))
	if err != nil {
		return err
	}
	defer lib.Close()
	var t evalTally
	for _, c := range cases {
		r, err := scoreCase(ctx, eng, lib, c)
		if err != nil {
			return err
		}
		t.add(c, r)
		for _, p := range r.problems {
			fmt.Fprintf(a.Stdout, "%s (%s): %s\n", c.ID, truncate(c.Q, 50), p)
		}
	}
	for _, cat := range t.categories {
		fmt.Fprintf(a.Stdout, "category %s: %d passed, %d failed\n", cat, t.catPassed[cat], t.catFailed[cat])
	}
	fmt.Fprintf(a.Stdout, "false abstentions: %d\n", t.falseAbstains)
	fmt.Fprintf(a.Stdout, "false answers: %d\n", t.falseAnswers)
	fmt.Fprintf(a.Stdout, "unfaithful quotes: %d\n", t.unfaithful)
	fmt.Fprintf(a.Stdout, "%d passed, %d failed\n", t.passed, t.failed)
	if t.failed > 0 || t.unfaithful > 0 {
		return errFailed
	}
	return nil
}

func readEvalFile(path string) ([]evalCase, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, usagef("eval: %v", err)
	}
	defer f.Close()
	var cases []evalCase
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "//") {
			continue
		}
		var c evalCase
		if err := json.Unmarshal([]byte(line), &c); err != nil {
			return nil, usagef("eval: %s line %d: %v", path, n, err)
		}
		if c.ID == "" {
			c.ID = fmt.Sprintf("line%d", n)
		}
		cases = append(cases, c)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	return cases, nil
}
