package main

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/privacybot/privacybot/internal/synth"
)

// runOnTTY runs the binary with stderr on a pseudo-terminal and returns
// its stdout and what it drew on the terminal.
func runOnTTY(t *testing.T, bin string, env []string, args ...string) (stdout, tty string) {
	t.Helper()
	master, slave := openPTY(t)
	cmd := command(bin, env, args...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, slave
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	slave.Close() // the child holds it; reads see EIO when it exits
	drawn := make(chan []byte)
	go func() {
		var buf bytes.Buffer
		_, err := io.Copy(&buf, master)
		var errno syscall.Errno
		if err != nil && !(errors.As(err, &errno) && errno == syscall.EIO) {
			t.Errorf("read pty: %v", err)
		}
		drawn <- buf.Bytes()
	}()
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("%s: %v\nterminal:\n%q", strings.Join(args, " "), err, <-drawn)
		}
	case <-time.After(2 * time.Minute):
		cmd.Process.Kill()
		t.Fatalf("%s: still running after 2 minutes", strings.Join(args, " "))
	}
	return out.String(), string(<-drawn)
}

var (
	indexLineRe = regexp.MustCompile(`\r\x1b\[Kindexing 1,200 articles: (extracting quotes|embedding) ([0-9,]+)/1,200, [0-9.]+/s, (<1s|[0-9ms]+) left`)
	indexStepRe = regexp.MustCompile(`\r\x1b\[Kindexing 1,200 articles: (extracting quotes|embedding) 1,200/1,200`)
	indexDoneRe = regexp.MustCompile(`\x1b\[Kprivacybot: indexed 1,200 articles in [0-9.ms]+\r\n$`)
)

// A first index of 1,200 articles shows its progress on a terminal: the
// step, articles done, the rate and the time left, redrawn in place, then
// a one-line summary. With stderr a pipe, only the summary is printed.
func TestIndexProgressOnlyOnATerminal(t *testing.T) {
	bin := buildBinary(t)
	corpus := t.TempDir()
	if err := synth.NewCorpus(synth.DefaultSeed, 1200).WriteDir(corpus); err != nil {
		t.Fatal(err)
	}

	out, tty := runOnTTY(t, bin, []string{"PRIVACYBOT_DATA=" + t.TempDir()}, "sources", "--corpus", corpus)
	if strings.Count(out, "\n") != 1201 {
		t.Errorf("sources printed %d lines, want 1,201", strings.Count(out, "\n"))
	}
	// Each step is drawn to its end; lines with a rate and time left come
	// at most four times a second, so a step that is over sooner (embedding
	// 1,200 small articles on a fast machine) may show none.
	finished := map[string]bool{}
	for _, m := range indexStepRe.FindAllStringSubmatch(tty, -1) {
		finished[m[1]] = true
	}
	if rated := len(indexLineRe.FindAllString(tty, -1)); !finished["extracting quotes"] || !finished["embedding"] || rated == 0 {
		t.Errorf("steps drawn to the end %v, %d lines with a rate; the terminal showed:\n%q", finished, rated, tty)
	}
	if !indexDoneRe.MatchString(tty) {
		t.Errorf("no summary at the end; the terminal showed:\n%q", tty)
	}

	// The same with stderr a pipe, and a second run from the saved index,
	// which has nothing to show.
	data := t.TempDir()
	for i, want := range []string{"privacybot: indexed 1,200 articles in ", ""} {
		_, errs := runOK(t, bin, []string{"PRIVACYBOT_DATA=" + data}, "sources", "--corpus", corpus)
		if strings.Contains(errs, "\r") || strings.Count(errs, "\n") != min(1, len(want)) || !strings.HasPrefix(errs, want) {
			t.Errorf("run %d, stderr a pipe: %q, want only %q", i+1, errs, want)
		}
	}
}

// add with many arguments shows its progress on a terminal, and sums up;
// on a pipe, only the summary.
func TestAddProgressOnlyOnATerminal(t *testing.T) {
	bin := buildBinary(t)
	dir := t.TempDir()
	var files []string
	for i := range 12 {
		a := synth.New(synth.DefaultSeed).Article(i)
		f := filepath.Join(dir, a.Name)
		if err := os.WriteFile(f, []byte(a.Text), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	args := append([]string{"add"}, files...)
	args = append(args, files[0]) // a duplicate
	summary := regexp.MustCompile(`(^|\x1b\[K)privacybot: added 12 of 13 articles in [0-9.ms]+, 1 already there\r?\n$`)

	out, tty := runOnTTY(t, bin, []string{"PRIVACYBOT_DATA=" + t.TempDir()}, args...)
	if strings.Count(out, "added      ") != 12 {
		t.Errorf("stdout:\n%s", out)
	}
	if !strings.Contains(tty, "\r\x1b[Kadding 13 articles: 13/13") || !summary.MatchString(tty) {
		t.Errorf("the terminal showed:\n%q", tty)
	}

	_, errs := runOK(t, bin, []string{"PRIVACYBOT_DATA=" + t.TempDir(), "PRIVACYBOT_LOG_LEVEL=warn"}, args...)
	if errs == "" || strings.Contains(errs, "\r") || strings.Contains(errs, "adding") || !summary.MatchString(errs) || strings.Count(errs, "\n") != 1 {
		t.Errorf("stderr a pipe: %q, want only the summary", errs)
	}
}
