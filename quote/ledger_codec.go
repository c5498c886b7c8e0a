package quote

import (
	"encoding/binary"
	"errors"
	"strings"

	"github.com/privacybot/privacybot/corpus"
	"github.com/privacybot/privacybot/internal/flatfile"
)

// The saved ledger is a flat run of unsigned varints and length-prefixed
// strings, decoded in a few tens of milliseconds where gob took seconds at
// 100,000 articles:
//
//	strings: count, then each | quotes: count, then each | silences:
//	count, then each
//
// sealed in a flatfile with the ledger's key (corpus and program).
//
// Every name (source id, speaker, role, organization, verb, kind) is an
// index into the string table, so each distinct name is held once. A
// quotation's or silence's text is not stored when it is exactly
// Source.Text[Start:End], as extraction makes it: it is sliced from the
// source on reading, so the ledger holds no copy of the corpus text.

// errBadLedger is wrapped by every decoding error of a saved ledger.
var errBadLedger = errors.New("damaged ledger file")

// ledgerEntry is what a Quote and a Silence share in the file.
type ledgerEntry struct {
	source, text                      string
	start, end                        int
	speaker, role, organization, word string // word: the verb or the kind
	paragraph                         int
}

// span returns the part of e that a Quote and a Silence share.
func (e ledgerEntry) span() Span {
	return Span{Source: e.source, Text: e.text, Start: e.start, End: e.end,
		Speaker: e.speaker, Role: e.role, Organization: e.organization}
}

type ledgerWriter struct {
	b    []byte
	strs map[string]uint64
	tab  []string
	c    *corpus.Corpus
}

func (w *ledgerWriter) num(n int) { w.b = binary.AppendUvarint(w.b, uint64(n)) }

func (w *ledgerWriter) str(s string) { w.b = flatfile.AppendString(w.b, s) }

// ref returns the index of s in the string table, adding it.
func (w *ledgerWriter) ref(s string) int {
	i, ok := w.strs[s]
	if !ok {
		i = uint64(len(w.tab))
		w.strs[s] = i
		w.tab = append(w.tab, s)
	}
	return int(i)
}

// entry appends e as references and numbers; the text is stored only when
// it is not the source's bytes at its offsets.
func (w *ledgerWriter) entry(out *[]byte, e ledgerEntry) {
	w.b, *out = *out, w.b
	defer func() { w.b, *out = *out, w.b }()
	w.num(w.ref(e.source))
	w.num(e.start)
	w.num(e.end)
	if src, ok := w.c.ByID(e.source); ok && e.start >= 0 && e.start <= e.end && e.end <= len(src.Text) && src.Text[e.start:e.end] == e.text {
		w.num(0)
	} else {
		w.num(1)
		w.str(e.text)
	}
	w.num(w.ref(e.speaker))
	w.num(w.ref(e.role))
	w.num(w.ref(e.organization))
	w.num(w.ref(e.word))
	w.num(e.paragraph)
}

// encodeLedger returns the saved form of led, extracted from c.
func encodeLedger(key string, c *corpus.Corpus, led *Ledger) ([]byte, error) {
	w := &ledgerWriter{strs: map[string]uint64{}, c: c}
	var body []byte
	body = binary.AppendUvarint(body, uint64(len(led.Quotes)))
	for _, q := range led.Quotes {
		w.entry(&body, ledgerEntry{q.Source, q.Text, q.Start, q.End, q.Speaker, q.Role, q.Organization, q.Verb, q.Paragraph})
	}
	body = binary.AppendUvarint(body, uint64(len(led.Silences)))
	for _, s := range led.Silences {
		w.entry(&body, ledgerEntry{s.Source, s.Text, s.Start, s.End, s.Speaker, s.Role, s.Organization, s.Kind, s.Paragraph})
	}
	w.num(len(w.tab))
	for _, s := range w.tab {
		w.str(s)
	}
	return flatfile.Seal(ledgerMagic, key, append(w.b, body...)), nil
}

// decodeLedger reads a saved ledger of corpus c, checking its key.
func decodeLedger(b []byte, key string, c *corpus.Corpus) (*Ledger, error) {
	r, err := flatfile.Open(b, ledgerMagic, key, errBadLedger)
	if err != nil {
		return nil, err
	}
	tab := make([]string, r.Count(1))
	for i := range tab {
		tab[i] = r.View()
	}
	ref := func() string {
		i := r.Num()
		if r.Err() == nil && i >= len(tab) {
			r.Fail("string %d of %d", i, len(tab))
		}
		if r.Err() != nil {
			return ""
		}
		return tab[i]
	}
	entry := func() (e ledgerEntry) {
		e.source = ref()
		e.start, e.end = r.Num(), r.Num()
		if stored := r.Num(); stored != 0 {
			e.text = strings.Clone(r.View())
		} else if r.Err() == nil {
			src, ok := c.ByID(e.source)
			if !ok || e.start > e.end || e.end > len(src.Text) {
				r.Fail("span %d-%d of %q is not in the corpus", e.start, e.end, e.source)
			} else {
				e.text = src.Text[e.start:e.end]
			}
		}
		e.speaker, e.role, e.organization, e.word = ref(), ref(), ref(), ref()
		e.paragraph = r.Num()
		return e
	}
	led := &Ledger{}
	led.Quotes = decodeEntries(r, entry, func(e ledgerEntry) Quote {
		return Quote{Span: e.span(), Verb: e.word, Paragraph: e.paragraph}
	})
	led.Silences = decodeEntries(r, entry, func(e ledgerEntry) Silence {
		return Silence{Span: e.span(), Kind: e.word, Paragraph: e.paragraph}
	})
	if err := r.End(); err != nil {
		return nil, err
	}
	return led, nil
}

// decodeEntries reads a count and that many entries, each made a T by
// conv, straight into a slice of its final size (an entry takes at least 9
// bytes): growing the slice by appending copied hundreds of megabytes at
// 100,000 articles. It returns nil for none.
func decodeEntries[T any](r *flatfile.Reader, entry func() ledgerEntry, conv func(ledgerEntry) T) []T {
	n := r.Count(9)
	if n == 0 {
		return nil
	}
	out := make([]T, n)
	for i := range out {
		out[i] = conv(entry())
	}
	return out
}
