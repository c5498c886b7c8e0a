// Command train learns the speaker ranker's weights (quote/internal/rank)
// from gold-annotated articles: it extracts every article with the rules,
// collects each quotation's candidate speakers, labels them by the gold
// speaker mention and fits a softmax model over the candidates and the
// choice of naming no one. The output depends only on the input file.
//
//	go run ./internal/train -train ../../shared/eval/attribution-train.jsonl -out internal/rank/weights.txt
package main

import (
	"github.com/privacybot/privacybot/quote/internal/model"
	"github.com/privacybot/privacybot/quote/internal/train/fit"
)

func main() {
	model.Main("train", fit.FromFile)
}
