package fit

import (
	"fmt"
	"os"
	"regexp"
	"strings"

	"github.com/privacybot/privacybot/quote/internal/model"
	"github.com/privacybot/privacybot/quote/internal/rank"
)

// The labels of the examples: a gold speaker mention is read as the
// attribution scorer reads it (its capitalized words, minus pronouns and
// titles), and a candidate is right when it shares one of them.
var (
	capWord = regexp.MustCompile(`[A-Z][\p{L}\p{N}_'’.-]+`)
	anyWord = regexp.MustCompile(`[A-Za-z][\p{L}\p{N}_'’.-]*`)
	possRe  = regexp.MustCompile(`['’]s$`)
	stop    = map[string]bool{"the": true, "he": true, "she": true, "they": true, "it": true, "his": true, "her": true, "their": true, "its": true, "we": true, "i": true, "you": true, "a": true, "an": true, "this": true, "that": true, "who": true, "mr": true, "mrs": true, "ms": true, "dr": true, "sen": true, "rep": true, "gov": true, "president": true}
)

// tok normalizes a word as the attribution scorer does.
func tok(w string) string {
	return strings.Trim(possRe.ReplaceAllString(strings.ToLower(w), ""), ".’'-")
}

// nameSet is the set of name tokens in a speaker mention, as the scorer
// reads them.
func nameSet(s string) map[string]bool {
	out := map[string]bool{}
	for _, w := range capWord.FindAllString(s, -1) {
		if t := tok(w); !stop[t] && len(t) > 1 {
			out[t] = true
		}
	}
	return out
}

func tokSet(s string) map[string]bool {
	out := map[string]bool{}
	for _, w := range anyWord.FindAllString(s, -1) {
		if t := tok(w); len(t) > 1 {
			out[t] = true
		}
	}
	return out
}

// anaphorExample is the example of a quotation whose gold speaker is a
// pronoun or a description, when the rules attributed it by resolving one
// next to the quotation: their reading is labelled right.
func anaphorExample(e rank.Event, art int, index model.Index, grow bool) (example, bool) {
	if len(e.Cands) != 2 || len(e.Cands[0].Feats) == 0 || e.Cands[0].Feats[0] != "rule" {
		return example{}, false
	}
	ana := false
	for _, f := range e.Cands[0].Feats {
		ana = ana || strings.HasPrefix(f, "rule.ana.") && !strings.Contains(f, "&") && !strings.Contains(f, "|")
	}
	if !ana {
		return example{}, false
	}
	ex := example{rule: 0, art: art, anaphor: true}
	for ci, c := range e.Cands {
		ex.feats = append(ex.feats, index.IDs(c.Feats, grow))
		ex.right = append(ex.right, ci == 0)
		if os.Getenv("DUMP") != "" {
			ex.dbg = append(ex.dbg, fmt.Sprintf("%q/%q %v", c.Name, c.Org, c.Feats))
		}
	}
	if os.Getenv("DUMP") != "" {
		ex.dbg = append([]string{fmt.Sprintf("p%03d anaphor", art)}, ex.dbg...)
	}
	return ex, true
}

// named counts the examples of quotations the gold attributes to a name.
func named(exs []example) int {
	n := 0
	for _, ex := range exs {
		if !ex.anaphor {
			n++
		}
	}
	return n
}

// reach counts the examples of named quotations that have a right
// candidate: the recall of the candidates.
func reach(exs []example) int {
	n := 0
	for _, ex := range exs {
		if ex.anaphor {
			continue
		}
		for _, r := range ex.right {
			if r {
				n++
				break
			}
		}
	}
	return n
}
