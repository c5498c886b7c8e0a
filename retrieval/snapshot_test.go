package retrieval

import (
	"context"
	"fmt"
	"testing"

	"github.com/privacybot/privacybot/corpus"
)

// A snapshot taken while articles are added and removed holds the corpus
// and the ledger of one generation: every quote of its ledger is from a
// source of its corpus, and every added article in its corpus has its quote
// in its ledger.
func TestSnapshotIsOneGeneration(t *testing.T) {
	ctx := context.Background()
	lib := mustOpen(t, Options{})
	const n = 20
	done := make(chan error, 1)
	go func() {
		defer close(done)
		for i := range n {
			id := fmt.Sprintf("900_added_%02d", i)
			text := fmt.Sprintf("Title: Added %d\n\n\"We changed policy number %d today,\" said Ana Quill, a spokeswoman for Orbix Bank.\n", i, i)
			if err := lib.Add(ctx, corpus.ParseSource(id+".txt", text)); err != nil {
				done <- err
				return
			}
			if i%2 == 1 {
				if err := lib.Remove(ctx, fmt.Sprintf("900_added_%02d", i-1)); err != nil {
					done <- err
					return
				}
			}
		}
	}()
	check := func(s Snapshot) {
		t.Helper()
		quoted := map[string]bool{}
		for _, q := range s.Ledger.Quotes {
			if _, ok := s.Corpus.ByID(q.Source); !ok {
				t.Fatalf("the snapshot's ledger quotes %s, which its corpus does not hold", q.Source)
			}
			quoted[q.Source] = true
		}
		for _, src := range s.Corpus.Sources {
			if len(src.ID) > 4 && src.ID[:4] == "900_" && !quoted[src.ID] {
				t.Fatalf("the snapshot's corpus holds %s, whose quote its ledger lacks", src.ID)
			}
		}
	}
	for running := true; running; {
		select {
		case err := <-done:
			if err != nil {
				t.Fatal(err)
			}
			running = false
		default:
		}
		check(lib.Snapshot())
	}
	s := lib.Snapshot()
	check(s)
	if got := len(s.Corpus.Sources) - len(mustOpen(t, Options{}).Corpus().Sources); got != n/2 {
		t.Errorf("%d added articles are left, want %d", got, n/2)
	}
}
