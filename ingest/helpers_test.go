package ingest

import (
	"bytes"
	"context"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	texttemplate "text/template"
	"time"

	"github.com/privacybot/privacybot/internal/testkit/testlog"
	"github.com/privacybot/privacybot/retrieval"
	"github.com/privacybot/privacybot/seeds"
)

// testArticle is a news story served by the test site.
type testArticle struct {
	Path, Title, Author, AuthorSlug, Desk, Date string
	Paragraphs                                  []string
}

var icoFine = testArticle{
	Path:       "/news/ico-fine",
	Title:      "ICO fines facial recognition firm over scraped images",
	Author:     "Jane Whitfield",
	AuthorSlug: "jane-whitfield",
	Desk:       "Technology correspondent",
	Date:       "2024-03-05",
	Paragraphs: []string{
		"The Information Commissioner's Office has fined Clearview AI £7.5 million for collecting images of people in the UK from the web and social media to build a global online database that could be used for facial recognition.",
		"The regulator also ordered the company to stop obtaining and using the personal data of UK residents that is publicly available on the internet, and to delete the data it already holds.",
		`"The company not only enables identification of those people, but effectively monitors their behaviour and offers it as a commercial service. That is unacceptable," said John Edwards, the UK Information Commissioner.`,
		`Edwards added that people "expect that their personal information will be respected, regardless of where in the world their data is being used".`,
		`A spokesperson for Clearview AI said the company "does not do business in the UK" and that it would appeal against the decision.`,
		`Privacy campaigners welcomed the fine. "This is a landmark decision for everyone who has ever posted a photo online," said Silkie Carlo, director of Big Brother Watch.`,
		"The ICO said it had worked with the Office of the Australian Information Commissioner on the joint investigation, which began in July 2020.",
	},
}

var metaFine = testArticle{
	Path:       "/news/meta-fine",
	Title:      "Meta hit with record fine over EU-US data transfers",
	Author:     "Tom Becker",
	AuthorSlug: "tom-becker",
	Desk:       "Europe editor",
	Date:       "2024-03-06",
	Paragraphs: []string{
		"Meta has been fined €1.2 billion by Ireland's Data Protection Commission for transferring the personal data of European Facebook users to the United States without adequate safeguards.",
		"The penalty is the largest ever imposed under the General Data Protection Regulation, eclipsing the €746 million fine handed to Amazon in 2021.",
		`"Meta's transfers were carried out on a systematic, repetitive and continuous basis," said Andrea Jelinek, chair of the European Data Protection Board.`,
		`Meta said it would appeal. "This decision is flawed, unjustified and sets a dangerous precedent for the countless other companies transferring data between the EU and US," Nick Clegg, Meta's president of global affairs, said in a blog post.`,
		"The company was also given five months to stop transferring data and six months to delete data it had already moved.",
	},
}

var tiktokFine = testArticle{
	Path:       "/news/tiktok-fine",
	Title:      "TikTok fined over misuse of children's data",
	Author:     "Priya Raman",
	AuthorSlug: "priya-raman",
	Desk:       "Consumer affairs",
	Date:       "2024-03-07",
	Paragraphs: []string{
		"TikTok has been fined £12.7 million by the UK data watchdog for a number of breaches of data protection law, including failing to use children's personal data lawfully.",
		"The Information Commissioner's Office estimated that TikTok allowed as many as 1.4 million UK children under 13 to use its platform in 2020, despite its own rules.",
		`"There are laws in place to make sure our children are as safe in the digital world as they are in the physical world. TikTok did not abide by those laws," said John Edwards.`,
		`A TikTok spokesperson said: "We disagree with the ICO's decision, though we are pleased that the fine announced today has been reduced to under half the amount proposed last year."`,
	},
}

var articleTmpl = template.Must(template.ParseFiles("testdata/article.html.tmpl"))

func renderArticle(tb testing.TB, a testArticle) []byte {
	tb.Helper()
	var b bytes.Buffer
	if err := articleTmpl.Execute(&b, a); err != nil {
		tb.Fatal(err)
	}
	return b.Bytes()
}

func renderFeed(tb testing.TB, file, base string, malformed bool) []byte {
	tb.Helper()
	t := texttemplate.Must(texttemplate.ParseFiles(filepath.Join("testdata", file)))
	var b bytes.Buffer
	if err := t.Execute(&b, map[string]any{"Base": base, "Malformed": malformed}); err != nil {
		tb.Fatal(err)
	}
	return b.Bytes()
}

// newsSite is a local news site with articles, feeds and broken pages.
type newsSite struct {
	*httptest.Server
	mu   sync.Mutex
	hits map[string]int
	// release, when non-nil, is what /slow waits for before answering.
	slowStarted chan struct{}
	slowOnce    sync.Once
}

func (s *newsSite) Hits(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[path]
}

