package quote

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"testing"

	"github.com/privacybot/privacybot/corpus"
)

// BenchmarkExtractTrain extracts every article of the attribution training
// split (when it is present beside the repository) and reports articles
// per second on one goroutine.
func BenchmarkExtractTrain(b *testing.B) {
	f, err := os.Open("../../shared/eval/attribution-train.jsonl")
	if err != nil {
		b.Skip("no training split beside the repository")
	}
	defer f.Close()
	var srcs []*corpus.Source
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		var a struct{ Text string }
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			b.Fatal(err)
		}
		srcs = append(srcs, corpus.ParseSource(fmt.Sprintf("p%03d.txt", len(srcs)), a.Text))
	}
	b.ResetTimer()
	n := 0
	for b.Loop() {
		for _, s := range srcs {
			Extract(s, nil)
		}
		n += len(srcs)
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "articles/s")
}
