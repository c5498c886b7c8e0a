//go:build linux

package retrieval

import "syscall"

// bigBufferMin is the size from which bigBuffer maps memory of its own:
// 64 MB, the corpus text of some 25,000 articles.
const bigBufferMin = 64 << 20

// bigBuffer returns n bytes for data that lives as long as the process,
// such as the corpus text read from a saved index, which every quote and
// chunk slices. From bigBufferMin bytes on Linux they are an anonymous
// mapping marked for huge pages: filling hundreds of megabytes of fresh
// 4 KB pages costs a page fault each, which on a 2-core virtual machine
// was about a second at 100,000 articles. Such a mapping is never
// returned, so a process that opens the same large index many times (a
// benchmark) keeps each copy; smaller buffers, and any when the mapping
// fails, are on the Go heap.
func bigBuffer(n int) []byte {
	if n < bigBufferMin {
		return make([]byte, n)
	}
	b, err := syscall.Mmap(-1, 0, n, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_ANON|syscall.MAP_PRIVATE)
	if err != nil {
		return make([]byte, n)
	}
	_ = syscall.Madvise(b, 14) // MADV_HUGEPAGE; a hint, so its failure is harmless
	return b
}
