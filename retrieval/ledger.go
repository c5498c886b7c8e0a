package retrieval

import (
	"sort"
	"sync"
)

// Ledger is the quote ledger of a corpus: every direct quotation and every
// recorded non-answer, sorted by source id, then offset.
type Ledger struct {
	Quotes   []Quote
	Silences []Silence
	al       *Aliases
	ixOnce   sync.Once
	ix       *speakerIndex
}

// BuildLedger extracts the quotes and silences of every source in c. al may
// be nil for the default aliases.
func BuildLedger(c *Corpus, al *Aliases) *Ledger {
	if al == nil {
		al = DefaultAliases()
	}
	l := &Ledger{al: al}
	if c == nil {
		return l
	}
	for _, s := range c.Sources {
		qs, ss := Extract(s, al)
		l.Quotes = append(l.Quotes, qs...)
		l.Silences = append(l.Silences, ss...)
	}
	sort.SliceStable(l.Quotes, func(i, j int) bool {
		a, b := l.Quotes[i], l.Quotes[j]
		if a.Source != b.Source {
			return a.Source < b.Source
		}
		return a.Start < b.Start
	})
	sort.SliceStable(l.Silences, func(i, j int) bool {
		a, b := l.Silences[i], l.Silences[j]
		if a.Source != b.Source {
			return a.Source < b.Source
		}
		return a.Start < b.Start
	})
	return l
}
