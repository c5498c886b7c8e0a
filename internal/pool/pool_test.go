package pool

import (
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// Each calls f once for every index, on no more goroutines than asked.
func TestEachCallsEveryIndexOnceWithinTheLimit(t *testing.T) {
	for _, tt := range []struct{ workers, n int }{{1, 0}, {0, 5}, {1, 7}, {2, 1}, {3, 100}, {8, 1000}, {64, 3}} {
		calls := make([]atomic.Int32, tt.n)
		var running, most atomic.Int32
		Each(tt.workers, tt.n, func(i int) {
			r := running.Add(1)
			for {
				m := most.Load()
				if r <= m || most.CompareAndSwap(m, r) {
					break
				}
			}
			time.Sleep(10 * time.Microsecond)
			calls[i].Add(1)
			running.Add(-1)
		})
		for i := range calls {
			if c := calls[i].Load(); c != 1 {
				t.Errorf("workers %d, n %d: f(%d) called %d times, want 1", tt.workers, tt.n, i, c)
			}
		}
		if limit := int32(max(1, tt.workers)); most.Load() > limit {
			t.Errorf("workers %d, n %d: %d calls ran at once, want at most %d", tt.workers, tt.n, most.Load(), limit)
		}
	}
}

// Each really runs calls side by side when asked for several workers: two
// calls that each wait for the other finish.
func TestEachRunsCallsConcurrently(t *testing.T) {
	var wg sync.WaitGroup
	wg.Add(2)
	done := make(chan struct{})
	go func() {
		Each(2, 2, func(int) {
			wg.Done()
			wg.Wait()
		})
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("two calls on two workers did not run at the same time")
	}
}
