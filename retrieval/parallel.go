package retrieval

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// parallelEach calls f(i) for every i in [0, n) on one goroutine per CPU,
// each taking the next i when it is done with one, and returns when all
// calls have.
func parallelEach(n int, f func(i int)) { parallelN(runtime.GOMAXPROCS(0), n, f) }

// parallelN is parallelEach on at most workers goroutines.
func parallelN(workers, n int, f func(i int)) {
	var wg sync.WaitGroup
	var next atomic.Int64
	for range min(max(1, workers), n) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1) - 1); i < n; i = int(next.Add(1) - 1) {
				f(i)
			}
		}()
	}
	wg.Wait()
}
