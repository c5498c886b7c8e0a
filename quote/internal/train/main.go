// Command train learns the speaker ranker's weights (quote/internal/rank)
// from gold-annotated articles: it extracts every article with the rules,
// collects each quotation's candidate speakers, labels them by the gold
// speaker mention and fits a softmax model over the candidates and the
// choice of naming no one. The output depends only on the input file.
//
//	go run ./internal/train -train ../../shared/eval/attribution-train.jsonl -out internal/rank/weights.txt
package main

import (
	"flag"
	"fmt"
	"log/slog"
	"os"

	"github.com/privacybot/privacybot/quote/internal/train/fit"
)

func main() {
	trainPath := flag.String("train", "", "gold articles to learn from (JSON lines)")
	devPath := flag.String("dev", "", "gold articles to report on, not learned from (optional)")
	out := flag.String("out", "", "weights file to write (default: standard output)")
	flag.Parse()
	if *trainPath == "" {
		fmt.Fprintln(os.Stderr, "usage: train -train FILE [-dev FILE] [-out FILE]")
		os.Exit(2)
	}
	w, err := fit.FromFile(*trainPath, *devPath, os.Stderr)
	if err != nil {
		slog.Error("train", "err", err)
		os.Exit(1)
	}
	if *out == "" {
		os.Stdout.Write(w)
		return
	}
	if err := os.WriteFile(*out, w, 0o644); err != nil {
		slog.Error("train", "err", err)
		os.Exit(1)
	}
}
