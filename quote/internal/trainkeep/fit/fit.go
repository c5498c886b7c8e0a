// Package fit learns the keep model's weights from gold-annotated
// articles; see the trainkeep command. It is separate from the command so
// that a test can check that the committed weights are what it produces.
package fit

import (
	"fmt"
	"io"
	"math"
	"os"

	"github.com/privacybot/privacybot/corpus"
	"github.com/privacybot/privacybot/quote"
	"github.com/privacybot/privacybot/quote/internal/keep"
	"github.com/privacybot/privacybot/quote/internal/model"
)

// folds is the number of cross-validation folds, by article.
const folds = 5

// article is one line of the gold file; only the text and the gold
// offsets are read, and the text is never written anywhere.
type article struct {
	Text   string `json:"text"`
	Quotes []struct {
		StartByte int `json:"start_byte"`
		EndByte   int `json:"end_byte"`
	} `json:"quotes"`
}

// example is one span the model is asked about.
type example struct {
	feats []int
	pos   bool
	art   int
	// q is the span's index among its article's spans (doc.hits).
	q int
	// rule is the rules' decision.
	rule bool
	// p is the span's out-of-fold probability.
	p float64
	// dbg is the span's text and features, only for a DUMP.
	dbg string
}

// doc is one article's extraction as the metric needs it: which extracted
// quotations overlap which gold ones.
type doc struct {
	// hits lists, for each extracted quotation and then each span the
	// rules dropped, the gold quotations it overlaps.
	hits [][]int
	// kept is the number of extracted quotations, the first spans.
	kept  int
	ngold int
}

// FromFile reads the gold files and returns the weights file's content,
// writing a summary of the fit to log.
func FromFile(trainPath, devPath string, log io.Writer) ([]byte, error) {
	index := model.Index{}
	exs, docs, err := examples(trainPath, index, true)
	if err != nil {
		return nil, err
	}
	names := index.Names()
	w := model.OutOfFold(exs, folds, func(ex *example) int { return ex.art },
		func(in []example) []float64 { return fitLogistic(in, len(names)) },
		func(ex *example, wf []float64) { ex.p = model.Logistic(ex.feats, wf) })
	// The thresholds maximize the out-of-fold F1, averaged over the
	// neighbouring thresholds so that a lucky point of a noisy grid is not
	// chosen, without losing precision to the rules alone: a span
	// wrongly kept as speech is worse than one missed.
	base := score(exs, docs, 0, 1)
	// A rescue needs a probability of 0.8 at least: the spans the rules
	// drop are mostly scare quotes and terms, which are not speech
	// though some labelled articles mark them.
	const nr, nt = 5, 20 // rescue 1.00 down to 0.80, tau 0 up to 0.95
	grid := make([][]result, nr)
	for r := range grid {
		grid[r] = make([]result, nt)
		for t := range grid[r] {
			grid[r][t] = score(exs, docs, float64(t)*0.05, float64(20-r)*0.05)
		}
	}
	tau, rescue, best, bestSmooth := 0.0, 1.0, base, -1.0
	for r := range grid {
		for t := range grid[r] {
			sum, n := 0.0, 0
			for dr := -1; dr <= 1; dr++ {
				for dt := -1; dt <= 1; dt++ {
					if rr, tt := r+dr, t+dt; rr >= 0 && rr < nr && tt >= 0 && tt < nt {
						sum += grid[rr][tt].f1
						n++
					}
				}
			}
			if sm := sum / float64(n); sm > bestSmooth+1e-9 && grid[r][t].p >= base.p {
				tau, rescue, best, bestSmooth = float64(t)*0.05, float64(20-r)*0.05, grid[r][t], sm
			}
		}
	}
	pos := 0
	for _, ex := range exs {
		if ex.pos {
			pos++
		}
	}
	fmt.Fprintf(log, "train: %d spans asked about (%d speech), %d features\n", len(exs), pos, len(names))
	fmt.Fprintf(log, "train, rules alone: %s\n", base)
	fmt.Fprintf(log, "train, out of fold: threshold %.2f, rescue %.2f: %s\n", tau, rescue, best)
	if os.Getenv("DUMP") != "" {
		for _, ex := range exs {
			if ex.rule && (ex.p < tau) == ex.pos || !ex.rule && ex.pos {
				fmt.Fprintf(log, "%v %v %.2f %s\n", ex.rule, ex.pos, ex.p, ex.dbg)
			}
		}
	}
	if devPath != "" {
		dev, ddocs, err := examples(devPath, index, false)
		if err != nil {
			return nil, err
		}
		for i := range dev {
			dev[i].p = model.Logistic(dev[i].feats, w)
		}
		fmt.Fprintf(log, "dev, rules alone: %s\n", score(dev, ddocs, 0, 1))
		fmt.Fprintf(log, "dev, learned: %s\n", score(dev, ddocs, tau, rescue))
	}
	header := fmt.Sprintf("#threshold %.2f\n#rescue %.2f\n", tau, rescue)
	return model.Format(header, names, w), nil
}

