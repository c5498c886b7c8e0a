package bench

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/privacybot/privacybot/bot"
	"github.com/privacybot/privacybot/internal/synth"
	"github.com/privacybot/privacybot/retrieval"
)

func TestZZDiag(t *testing.T) {
	dir := os.Getenv("DIAG_DIR")
	if dir == "" {
		t.Skip()
	}
	n, _ := strconv.Atoi(os.Getenv("DIAG_N"))
	ctx := context.Background()
	c := synth.NewCorpus(synth.DefaultSeed, n)
	fsys, err := CorpusFS(synth.DefaultSeed, n, fmt.Sprintf("%s/corpus-%d-%d", dir, synth.DefaultSeed, n))
	if err != nil {
		t.Fatal(err)
	}
	lib, err := retrieval.Open(ctx, retrieval.Options{FS: fsys, DataDir: fmt.Sprintf("%s/index-%d-%d", dir, synth.DefaultSeed, n)})
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()
	eng := bot.New(lib)
	right := 0
	qs := c.Questions(synth.WhoSaid, 50)
	for _, q := range qs {
		a, err := ask(ctx, eng, q.Text)
		if err != nil {
			t.Fatal(err)
		}
		if answerIsRight(a, q) {
			right++
			continue
		}
		if os.Getenv("DIAG_T") != "" {
			ws := strings.Fields(q.Text)
			topic := strings.TrimSuffix(ws[len(ws)-1], "?")
			n, nart := 0, map[string]bool{}
			for _, x := range lib.Ledger().Quotes {
				if strings.Contains(strings.ToLower(x.Text), topic) && (strings.Contains(q.Text, x.Organization) && x.Organization != "" || strings.Contains(q.Text, x.Speaker) && x.Speaker != "") {
					n++
					nart[x.Source] = true
				}
			}
			fmt.Println("   topic", topic, "quotes with it", n, "articles", len(nart))
		}
		fmt.Printf("MISS %s [%s] kind=%s lead=%q nsrc=%d\n", q.Text, q.Source, a.Kind, a.Lead, len(a.Sources))
		if os.Getenv("DIAG_V") != "" {
			src, _ := lib.Corpus().Get(q.Source)
			if src != nil {
				for _, x := range lib.Ledger().Quotes {
					if x.Source == q.Source {
						fmt.Printf("    Q %q by %q/%q\n", x.Text, x.Speaker, x.Organization)
					}
				}
				for _, x := range a.Quotes() {
					fmt.Printf("    A %q by %q/%q %v\n", x.Text, x.Speaker, x.Organization, x.Citations[0].Source)
				}
			}
		}
	}
	fmt.Println("right", right, len(qs))
}

func TestZZBy(t *testing.T) {
	dir := os.Getenv("DIAG_DIR")
	if dir == "" {
		t.Skip()
	}
	n, _ := strconv.Atoi(os.Getenv("DIAG_N"))
	fsys, _ := CorpusFS(synth.DefaultSeed, n, fmt.Sprintf("%s/corpus-%d-%d", dir, synth.DefaultSeed, n))
	lib, err := retrieval.Open(context.Background(), retrieval.Options{FS: fsys, DataDir: fmt.Sprintf("%s/index-%d-%d", dir, synth.DefaultSeed, n)})
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()
	for _, name := range strings.Split(os.Getenv("DIAG_NAMES"), "|") {
		qs, _ := lib.Ledger().BySpeaker(name)
		labels := map[string]int{}
		for _, q := range qs {
			labels[q.Speaker+"/"+q.Organization]++
		}
		fmt.Println(name, len(qs), labels)
	}
}
