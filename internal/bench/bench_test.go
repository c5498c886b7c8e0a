package bench

import (
	"context"
	"flag"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/privacybot/privacybot/bot"
	"github.com/privacybot/privacybot/internal/synth"
	"github.com/privacybot/privacybot/retrieval"
)

// -sizes picks the corpus sizes of BenchmarkScale; the default is the 1k
// smoke case that .ci/run runs with -benchtime=1x:
//
//	go test -run '^$' -bench Scale -benchtime=1x ./internal/bench
//	go test -run '^$' -bench Scale -benchtime=50x ./internal/bench -args -sizes 1000,10000,100000
var sizesFlag = flag.String("sizes", "1000", "comma-separated corpus sizes for BenchmarkScale")

func sizes(b *testing.B) []int {
	var out []int
	for _, s := range strings.Split(*sizesFlag, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil {
			b.Fatalf("bad -sizes: %v", err)
		}
		out = append(out, n)
	}
	return out
}

// BenchmarkScale builds, loads and queries a synthetic corpus of each size,
// in memory. Answer benchmarks report p50 and p99 besides ns/op. The vector
// stage against chromem-go and the dot-product floor is retrieval's
// BenchmarkVectorStage.
func BenchmarkScale(b *testing.B) {
	ctx := context.Background()
	for _, n := range sizes(b) {
		b.Run(fmt.Sprintf("articles=%d", n), func(b *testing.B) {
			fsys := synth.NewCorpus(synth.DefaultSeed, n).FS()
			dir := b.TempDir()
			b.Run("build", func(b *testing.B) {
				var total time.Duration
				for b.Loop() {
					r, err := Build(ctx, fsys, n, dir)
					if err != nil {
						b.Fatal(err)
					}
					total += time.Duration(r.Seconds * float64(time.Second))
					b.ReportMetric(float64(r.PeakHeap)/(1<<20), "peak-heap-MB")
					b.ReportMetric(float64(r.IndexBytes)/float64(n), "disk-B/article")
				}
				b.ReportMetric(float64(n)*float64(b.N)/total.Seconds(), "articles/s")
			})
			// This builds and saves the index if -bench skipped "build".
			lib, err := retrieval.Open(ctx, retrieval.Options{FS: fsys, DataDir: dir})
			if err != nil {
				b.Fatal(err)
			}
			b.Cleanup(func() { lib.Close() })
			// load times Open and the background load of the chunk
			// vectors after it, so that no load runs on into the next.
			b.Run("load", func(b *testing.B) {
				for b.Loop() {
					lib.Close()
					var err error
					if lib, err = retrieval.Open(ctx, retrieval.Options{FS: fsys, DataDir: dir}); err != nil {
						b.Fatal(err)
					}
					if err := lib.WaitVectors(ctx); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(liveHeap())/float64(n), "heap-B/article")
			})
			eng := bot.New(lib)
			corpus := synth.NewCorpus(synth.DefaultSeed, n)
			for _, k := range Kinds {
				qs := corpus.Questions(k, 50)
				b.Run("answer/"+k, func(b *testing.B) {
					var ds []time.Duration
					for i := 0; b.Loop(); i++ {
						t := time.Now()
						if _, err := ask(ctx, eng, qs[i%len(qs)].Text); err != nil {
							b.Fatal(err)
						}
						ds = append(ds, time.Since(t))
					}
					b.ReportMetric(float64(percentile(ds, 50))/1e6, "p50-ms")
					b.ReportMetric(float64(percentile(ds, 99))/1e6, "p99-ms")
				})
			}
		})
	}
}
