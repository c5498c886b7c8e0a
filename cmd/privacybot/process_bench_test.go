package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// BenchmarkAskProcess runs `privacybot ask` as a whole process with a warm
// index in the data directory: start-up, loading the index, answering and
// printing.
func BenchmarkAskProcess(b *testing.B) {
	dir := b.TempDir()
	bin := filepath.Join(dir, "privacybot")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		b.Fatalf("build: %v\n%s", err, out)
	}
	env := append(os.Environ(), "PRIVACYBOT_DATA="+filepath.Join(dir, "data"))
	run := func() {
		cmd := exec.Command(bin, "ask", "What did JPMorgan say?")
		cmd.Env = env
		if out, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("ask: %v\n%s", err, out)
		}
	}
	run() // builds and saves the index
	b.ResetTimer()
	for b.Loop() {
		run()
	}
}
