package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/privacybot/privacybot/internal/bench"
)

// runInProcess runs the command line in this process and returns its exit
// code, stdout and stderr.
func runInProcess(args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	code := run(context.Background(), args, &out, &errb)
	return code, out.String(), errb.String()
}

// buildBinary builds privacybot-bench, so that the suite's children are
// real processes of the same binary.
func buildBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "privacybot-bench")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	return bin
}

func TestSuiteRunsEachPhaseInAFreshProcess(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and two indexes")
	}
	bin := buildBinary(t)
	data := t.TempDir()
	cmd := exec.Command(bin, "--sizes", "30,60", "--queries", "2", "--reps", "1", "--json", "--data", data)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr.String())
	}
	var rs []bench.Result
	if err := json.Unmarshal(out, &rs); err != nil {
		t.Fatalf("output is not the results: %v\n%s", err, out)
	}
	if len(rs) != 2 || rs[0].Size != 30 || rs[1].Size != 60 {
		t.Fatalf("results for sizes %+v, want 30 and 60", rs)
	}
	for _, r := range rs {
		if r.Runs != 1 || r.Build.Articles != r.Size || r.Serve.Articles != r.Size {
			t.Errorf("%d articles: runs %d, built %d, served %d", r.Size, r.Runs, r.Build.Articles, r.Serve.Articles)
		}
		if r.Build.IndexBytes == 0 || r.Serve.OpenSeconds <= 0 || r.Serve.PeakRSS == 0 {
			t.Errorf("%d articles: no index size, open time or peak RSS: %+v", r.Size, r)
		}
		for _, k := range bench.Kinds {
			if r.Serve.Answer[k].N != 2 {
				t.Errorf("%d articles: %d %s questions answered, want 2", r.Size, r.Serve.Answer[k].N, k)
			}
		}
	}
	// The corpus was written to the data directory and the index saved
	// there, by the children.
	for _, dir := range []string{"corpus-20180808-30", "index-20180808-30", "index-20180808-60"} {
		if _, err := os.Stat(filepath.Join(data, dir)); err != nil {
			t.Errorf("the suite left no %s: %v", dir, err)
		}
	}
	if !strings.Contains(stderr.String(), "== 60 articles") || !strings.Contains(stderr.String(), "run 1: built at") {
		t.Errorf("no progress on stderr:\n%s", stderr.String())
	}
}

func TestFromPrintsSavedResults(t *testing.T) {
	code, out, errs := runInProcess("--from", "../../docs/bench-results.json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	// The saved results have the three sizes and, from before the vector
	// figures moved to retrieval's benchmarks, the vector table.
	for _, want := range []string{"| 1000 |", "| 10000 |", "| 100000 |", "who-said-what p50", "ours/floor", "2062597×128"} {
		if !strings.Contains(out, want) {
			t.Errorf("the tables lack %q:\n%s", want, out)
		}
	}
}

func TestGenWritesTheCorpus(t *testing.T) {
	dir := t.TempDir()
	if code, _, errs := runInProcess("gen", "5", dir); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil || len(files) != 5 {
		t.Fatalf("%d articles written (%v), want 5", len(files), err)
	}
	b, err := os.ReadFile(files[0])
	if err != nil || !strings.HasPrefix(string(b), "Title: ") {
		t.Errorf("not an article (%v): %.80q", err, b)
	}
}

func TestUsageErrorsExitTwo(t *testing.T) {
	cases := map[string][]string{
		"bad size":       {"--sizes", "10,x"},
		"extra argument": {"now"},
		"gen without N":  {"gen"},
		"gen bad N":      {"gen", "-3", "dir"},
		"unknown phase":  {"child", "--phase", "nope", "--size", "3", "--mem-corpus"},
		"bad flag":       {"--nope"},
	}
	for name, args := range cases {
		t.Run(name, func(t *testing.T) {
			code, _, errs := runInProcess(args...)
			if code != 2 {
				t.Errorf("exit = %d, want 2 (stderr %q)", code, errs)
			}
			if errs == "" || strings.Count(strings.TrimSpace(errs), "\n") > 0 {
				t.Errorf("want a one-line error on stderr, got %q", errs)
			}
		})
	}
}
