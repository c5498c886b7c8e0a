package retrieval

import (
	"context"
	"flag"
	"fmt"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/privacybot/privacybot/internal/pool"
	"github.com/privacybot/privacybot/internal/synth"
)

// The vector benchmarks compare the vector stage of Search with chromem-go
// and with the memory-bandwidth floor on synthetic corpora (internal/synth).
// They reach into the library, so they live here rather than in
// cmd/privacybot-bench. The default is the 1k smoke case that .ci/run runs:
//
//	go test -run '^$' -bench 'VectorStage|ImportVectors' -benchtime=1x ./retrieval
//	go test -run '^$' -bench 'VectorStage|ImportVectors' -benchtime=60x ./retrieval \
//	    -args -vector-sizes 1000,10000,100000 -vector-data /tmp/pbv-data
var (
	vectorSizes = flag.String("vector-sizes", "1000", "comma-separated corpus sizes for the vector benchmarks")
	vectorData  = flag.String("vector-data", "", "keep the vector benchmarks' indexes in `DIR`, so that later runs reuse them (default: a temporary directory)")
)

// vectorK is how many nearest vectors each vector query asks for: the
// depth Search asks of its vector stage for the engine's 12 hits.
const vectorK = 50

// vectorLibraries runs f on the default synthetic corpus of each
// -vector-sizes size, opened from its saved index with every vector loaded, and
// 20 query vectors: the first 10 who-said-what and 10 fact questions of
// the 50 of each kind that cmd/privacybot-bench asks.
func vectorLibraries(b *testing.B, f func(b *testing.B, l *Library, qvs [][]float32)) {
	ctx := context.Background()
	for _, s := range strings.Split(*vectorSizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 1 {
			b.Fatalf("bad -vector-sizes %q", *vectorSizes)
		}
		b.Run(fmt.Sprintf("articles=%d", n), func(b *testing.B) {
			corpus := synth.NewCorpus(synth.DefaultSeed, n)
			dir := b.TempDir()
			if *vectorData != "" {
				dir = filepath.Join(*vectorData, fmt.Sprintf("index-%d-%d", synth.DefaultSeed, n))
			}
			// The first open builds and saves the index unless -vector-data
			// holds it; the second reads it, as a restart does, so that the
			// vectors lie in memory as they do in a serving process.
			var l *Library
			for range 2 {
				if l != nil {
					l.Close()
				}
				var err error
				if l, err = Open(ctx, Options{FS: corpus.FS(), DataDir: dir}); err != nil {
					b.Fatal(err)
				}
				if err := l.WaitVectors(ctx); err != nil {
					b.Fatal(err)
				}
			}
			b.Cleanup(func() { l.Close() })
			var qvs [][]float32
			for _, kind := range []string{synth.WhoSaid, synth.FactQ} {
				for _, q := range corpus.Questions(kind, 50)[:10] {
					v, err := EmbedFunc(l.emb)(ctx, q.Text)
					if err != nil {
						b.Fatal(err)
					}
					qvs = append(qvs, v)
				}
			}
			f(b, l, qvs)
		})
	}
}

// BenchmarkVectorStage times, for each query vector in turn, the vector
// stage of Search (ours), chromem-go's QueryEmbedding over every chunk
// vector (chromem), a dot-product scan over the vectors the vector stage
// reads (floor) and one over every chunk vector (floor-all), interleaved
// so that noise hits all four alike, in this order, so that neither ours
// nor floor finds the vectors in the cache the other left them in. It reports the median of
// each in ms, ours/floor (the target: at most 3) and how many vectors the
// stage reads per query; ns/op is the four together.
func BenchmarkVectorStage(b *testing.B) {
	vectorLibraries(b, func(b *testing.B, l *Library, qvs [][]float32) {
		ctx := context.Background()
		all, stage := allChunkVectors(b, l), stageVectors(l)
		second := make([][][]float32, len(qvs))
		read := 0
		for i, q := range qvs {
			second[i] = stage2Vectors(b, l, q)
			read += len(stage) + len(second[i])
		}
		var ours, floor, chrom, floorAll []time.Duration
		for i := 0; b.Loop(); i++ {
			q := qvs[i%len(qvs)]
			t := time.Now()
			l.mu.RLock()
			_, err := l.vectorTop(ctx, q, 0, vectorK)
			l.mu.RUnlock()
			if err != nil {
				b.Fatal(err)
			}
			ours = append(ours, time.Since(t))
			t = time.Now()
			chromemQuery(b, l, q)
			chrom = append(chrom, time.Since(t))
			t = time.Now()
			floorScan(q, stage, vectorK)
			floorScan(q, second[i%len(qvs)], vectorK)
			floor = append(floor, time.Since(t))
			t = time.Now()
			floorScan(q, all, vectorK)
			floorAll = append(floorAll, time.Since(t))
		}
		ms := func(ds []time.Duration) float64 { return float64(medianDuration(ds)) / 1e6 }
		b.ReportMetric(ms(ours), "ours-ms")
		b.ReportMetric(ms(floor), "floor-ms")
		b.ReportMetric(ms(chrom), "chromem-ms")
		b.ReportMetric(ms(floorAll), "floor-all-ms")
		b.ReportMetric(ms(ours)/ms(floor), "ours/floor")
		b.ReportMetric(float64(read)/float64(len(qvs)), "stage-vectors")
		b.ReportMetric(float64(len(all)), "chunk-vectors")
	})
}

