// Command measurenames measures the speaker candidates and the names the
// quote extractor gives, on gold-annotated articles (the attribution sets
// of ../shared/eval). For each file it prints:
//
//   - candidate recall: of the gold quotations whose speaker mention holds
//     a name (read as score-attribution reads it), the share that an
//     extracted quotation overlaps and whose candidates in the ranker's
//     reach hold a name sharing a name token with the mention;
//   - name precision: of the extracted quotations given a speaker or an
//     organization, the share whose name shares a name token with some
//     gold speaker mention of the same article (the article does name
//     that speaker), and the same over distinct names per article;
//   - how many given speakers are not names at all: dates, holidays,
//     places, section labels, pronouns and words that only open
//     sentences (see class).
//
// Usage, from the repository root:
//
//	go run ./quote/internal/measurenames ../shared/eval/attribution-train.jsonl ../shared/eval/attribution-dev.jsonl
//
// The article texts are read, never written.
package main

import (
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/privacybot/privacybot/quote/internal/measurenames/measure"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: measurenames GOLD.jsonl...")
		os.Exit(2)
	}
	for _, path := range os.Args[1:] {
		r, err := measure.File(path)
		if err != nil {
			slog.Error("measurenames", "err", err)
			os.Exit(1)
		}
		report(os.Stdout, filepath.Base(path), r)
	}
}

// report prints one file's figures.
func report(w io.Writer, name string, r measure.Result) {
	fmt.Fprintf(w, "%s: %d articles\n", name, r.Articles)
	fmt.Fprintf(w, "  candidate recall %.3f (%d of %d named gold quotations; %d not extracted)\n",
		ratio(r.Reached, r.Named), r.Reached, r.Named, r.NotFound)
	fmt.Fprintf(w, "  name precision %.3f (%d of %d named quotations name someone the gold names in the article); distinct names %.3f (%d of %d)\n",
		ratio(r.InGold, r.Given), r.InGold, r.Given, ratio(r.DistinctInGold, r.Distinct), r.DistinctInGold, r.Distinct)
	fmt.Fprintf(w, "  not names among given speakers:")
	for _, c := range measure.Classes {
		fmt.Fprintf(w, " %s %d", c, r.Bad[c])
	}
	fmt.Fprintln(w)
	if os.Getenv("LIST") != "" {
		var ks []string
		for k := range r.Examples {
			ks = append(ks, k)
		}
		sort.Strings(ks)
		for _, k := range ks {
			fmt.Fprintf(w, "    %s: %s\n", k, strings.Join(r.Examples[k], "; "))
		}
	}
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}
