package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/privacybot/privacybot/internal/bench"
	"github.com/privacybot/privacybot/internal/synth"
)

const benchUsage = `Usage:
  privacybot bench gen [--seed S] N DIR    write N synthetic articles into DIR
  privacybot bench [--sizes 1000,10000,100000] [--data DIR] [--queries N] [--reps N]
                   [--runs N] [--svg FILE] [--json] [--mem-corpus] [--in-process]
  privacybot bench --from FILE [--svg FILE]   print results saved with --json
`

// runBench generates synthetic corpora and runs the performance suite.
func (a *App) runBench(ctx context.Context, args []string) error {
	if len(args) > 0 && args[0] == "gen" {
		return a.runBenchGen(ctx, args[1:])
	}
	return a.runBenchSuite(ctx, args)
}

// runBenchGen writes a synthetic corpus: privacybot bench gen N DIR.
func (a *App) runBenchGen(ctx context.Context, args []string) error {
	fs, _ := a.newFlagSet("bench gen")
	seed := fs.Uint64("seed", synth.DefaultSeed, "random seed; the same seed and N give the same bytes")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 2 {
		return usagef("bench gen: want N and DIR\n%s", benchUsage)
	}
	n, err := strconv.Atoi(pos[0])
	if err != nil || n < 1 {
		return usagef("bench gen: N must be a positive number, not %q", pos[0])
	}
	start := time.Now()
	if err := synth.NewCorpus(*seed, n).WriteDir(pos[1]); err != nil {
		return fmt.Errorf("bench gen: %w", err)
	}
	fmt.Fprintf(a.Stderr, "wrote %d articles to %s in %s\n", n, pos[1], time.Since(start).Round(time.Millisecond))
	return nil
}

// benchFlags are the suite's options, shared with its child processes.
type benchFlags struct {
	sizes     string
	data      string
	queries   int
	reps      int
	runs      int
	seed      uint64
	svg       string
	json      bool
	memCorpus bool
	inProcess bool
	from      string
}

func (a *App) benchFlagSet(name string) (*flag.FlagSet, *benchFlags) {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	bf := &benchFlags{}
	fs.StringVar(&bf.sizes, "sizes", "1000,10000,100000", "corpus sizes, comma-separated")
	fs.StringVar(&bf.data, "data", filepath.Join(os.TempDir(), "privacybot-bench"), "keep corpora and indexes in `DIR`")
	fs.IntVar(&bf.queries, "queries", 50, "questions of each kind")
	fs.IntVar(&bf.reps, "reps", 3, "repetitions of each timing within a run (medians are reported)")
	fs.IntVar(&bf.runs, "runs", 1, "fresh-process runs of each size (medians are reported)")
	fs.Uint64Var(&bf.seed, "seed", synth.DefaultSeed, "corpus seed")
	fs.StringVar(&bf.svg, "svg", "", "also draw answer latency against corpus size into `FILE`")
	fs.BoolVar(&bf.json, "json", false, "print JSON instead of tables")
	fs.BoolVar(&bf.memCorpus, "mem-corpus", false, "generate the corpus in memory instead of reading it from DIR")
	fs.BoolVar(&bf.inProcess, "in-process", false, "run every phase in this process (peak RSS then covers all of them)")
	fs.StringVar(&bf.from, "from", "", "print the results saved by --json in `FILE` instead of measuring")
	return fs, bf
}

func (bf *benchFlags) corpusDir(n int) string {
	if bf.memCorpus {
		return ""
	}
	return filepath.Join(bf.data, fmt.Sprintf("corpus-%d-%d", bf.seed, n))
}

func (bf *benchFlags) indexDir(n int) string {
	return filepath.Join(bf.data, fmt.Sprintf("index-%d-%d", bf.seed, n))
}

func (bf *benchFlags) config() bench.Config {
	return bench.Config{Seed: bf.seed, Queries: bf.queries, Reps: bf.reps}
}

