package retrieval

import (
	"github.com/privacybot/privacybot/corpus"
	"github.com/privacybot/privacybot/quote"
)

// Snapshot is one generation of a [Library]'s sources and their quotes:
// the corpus and the ledger extracted from it, read together. Add and
// Remove replace both at once under the library's lock, so a Snapshot
// never holds the corpus of one generation and the ledger of another.
// Neither is ever changed; both must not be modified.
type Snapshot struct {
	// Corpus is the sources.
	Corpus *corpus.Corpus
	// Ledger is the quotes and silences of Corpus.
	Ledger *quote.Ledger
}

// Snapshot returns the library's current corpus and ledger, read together.
// A Search made later runs over the index as it is then, which an Add or
// Remove in between has changed in place; callers that must not mix two
// generations keep only the hits whose text is at its span in the
// snapshot's source of that id.
func (l *Library) Snapshot() Snapshot {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return Snapshot{Corpus: l.corpus, Ledger: l.ledger}
}
