// Package child runs a test of the same test binary as a child process, to
// kill it at a chosen moment: the test that parents it starts it with
// [Start], and the child test prints a marker line when it has got there.
package child

import (
	"bufio"
	"os"
	"os/exec"
	"testing"
	"time"
)

// Start runs the test named test of this test binary in a child process,
// with env added to the environment, and returns once the child has printed
// the line marker on its stdout. It fails tb if the child exits first or
// does not print it within 30 seconds. The child is killed when tb ends if
// the caller has not ended it before.
func Start(tb testing.TB, test, marker string, env ...string) *exec.Cmd {
	tb.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^"+test+"$", "-test.count=1")
	cmd.Env = append(os.Environ(), env...)
	out, err := cmd.StdoutPipe()
	if err != nil {
		tb.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
	})
	seen := make(chan bool, 1)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			if sc.Text() == marker {
				seen <- true
			}
		}
		close(seen)
	}()
	select {
	case ok := <-seen:
		if !ok {
			tb.Fatalf("%s exited before printing %q", test, marker)
		}
	case <-time.After(30 * time.Second):
		tb.Fatalf("%s did not print %q within 30 s", test, marker)
	}
	return cmd
}
