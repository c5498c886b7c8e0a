package retrieval

import (
	"context"
	"sync"
	"testing"

	"github.com/privacybot/privacybot/internal/synth"
)

// progressLog records what Open reports.
type progressLog struct {
	mu  sync.Mutex
	got []Progress
}

func (p *progressLog) report(pr Progress) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.got = append(p.got, pr)
}

// A first index reports both stages, each counting its articles up to the
// total without going back; opening the saved index again reports nothing,
// since there is nothing long to wait for.
func TestOpenReportsProgressOfAFirstIndex(t *testing.T) {
	const n = 300 // more than one embedding batch of chunks
	syn := synth.NewCorpus(synth.DefaultSeed, n)
	dir := t.TempDir()
	var log progressLog
	if _, err := Open(context.Background(), Options{FS: syn.FS(), DataDir: dir, Progress: log.report}); err != nil {
		t.Fatal(err)
	}
	last := map[string]int{}
	updates := map[string]int{}
	var order []string
	for _, p := range log.got {
		if p.Total != n {
			t.Fatalf("report %+v: total is not the %d articles", p, n)
		}
		prev, seen := last[p.Stage]
		if !seen {
			order = append(order, p.Stage)
		} else if p.Done < prev {
			t.Fatalf("%s went back from %d to %d", p.Stage, prev, p.Done)
		}
		last[p.Stage] = p.Done
		updates[p.Stage]++
	}
	if len(order) != 2 || order[0] != StageQuotes || order[1] != StageVectors {
		t.Fatalf("stages reported %v, want [%s %s]", order, StageQuotes, StageVectors)
	}
	for _, s := range order {
		if last[s] != n {
			t.Errorf("%s ended at %d of %d", s, last[s], n)
		}
		if updates[s] < 3 {
			t.Errorf("%s reported only %d times", s, updates[s])
		}
	}

	var again progressLog
	if _, err := Open(context.Background(), Options{FS: syn.FS(), DataDir: dir, Progress: again.report}); err != nil {
		t.Fatal(err)
	}
	if len(again.got) != 0 {
		t.Errorf("opening the saved index reported %d times, first %+v", len(again.got), again.got[0])
	}
}
