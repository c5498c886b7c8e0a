package bot

import (
	"fmt"
	"strings"

	"github.com/privacybot/privacybot/quote"
)

// SourceInfo describes one source and how many quotes it holds.
type SourceInfo struct {
	SourceRef
	Author string `json:"author,omitempty"`
	Quotes int    `json:"quotes"`
}

// SourceDetail is one source in full: metadata, text and its quotes.
type SourceDetail struct {
	SourceInfo
	// Text is the article body.
	Text string `json:"text"`
	// Groups holds the source's quotes and silences by speaker.
	Groups []SpeakerGroup `json:"-"`
	// Ledger holds the source's quotes as extracted.
	Ledger []quote.Quote `json:"ledger"`
}

// Sources lists every source with its quote count, in id order.
func (e *Engine) Sources() []SourceInfo {
	snap := e.lib.Snapshot()
	counts := map[string]int{}
	for _, q := range snap.Ledger.Quotes {
		counts[q.Source]++
	}
	var out []SourceInfo
	for _, s := range snap.Corpus.Sources {
		out = append(out, SourceInfo{SourceRef: RefOf(s), Author: s.Author, Quotes: counts[s.ID]})
	}
	return out
}

// Source returns one source by id or id prefix ("001"). The error wraps
// [corpus.ErrUnknownSource] or [corpus.ErrAmbiguousSource].
func (e *Engine) Source(ref string) (SourceDetail, error) {
	snap := e.lib.Snapshot()
	src, err := snap.Corpus.Get(ref)
	if err != nil {
		return SourceDetail{}, fmt.Errorf("source: %w", err)
	}
	led := snap.Ledger
	var qs []quote.Quote
	var ss []quote.Silence
	for _, q := range led.Quotes {
		if q.Source == src.ID {
			qs = append(qs, q)
		}
	}
	for _, s := range led.Silences {
		if s.Source == src.ID {
			ss = append(ss, s)
		}
	}
	return SourceDetail{
		SourceInfo: SourceInfo{SourceRef: RefOf(src), Author: src.Author, Quotes: len(qs)},
		Text:       strings.TrimSpace(src.Text[src.Body:]),
		Groups:     groupQuotes(qs, ss),
		Ledger:     qs,
	}, nil
}

// QuotesBy returns everything a person or organization said, matched
// through aliases ("Citi", "JP Morgan"), grouped by speaker.
func (e *Engine) QuotesBy(name string) []SpeakerGroup {
	qs, ss := e.lib.Snapshot().Ledger.BySpeaker(name)
	return groupQuotes(qs, ss)
}
