// Package keep scores whether a quoted span the extraction rules kept is
// a quotation (speech) or not (a scare quote, a title, a nickname), and whether one they dropped is, with a
// logistic model learned from labelled news (see quote/internal/trainkeep).
// Each span is a list of feature names; its log-odds of being speech is the
// sum of their weights. The weights are embedded.
package keep

import (
	_ "embed"
	"math"

	"github.com/privacybot/privacybot/quote/internal/model"
)

//go:embed weights.txt
var weightsText string

// Model is a set of feature weights and the keep threshold.
type Model struct {
	// W maps a feature name to its weight.
	W map[string]float64
	// Threshold is the least probability of being speech a span needs to
	// stay a quotation.
	Threshold float64
	// Rescue is the least probability a span the rules dropped needs to
	// become a quotation; 1 or more rescues none.
	Rescue float64
}

// Default is the embedded model.
var Default = Parse(weightsText)

// Parse reads a model: one "feature weight" line each, a "#threshold t"
// line and a "#rescue t" line. Malformed lines are skipped; an empty text keeps every span.
func Parse(s string) *Model {
	m := &Model{Threshold: 0, Rescue: 1}
	m.W = model.Parse(s, map[string]*float64{"#threshold": &m.Threshold, "#rescue": &m.Rescue})
	return m
}

// Prob is the model's probability that a span with feats is speech.
func (m *Model) Prob(feats []string) float64 {
	return 1 / (1 + math.Exp(-model.Sum(m.W, feats)))
}

// Keep reports whether a span with feats is a quotation, given whether
// the rules kept it.
func (m *Model) Keep(feats []string, rule bool) bool {
	if rule {
		return m.Threshold <= 0 || m.Prob(feats) >= m.Threshold
	}
	return m.Rescue < 1 && m.Prob(feats) >= m.Rescue
}

// Event is one quoted span the model was asked about.
type Event struct {
	Start, End int
	// Rule is the rules' decision.
	Rule  bool
	Feats []string
}

// Observe, when set, receives every span the model is asked about, and
// the model then keeps them all (the rules alone decide), so that the
// trainer learns from the rules' output. Only the trainer sets it, not
// concurrently with other extraction.
var Observe func(Event)
