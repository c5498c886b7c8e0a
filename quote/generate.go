package quote

// The speaker ranker's weights (internal/rank/weights.txt) are learned from
// the attribution training set; `go generate ./quote` rebuilds them, the
// same bytes for the same input, in a few seconds.
//go:generate go run ./internal/train -train ../../shared/eval/attribution-train.jsonl -out internal/rank/weights.txt
