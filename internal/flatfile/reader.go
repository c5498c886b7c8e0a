package flatfile

import (
	"encoding/binary"
	"fmt"
	"unsafe"
)

// Reader decodes a flat file of varints and length-prefixed strings. It
// keeps the first error, wrapping Bad, and returns zeros after it, so a
// decoder reads on and checks once.
type Reader struct {
	// B is what is left to read.
	B []byte
	// Bad is wrapped by every error.
	Bad error
	err error
}

// Fail records an error, unless there is one already.
func (r *Reader) Fail(format string, args ...any) {
	if r.err == nil {
		r.err = fmt.Errorf("%w: "+format, append([]any{r.Bad}, args...)...)
	}
}

// Err returns the first error.
func (r *Reader) Err() error { return r.err }

// Num reads an unsigned varint.
func (r *Reader) Num() int {
	if r.err != nil {
		return 0
	}
	n, k := binary.Uvarint(r.B)
	if k <= 0 || n > 1<<40 {
		r.Fail("bad number")
		return 0
	}
	r.B = r.B[k:]
	return int(n)
}

// Int reads a signed varint.
func (r *Reader) Int() int64 {
	if r.err != nil {
		return 0
	}
	n, k := binary.Varint(r.B)
	if k <= 0 {
		r.Fail("bad number")
		return 0
	}
	r.B = r.B[k:]
	return n
}

// Count reads a count of items, each at least min bytes long, so that a
// damaged count cannot ask for more than the rest of the input holds.
func (r *Reader) Count(min int) int {
	n := r.Num()
	if r.err == nil && n > len(r.B)/min {
		r.Fail("count %d is out of range", n)
		return 0
	}
	return n
}

// View returns the next string as a view of the input, which must never
// change.
func (r *Reader) View() string {
	b := r.Bytes()
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}

// Bytes returns the next string as a slice of the input, not a copy.
func (r *Reader) Bytes() []byte {
	n := r.Num()
	if r.err != nil {
		return nil
	}
	if n > len(r.B) {
		r.Fail("string runs past the end")
		return nil
	}
	b := r.B[:n:n]
	r.B = r.B[n:]
	return b
}

// End checks that nothing is left and returns the first error.
func (r *Reader) End() error {
	if r.err == nil && len(r.B) != 0 {
		r.Fail("%d bytes after the end", len(r.B))
	}
	return r.err
}
