package bench

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"time"
)

// Result is one corpus size's figures: medians over the runs.
type Result struct {
	Size  int         `json:"size"`
	Runs  int         `json:"runs"`
	Build BuildResult `json:"build"`
	Serve ServeResult `json:"serve"`
}

// Merge returns the medians of several runs of the same size.
func Merge(size int, builds []BuildResult, serves []ServeResult) Result {
	r := Result{Size: size, Runs: len(serves)}
	fl := func(f func(i int) float64, n int) float64 {
		xs := make([]float64, n)
		for i := range xs {
			xs[i] = f(i)
		}
		return median(xs)
	}
	if nb := len(builds); nb > 0 {
		r.Build = builds[0]
		r.Build.Seconds = fl(func(i int) float64 { return builds[i].Seconds }, nb)
		r.Build.Rate = fl(func(i int) float64 { return builds[i].Rate }, nb)
		r.Build.PeakHeap = uint64(fl(func(i int) float64 { return float64(builds[i].PeakHeap) }, nb))
		r.Build.PeakRSS = uint64(fl(func(i int) float64 { return float64(builds[i].PeakRSS) }, nb))
	}
	ns := len(serves)
	if ns == 0 {
		return r
	}
	s := serves[0]
	d := func(f func(i int) time.Duration) time.Duration {
		return time.Duration(fl(func(i int) float64 { return float64(f(i)) }, ns))
	}
	s.OpenSeconds = fl(func(i int) float64 { return serves[i].OpenSeconds }, ns)
	s.ReadySeconds = fl(func(i int) float64 { return serves[i].ReadySeconds }, ns)
	s.ResidentSeconds = fl(func(i int) float64 { return serves[i].ResidentSeconds }, ns)
	s.LiveHeap = uint64(fl(func(i int) float64 { return float64(serves[i].LiveHeap) }, ns))
	s.PeakRSS = uint64(fl(func(i int) float64 { return float64(serves[i].PeakRSS) }, ns))
	s.Answer = map[string]Latency{}
	for _, k := range Kinds {
		s.Answer[k] = Latency{
			P50:   d(func(i int) time.Duration { return serves[i].Answer[k].P50 }),
			P99:   d(func(i int) time.Duration { return serves[i].Answer[k].P99 }),
			N:     serves[0].Answer[k].N,
			Right: fl(func(i int) float64 { return serves[i].Answer[k].Right }, ns),
		}
	}
	r.Serve = s
	return r
}

// WriteTable prints the results as Markdown tables: build and load, then
// answer latency, then, for results saved with them, the vector figures.
func WriteTable(w io.Writer, rs []Result) {
	// Results saved before the vector figures moved to retrieval's
	// benchmarks (see ServeResult) have chromem-go's import time.
	imports := slices.ContainsFunc(rs, func(r Result) bool { return r.Serve.ImportSeconds > 0 })
	head, rule := "| articles | build (articles/s) | build peak RSS | build peak heap | index on disk | disk B/article | cold open (answering) | ready (open + first answer) | all vectors in |", "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
	if imports {
		head, rule = head+" chromem import alone |", rule+" ---: |"
	}
	fmt.Fprintln(w, head+" serving peak RSS | heap B/article | text B/article |")
	fmt.Fprintln(w, rule+" ---: | ---: | ---: |")
	for _, r := range rs {
		n := float64(r.Size)
		fmt.Fprintf(w, "| %d | %.0f | %s | %s | %s | %.0f | %s | %s | %s |",
			r.Size, r.Build.Rate, mb(r.Build.PeakRSS), mb(r.Build.PeakHeap), mb(uint64(r.Build.IndexBytes)),
			float64(r.Build.IndexBytes)/n, secs(r.Serve.OpenSeconds), secs(r.Serve.ReadySeconds), secs(r.Serve.ResidentSeconds))
		if imports {
			fmt.Fprintf(w, " %s |", orDash(r.Serve.ImportSeconds > 0, secs(r.Serve.ImportSeconds)))
		}
		fmt.Fprintf(w, " %s | %.0f | %.0f |\n", mb(r.Serve.PeakRSS), float64(r.Serve.LiveHeap)/n, float64(r.Serve.TextBytes)/n)
	}
	fmt.Fprintln(w)
	head, rule = "| articles |", "| ---: |"
	for _, k := range Kinds {
		head += " " + k + " p50 | " + k + " p99 | " + k + " right |"
		rule += " ---: | ---: | ---: |"
	}
	fmt.Fprintln(w, head)
	fmt.Fprintln(w, rule)
	for _, r := range rs {
		var b strings.Builder
		fmt.Fprintf(&b, "| %d |", r.Size)
		for _, k := range Kinds {
			l := r.Serve.Answer[k]
			fmt.Fprintf(&b, " %s | %s | %.0f%% |", ms(l.P50), ms(l.P99), 100*l.Right)
		}
		fmt.Fprintln(w, b.String())
	}
	if !slices.ContainsFunc(rs, func(r Result) bool { return r.Serve.Vectors > 0 }) {
		return
	}
	// Results saved before the vector figures moved to retrieval's
	// benchmarks (see ServeResult) still carry them.
	fmt.Fprintln(w)
	fmt.Fprintln(w, "| articles | chunk vectors | vectors our search reads | ours (vector stage of Search) | floor over the same vectors | ours/floor | chromem QueryEmbedding, all chunks | floor, all chunks | ours/chromem | chromem/floor |")
	fmt.Fprintln(w, "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
	for _, r := range rs {
		s := r.Serve
		if s.Vectors == 0 {
			fmt.Fprintf(w, "| %d | – | – | – | – | – | – | – | – | – |\n", r.Size)
			continue
		}
		fmt.Fprintf(w, "| %d | %d×%d | %d | %s | %s | %.2f | %s | %s | %.2f | %.2f |\n", r.Size, s.Vectors, s.Dim, s.StageVectors,
			ms(s.Ours), ms(s.Floor), ratio(s.Ours, s.Floor), ms(s.Chromem), ms(s.FloorAll), ratio(s.Ours, s.Chromem), ratio(s.Chromem, s.FloorAll))
	}
}

// orDash is s, or "–" for a figure that was not measured.
func orDash(measured bool, s string) string {
	if !measured {
		return "–"
	}
	return s
}

func ratio(a, b time.Duration) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func mb(b uint64) string {
	switch {
	case b >= 10<<30:
		return fmt.Sprintf("%.1f GB", float64(b)/(1<<30))
	case b >= 1<<30:
		return fmt.Sprintf("%.2f GB", float64(b)/(1<<30))
	}
	return fmt.Sprintf("%.0f MB", float64(b)/(1<<20))
}

func ms(d time.Duration) string {
	m := float64(d) / float64(time.Millisecond)
	switch {
	case m >= 100:
		return fmt.Sprintf("%.0f ms", m)
	case m >= 10:
		return fmt.Sprintf("%.1f ms", m)
	}
	return fmt.Sprintf("%.2f ms", m)
}

func secs(s float64) string {
	if s < 1 {
		return fmt.Sprintf("%.0f ms", s*1000)
	}
	return fmt.Sprintf("%.2f s", s)
}
