//go:build linux

package main

import (
	"bytes"
	"context"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/privacybot/privacybot/seeds"
)

// exitBound is how soon after SIGINT or SIGTERM every command must have
// exited.
const exitBound = 2 * time.Second

// TestProcessHardening runs the built binary. A FIFO among the articles
// (which blocked the load forever) is skipped with a warning that names
// it; every command exits within 2 s of SIGTERM or SIGINT, which it
// ignored while blocked; chat answers on after a line over 1 MiB (which
// ended it).
func TestProcessHardening(t *testing.T) {
	bin := buildBinary(t)

	t.Run("FIFOInCorpus", func(t *testing.T) {
		corpus := seedCorpus(t)
		mkfifo(t, filepath.Join(corpus, "zz.txt"))
		if err := os.Symlink("zz.txt", filepath.Join(corpus, "link.md")); err != nil {
			t.Fatal(err)
		}
		out, errs := runOK(t, bin, nil, "ask", "--corpus", corpus, "What did JPMorgan say?")
		if !strings.Contains(out, "JPMorgan") {
			t.Errorf("no answer:\n%s", out)
		}
		for _, name := range []string{"zz.txt", "link.md"} {
			if !strings.Contains(errs, "skipping "+name+": not a regular file") {
				t.Errorf("no warning naming %s:\n%s", name, errs)
			}
		}
	})

	t.Run("FIFOInAddedArticles", func(t *testing.T) {
		data := t.TempDir()
		if err := os.Mkdir(filepath.Join(data, "articles"), 0o755); err != nil {
			t.Fatal(err)
		}
		mkfifo(t, filepath.Join(data, "articles", "zz.txt"))
		out, errs := runOK(t, bin, []string{"PRIVACYBOT_DATA=" + data}, "ask", "What did JPMorgan say?")
		if !strings.Contains(out, "JPMorgan") {
			t.Errorf("no answer:\n%s", out)
		}
		if !strings.Contains(errs, "skipping zz.txt: not a regular file") {
			t.Errorf("no warning naming zz.txt:\n%s", errs)
		}
	})

	t.Run("AddFIFORefused", func(t *testing.T) {
		// A path given to add is checked before it is opened: a FIFO is
		// refused at once instead of blocking until someone writes to it.
		fifo := filepath.Join(t.TempDir(), "article.txt")
		mkfifo(t, fifo)
		cmd := command(bin, []string{"PRIVACYBOT_DATA=" + t.TempDir()}, "add", fifo)
		var errs bytes.Buffer
		cmd.Stderr = &errs
		done := make(chan error, 1)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		go func() { done <- cmd.Wait() }()
		select {
		case err := <-done:
			if err == nil || !strings.Contains(errs.String(), "not a regular file: it is a named pipe (FIFO)") {
				t.Errorf("add of a FIFO: err %v, stderr:\n%s", err, errs.String())
			}
		case <-time.After(30 * time.Second):
			cmd.Process.Kill()
			t.Fatalf("add of a FIFO still running after 30 s (blocked opening it?)")
		}
	})

	t.Run("ChatLineOver1MiB", func(t *testing.T) {
		cmd := command(bin, []string{"PRIVACYBOT_DATA=" + t.TempDir()}, "chat")
		cmd.Stdin = strings.NewReader(strings.Repeat("a", 1049000) + "\nWhat did JPMorgan say?\n")
		var out, errs bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &errs
		if err := cmd.Run(); err != nil {
			t.Fatalf("chat: %v\n%s", err, errs.String())
		}
		if !strings.Contains(out.String(), "the question is 1049000 characters long") {
			t.Errorf("no question-too-long message:\n%.500s", out.String())
		}
		if i := strings.Index(out.String(), "> What did JPMorgan say?"); i < 0 || !strings.Contains(out.String()[i:], "JPMorgan Chase") {
			t.Errorf("the next question was not answered:\n%.500s", out.String())
		}
	})

	t.Run("SIGTERMWhileChatWaitsForInput", func(t *testing.T) {
		cmd := command(bin, []string{"PRIVACYBOT_DATA=" + t.TempDir()}, "chat")
		stdin, err := cmd.StdinPipe() // never closed
		if err != nil {
			t.Fatal(err)
		}
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		var errs bytes.Buffer
		cmd.Stderr = &errs
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		defer cmd.Process.Kill()
		io.WriteString(stdin, "What did JPMorgan say?\n")
		// Once the answer is out, chat waits for the next line.
		waitFor(t, stdout, "JPMorgan Chase")
		go io.Copy(io.Discard, stdout)
		elapsed, _ := signalAndWait(t, cmd, &errs, syscall.SIGTERM)
		if elapsed > exitBound {
			t.Errorf("chat exited %v after SIGTERM, over %v", elapsed, exitBound)
		}
	})

	t.Run("SIGTERMWhileBlockedOnFIFO", func(t *testing.T) {
		// eval reads its question file from a pipe as readily as from a
		// file; a FIFO no one writes to blocks it in open(2), where no
		// context reaches.
		cmd, errs := startBlocked(t, bin)
		elapsed, code := signalAndWait(t, cmd, errs, syscall.SIGTERM)
		if elapsed > exitBound {
			t.Errorf("exited %v after SIGTERM, over %v", elapsed, exitBound)
		}
		if code != 143 || !strings.Contains(errs.String(), "privacybot: SIGTERM: still running") {
			t.Errorf("exit code %d (want 143), stderr:\n%s", code, errs)
		}
	})

	t.Run("SecondSIGINTExitsAtOnce", func(t *testing.T) {
		cmd, errs := startBlocked(t, bin)
		if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
			t.Fatal(err)
		}
		time.Sleep(100 * time.Millisecond)
		elapsed, code := signalAndWait(t, cmd, errs, syscall.SIGINT)
		if elapsed > exitBound {
			t.Errorf("exited %v after the second SIGINT, over %v", elapsed, exitBound)
		}
		if code != 130 || !strings.Contains(errs.String(), "privacybot: second signal (SIGINT); exiting at once") {
			t.Errorf("exit code %d (want 130), stderr:\n%s", code, errs)
		}
	})
}

