package model

import (
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
)

// Main is a trainer command's main: it reads the -train, -dev and -out
// flags, learns with fromFile and writes the weights file. name is the
// command's name, for messages.
func Main(name string, fromFile func(trainPath, devPath string, log io.Writer) ([]byte, error)) {
	trainPath := flag.String("train", "", "gold articles to learn from (JSON lines)")
	devPath := flag.String("dev", "", "gold articles to report on, not learned from (optional)")
	out := flag.String("out", "", "weights file to write (default: standard output)")
	flag.Parse()
	if *trainPath == "" {
		fmt.Fprintf(os.Stderr, "usage: %s -train FILE [-dev FILE] [-out FILE]\n", name)
		os.Exit(2)
	}
	w, err := fromFile(*trainPath, *devPath, os.Stderr)
	if err != nil {
		slog.Error(name, "err", err)
		os.Exit(1)
	}
	if *out == "" {
		os.Stdout.Write(w)
		return
	}
	if err := os.WriteFile(*out, w, 0o644); err != nil {
		slog.Error(name, "err", err)
		os.Exit(1)
	}
}
