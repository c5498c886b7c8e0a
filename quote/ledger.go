package quote

import (
	"runtime"
	"sort"
	"sync"

	"github.com/privacybot/privacybot/corpus"
	"github.com/privacybot/privacybot/internal/pool"
)

// Ledger is the quote ledger of a corpus: every direct quotation and every
// recorded non-answer, sorted by source id, then offset.
type Ledger struct {
	// Quotes are the direct quotations, by source id, then offset.
	Quotes []Quote
	// Silences are the recorded non-answers, in the same order.
	Silences []Silence
	al       *Aliases
	ixOnce   sync.Once
	ix       *speakerIndex
}

// BuildLedger extracts the quotes and silences of every source in c. al may
// be nil for the default aliases.
func BuildLedger(c *corpus.Corpus, al *Aliases) *Ledger { return BuildLedgerProgress(c, al, nil) }

// BuildLedgerProgress is [BuildLedger] reporting, when progress is not nil,
// how many sources of c it has read: progress(done) is called after each
// source, with done counting up to len(c.Sources). The extraction runs on
// several goroutines, but the calls never overlap and done never goes down.
func BuildLedgerProgress(c *corpus.Corpus, al *Aliases, progress func(done int)) *Ledger {
	if al == nil {
		al = DefaultAliases()
	}
	l := &Ledger{al: al}
	if c == nil {
		return l
	}
	// Extraction is the slowest part of opening a large corpus, and each
	// source is independent, so it runs on every CPU; results are joined
	// in source order, as a serial loop would.
	qss := make([][]Quote, len(c.Sources))
	sss := make([][]Silence, len(c.Sources))
	workers := min(runtime.GOMAXPROCS(0), max(1, len(c.Sources)/16))
	var (
		doneMu sync.Mutex
		done   int
	)
	pool.Each(workers, len(c.Sources), func(i int) {
		qss[i], sss[i] = Extract(c.Sources[i], al)
		if progress != nil {
			doneMu.Lock()
			done++
			progress(done)
			doneMu.Unlock()
		}
	})
	for i := range c.Sources {
		l.Quotes = append(l.Quotes, qss[i]...)
		l.Silences = append(l.Silences, sss[i]...)
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