// seedCorpus writes the seed articles to a new directory.
func seedCorpus(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	ents, err := fs.ReadDir(seeds.FS, ".")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		b, err := fs.ReadFile(seeds.FS, e.Name())
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, e.Name()), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func mkfifo(t *testing.T, path string) {
	t.Helper()
	if err := syscall.Mkfifo(path, 0o644); err != nil {
		t.Fatal(err)
	}
}

// command returns the binary run with args in a clean environment: no
// PRIVACYBOT_ or OPENAI_ variables but those of env.
func command(bin string, env []string, args ...string) *exec.Cmd {
	cmd := exec.Command(bin, args...)
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "OPENAI_") && !strings.HasPrefix(kv, "PRIVACYBOT_") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	cmd.Env = append(cmd.Env, env...)
	return cmd
}

// runOK runs the binary, failing the test if it does not exit 0 within
// 30 s, and returns its stdout and stderr.
func runOK(t *testing.T, bin string, env []string, args ...string) (string, string) {
	t.Helper()
	if !hasData(env) {
		env = append(env, "PRIVACYBOT_DATA="+t.TempDir())
	}
	cmd := command(bin, env, args...)
	var out, errs bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("%s: %v\n%s", strings.Join(args, " "), err, errs.String())
		}
	case <-time.After(30 * time.Second):
		cmd.Process.Kill()
		<-done
		t.Fatalf("%s: still running after 30 s; stderr:\n%s", strings.Join(args, " "), errs.String())
	}
	return out.String(), errs.String()
}

func hasData(env []string) bool {
	for _, kv := range env {
		if strings.HasPrefix(kv, "PRIVACYBOT_DATA=") {
			return true
		}
	}
	return false
}

// startBlocked starts "eval FIFO" on an index already built, and returns
// once the process is blocked opening the FIFO.
func startBlocked(t *testing.T, bin string) (*exec.Cmd, *bytes.Buffer) {
	t.Helper()
	data := t.TempDir()
	runOK(t, bin, []string{"PRIVACYBOT_DATA=" + data}, "sources")
	fifo := filepath.Join(t.TempDir(), "questions.jsonl")
	mkfifo(t, fifo)
	cmd := command(bin, []string{"PRIVACYBOT_DATA=" + data}, "eval", fifo)
	errs := new(bytes.Buffer)
	cmd.Stderr = errs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill() })
	deadline := time.Now().Add(30 * time.Second)
	for !blockedOnFIFO(cmd.Process.Pid) {
		if time.Now().After(deadline) {
			t.Fatalf("eval never blocked opening the FIFO; stderr:\n%s", errs)
		}
		time.Sleep(20 * time.Millisecond)
	}
	return cmd, errs
}

// blockedOnFIFO reports whether a thread of process pid waits in the
// kernel for a FIFO's other end.
func blockedOnFIFO(pid int) bool {
	tasks, _ := filepath.Glob(filepath.Join("/proc", strconv.Itoa(pid), "task", "*", "wchan"))
	for _, p := range tasks {
		if b, err := os.ReadFile(p); err == nil && strings.Contains(string(b), "wait_for_partner") {
			return true
		}
	}
	return false
}

// signalAndWait sends sig to the process and waits for it to exit,
// failing the test if it is still running 10 s later; it returns how long
// the exit took and the exit code.
func signalAndWait(t *testing.T, cmd *exec.Cmd, errs *bytes.Buffer, sig syscall.Signal) (time.Duration, int) {
	t.Helper()
	done := make(chan error, 1)
	start := time.Now()
	if err := cmd.Process.Signal(sig); err != nil {
		t.Fatal(err)
	}
	go func() { done <- cmd.Wait() }()
	select {
	case <-done:
		return time.Since(start), cmd.ProcessState.ExitCode()
	case <-time.After(10 * time.Second):
		cmd.Process.Kill()
		<-done
		t.Fatalf("still running 10 s after %v; stderr:\n%s", sig, errs)
		return 0, 0
	}
}

// waitFor reads r until it has printed want, failing the test after 30 s.
func waitFor(t *testing.T, r io.Reader, want string) {
	t.Helper()
	found := make(chan bool, 1)
	go func() {
		var seen []byte
		buf := make([]byte, 4096)
		for {
			n, err := r.Read(buf)
			seen = append(seen, buf[:n]...)
			if bytes.Contains(seen, []byte(want)) {
				found <- true
				return
			}
			if err != nil {
				found <- false
				return
			}
		}
	}()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	select {
	case ok := <-found:
		if !ok {
			t.Fatalf("output ended without %q", want)
		}
	case <-ctx.Done():
		t.Fatalf("no %q within 30 s", want)
	}
}
