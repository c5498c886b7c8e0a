package quote

import (
	"strings"
	"testing"

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

// BenchmarkExtractPathological times extraction of each pathological input
// at full size (~300-600 KB). It replaces a test with a wall-clock limit,
// which a loaded machine broke: speed is measured by benchmarks, never by
// timed tests. Some of these inputs take more than linear time (eight times
// the input took 20 to 80 times as long on a loaded machine), which is worth
// a look when extraction is next reworked.
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
