package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"syscall"
	"time"
)

// exitGrace is how long a command may take to stop after the first SIGINT
// or SIGTERM before the process exits regardless; serve has its drain on
// top (see [stopGrace]).
const exitGrace = time.Second

// stopGrace is how long after the first signal the command named by args
// may run before the process exits: exitGrace, and for serve the drain of
// the answers under way (shutdownAnswers, counted from the signal) too.
func stopGrace(args []string) time.Duration {
	if len(args) > 0 && args[0] == "serve" {
		return shutdownAnswers + exitGrace
	}
	return exitGrace
}

// watchSignals handles SIGINT and SIGTERM as they arrive on sigs. The
// first cancels the command's context, which stops work that watches it;
// if the process is still running grace later (work that does not watch
// it, such as a read that blocks), it exits. A second signal exits at
// once. Either exit prints one line to stderr and uses the shell's code
// for the signal: 130 for SIGINT, 143 for SIGTERM.
func watchSignals(sigs <-chan os.Signal, cancel context.CancelFunc, grace time.Duration, stderr io.Writer, exit func(int)) {
	first := <-sigs
	cancel()
	timer := time.NewTimer(grace)
	defer timer.Stop()
	select {
	case <-timer.C:
		fmt.Fprintf(stderr, "privacybot: %s: still running %s after it; exiting\n", signalName(first), grace)
		exit(signalCode(first))
	case sig := <-sigs:
		fmt.Fprintf(stderr, "privacybot: second signal (%s); exiting at once\n", signalName(sig))
		exit(signalCode(sig))
	}
}

// signalName returns SIGINT, SIGTERM, or the signal's own description.
func signalName(sig os.Signal) string {
	switch sig {
	case syscall.SIGINT:
		return "SIGINT"
	case syscall.SIGTERM:
		return "SIGTERM"
	}
	return sig.String()
}

// signalCode is the exit code a shell gives a process killed by sig:
// 128 plus its number.
func signalCode(sig os.Signal) int {
	if s, ok := sig.(syscall.Signal); ok {
		return 128 + int(s)
	}
	return exitFailure
}
