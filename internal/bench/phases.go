package bench

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/privacybot/privacybot/bot"
	"github.com/privacybot/privacybot/internal/synth"
	"github.com/privacybot/privacybot/retrieval"
)

// Kinds are the question kinds whose latency is reported, in order.
var Kinds = []string{synth.WhoSaid, synth.FactQ, synth.NoAnswer, synth.Summary}

// Config says what to measure.
type Config struct {
	// Seed selects the synthetic corpus.
	Seed uint64
	// Queries is the number of questions of each kind.
	Queries int
	// Reps is how many times each measurement is repeated; medians of the
	// repetitions are reported.
	Reps int
}

func (c Config) withDefaults() Config {
	if c.Seed == 0 {
		c.Seed = synth.DefaultSeed
	}
	if c.Queries <= 0 {
		c.Queries = 50
	}
	if c.Reps <= 0 {
		c.Reps = 3
	}
	return c
}

// BuildResult is what building the index of a corpus cost.
type BuildResult struct {
	Articles int `json:"articles"`
	// Seconds is the time of retrieval.Open on an empty data directory:
	// reading the corpus, extracting quotes, embedding, indexing and saving.
	Seconds float64 `json:"seconds"`
	// Rate is articles per second.
	Rate float64 `json:"rate"`
	// PeakHeap is the largest Go heap seen; PeakRSS the process's VmHWM.
	PeakHeap uint64 `json:"peak_heap"`
	PeakRSS  uint64 `json:"peak_rss"`
	// IndexBytes is the size of the saved index on disk.
	IndexBytes int64 `json:"index_bytes"`
}

// Latency is the median over repetitions of a percentile of answer times.
type Latency struct {
	P50 time.Duration `json:"p50"`
	P99 time.Duration `json:"p99"`
	N   int           `json:"n"`
	// Right is the share of answers that are right as far as the corpus
	// generator knows: they cite the article the question was drawn from,
	// or, for a question with no answer, they abstain.
	Right float64 `json:"right"`
}

// ServeResult is what loading a saved index and answering from it cost.
type ServeResult struct {
	Articles int `json:"articles"`
	// OpenSeconds is retrieval.Open from the saved index: from then on
	// the library answers. ReadySeconds adds bot.New and the first answer,
	// which builds what the engine builds lazily. ResidentSeconds is from
	// the start until every chunk vector is in memory: for a large index
	// they finish loading after Open (Library.WaitVectors). The answer
	// latencies are measured after that.
	OpenSeconds     float64 `json:"open_seconds"`
	ReadySeconds    float64 `json:"ready_seconds"`
	ResidentSeconds float64 `json:"resident_seconds"`
	// TextBytes is the size of the corpus text; LiveHeap the Go heap after
	// loading, garbage collected.
	TextBytes int64  `json:"text_bytes"`
	LiveHeap  uint64 `json:"live_heap"`
	// PeakRSS is VmHWM after loading and answering, before the vector
	// comparison below adds anything.
	PeakRSS uint64 `json:"peak_rss"`
	// Answer holds latencies by question kind.
	Answer map[string]Latency `json:"answer"`
	// The vector figures below are no longer measured here: they need the
	// library's internals and chromem-go, so they are retrieval's
	// BenchmarkVectorStage and BenchmarkImportVectors now (see
	// docs/performance.md). The fields stay so that results saved before
	// the move (docs/bench-results.json) are still printed; new runs leave
	// them zero and the tables show "–".
	//
	// ImportSeconds was chromem-go's import of the saved vector shards
	// alone. Vectors and Dim described the stored chunk vectors,
	// StageVectors how many our vector search read per query. Ours was the
	// vector stage of Search, Floor a dot-product scan over the vectors it
	// read, Chromem a plain chromem-go QueryEmbedding and FloorAll a
	// dot-product scan over every chunk vector: medians per query.
	ImportSeconds float64       `json:"import_seconds,omitempty"`
	Vectors       int           `json:"vectors,omitempty"`
	Dim           int           `json:"dim,omitempty"`
	StageVectors  int           `json:"stage_vectors,omitempty"`
	Ours          time.Duration `json:"ours,omitempty"`
	Floor         time.Duration `json:"floor,omitempty"`
	Chromem       time.Duration `json:"chromem,omitempty"`
	FloorAll      time.Duration `json:"floor_all,omitempty"`
}

// Build opens the library on an empty data directory, so that the whole
// index is built and saved, and reports what it cost.
func Build(ctx context.Context, fsys fs.FS, n int, dataDir string) (BuildResult, error) {
	if err := os.RemoveAll(dataDir); err != nil {
		return BuildResult{}, err
	}
	h := startHeapSampler()
	start := time.Now()
	lib, err := retrieval.Open(ctx, retrieval.Options{FS: fsys, DataDir: dataDir})
	el := time.Since(start)
	peak := h.Stop()
	if err != nil {
		return BuildResult{}, err
	}
	defer lib.Close()
	if got := len(lib.Corpus().Sources); got != n {
		return BuildResult{}, fmt.Errorf("corpus holds %d articles, want %d", got, n)
	}
	size, err := dirSize(dataDir)
	if err != nil {
		return BuildResult{}, err
	}
	// A first run of the program also saves the engine's word statistics
	// beside the index, so that a restart reads them instead of counting
	// them again; the serve phase is such a restart. This is neither timed
	// nor counted in the index size.
	bot.New(lib).Warm()
	return BuildResult{
		Articles:   n,
		Seconds:    el.Seconds(),
		Rate:       float64(n) / el.Seconds(),
		PeakHeap:   peak,
		PeakRSS:    peakRSS(),
		IndexBytes: size,
	}, nil
}

