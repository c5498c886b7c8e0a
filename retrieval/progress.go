package retrieval

import "sync"

// Stages of building an index, as in [Progress].Stage.
const (
	// StageQuotes is extracting the quotes of every article.
	StageQuotes = "quotes"
	// StageVectors is embedding every article's chunks.
	StageVectors = "vectors"
)

// Progress is how far [Open] has got with one stage of the work that grows
// with the corpus: see [Options].Progress.
type Progress struct {
	// Stage is StageQuotes or StageVectors. A stage runs only when its
	// result is not saved already: both run for a first index, neither
	// when a saved index and ledger are reused.
	Stage string
	// Done is how many of the Total articles the stage has finished. In
	// StageVectors, which embeds chunks in batches, it is the share of the
	// chunks embedded, counted in articles.
	Done, Total int
}

// stageProgress reports one stage to report (nil for no reports), with
// total articles made of units of work (chunks, for the vectors): add(n)
// says n more units are done. It may be called from several goroutines;
// the reports never overlap and Done never goes down.
type stageProgress struct {
	mu           sync.Mutex
	report       func(Progress)
	stage        string
	total, units int
	done         int // units done
}

func newStageProgress(report func(Progress), stage string, total, units int) *stageProgress {
	p := &stageProgress{report: report, stage: stage, total: total, units: units}
	if report != nil {
		report(Progress{Stage: stage, Total: total})
	}
	return p
}

// add records n more units done and reports it.
func (p *stageProgress) add(n int) {
	if p == nil || p.report == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.done = min(p.done+n, p.units)
	done := p.total
	if p.units > 0 {
		done = int(int64(p.total) * int64(p.done) / int64(p.units))
	}
	p.report(Progress{Stage: p.stage, Done: done, Total: p.total})
}
