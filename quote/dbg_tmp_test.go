package quote

import (
	"fmt"
	"math"
	"os"
	"strings"
	"testing"

	"github.com/privacybot/privacybot/corpus"
	"github.com/privacybot/privacybot/quote/internal/rank"
)

func TestDbgTmp(t *testing.T) {
	f := os.Getenv("DBGFILE")
	if f == "" {
		t.Skip()
	}
	b, _ := os.ReadFile(f)
	rank.Observe = func(e rank.Event) {
		txt := string(b)[e.Start:e.End]
		if !strings.Contains(txt, os.Getenv("DBGQ")) {
			return
		}
		fmt.Println("==", txt[:min(60, len(txt))])
		for _, c := range e.Cands {
			fmt.Printf("  %.2f %q/%q %v\n", rank.Default.Score(c.Feats), c.Name, c.Org, c.Feats)
		}
		_ = math.Exp
	}
	defer func() { rank.Observe = nil }()
	Extract(corpus.ParseSource("x.txt", string(b)), nil)
}
