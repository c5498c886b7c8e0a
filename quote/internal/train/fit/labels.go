package fit

import (
	"fmt"
	"os"
	"strings"

	"github.com/privacybot/privacybot/quote/internal/model"
	"github.com/privacybot/privacybot/quote/internal/rank"
)

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
