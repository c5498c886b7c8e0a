package quote_test

import (
	"testing"

	"github.com/privacybot/privacybot/quote/internal/train/fit"
)

// TestRankWeightsReproducible checks that the committed ranker weights are
// exactly what `go generate ./quote` learns from the training split, so
// that nobody edits the numbers by hand and the command stays
// deterministic.
func TestRankWeightsReproducible(t *testing.T) {
	checkWeights(t, "internal/rank/weights.txt", fit.FromFile)
}
