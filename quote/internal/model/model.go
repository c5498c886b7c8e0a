// Package model holds what the learned models of package quote (the keep
// model, quote/internal/keep, and the speaker ranker, quote/internal/rank)
// share: their weights file format, the feature index and AdaGrad step of
// their trainers, the trainers' reading of the gold file and their command
// line.
package model

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
)

// Parse reads a weights file: one "feature weight" line each, and
// "#name value" lines for the named parameters in params, which it sets.
// It returns the feature weights; malformed lines are skipped.
func Parse(s string, params map[string]*float64) map[string]float64 {
	w := map[string]float64{}
	for _, line := range strings.Split(s, "\n") {
		f := strings.Fields(line)
		if len(f) != 2 {
			continue
		}
		v, err := strconv.ParseFloat(f[1], 64)
		if err != nil {
			continue
		}
		if p, ok := params[f[0]]; ok {
			*p = v
			continue
		}
		w[f[0]] = v
	}
	return w
}

// Sum is the sum of the weights of feats.
func Sum(w map[string]float64, feats []string) float64 {
	s := 0.0
	for _, f := range feats {
		s += w[f]
	}
	return s
}

// Format writes a weights file: the header (the parameter lines) and then
// every weight of 0.001 or more in magnitude, "name weight" with three
// decimals, sorted. names[i] is the name of w[i].
func Format(header string, names []string, w []float64) []byte {
	var b strings.Builder
	b.WriteString(header)
	var lines []string
	for i, n := range names {
		if math.Abs(w[i]) >= 1e-3 {
			lines = append(lines, fmt.Sprintf("%s %.3f\n", n, w[i]))
		}
	}
	sort.Strings(lines)
	for _, l := range lines {
		b.WriteString(l)
	}
	return []byte(b.String())
}