// BenchmarkImportVectors reads every vector section of the saved index
// (chunk and article vectors) and imports it into a new chromem-go DB, on
// all CPUs, as Open and the background load do, but without listing or
// linking the vectors: the least that loading every vector through
// chromem-go's export can cost.
func BenchmarkImportVectors(b *testing.B) {
	vectorLibraries(b, func(b *testing.B, l *Library, _ [][]float32) {
		for b.Loop() {
			f, hdr, err := readIndexHeader(l.path)
			if err != nil {
				b.Fatal(err)
			}
			var (
				mu    sync.Mutex
				first error
			)
			secs := hdr.Sections[1 : 1+2*hdr.Shards]
			pool.Each(runtime.GOMAXPROCS(0), len(secs), func(i int) {
				if _, err := importSection(f, secs[i], l.emb); err != nil {
					mu.Lock()
					first = cmpErr(first, err)
					mu.Unlock()
				}
			})
			f.Close()
			if first != nil {
				b.Fatal(first)
			}
		}
	})
}

// allChunkVectors returns every chunk vector, the vectors an exhaustive
// search reads. They are shared with the store and must not be modified.
func allChunkVectors(b *testing.B, l *Library) [][]float32 {
	l.mu.RLock()
	defer l.mu.RUnlock()
	out := make([][]float32, 0, len(l.chunks))
	for _, c := range l.chunks {
		v, err := l.chunkVector(context.Background(), c)
		if err != nil {
			b.Fatal(err)
		}
		out = append(out, v)
	}
	return out
}

// stageVectors returns the vectors the first stage of the vector search
// reads: one per article, or every chunk vector when the search is
// exhaustive.
func stageVectors(l *Library) [][]float32 {
	l.mu.RLock()
	arts := l.vec.articleCount()
	l.mu.RUnlock()
	if arts <= stage1Articles {
		return nil
	}
	_, vecs := l.vec.artVecs.list()
	return vecs
}

// stage2Vectors returns the chunk vectors the second stage of vectorTop
// reads for q, or, when the search is exhaustive, every chunk vector.
func stage2Vectors(b *testing.B, l *Library, q []float32) [][]float32 {
	l.mu.RLock()
	exhaustive := l.vec.articleCount() <= stage1Articles
	l.mu.RUnlock()
	if exhaustive {
		return allChunkVectors(b, l)
	}
	if !isNormalized(q) {
		q = normalized(q)
	}
	l.mu.RLock()
	defer l.mu.RUnlock()
	var out [][]float32
	if err := l.secondStage(context.Background(), q, func(_ *chunk, vec []float32) { out = append(out, vec) }); err != nil {
		b.Fatal(err)
	}
	return out
}

// chromemQuery runs chromem-go's QueryEmbedding for q over every stored
// chunk vector, with no filter.
func chromemQuery(b *testing.B, l *Library, q []float32) {
	ctx := context.Background()
	l.mu.RLock()
	defer l.mu.RUnlock()
	for _, s := range l.vec.shards {
		for _, kind := range kinds {
			c := s.cols[kind]
			if c.Count() == 0 {
				continue
			}
			if _, err := c.QueryEmbedding(ctx, q, min(vectorK, c.Count()), nil, nil); err != nil {
				b.Fatal(err)
			}
		}
	}
}

func medianDuration(ds []time.Duration) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[len(s)/2]
}
