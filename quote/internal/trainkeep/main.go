// Command trainkeep learns the keep model's weights (quote/internal/keep)
// from gold-annotated articles: it extracts every article with the rules,
// labels each quoted span the model would be asked about by whether it
// overlaps a gold quotation, fits a logistic model and tunes the keep
// threshold by cross-validation. The output depends only on the input file.
//
//	go run ./internal/trainkeep -train ../../shared/eval/attribution-train.jsonl -out internal/keep/weights.txt
package main

import (
	"github.com/privacybot/privacybot/quote/internal/model"
	"github.com/privacybot/privacybot/quote/internal/trainkeep/fit"
)

func main() {
	model.Main("trainkeep", fit.FromFile)
}
