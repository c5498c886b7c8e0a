package quote_test

import (
	"testing"

	"github.com/privacybot/privacybot/quote/internal/trainkeep/fit"
)

// TestKeepWeightsReproducible checks that the committed keep-model
// weights are exactly what `go generate ./quote` learns from the training
// split, so that nobody edits the numbers by hand and the command stays
// deterministic.
func TestKeepWeightsReproducible(t *testing.T) {
	checkWeights(t, "internal/keep/weights.txt", fit.FromFile)
}
