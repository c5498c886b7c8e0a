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
// timed tests. "quotes", "sentences" and "unattrib" used to take quadratic
// time (80–200 s each at full size): the keep model read the whole
// paragraph and article again for each quotation. The paragraph's layout,
// the article's quoting style and a quotation's repeats are now read once
// or stop early, and each input takes under a second on an idle machine.
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