// runBenchSuite runs the build and serve phases for each size, each in a
// fresh process, and prints the medians.
func (a *App) runBenchSuite(ctx context.Context, args []string) error {
	if len(args) > 0 && args[0] == "child" {
		return a.runBenchChild(ctx, args[1:])
	}
	fs, bf := a.benchFlagSet("bench")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("bench: unexpected argument %q\n%s", pos[0], benchUsage)
	}
	var sizes []int
	for _, s := range strings.Split(bf.sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 1 {
			return usagef("bench: bad size %q", s)
		}
		sizes = append(sizes, n)
	}
	var results []bench.Result
	if bf.from != "" {
		b, err := os.ReadFile(bf.from)
		if err != nil {
			return fmt.Errorf("bench: %w", err)
		}
		if err := json.Unmarshal(b, &results); err != nil {
			return fmt.Errorf("bench: %s: %w", bf.from, err)
		}
		sizes = nil
	}
	for _, n := range sizes {
		fmt.Fprintf(a.Stderr, "== %d articles\n", n)
		fsys, err := bench.CorpusFS(bf.seed, n, bf.corpusDir(n))
		if err != nil {
			return fmt.Errorf("bench: corpus: %w", err)
		}
		var builds []bench.BuildResult
		var serves []bench.ServeResult
		for run := range max(bf.runs, 1) {
			var b bench.BuildResult
			var s bench.ServeResult
			if bf.inProcess {
				if b, err = bench.Build(ctx, fsys, n, bf.indexDir(n)); err == nil {
					s, err = bench.Serve(ctx, fsys, n, bf.indexDir(n), bf.config())
				}
			} else {
				if err = a.benchChild(ctx, "build", n, bf, &b); err == nil {
					err = a.benchChild(ctx, "serve", n, bf, &s)
				}
			}
			if err != nil {
				return fmt.Errorf("bench: %d articles: %w", n, err)
			}
			fmt.Fprintf(a.Stderr, "   run %d: built at %.0f articles/s, ready in %.2f s\n", run+1, b.Rate, s.ReadySeconds)
			builds, serves = append(builds, b), append(serves, s)
		}
		results = append(results, bench.Merge(n, builds, serves))
	}
	if bf.svg != "" {
		var buf bytes.Buffer
		if err := bench.WriteSVG(&buf, results); err != nil {
			return fmt.Errorf("bench: %w", err)
		}
		if err := os.WriteFile(bf.svg, buf.Bytes(), 0o644); err != nil {
			return fmt.Errorf("bench: %w", err)
		}
	}
	if bf.json {
		return writeJSON(a, results)
	}
	bench.WriteTable(a.Stdout, results)
	return nil
}

// benchChild runs one phase in a fresh process and decodes its result.
func (a *App) benchChild(ctx context.Context, phase string, n int, bf *benchFlags, out any) error {
	exe, err := os.Executable()
	if err != nil {
		return err
	}
	args := []string{"bench", "child", "--phase", phase, "--size", strconv.Itoa(n),
		"--data", bf.data, "--queries", strconv.Itoa(bf.queries), "--reps", strconv.Itoa(bf.reps),
		"--seed", strconv.FormatUint(bf.seed, 10)}
	if bf.memCorpus {
		args = append(args, "--mem-corpus")
	}
	cmd := exec.CommandContext(ctx, exe, args...)
	cmd.Stderr = a.Stderr
	b, err := cmd.Output()
	if err != nil {
		return fmt.Errorf("%s phase: %w", phase, err)
	}
	return json.Unmarshal(b, out)
}

// runBenchChild is one phase of the suite, run by runBenchSuite in a
// fresh process; it prints its result as JSON.
func (a *App) runBenchChild(ctx context.Context, args []string) error {
	fs, bf := a.benchFlagSet("bench child")
	phase := fs.String("phase", "", "build or serve")
	size := fs.Int("size", 0, "articles")
	if _, err := parseArgs(fs, args); err != nil {
		return err
	}
	fsys, err := bench.CorpusFS(bf.seed, *size, bf.corpusDir(*size))
	if err != nil {
		return err
	}
	var res any
	switch *phase {
	case "build":
		res, err = bench.Build(ctx, fsys, *size, bf.indexDir(*size))
	case "serve":
		res, err = bench.Serve(ctx, fsys, *size, bf.indexDir(*size), bf.config())
	default:
		return usagef("bench child: unknown phase %q", *phase)
	}
	if err != nil {
		return err
	}
	return json.NewEncoder(a.Stdout).Encode(res)
}
