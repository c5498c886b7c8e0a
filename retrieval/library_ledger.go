package retrieval

import (
	"os"
	"path/filepath"

	"github.com/privacybot/privacybot/corpus"
	"github.com/privacybot/privacybot/quote"
)

// openLedger returns the ledger of the corpus: the saved one when it was
// extracted from the same corpus by the same program, else a new one, which
// it then saves. Failing to save is not an error: the next Open extracts
// again. Extracting reports to progress (nil for no reports).
func (l *Library) openLedger(c *corpus.Corpus, progress func(Progress)) *quote.Ledger {
	path, key := l.CacheFile(quote.LedgerFileName, c)
	if path != "" {
		if led, err := quote.ReadLedger(path, key, c, l.aliases); err == nil {
			return led
		}
	}
	var done func(int)
	if progress != nil {
		n := len(c.Sources)
		progress(Progress{Stage: StageQuotes, Total: n})
		done = func(d int) { progress(Progress{Stage: StageQuotes, Done: d, Total: n}) }
	}
	led := quote.BuildLedgerProgress(c, l.aliases, done)
	if path == "" {
		return led
	}
	if quote.WriteLedger(path, key, c, led) == nil {
		os.Remove(filepath.Join(filepath.Dir(path), "ledger.gob")) // the format before PBLEDG2
	}
	return led
}
