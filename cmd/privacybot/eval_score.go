package main

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"unicode"

	"github.com/privacybot/privacybot/bot"
	"github.com/privacybot/privacybot/corpus"
)

// quotedRe finds spans of 25+ characters shown in quotation marks.
var quotedRe = regexp.MustCompile("[\"\u201c]([^\"\u201c\u201d]{25,})[\"\u201d]")

// evalResult is what scoring one question found.
type evalResult struct {
	// problems lists what is wrong with the answer; empty when it passed.
	problems []string
	// unfaithful counts quotations not verbatim in their sources.
	unfaithful int
	// falseAbstention: the answer abstained, but the question expects an
	// answer (any kind but abstain).
	falseAbstention bool
	// falseAnswer: the question is one the corpus cannot answer (kind
	// abstain), but the answer quoted or cited something.
	falseAnswer bool
}

// scoreCase asks one question, after its history, and scores the answer
// against the sources of cat's corpus.
func scoreCase(ctx context.Context, eng *bot.Engine, cat bot.Catalog, c evalCase) (evalResult, error) {
	var hist []bot.Turn
	for _, h := range c.History {
		q, err := bot.ParseQuestion(h)
		if err != nil {
			return evalResult{}, fmt.Errorf("%s: history question %q: %w", c.ID, h, err)
		}
		q.History = hist
		a, err := eng.Answer(ctx, q)
		if err != nil {
			return evalResult{}, fmt.Errorf("%s: history question %q: %w", c.ID, h, err)
		}
		hist = append(hist, bot.Turn{Question: h, Answer: a.Text})
	}
	q, err := bot.ParseQuestion(c.Q)
	if err != nil {
		return evalResult{problems: []string{"error: " + err.Error()}}, nil
	}
	q.History = hist
	ans, err := eng.Answer(ctx, q)
	if err != nil {
		return evalResult{problems: []string{"error: " + err.Error()}}, nil
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
	if n := citedCount(corpus, cited); c.CiteMin > 0 && n < c.CiteMin {
		problems = append(problems, fmt.Sprintf("cites %d sources, fewer than %d", n, c.CiteMin))
	}
	if n := answerWords(ans.Text); c.MaxWords > 0 && n > c.MaxWords {
		problems = append(problems, fmt.Sprintf("answer has %d words before its sources, more than %d", n, c.MaxWords))
	}
	if len(c.SpeakerAny) > 0 && !quotesSpeaker(quotes, c.SpeakerAny) {
		problems = append(problems, fmt.Sprintf("quotes none of %q", c.SpeakerAny))
	}
	r := evalResult{unfaithful: unfaithful}
	switch c.Kind {
	case "abstain":
		if len(quotes) > 0 {
			problems = append(problems, "quoted sources for a question the corpus cannot answer")
		}
		if !ans.Abstained() {
			r.falseAnswer = true
			problems = append(problems, "false answer: answered a question the corpus cannot answer")
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
	if c.Kind != "abstain" && ans.Abstained() {
		r.falseAbstention = true
		problems = append(problems, "false abstention: said the sources are silent on a question they answer")
	}
	r.problems = problems
	return r, nil
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

// citedCount is how many different sources of corpus the answer cites.
func citedCount(corpus *corpus.Corpus, cited map[string]bool) int {
	n := 0
	for id := range cited {
		if _, ok := corpus.ByID(id); ok {
			n++
		}
	}
	return n
}

// quotesSpeaker reports whether a quotation is attributed (speaker or
// organization) to a name containing one of names.
func quotesSpeaker(quotes []bot.QuoteItem, names []string) bool {
	for _, q := range quotes {
		who := norm(q.Speaker + " " + q.Organization)
		for _, n := range names {
			if n = norm(n); n != "" && strings.Contains(who, n) {
				return true
			}
		}
	}
	return false
}

// citationRe finds citation markers such as [001] or [p003, p007].
var citationRe = regexp.MustCompile(`\[[^\]\n]{1,60}\]`)

// answerWords counts the words a reader sees before the answer's sources
// list: the text up to a line "Sources:", without citation markers, split
// at white space, counting the tokens that hold a letter or a digit.
func answerWords(text string) int {
	if strings.HasPrefix(text, "Sources:\n") {
		text = ""
	} else if i := strings.LastIndex(text, "\nSources:\n"); i >= 0 {
		text = text[:i]
	}
	n := 0
	for _, w := range strings.Fields(citationRe.ReplaceAllString(text, " ")) {
		if strings.IndexFunc(w, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0 {
			n++
		}
	}
	return n
}
