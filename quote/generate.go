package quote

// The keep model's weights (internal/keep/weights.txt), which decide the
// quoted spans the rules are unsure of, are learned first, from the same
// set: the ranker learns from the spans they keep.
//go:generate go run ./internal/trainkeep -train ../../shared/eval/attribution-train.jsonl -out internal/keep/weights.txt

// The speaker ranker's weights (internal/rank/weights.txt) are learned from
// the attribution training set; `go generate ./quote` rebuilds them, the
// same bytes for the same input, in a few seconds.
//go:generate go run ./internal/train -train ../../shared/eval/attribution-train.jsonl -out internal/rank/weights.txt
