package retrieval

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"

	"github.com/privacybot/privacybot/internal/flatfile"
)

// The BM25 index is saved beside the vectors, so that opening a saved
// index does not tokenize the corpus again. The encoding is a flat run of
// unsigned varints and length-prefixed strings:
//
//	slots, then per slot: id, kind, length, numeric (0 or 1)
//	free slots: count, slots
//	live, total length
//	fuzzy vocabulary: count, terms in order
//	postings: count, then per term: term, count, (slot, tf) pairs

// errBadLexical is wrapped by every decoding error of a saved BM25 index.
var errBadLexical = errors.New("damaged BM25 index")

// encode appends x to w; numeric reports, for a chunk id, whether it
// states a number.
func (x *bm25) encode(w io.Writer, numeric func(id string) bool) error {
	var b []byte
	flush := func() error {
		if len(b) < 1<<16 {
			return nil
		}
		_, err := w.Write(b)
		b = b[:0]
		return err
	}
	str := func(s string) { b = flatfile.AppendString(b, s) }
	num := func(n int64) { b = binary.AppendUvarint(b, uint64(n)) }

	num(int64(len(x.docs)))
	for _, d := range x.docs {
		str(d.id)
		num(int64(d.kind))
		num(int64(d.length))
		n := int64(0)
		if d.id != "" && numeric(d.id) {
			n = 1
		}
		num(n)
		if err := flush(); err != nil {
			return err
		}
	}
	num(int64(len(x.free)))
	for _, s := range x.free {
		num(int64(s))
	}
	num(int64(x.live))
	num(x.totalLen)
	num(int64(len(x.fuzzy.terms)))
	for _, t := range x.fuzzy.terms {
		str(t)
		if err := flush(); err != nil {
			return err
		}
	}
	terms := make([]string, 0, len(x.postings))
	for t := range x.postings {
		terms = append(terms, t)
	}
	slices.Sort(terms) // the same index gives the same bytes
	num(int64(len(terms)))
	for _, t := range terms {
		ps := x.postings[t]
		str(t)
		num(int64(len(ps)))
		for _, p := range ps {
			num(int64(p.doc))
			num(int64(p.tf))
		}
		if err := flush(); err != nil {
			return err
		}
	}
	_, err := w.Write(b)
	return err
}

// lexReader decodes what encode wrote, failing on anything out of range.
type lexReader struct{ flatfile.Reader }

// num reads a varint no larger than max.
func (r *lexReader) num(max int64, what string) int64 {
	v := int64(r.Num())
	if v > max {
		r.Fail("bad %s", what)
		return 0
	}
	return v
}

// str reads a string, copied.
func (r *lexReader) str() string { return strings.Clone(r.View()) }

// view is str without the copy: the string is a view of the data being
// decoded, which must never change. A chunk id is read as a view, as bind
// replaces it with the chunk's own id string: copying two million of them
// only to drop them cost an allocation each.
func (r *lexReader) view() string { return r.View() }

// rawBM25 is a decoded BM25 index whose chunk ids are not yet checked
// against the library's chunks.
type rawBM25 struct {
	x       *bm25 // slots is empty until bind
	numeric []bool
}

// decodeRawBM25 reads an index that encode wrote.
func decodeRawBM25(data []byte) (*rawBM25, error) {
	r := &lexReader{flatfile.Reader{B: data, Bad: errBadLexical}}
	x := newBM25()
	const maxLen = math.MaxInt32
	n := r.num(int64(len(data)), "slot count")
	x.docs = make([]bm25Doc, 0, n)
	numeric := make([]bool, 0, n)
	for i := int64(0); i < n && r.Err() == nil; i++ {
		id := r.view()
		kind := chunkKind(r.num(int64(kindQuote), "chunk kind"))
		length := int32(r.num(maxLen, "chunk length"))
		numeric = append(numeric, r.num(1, "numeric flag") == 1)
		if id != "" && kind == 0 {
			r.Fail("bad chunk kind")
		}
		x.docs = append(x.docs, bm25Doc{id: id, kind: kind, length: length})
	}
	slots := int64(len(x.docs))
	nf := r.num(slots, "free count")
	for i := int64(0); i < nf && r.Err() == nil; i++ {
		x.free = append(x.free, int32(r.num(slots-1, "free slot")))
	}
	x.live = int(r.num(slots, "live count"))
	x.totalLen = r.num(math.MaxInt64, "total length")
	nv := r.num(int64(len(data)), "vocabulary size")
	for i := int64(0); i < nv && r.Err() == nil; i++ {
		x.fuzzy.add(r.str())
	}
	nt := r.num(int64(len(data)), "term count")
	for i := int64(0); i < nt && r.Err() == nil; i++ {
		t := r.str()
		np := r.num(slots, "posting count")
		ps := make([]posting, 0, np)
		for j := int64(0); j < np && r.Err() == nil; j++ {
			ps = append(ps, posting{int32(r.num(slots-1, "posting slot")), int32(r.num(maxLen, "term frequency"))})
		}
		x.postings[t] = ps
	}
	if err := r.End(); err != nil {
		return nil, err
	}
	return &rawBM25{x: x, numeric: numeric}, nil
}

// bind checks every chunk of the index against the library's: chunk
// returns the chunk of an id and kind, or nil when the library expects no
// such chunk. The index then shares the chunks' id strings, and each
// chunk's numeric flag is set.
//
// order, when not nil, is the library's chunks in the order they were most
// likely indexed (corpus order, as a build indexes them): a saved slot that
// holds the next chunk of order is bound without a lookup, which at two
// million chunks saves seconds of hash-map misses. Any other slot is looked
// up with lookup.
func (r *rawBM25) bind(lookup func(id string, kind chunkKind) *chunk, order []*chunk) (*bm25, error) {
	x := r.x
	x.slots = make(map[string]int32, x.live)
	next := 0
	for i := range x.docs {
		d := &x.docs[i]
		if d.id == "" {
			continue
		}
		var c *chunk
		if next < len(order) && order[next].id == d.id && order[next].kind == d.kind {
			c = order[next]
			next++
		} else {
			c = lookup(d.id, d.kind)
		}
		if c == nil {
			return nil, fmt.Errorf("%w: chunk %q is not in the corpus", errBadLexical, d.id)
		}
		if _, dup := x.slots[c.id]; dup {
			return nil, fmt.Errorf("%w: chunk %q twice", errBadLexical, d.id)
		}
		c.numeric = r.numeric[i]
		d.id = c.id
		x.slots[c.id] = int32(i)
	}
	if x.live != len(x.slots) {
		return nil, fmt.Errorf("%w: %d live chunks, %d ids", errBadLexical, x.live, len(x.slots))
	}
	return x, nil
}
