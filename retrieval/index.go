package retrieval

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/privacybot/privacybot/corpus"
	"github.com/privacybot/privacybot/quote"
)

// chunkKind is what a chunk is: a paragraph or a quotation.
type chunkKind uint8

const (
	kindParagraph chunkKind = 1 + iota
	kindQuote
)

// Hit kinds, as in [Hit].Kind and [SearchOptions].Kind.
const (
	KindParagraph = "paragraph"
	KindQuote     = "quote"
)

var kinds = []chunkKind{kindParagraph, kindQuote}

func (k chunkKind) String() string {
	switch k {
	case kindParagraph:
		return KindParagraph
	case kindQuote:
		return KindQuote
	}
	return "kind" + strconv.Itoa(int(k))
}

// parseKind reads a SearchOptions.Kind; "" means any kind (0).
func parseKind(s string) (chunkKind, error) {
	switch s {
	case "":
		return 0, nil
	case KindParagraph:
		return kindParagraph, nil
	case KindQuote:
		return kindQuote, nil
	}
	return 0, fmt.Errorf("unknown kind %q: want %q, %q or \"\"", s, KindParagraph, KindQuote)
}

// chunk is one indexed unit: a paragraph of a source, or a quotation from
// the ledger. Its text is not stored; it is sliced from the source.
type chunk struct {
	id     string
	kind   chunkKind
	source *corpus.Source
	span   corpus.Span
	quote  *quote.Quote // kindQuote only
	// numeric is whether the text states a quantity (see statesNumber);
	// set when the chunk is BM25-indexed.
	numeric bool
	// vec is the chunk's vector, held so that search reads it without a
	// GetByID per query: the very slice chromem-go stores when the index
	// was built in this process, a copy when it was imported from disk.
	vec []float32
}

// text returns the chunk's verbatim text.
func (c *chunk) text() string { return c.source.Slice(c.span) }

// indexText returns what is embedded and BM25-indexed: the text, and for a
// quotation also who said it, so "what did Wexler say" can match.
func (c *chunk) indexText() string {
	if c.quote == nil || (c.quote.Speaker == "" && c.quote.Organization == "") {
		return c.text()
	}
	return c.text() + " — " + strings.TrimSpace(c.quote.Speaker+" "+c.quote.Organization)
}

func chunkID(k chunkKind, src string, sp corpus.Span) string {
	p := "p"
	if k == kindQuote {
		p = "q"
	}
	return p + ":" + src + ":" + strconv.Itoa(sp.Start) + "-" + strconv.Itoa(sp.End)
}

// sourceChunks returns the chunks of one source: its paragraphs, then its
// quotations (which must belong to src). Duplicate spans are dropped.
func sourceChunks(src *corpus.Source, quotes []quote.Quote) []*chunk {
	out := make([]*chunk, 0, len(src.Paragraphs)+len(quotes))
	// The chunks live in one block, so a source's chunks cost one
	// allocation rather than one each.
	block := make([]chunk, 0, cap(out))
	dup := func(k chunkKind, sp corpus.Span) bool {
		for _, c := range out {
			if c.kind == k && c.span == sp {
				return true
			}
		}
		return false
	}
	var seen map[chunkKey]bool // only for long articles, where dup would be slow
	if cap(out) > 64 {
		seen = make(map[chunkKey]bool, cap(out))
	}
	add := func(c chunk) {
		if seen != nil {
			if seen[chunkKey{c.kind, c.span}] {
				return
			}
			seen[chunkKey{c.kind, c.span}] = true
		} else if dup(c.kind, c.span) {
			return
		}
		c.id = chunkID(c.kind, src.ID, c.span)
		block = append(block, c)
		out = append(out, &block[len(block)-1])
	}
	for _, p := range src.Paragraphs {
		if p.End <= p.Start {
			continue
		}
		add(chunk{kind: kindParagraph, source: src, span: p})
	}
	for i := range quotes {
		q := &quotes[i]
		sp := corpus.Span{Start: q.Start, End: q.End}
		if q.Source != src.ID || sp.End <= sp.Start || sp.End > len(src.Text) {
			continue
		}
		add(chunk{kind: kindQuote, source: src, span: sp, quote: q})
	}
	return out
}

// chunkKey is what makes a chunk of a source distinct.
type chunkKey struct {
	kind chunkKind
	span corpus.Span
}

// quotesBySource groups a ledger's quotations by source id. The groups are
// views of the ledger's own slice when, as the ledger keeps them, each
// source's quotations are together; otherwise they are copies.
func quotesBySource(l *quote.Ledger) map[string][]quote.Quote {
	m := map[string][]quote.Quote{}
	for i := 0; i < len(l.Quotes); {
		j := i + 1
		for j < len(l.Quotes) && l.Quotes[j].Source == l.Quotes[i].Source {
			j++
		}
		id := l.Quotes[i].Source
		if prev, ok := m[id]; ok {
			m[id] = append(slices.Clip(prev), l.Quotes[i:j]...) // copies: out of order
		} else {
			m[id] = l.Quotes[i:j:j]
		}
		i = j
	}
	return m
}

// chunkSetHash identifies a set of chunks and what is indexed for each
// beyond the source bytes (which the corpus hash covers): it changes when
// the ledger finds different quotes or speakers for the same corpus.
func chunkSetHash(c *corpus.Corpus, bySource map[string][]*chunk) string {
	h := sha256.New()
	// Sources are in id order and a source's chunks in text order, so no
	// sort is needed. Each source's part goes to the hash in one write:
	// millions of small writes cost more than the hashing.
	var b []byte
	for _, src := range c.Sources {
		b = b[:0]
		for _, ch := range bySource[src.ID] {
			b = append(append(b, ch.id...), 0)
			if ch.quote != nil {
				b = append(append(b, ch.quote.Speaker...), 0)
				b = append(append(b, ch.quote.Organization...), 0)
			}
		}
		h.Write(b)
	}
	return hex.EncodeToString(h.Sum(nil))
}
