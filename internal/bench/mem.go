package bench

import (
	"bufio"
	"os"
	"runtime"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"time"
)

// heapMetric is the live heap, objects only.
const heapMetric = "/memory/classes/heap/objects:bytes"

// heapBytes returns the bytes of live and not yet swept heap objects.
func heapBytes() uint64 {
	s := []metrics.Sample{{Name: heapMetric}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return s[0].Value.Uint64()
}

// liveHeap collects garbage and returns the live heap.
func liveHeap() uint64 {
	runtime.GC()
	return heapBytes()
}

// heapSampler records the largest heap it sees, every few milliseconds.
type heapSampler struct {
	stop chan struct{}
	wg   sync.WaitGroup
	mu   sync.Mutex
	peak uint64
}

func startHeapSampler() *heapSampler {
	h := &heapSampler{stop: make(chan struct{})}
	h.peak = heapBytes()
	h.wg.Add(1)
	go func() {
		defer h.wg.Done()
		t := time.NewTicker(5 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-h.stop:
				return
			case <-t.C:
				if b := heapBytes(); b > h.peak {
					h.mu.Lock()
					h.peak = b
					h.mu.Unlock()
				}
			}
		}
	}()
	return h
}

// Stop ends sampling and returns the peak.
func (h *heapSampler) Stop() uint64 {
	close(h.stop)
	h.wg.Wait()
	if b := heapBytes(); b > h.peak {
		h.peak = b
	}
	return h.peak
}

// procStatus reads a kB field such as VmHWM (peak RSS) or VmRSS from
// /proc/self/status, in bytes; 0 where there is no /proc.
func procStatus(field string) uint64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if !strings.HasPrefix(line, field+":") {
			continue
		}
		fs := strings.Fields(line[len(field)+1:])
		if len(fs) == 0 {
			return 0
		}
		kb, _ := strconv.ParseUint(fs[0], 10, 64)
		return kb << 10
	}
	return 0
}

// peakRSS is the process's high-water resident set size.
func peakRSS() uint64 { return procStatus("VmHWM") }
