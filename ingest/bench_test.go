package ingest

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/privacybot/privacybot/retrieval"
)

var benchWords = strings.Fields(`the regulator said data protection authority company users personal information
privacy fine investigation consent cookies tracking advertising children platform transfer court ruling
commissioner breach security law compliance appeal statement million european watchdog complaint lawful
processing biometric facial recognition database scraping monitoring employees customers request access`)

// longArticle returns a news story of about words words, with a quotation
// in every fourth paragraph. seed makes each story's text distinct.
func longArticle(seed, words int) testArticle {
	r := rand.New(rand.NewPCG(uint64(seed), 7))
	a := testArticle{
		Path: fmt.Sprintf("/bench/%d", seed), Title: fmt.Sprintf("Watchdog report number %d on data brokers", seed),
		Author: "Jane Whitfield", AuthorSlug: "jane-whitfield", Desk: "Technology", Date: "2024-03-05",
	}
	n := 0
	for i := 0; n < words; i++ {
		var b strings.Builder
		for s := 0; s < 4; s++ {
			k := 12 + r.IntN(8)
			for w := 0; w < k; w++ {
				word := benchWords[r.IntN(len(benchWords))]
				if w == 0 {
					word = strings.ToUpper(word[:1]) + word[1:]
				}
				b.WriteString(word)
				if w < k-1 {
					b.WriteByte(' ')
				}
			}
			n += k
			b.WriteString(". ")
		}
		p := strings.TrimSpace(b.String())
		if i%4 == 2 {
			p = fmt.Sprintf(`"%s," said Commissioner %d. %s`, strings.TrimSuffix(p[:strings.Index(p, ".")], "."), seed, p)
		}
		a.Paragraphs = append(a.Paragraphs, p)
	}
	return a
}

// BenchmarkAdd measures adding a 2,000-word article to an open library
// holding the seeds: fetching it from a local server, extracting it,
// storing it durably and indexing it, then finding it by search. The file
// variant skips the fetch. Each added article is removed again, untimed,
// so every iteration adds to the same library size.
func BenchmarkAdd(b *testing.B) {
	const words = 2000
	pages := map[string][]byte{}
	for i := range 64 {
		a := longArticle(i, words)
		pages[a.Path] = renderArticle(b, a)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(pages[r.URL.Path])
	}))
	b.Cleanup(srv.Close)

	b.Run("url", func(b *testing.B) {
		dir := b.TempDir()
		lib := openLibrary(b, dir)
		svc := mustService(b, lib, dir, io.Discard)
		ctx := context.Background()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			n := i % 64
			res, err := svc.Add(ctx, fmt.Sprintf("%s/bench/%d", srv.URL, n), "bench")
			if err != nil {
				b.Fatal(err)
			}
			if res.Duplicate || res.Words < words {
				b.Fatalf("%+v", res)
			}
			hits, err := lib.Search(ctx, retrieval.SearchOptions{Query: fmt.Sprintf("what did Commissioner %d say about data brokers", n), K: 5})
			if err != nil || len(hits) == 0 {
				b.Fatalf("not answerable: %v", err)
			}
			b.StopTimer()
			if _, err := svc.Remove(ctx, res.ID, "bench"); err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
		}
	})

	b.Run("file", func(b *testing.B) {
		dir := b.TempDir()
		lib := openLibrary(b, dir)
		svc := mustService(b, lib, dir, io.Discard)
		ctx := context.Background()
		src := b.TempDir()
		var files []string
		for i := range 64 {
			a := longArticle(i, words)
			p := filepath.Join(src, fmt.Sprintf("%d.txt", i))
			body := "Title: " + a.Title + "\nSource: The Daily Ledger\n\n" + strings.Join(a.Paragraphs, "\n\n") + "\n"
			if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
				b.Fatal(err)
			}
			files = append(files, p)
		}
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			res, err := svc.Add(ctx, files[i%64], "bench")
			if err != nil || res.Duplicate {
				b.Fatal(res, err)
			}
			b.StopTimer()
			if _, err := svc.Remove(ctx, res.ID, "bench"); err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
		}
	})
}
