// Package rank scores the candidate speakers of a quotation with a linear
// model learned from labelled news (see quote/internal/train): each
// candidate, and the choice of naming no one, is a list of feature names,
// and its score is the sum of their weights. The weights are embedded.
package rank

import (
	_ "embed"

	"github.com/privacybot/privacybot/quote/internal/model"
)

//go:embed weights.txt
var weightsText string

// Model is a set of feature weights and the abstention threshold.
type Model struct {
	// W maps a feature name to its weight.
	W map[string]float64
	// Threshold is the least probability the best candidate needs to be
	// named; below it the quotation stays unattributed.
	Threshold float64
	// Fill is the least probability a candidate needs to name the speaker
	// of a quotation the rules left without one; FillFar the least when,
	// besides, no speech verb stands in the quotation's sentence or the
	// one before. A threshold above 1 names no one.
	Fill, FillFar float64
}

// Default is the embedded model.
var Default = Parse(weightsText)

// Parse reads a model written by [Model.Format]: one "feature weight" line
// each, and "#threshold t", "#fill t" and "#fillfar t" lines. Malformed lines are skipped.
func Parse(s string) *Model {
	m := &Model{Threshold: 0.5, Fill: 2, FillFar: 2}
	m.W = model.Parse(s, map[string]*float64{"#threshold": &m.Threshold, "#fill": &m.Fill, "#fillfar": &m.FillFar})
	return m
}

// Score is the sum of the weights of feats.
func (m *Model) Score(feats []string) float64 {
	return model.Sum(m.W, feats)
}

// Candidate is one possible speaker of a quotation, as the trainer sees it.
type Candidate struct {
	Name, Org string
	// Feats are the candidate's feature names.
	Feats []string
}

// Event is one quotation and its candidates; the last candidate is the
// choice of naming no one (empty Name and Org).
type Event struct {
	Source     string
	Start, End int
	Cands      []Candidate
}

// Observe, when set, receives every quotation's candidates during
// extraction. Only the trainer sets it, before extracting, and not
// concurrently with other extraction.
var Observe func(Event)
