package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"

	"github.com/privacybot/privacybot/internal/bench"
	"github.com/privacybot/privacybot/internal/synth"
)

// suiteFlags are the suite's options, shared with its child processes.
type suiteFlags struct {
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

func newFlagSet(name string) (*flag.FlagSet, *suiteFlags) {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	sf := &suiteFlags{}
	fs.StringVar(&sf.sizes, "sizes", "1000,10000,100000", "corpus sizes, comma-separated")
	fs.StringVar(&sf.data, "data", filepath.Join(os.TempDir(), "privacybot-bench"), "keep corpora and indexes in `DIR`")
	fs.IntVar(&sf.queries, "queries", 50, "questions of each kind")
	fs.IntVar(&sf.reps, "reps", 3, "repetitions of each timing within a run (medians are reported)")
	fs.IntVar(&sf.runs, "runs", 1, "fresh-process runs of each size (medians are reported)")
	fs.Uint64Var(&sf.seed, "seed", synth.DefaultSeed, "corpus seed")
	fs.StringVar(&sf.svg, "svg", "", "also draw answer latency against corpus size into `FILE`")
	fs.BoolVar(&sf.json, "json", false, "print JSON instead of tables")
	fs.BoolVar(&sf.memCorpus, "mem-corpus", false, "generate the corpus in memory instead of reading it from DIR")
	fs.BoolVar(&sf.inProcess, "in-process", false, "run every phase in this process (peak RSS then covers all of them)")
	fs.StringVar(&sf.from, "from", "", "print the results saved by --json in `FILE` instead of measuring")
	return fs, sf
}

// childArgs are the arguments that run phase for n articles in a child
// process with the same options.
func (sf *suiteFlags) childArgs(phase string, n int) []string {
	args := []string{"child", "--phase", phase, "--size", strconv.Itoa(n),
		"--data", sf.data, "--queries", strconv.Itoa(sf.queries), "--reps", strconv.Itoa(sf.reps),
		"--seed", strconv.FormatUint(sf.seed, 10)}
	if sf.memCorpus {
		args = append(args, "--mem-corpus")
	}
	return args
}

func (sf *suiteFlags) corpusDir(n int) string {
	if sf.memCorpus {
		return ""
	}
	return filepath.Join(sf.data, fmt.Sprintf("corpus-%d-%d", sf.seed, n))
}

func (sf *suiteFlags) indexDir(n int) string {
	return filepath.Join(sf.data, fmt.Sprintf("index-%d-%d", sf.seed, n))
}

func (sf *suiteFlags) config() bench.Config {
	return bench.Config{Seed: sf.seed, Queries: sf.queries, Reps: sf.reps}
}
