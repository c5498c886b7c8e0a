package quote

import (
	"strings"
	"testing"
	"time"

	"github.com/privacybot/privacybot/corpus"
)

// pathological are inputs that once made extraction quadratic in an
// article's size: each is a unit repeated n times.
var pathological = map[string]string{
	"quotes":    `"a b" said X, `,
	"unattrib":  `"a b" and `,
	"opens":     `“a `,
	"names":     `the firm Acme Beta Gamma `,
	"caps":      `Alpha Beta, `,
	"silence":   `Acme declined to comment, `,
	"sentences": `"We fixed it," Jane Roe said. `,
}

// extractTime is the fastest of three extractions of unit repeated n times.
func extractTime(unit string, n int) time.Duration {
	src := corpus.ParseSource("p.txt", "T\n\n"+strings.Repeat(unit, n))
	best := time.Duration(1<<63 - 1)
	for range 3 {
		start := time.Now()
		Extract(src, nil)
		best = min(best, time.Since(start))
	}
	return best
}

// TestExtractScalesLinearly guards against work quadratic in an article's
// size without a wall-clock limit, which a loaded machine breaks: it
// compares the time for 8n repetitions with the time for n, measured in the
// same run. Linear work gives a ratio near 8, quadratic near 64; the bound
// of 24 leaves room for a noisy machine and still catches the quadratic case.
func TestExtractScalesLinearly(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	const n = 500
	for name, unit := range pathological {
		small, large := extractTime(unit, n), extractTime(unit, 8*n)
		ratio := float64(large) / float64(max(small, time.Microsecond))
		if ratio > 24 {
			t.Errorf("%s: %d repetitions took %v, %d took %v: %.1f times as long, more than linear", name, n, small, 8*n, large, ratio)
		}
	}
}

// BenchmarkExtractPathological times extraction of each pathological input
// at full size (~300-600 KB).
func BenchmarkExtractPathological(b *testing.B) {
	for name, unit := range pathological {
		src := corpus.ParseSource("p.txt", "T\n\n"+strings.Repeat(unit, 20000))
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				Extract(src, nil)
			}
		})
	}
}
