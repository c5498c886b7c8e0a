package model

import "math"

// Index numbers feature names for a trainer.
type Index map[string]int

// IDs returns the numbers of feats, adding the new ones when grow is set
// and leaving them out otherwise.
func (x Index) IDs(feats []string, grow bool) []int {
	var ids []int
	for _, ft := range feats {
		id, ok := x[ft]
		if !ok && grow {
			id = len(x)
			x[ft] = id
			ok = true
		}
		if ok {
			ids = append(ids, id)
		}
	}
	return ids
}

// Names returns the feature names by number.
func (x Index) Names() []string {
	names := make([]string, len(x))
	for k, v := range x {
		names[v] = k
	}
	return names
}

// AdaGrad takes one AdaGrad step of size rate on w along grad, adding the
// squared gradient to the running sums g2.
func AdaGrad(w, g2, grad []float64, rate float64) {
	for i, g := range grad {
		g2[i] += g * g
		if g2[i] > 0 {
			w[i] -= rate * g / math.Sqrt(g2[i])
		}
	}
}

// Logistic is the logistic function of the sum of the weights of feats.
func Logistic(feats []int, w []float64) float64 {
	s := 0.0
	for _, f := range feats {
		s += w[f]
	}
	return 1 / (1 + math.Exp(-s))
}

// Fit fits n weights by full-batch gradient descent with AdaGrad: each of
// epochs rounds starts every weight's gradient at penalty(weight) and lets
// gradient add the data's part, then takes a step of size rate.
func Fit(n, epochs int, rate float64, penalty func(w float64) float64, gradient func(w, grad []float64)) []float64 {
	w := make([]float64, n)
	g2 := make([]float64, n)
	grad := make([]float64, n)
	for epoch := 0; epoch < epochs; epoch++ {
		for i := range grad {
			grad[i] = penalty(w[i])
		}
		gradient(w, grad)
		AdaGrad(w, g2, grad, rate)
	}
	return w
}

// OutOfFold returns the model fit fits on all the examples. It also deals
// them into folds by art (their article's number modulo folds) and, for
// each fold, fits a model on the other folds and lets score set the fold's
// examples' probabilities under it.
func OutOfFold[E any](exs []E, folds int, art func(*E) int, fit func([]E) []float64, score func(*E, []float64)) []float64 {
	w := fit(exs)
	for k := 0; k < folds; k++ {
		var rest []E
		for _, ex := range exs {
			if art(&ex)%folds != k {
				rest = append(rest, ex)
			}
		}
		wk := fit(rest)
		for i := range exs {
			if art(&exs[i])%folds == k {
				score(&exs[i], wk)
			}
		}
	}
	return w
}