// examples extracts every article of a gold file with the rules alone and
// returns the spans the model is asked about, labelled, and each
// article's overlaps. New features are added to index only when grow is
// set.
func examples(path string, index model.Index, grow bool) ([]example, []doc, error) {
	var out []example
	var docs []doc
	defer func() { keep.Observe = nil }()
	dump := os.Getenv("DUMP") != ""
	err := model.ReadGold(path, func(n int, a *article) {
		var evs []keep.Event
		keep.Observe = func(e keep.Event) { evs = append(evs, e) }
		qs, _ := quote.Extract(corpus.ParseSource(fmt.Sprintf("p%03d.txt", n), a.Text), nil)
		keep.Observe = nil
		d := doc{ngold: len(a.Quotes)}
		at := map[[2]int]int{}
		for i, q := range qs {
			var h []int
			for gi, g := range a.Quotes {
				if q.Start < g.EndByte && q.End > g.StartByte {
					h = append(h, gi)
				}
			}
			d.hits = append(d.hits, h)
			at[[2]int{q.Start, q.End}] = i
		}
		d.kept = len(qs)
		for _, e := range evs {
			qi, ok := at[[2]int{e.Start, e.End}]
			if e.Rule && !ok {
				continue
			}
			if !e.Rule {
				var h []int
				for gi, g := range a.Quotes {
					if e.Start < g.EndByte && e.End > g.StartByte {
						h = append(h, gi)
					}
				}
				qi = len(d.hits)
				d.hits = append(d.hits, h)
			}
			ex := example{art: n, q: qi, pos: len(d.hits[qi]) > 0, rule: e.Rule}
			ex.feats = index.IDs(e.Feats, grow)
			if dump {
				ex.dbg = fmt.Sprintf("p%03d %q %v", n, a.Text[e.Start:min(e.End, e.Start+70)], e.Feats)
			}
			out = append(out, ex)
		}
		docs = append(docs, d)
	})
	if err != nil {
		return nil, nil, err
	}
	return out, docs, nil
}

// fitLogistic fits the weights by full-batch gradient descent with
// AdaGrad and an L2 penalty.
func fitLogistic(exs []example, n int) []float64 {
	// l2 was chosen by the out-of-fold F1 over 0.1, 0.3, 1 and 3.
	const l2, rate = 3.0, 0.3
	penalty := func(wi float64) float64 { return l2 * wi * float64(len(exs)) / 1000 }
	return model.Fit(n, 300, rate, penalty, func(w, grad []float64) {
		for _, ex := range exs {
			p := model.Logistic(ex.feats, w)
			y := 0.0
			if ex.pos {
				y = 1
			}
			for _, f := range ex.feats {
				grad[f] += p - y
			}
		}
	})
}

// result is the content score of an extraction, as the attribution
// scorer counts it.
type result struct {
	p, r, f1     float64
	pred, fp, fn int
}

func (r result) String() string {
	return fmt.Sprintf("content P %.4f R %.4f F1 %.4f (%d extracted, %d extra, %d missed)", r.p, r.r, r.f1, r.pred, r.fp, r.fn)
}

// score is the content score when the spans the rules kept with a
// probability below tau are dropped and those they dropped with one of
// rescue or more are kept.
func score(exs []example, docs []doc, tau, rescue float64) result {
	flip := map[[2]int]bool{}
	for _, ex := range exs {
		if ex.rule && ex.p < tau || !ex.rule && rescue < 1 && ex.p >= rescue {
			flip[[2]int{ex.art, ex.q}] = true
		}
	}
	var r result
	tp, ngold, covered := 0, 0, 0
	for a, d := range docs {
		ngold += d.ngold
		seen := map[int]bool{}
		for qi, h := range d.hits {
			if (qi < d.kept) == flip[[2]int{a, qi}] {
				continue
			}
			r.pred++
			if len(h) > 0 {
				tp++
			} else {
				r.fp++
			}
			for _, g := range h {
				seen[g] = true
			}
		}
		covered += len(seen)
	}
	r.fn = ngold - covered
	r.p = float64(tp) / math.Max(float64(r.pred), 1)
	r.r = float64(covered) / math.Max(float64(ngold), 1)
	r.f1 = 2 * r.p * r.r / math.Max(r.p+r.r, 1e-9)
	return r
}
