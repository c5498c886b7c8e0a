package retrieval

import (
	"runtime"
	"testing"
	"unsafe"
)

// bigBuffer's memory, on the heap or mapped, holds what is written to it,
// also through string views that outlive the slice (as the corpus text
// does) across garbage collections.
func TestBigBufferHoldsWhatIsWritten(t *testing.T) {
	for _, n := range []int{0, 10, bigBufferMin + 4097} {
		b := bigBuffer(n)
		if len(b) != n {
			t.Fatalf("bigBuffer(%d) has %d bytes", n, len(b))
		}
		if n == 0 {
			continue
		}
		for _, i := range []int{0, n / 2, n - 1} {
			b[i] = byte(i%251 + 1)
		}
		view := unsafe.String(&b[0], n)
		b = nil
		runtime.GC()
		for _, i := range []int{0, n / 2, n - 1} {
			if view[i] != byte(i%251+1) {
				t.Errorf("bigBuffer(%d): byte %d is %d after a GC, want %d", n, i, view[i], i%251+1)
			}
		}
	}
}
