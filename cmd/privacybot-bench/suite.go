package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"

	"github.com/privacybot/privacybot/internal/bench"
)

// runSuite runs the build and serve phases for each size, each in a fresh
// process unless --in-process, and prints the medians; or, with --from,
// prints results saved earlier.
func runSuite(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs, sf := newFlagSet("privacybot-bench")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("unexpected argument %q\n%s", pos[0], usage)
	}
	var sizes []int
	for _, s := range strings.Split(sf.sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 1 {
			return usagef("bad size %q", s)
		}
		sizes = append(sizes, n)
	}
	var results []bench.Result
	if sf.from != "" {
		b, err := os.ReadFile(sf.from)
		if err != nil {
			return fmt.Errorf("read results: %w", err)
		}
		if err := json.Unmarshal(b, &results); err != nil {
			return fmt.Errorf("%s: %w", sf.from, err)
		}
		sizes = nil
	}
	for _, n := range sizes {
		r, err := measure(ctx, sf, n, stderr)
		if err != nil {
			return fmt.Errorf("%d articles: %w", n, err)
		}
		results = append(results, r)
	}
	if sf.svg != "" {
		var buf bytes.Buffer
		if err := bench.WriteSVG(&buf, results); err != nil {
			return fmt.Errorf("draw %s: %w", sf.svg, err)
		}
		if err := os.WriteFile(sf.svg, buf.Bytes(), 0o644); err != nil {
			return fmt.Errorf("write %s: %w", sf.svg, err)
		}
	}
	if sf.json {
		enc := json.NewEncoder(stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(results); err != nil {
			return fmt.Errorf("write JSON: %w", err)
		}
		return nil
	}
	bench.WriteTable(stdout, results)
	return nil
}

// measure runs --runs builds and serves of n articles and merges them.
func measure(ctx context.Context, sf *suiteFlags, n int, stderr io.Writer) (bench.Result, error) {
	fmt.Fprintf(stderr, "== %d articles\n", n)
	fsys, err := bench.CorpusFS(sf.seed, n, sf.corpusDir(n))
	if err != nil {
		return bench.Result{}, fmt.Errorf("corpus: %w", err)
	}
	var builds []bench.BuildResult
	var serves []bench.ServeResult
	for run := range max(sf.runs, 1) {
		var b bench.BuildResult
		var s bench.ServeResult
		if sf.inProcess {
			if b, err = bench.Build(ctx, fsys, n, sf.indexDir(n)); err == nil {
				s, err = bench.Serve(ctx, fsys, n, sf.indexDir(n), sf.config())
			}
		} else {
			if err = runChildProcess(ctx, sf.childArgs("build", n), stderr, &b); err == nil {
				err = runChildProcess(ctx, sf.childArgs("serve", n), stderr, &s)
			}
		}
		if err != nil {
			return bench.Result{}, err
		}
		fmt.Fprintf(stderr, "   run %d: built at %.0f articles/s, ready in %.2f s\n", run+1, b.Rate, s.ReadySeconds)
		builds, serves = append(builds, b), append(serves, s)
	}
	return bench.Merge(n, builds, serves), nil
}

// runChildProcess runs this binary again with args, one phase in a fresh
// process, and decodes the JSON it prints into out.
func runChildProcess(ctx context.Context, args []string, stderr io.Writer, out any) error {
	exe, err := os.Executable()
	if err != nil {
		return fmt.Errorf("find this binary: %w", err)
	}
	cmd := exec.CommandContext(ctx, exe, args...)
	cmd.Stderr = stderr
	b, err := cmd.Output()
	if err != nil {
		return fmt.Errorf("%s phase: %w", args[2], err)
	}
	if err := json.Unmarshal(b, out); err != nil {
		return fmt.Errorf("%s phase: %w", args[2], err)
	}
	return nil
}