// Serve opens the library from the index Build saved in dataDir and times
// the load and the answers.
func Serve(ctx context.Context, fsys fs.FS, n int, dataDir string, cfg Config) (ServeResult, error) {
	cfg = cfg.withDefaults()
	corpus := synth.NewCorpus(cfg.Seed, n)
	questions := map[string][]string{}
	qsets := map[string][]synth.Question{}
	for _, k := range Kinds {
		qsets[k] = corpus.Questions(k, cfg.Queries)
		for _, q := range qsets[k] {
			questions[k] = append(questions[k], q.Text)
		}
	}

	start := time.Now()
	lib, err := retrieval.Open(ctx, retrieval.Options{FS: fsys, DataDir: dataDir})
	if err != nil {
		return ServeResult{}, err
	}
	defer lib.Close()
	open := time.Since(start)
	for _, w := range lib.Warnings() {
		if strings.Contains(w, "index") {
			return ServeResult{}, fmt.Errorf("the saved index was not used: %s", w)
		}
	}
	eng := bot.New(lib)
	if _, err := ask(ctx, eng, questions[synth.WhoSaid][0]); err != nil {
		return ServeResult{}, err
	}
	ready := time.Since(start)
	if err := lib.WaitVectors(ctx); err != nil {
		return ServeResult{}, err
	}
	resident := time.Since(start)
	for _, w := range lib.Warnings() {
		if strings.Contains(w, "index") {
			return ServeResult{}, fmt.Errorf("the saved index was not used: %s", w)
		}
	}

	r := ServeResult{Articles: n, OpenSeconds: open.Seconds(), ReadySeconds: ready.Seconds(),
		ResidentSeconds: resident.Seconds(), Answer: map[string]Latency{}}
	for _, s := range lib.Corpus().Sources {
		r.TextBytes += int64(len(s.Text))
	}
	r.LiveHeap = liveHeap()

	for _, k := range Kinds {
		lat, err := answerLatency(ctx, eng, qsets[k], cfg.Reps)
		if err != nil {
			return ServeResult{}, fmt.Errorf("%s questions: %w", k, err)
		}
		r.Answer[k] = lat
	}
	r.PeakRSS = peakRSS()
	return r, nil
}

// ask checks and answers one question, as a user's question is checked and
// answered.
func ask(ctx context.Context, eng *bot.Engine, text string) (bot.Answer, error) {
	q, err := bot.ParseQuestion(text)
	if err != nil {
		return bot.Answer{}, err
	}
	return eng.Answer(ctx, q)
}

// answerLatency answers every question once to warm up and to see whether
// the answer is right, then reps times, and returns the medians over
// repetitions of p50 and p99.
func answerLatency(ctx context.Context, eng *bot.Engine, qs []synth.Question, reps int) (Latency, error) {
	right := 0
	for _, q := range qs {
		a, err := ask(ctx, eng, q.Text)
		if err != nil {
			return Latency{}, err
		}
		if answerIsRight(a, q) {
			right++
		}
	}
	var p50s, p99s []time.Duration
	for range reps {
		ds := make([]time.Duration, 0, len(qs))
		for _, q := range qs {
			t := time.Now()
			if _, err := ask(ctx, eng, q.Text); err != nil {
				return Latency{}, err
			}
			ds = append(ds, time.Since(t))
		}
		p50s = append(p50s, percentile(ds, 50))
		p99s = append(p99s, percentile(ds, 99))
	}
	return Latency{P50: median(p50s), P99: median(p99s), N: len(qs), Right: float64(right) / float64(max(1, len(qs)))}, nil
}

// answerIsRight reports whether a cites the article q was drawn from, or
// abstains when q has none.
func answerIsRight(a bot.Answer, q synth.Question) bool {
	if q.Source == "" {
		return a.Abstained()
	}
	return slices.ContainsFunc(a.Sources, func(s bot.SourceRef) bool { return s.ID == q.Source })
}

func dirSize(dir string) (int64, error) {
	var n int64
	if _, err := os.Stat(dir); errors.Is(err, fs.ErrNotExist) {
		return 0, nil
	}
	err := filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() {
			info, err := d.Info()
			if err != nil {
				return err
			}
			n += info.Size()
		}
		return nil
	})
	return n, err
}

// CorpusFS returns the synthetic corpus of n articles: from dir, written
// there first unless a previous run did, or generated in memory when dir
// is "".
func CorpusFS(seed uint64, n int, dir string) (fs.FS, error) {
	c := synth.NewCorpus(seed, n)
	if dir == "" {
		return c.FS(), nil
	}
	done := filepath.Join(dir, ".complete")
	if _, err := os.Stat(done); err != nil {
		if err := os.RemoveAll(dir); err != nil {
			return nil, err
		}
		if err := c.WriteDir(dir); err != nil {
			return nil, err
		}
		if err := os.WriteFile(done, nil, 0o644); err != nil {
			return nil, err
		}
	}
	return os.DirFS(dir), nil
}
