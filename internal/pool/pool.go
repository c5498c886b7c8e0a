// Package pool is privacybot's one bounded worker pool: loops whose
// iterations are independent run on a bounded number of goroutines of an
// errgroup.Group limited with SetLimit. Code that needs cancellation or
// the first error uses errgroup directly, with SetLimit too.
package pool

import "golang.org/x/sync/errgroup"

// batchesPerWorker is how many batches each worker gets on average: enough
// that a worker finishing early takes another batch, few enough that
// starting a goroutine per batch costs nothing next to the work.
const batchesPerWorker = 8

// Each calls f(i) for every i in [0, n) on at most workers goroutines
// (at least one) and returns when all calls have. The indexes are handed
// out in batches of consecutive ones, the next batch to the first
// goroutine free. Calls must not depend on one another's order; each
// usually writes its own slot of a result slice.
func Each(workers, n int, f func(i int)) {
	workers = min(max(1, workers), n)
	if workers <= 0 {
		return
	}
	var g errgroup.Group
	g.SetLimit(workers)
	batch := max(1, n/(workers*batchesPerWorker))
	for lo := 0; lo < n; lo += batch {
		hi := min(lo+batch, n)
		g.Go(func() error {
			for i := lo; i < hi; i++ {
				f(i)
			}
			return nil
		})
	}
	_ = g.Wait() // no call returns an error
}
