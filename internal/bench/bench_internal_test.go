package bench

import (
	"bytes"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/privacybot/privacybot/retrieval"
)

func TestFloorScanFindsTheBest(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	vecs := make([][]float32, 1000)
	for i := range vecs {
		vecs[i] = make([]float32, 16)
		for j := range vecs[i] {
			vecs[i][j] = r.Float32()
		}
	}
	q := vecs[123]
	got := floorScan(q, vecs, 5)
	scores := make([]float32, len(vecs))
	for i, v := range vecs {
		scores[i] = retrieval.Dot(q, v)
	}
	order := make([]int, len(vecs))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int {
		if scores[a] > scores[b] {
			return -1
		}
		if scores[a] < scores[b] {
			return 1
		}
		return 0
	})
	slices.Sort(got)
	want := slices.Clone(order[:5])
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Fatalf("floorScan = %v, want %v", got, want)
	}
}

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
