package retrieval

import (
	"encoding/binary"
	"fmt"
	"unsafe"
)

// varintReader decodes the flat files of varints and length-prefixed
// strings that the ledger and the corpus snapshot are saved in. It keeps
// the first error, wrapping bad, and returns zeros after it, so a decoder
// reads on and checks once.
type varintReader struct {
	b   []byte
	bad error
	err error
}

func (r *varintReader) fail(format string, args ...any) {
	if r.err == nil {
		r.err = fmt.Errorf("%w: "+format, append([]any{r.bad}, args...)...)
	}
}

// num reads an unsigned varint.
func (r *varintReader) num() int {
	if r.err != nil {
		return 0
	}
	n, k := binary.Uvarint(r.b)
	if k <= 0 || n > 1<<40 {
		r.fail("bad number")
		return 0
	}
	r.b = r.b[k:]
	return int(n)
}

// int reads a signed varint.
func (r *varintReader) int() int64 {
	if r.err != nil {
		return 0
	}
	n, k := binary.Varint(r.b)
	if k <= 0 {
		r.fail("bad number")
		return 0
	}
	r.b = r.b[k:]
	return n
}

// count reads a count of items, each at least min bytes long, so that a
// damaged count cannot ask for more than the rest of the input holds.
func (r *varintReader) count(min int) int {
	n := r.num()
	if r.err == nil && n > len(r.b)/min {
		r.fail("count %d is out of range", n)
		return 0
	}
	return n
}

// view returns the next string as a view of the input, which must never
// change.
func (r *varintReader) view() string {
	n := r.num()
	if r.err != nil {
		return ""
	}
	if n > len(r.b) {
		r.fail("string runs past the end")
		return ""
	}
	if n == 0 {
		return ""
	}
	s := unsafe.String(&r.b[0], n)
	r.b = r.b[n:]
	return s
}

// end checks that nothing is left and returns the first error.
func (r *varintReader) end() error {
	if r.err == nil && len(r.b) != 0 {
		r.fail("%d bytes after the end", len(r.b))
	}
	return r.err
}
