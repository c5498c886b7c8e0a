package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"regexp"
	"strings"

	"github.com/privacybot/privacybot/bot"
	"github.com/privacybot/privacybot/corpus"
)

// evalCase is one line of a question file in the format of
// ../shared/eval/README.md, plus History for follow-up questions.
type evalCase struct {
	ID         string   `json:"id"`
	Q          string   `json:"q"`
	Kind       string   `json:"kind"`
	QuoteAny   []string `json:"quote_any"`
	MentionAll []string `json:"mention_all"`
	MentionAny []string `json:"mention_any"`
	CiteAny    []string `json:"cite_any"`
	Entity     string   `json:"entity"`
	// History holds earlier questions of the conversation, oldest first.
	History []string `json:"history"`
}

// runEval runs a question file and scores each answer as
// ../shared/tools/score-eval does: privacybot eval FILE.
func (a *App) runEval(ctx context.Context, args []string) error {
	fs, cf := a.newFlagSet("eval")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("eval: give one question file (JSON lines), e.g. privacybot eval eval/questions.jsonl")
	}
	cases, err := readEvalFile(pos[0])
	if err != nil {
		return err
	}
	eng, lib, err := a.openEngine(ctx, cf, a.logger(slog.LevelWarn))
	if err != nil {
		return err
	}
	defer lib.Close()
	passed, failed, unfaithful := 0, 0, 0
	for _, c := range cases {
		problems, bad, err := scoreCase(ctx, eng, lib, c)
		if err != nil {
			return err
		}
		unfaithful += bad
		if len(problems) == 0 {
			passed++
			continue
		}
		failed++
		for _, p := range problems {
			fmt.Fprintf(a.Stdout, "%s (%s): %s\n", c.ID, truncate(c.Q, 50), p)
		}
	}
	fmt.Fprintf(a.Stdout, "unfaithful quotes: %d\n", unfaithful)
	fmt.Fprintf(a.Stdout, "%d passed, %d failed\n", passed, failed)
	if failed > 0 || unfaithful > 0 {
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

// quotedRe finds spans of 25+ characters shown in quotation marks.
var quotedRe = regexp.MustCompile("[\"\u201c]([^\"\u201c\u201d]{25,})[\"\u201d]")

// scoreCase asks one question and returns what is wrong with the answer,
// and how many of its quotations are not verbatim in their sources, which
// are in cat's corpus.
func scoreCase(ctx context.Context, eng *bot.Engine, cat bot.Catalog, c evalCase) ([]string, int, error) {
	var hist []bot.Turn
	for _, h := range c.History {
		q, err := bot.ParseQuestion(h)
		if err != nil {
			return nil, 0, fmt.Errorf("%s: history question %q: %w", c.ID, h, err)
		}
		q.History = hist
		a, err := eng.Answer(ctx, q)
		if err != nil {
			return nil, 0, fmt.Errorf("%s: history question %q: %w", c.ID, h, err)
		}
		hist = append(hist, bot.Turn{Question: h, Answer: a.Text})
	}
	q, err := bot.ParseQuestion(c.Q)
	if err != nil {
		return []string{"error: " + err.Error()}, 0, nil
	}
	q.History = hist
	ans, err := eng.Answer(ctx, q)
	if err != nil {
		return []string{"error: " + err.Error()}, 0, nil
	}
	corpus := cat.Snapshot().Corpus
	var problems []string
	unfaithful := 0
	cited := map[string]bool{}
	for _, s := range ans.Sources {
		cited[s.ID] = true
	}
	quotes := ans.Quotes()
	for _, q := range quotes {
		for _, ct := range q.Citations {
			cited[ct.Source] = true
			src, err := corpus.Get(ct.Source)
			if err != nil || ct.End > len(src.Text) || ct.Start < 0 || ct.Start > ct.End || norm(src.Text[ct.Start:ct.End]) != norm(q.Text) {
				problems = append(problems, fmt.Sprintf("quote not verbatim at its offsets in %s: %q", ct.Source, truncate(q.Text, 80)))
				unfaithful++
			}
		}
	}
	for _, m := range quotedRe.FindAllStringSubmatch(ans.Text, -1) {
		found := false
		for _, s := range corpus.Sources {
			if strings.Contains(norm(s.Text), norm(m[1])) {
				found = true
				break
			}
		}
		if !found {
			problems = append(problems, fmt.Sprintf("answer shows a quotation not found in any source: %q", truncate(m[1], 80)))
			unfaithful++
		}
	}
	lower := norm(ans.Text)
	if c.Kind == "quote" {
		ok := false
		texts := []string{ans.Text}
		for _, q := range quotes {
			texts = append(texts, q.Text)
		}
		for _, e := range c.QuoteAny {
			for _, t := range texts {
				if overlaps(e, t) {
					ok = true
				}
			}
		}
		if !ok {
			problems = append(problems, "none of the expected quotes was given")
		}
	}
	for _, m := range c.MentionAll {
		if !strings.Contains(lower, norm(m)) {
			problems = append(problems, fmt.Sprintf("answer does not mention %q", m))
		}
	}
	if len(c.MentionAny) > 0 {
		ok := false
		for _, m := range c.MentionAny {
			if strings.Contains(lower, norm(m)) {
				ok = true
			}
		}
		if !ok {
			problems = append(problems, fmt.Sprintf("answer mentions none of %q", c.MentionAny))
		}
	}
	if len(c.CiteAny) > 0 && !citesAny(corpus, cited, c.CiteAny) {
		problems = append(problems, fmt.Sprintf("cites none of %q", c.CiteAny))
	}
	switch c.Kind {
	case "abstain":
		if len(quotes) > 0 {
			problems = append(problems, "quoted sources for a question the corpus cannot answer")
		}
		if strings.TrimSpace(ans.Text) == "" {
			problems = append(problems, "empty answer")
		}
	case "noquote":
		if c.Entity != "" {
			ent := norm(c.Entity)
			for _, q := range quotes {
				if strings.Contains(norm(q.Speaker+" "+q.Organization), ent) {
					problems = append(problems, fmt.Sprintf("attributed a quote to %q, who gave none", c.Entity))
					break
				}
			}
		}
	}
	return problems, unfaithful, nil
}

func citesAny(corpus *corpus.Corpus, cited map[string]bool, refs []string) bool {
	for _, r := range refs {
		src, err := corpus.Get(r)
		if err == nil && cited[src.ID] {
			return true
		}
	}
	return false
}

var normReplacer = strings.NewReplacer("\u201c", "\"", "\u201d", "\"", "\u2018", "'", "\u2019", "'", "\u2014", "-", "\u2013", "-")

// norm folds quotation marks, dashes, case and spacing, as score-eval does.
func norm(s string) string {
	s = strings.ToLower(strings.Join(strings.Fields(normReplacer.Replace(s)), " "))
	return strings.Trim(s, " .,;:\"'")
}

// overlaps reports whether the expected span was given: it lies inside
// what was given, or what was given (12+ characters) lies inside it.
func overlaps(expected, got string) bool {
	e, g := norm(expected), norm(got)
	if e == "" || g == "" {
		return false
	}
	return strings.Contains(g, e) || (len(g) >= 12 && strings.Contains(e, g))
}
