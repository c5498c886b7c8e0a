package quote

import (
	"strings"
	"testing"
	"time"

	"github.com/privacybot/privacybot/corpus"
)

// TestPerfPathological guards against work quadratic in an article's size:
// each of these ~300-600 KB inputs must extract in well under ten seconds.
func TestPerfPathological(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	for name, body := range map[string]string{
		"quotes":    strings.Repeat(`"a b" said X, `, 20000),
		"unattrib":  strings.Repeat(`"a b" and `, 20000),
		"opens":     strings.Repeat(`“a `, 50000),
		"names":     strings.Repeat(`the firm Acme Beta Gamma `, 20000),
		"caps":      strings.Repeat(`Alpha Beta, `, 40000),
		"silence":   strings.Repeat(`Acme declined to comment, `, 20000),
		"sentences": strings.Repeat(`"We fixed it," Jane Roe said. `, 20000),
	} {
		start := time.Now()
		Extract(corpus.ParseSource("p.txt", "T\n\n"+body), nil)
		if d := time.Since(start); d > 10*time.Second {
			t.Errorf("%s: took %v", name, d)
		}
	}
}
