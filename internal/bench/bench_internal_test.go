package bench

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

func TestPercentile(t *testing.T) {
	var ds []time.Duration
	for i := 1; i <= 100; i++ {
		ds = append(ds, time.Duration(i))
	}
	if p := percentile(ds, 50); p != 50 {
		t.Errorf("p50 = %d", p)
	}
	if p := percentile(ds, 99); p != 99 {
		t.Errorf("p99 = %d", p)
	}
}

func TestReport(t *testing.T) {
	rs := []Result{
		{Size: 1000, Serve: ServeResult{Answer: map[string]Latency{"fact": {P50: time.Millisecond, P99: 3 * time.Millisecond}}}},
		{Size: 10000, Serve: ServeResult{Answer: map[string]Latency{"fact": {P50: 4 * time.Millisecond, P99: 9 * time.Millisecond}}}},
	}
	var tb, svg bytes.Buffer
	WriteTable(&tb, rs)
	if !strings.Contains(tb.String(), "| 10000 |") {
		t.Errorf("table:\n%s", tb.String())
	}
	if err := WriteSVG(&svg, rs); err != nil || !strings.HasPrefix(svg.String(), "<svg") || !strings.Contains(svg.String(), "polyline") {
		t.Errorf("svg (%v):\n%s", err, svg.String())
	}
}