func newNewsSite(tb testing.TB) *newsSite {
	tb.Helper()
	s := &newsSite{hits: map[string]int{}, slowStarted: make(chan struct{})}
	mux := http.NewServeMux()
	for _, a := range []testArticle{icoFine, metaFine, tiktokFine} {
		page := renderArticle(tb, a)
		mux.HandleFunc(a.Path, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write(page)
		})
	}
	// The same story syndicated at another address.
	ico := renderArticle(tb, icoFine)
	mux.HandleFunc("/syndicated/clearview", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(bytes.Replace(ico, []byte("The Daily Ledger"), []byte("Wire Service"), -1))
	})
	mux.HandleFunc("/moved", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, icoFine.Path, http.StatusMovedPermanently)
	})
	mux.HandleFunc("/privacy", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		http.ServeFile(w, r, "testdata/nav.html")
	})
	mux.HandleFunc("/big", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte("<html><body><p>"))
		chunk := bytes.Repeat([]byte("All work and no play makes Jack a dull boy. "), 1000)
		for n := 0; n < 6<<20; n += len(chunk) {
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	})
	mux.HandleFunc("/big-declared", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Header().Set("Content-Length", fmt.Sprint(6<<20))
		w.WriteHeader(http.StatusOK)
	})
	mux.HandleFunc("/report.pdf", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/pdf")
		w.Write([]byte("%PDF-1.7\n%âãÏÓ\n1 0 obj << /Type /Catalog >> endobj\n"))
	})
	mux.HandleFunc("/data.json", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"title":"not a page"}`))
	})
	mux.HandleFunc("/loop/a", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop/b", http.StatusFound) })
	mux.HandleFunc("/loop/b", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop/a", http.StatusFound) })
	mux.HandleFunc("/chain/", func(w http.ResponseWriter, r *http.Request) {
		var n int
		fmt.Sscanf(strings.TrimPrefix(r.URL.Path, "/chain/"), "%d", &n)
		http.Redirect(w, r, fmt.Sprintf("/chain/%d", n+1), http.StatusFound)
	})
	mux.HandleFunc("/to-file", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "file:///etc/passwd", http.StatusFound)
	})
	mux.HandleFunc("/error", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "boom", http.StatusInternalServerError)
	})
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		s.slowOnce.Do(func() { close(s.slowStarted) })
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(http.StatusOK)
		w.Write([]byte("<html><body><p>"))
		w.(http.Flusher).Flush()
		select {
		case <-r.Context().Done():
		case <-time.After(time.Minute):
		}
	})
	mux.HandleFunc("/feed.rss", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
		w.Write(renderFeed(tb, "feed.rss.tmpl", s.URL, false))
	})
	mux.HandleFunc("/feed-bad.rss", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
		w.Write(renderFeed(tb, "feed.rss.tmpl", s.URL, true))
	})
	mux.HandleFunc("/feed.atom", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/atom+xml")
		w.Write(renderFeed(tb, "feed.atom.tmpl", s.URL, false))
	})
	mux.HandleFunc("/broken.rss", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Write([]byte("<rss><channel><title>oops"))
	})
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.hits[r.URL.Path]++
		s.mu.Unlock()
		mux.ServeHTTP(w, r)
	}))
	tb.Cleanup(s.Close)
	return s
}

// testFetcher may reach the local test server.
func testFetcher() *Fetcher {
	return NewFetcher(FetchConfig{AllowPrivate: true, Timeout: 5 * time.Second})
}

// openLibrary opens the library the way privacybot does: the seeds plus
// DATA/articles.
func openLibrary(tb testing.TB, dataDir string) *retrieval.Library {
	tb.Helper()
	lib, err := retrieval.Open(context.Background(), retrieval.Options{
		FS:      Overlay(seeds.FS, os.DirFS(filepath.Join(dataDir, ArticlesDir))),
		DataDir: dataDir,
	})
	if err != nil {
		tb.Fatalf("open library: %v", err)
	}
	tb.Cleanup(func() { lib.Close() })
	return lib
}

type env struct {
	dir  string
	lib  *retrieval.Library
	svc  *Service
	logs *testlog.Buffer
}

var clockTicks atomic.Int64

func newEnv(tb testing.TB) *env {
	tb.Helper()
	e := &env{dir: tb.TempDir(), logs: &testlog.Buffer{}}
	e.lib = openLibrary(tb, e.dir)
	e.svc = mustService(tb, e.lib, e.dir, e.logs)
	return e
}

func mustService(tb testing.TB, lib Library, dir string, w io.Writer) *Service {
	tb.Helper()
	svc, err := New(context.Background(), Options{
		Library: lib, DataDir: dir, Fetcher: testFetcher(),
		Logger: slog.New(slog.NewTextHandler(w, nil)),
		Now:    func() time.Time { return time.Date(2024, 3, 8, 12, 0, int(clockTicks.Add(1)%60), 0, time.UTC) },
	})
	if err != nil {
		tb.Fatalf("new service: %v", err)
	}
	return svc
}

func (e *env) mustAdd(tb testing.TB, ref, by string) Result {
	tb.Helper()
	res, err := e.svc.Add(context.Background(), ref, by)
	if err != nil {
		tb.Fatalf("add %s: %v", ref, err)
	}
	return res
}

// quotesOf returns the ledger's quotations from source id.
func quotesOf(lib *retrieval.Library, id string) []string {
	var out []string
	for _, q := range lib.Ledger().Quotes {
		if q.Source == id {
			out = append(out, q.Text)
		}
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func seedsOnly() fs.FS { return seeds.FS }
