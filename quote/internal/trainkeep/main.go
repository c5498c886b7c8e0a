// Command trainkeep learns the keep model's weights (quote/internal/keep)
// from gold-annotated articles: it extracts every article with the rules,
// labels each quoted span the model would be asked about by whether it
// overlaps a gold quotation, fits a logistic model and tunes the keep
// threshold by cross-validation. The output depends only on the input file.
//
//	go run ./internal/trainkeep -train ../../shared/eval/attribution-train.jsonl -out internal/keep/weights.txt
package main

import (
	"flag"
	"fmt"
	"log/slog"
	"os"

	"github.com/privacybot/privacybot/quote/internal/trainkeep/fit"
)

func main() {
	trainPath := flag.String("train", "", "gold articles to learn from (JSON lines)")
	devPath := flag.String("dev", "", "gold articles to report on, not learned from (optional)")
	out := flag.String("out", "", "weights file to write (default: standard output)")
	flag.Parse()
	if *trainPath == "" {
		fmt.Fprintln(os.Stderr, "usage: trainkeep -train FILE [-dev FILE] [-out FILE]")
		os.Exit(2)
	}
	w, err := fit.FromFile(*trainPath, *devPath, os.Stderr)
	if err != nil {
		slog.Error("trainkeep", "err", err)
		os.Exit(1)
	}
	if *out == "" {
		os.Stdout.Write(w)
		return
	}
	if err := os.WriteFile(*out, w, 0o644); err != nil {
		slog.Error("trainkeep", "err", err)
		os.Exit(1)
	}
}
