package ingest

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/privacybot/privacybot/corpus"
	"github.com/privacybot/privacybot/internal/testkit/testlog"
	"github.com/privacybot/privacybot/retrieval"
)

func TestAddURL(t *testing.T) {
	site := newNewsSite(t)
	e := newEnv(t)
	seeds := len(e.lib.Corpus().Sources)

	res := e.mustAdd(t, site.URL+icoFine.Path, "U024BE7LH")
	if res.Duplicate {
		t.Fatalf("first add reported a duplicate: %+v", res)
	}
	if !strings.HasPrefix(res.ID, "ico-fines-facial-recognition-firm-") || len(res.ID) != len("ico-fines-facial-recognition-firm-")+10 {
		t.Errorf("id %q", res.ID)
	}
	if res.Title != icoFine.Title || res.Author != icoFine.Author || res.Outlet != "The Daily Ledger" || res.Date != icoFine.Date {
		t.Errorf("metadata %+v", res)
	}
	if res.Quotes == 0 {
		t.Errorf("no quotes counted")
	}
	if n := len(e.lib.Corpus().Sources); n != seeds+1 {
		t.Errorf("corpus holds %d sources; want %d", n, seeds+1)
	}

	// The stored file carries the metadata header and parses back.
	b, err := os.ReadFile(filepath.Join(e.dir, ArticlesDir, res.ID+".txt"))
	if err != nil {
		t.Fatal(err)
	}
	src := corpus.ParseSource(res.ID+".txt", string(b))
	if src.Title != icoFine.Title || src.Outlet != "The Daily Ledger" || src.Author != icoFine.Author ||
		src.Date != icoFine.Date || src.URL != site.URL+icoFine.Path || src.AddedBy != "U024BE7LH" || src.AddedAt.IsZero() {
		t.Errorf("stored header parsed as %+v", src)
	}
	if len(src.Paragraphs) != len(icoFine.Paragraphs) {
		t.Errorf("stored %d paragraphs; want %d", len(src.Paragraphs), len(icoFine.Paragraphs))
	}

	// The ledger holds the new article's quotes, verbatim.
	qs := quotesOf(e.lib, res.ID)
	for _, want := range []string{
		"This is a landmark decision for everyone who has ever posted a photo online,",
		"does not do business in the UK",
	} {
		if !contains(qs, want) {
			t.Errorf("ledger lacks quote %q; has %q", want, qs)
		}
	}
	for _, q := range e.lib.Ledger().Quotes {
		if q.Source == res.ID && src.Text[q.Start:q.End] != q.Text {
			t.Errorf("quote %q is not at its offsets", q.Text)
		}
	}

	// It can be found by search.
	hits, err := e.lib.Search(context.Background(), retrieval.SearchOptions{Query: "Clearview facial recognition database", K: 5})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, h := range hits {
		found = found || h.Source == res.ID
	}
	if !found {
		t.Errorf("search does not find the added article")
	}

	// The add is logged with the user.
	if logs := e.logs.String(); !strings.Contains(logs, "article added") || !strings.Contains(logs, "by=U024BE7LH") || !strings.Contains(logs, "id="+res.ID) {
		t.Errorf("add not logged with the user:\n%s", logs)
	}
}

func TestAddDuplicates(t *testing.T) {
	site := newNewsSite(t)
	e := newEnv(t)
	first := e.mustAdd(t, site.URL+icoFine.Path, "alice")
	tests := []struct {
		name, ref, reason string
		fetches           int // further fetches of the original path
	}{
		{name: "same URL", ref: site.URL + icoFine.Path, reason: "same URL"},
		{name: "same URL with tracking parameters and fragment", ref: site.URL + icoFine.Path + "/?utm_source=slack#top", reason: "same URL"},
		{name: "redirect to a known URL", ref: site.URL + "/moved", reason: "same URL", fetches: 1},
		{name: "same text at another URL", ref: site.URL + "/syndicated/clearview", reason: "same text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := site.Hits(icoFine.Path)
			n := len(e.lib.Corpus().Sources)
			res, err := e.svc.Add(context.Background(), tt.ref, "bob")
			if err != nil {
				t.Fatal(err)
			}
			if !res.Duplicate || res.ID != first.ID || res.DuplicateReason != tt.reason {
				t.Errorf("got %+v; want a duplicate of %s (%s)", res, first.ID, tt.reason)
			}
			if res.Title != icoFine.Title {
				t.Errorf("duplicate result does not name the existing source's title: %+v", res)
			}
			if got := len(e.lib.Corpus().Sources); got != n {
				t.Errorf("corpus grew from %d to %d", n, got)
			}
			if got := site.Hits(icoFine.Path) - before; got != tt.fetches {
				t.Errorf("fetched the known page %d times; want %d", got, tt.fetches)
			}
		})
	}
	ents, _ := os.ReadDir(filepath.Join(e.dir, ArticlesDir))
	if len(ents) != 1 {
		t.Errorf("%d files in articles/; want 1", len(ents))
	}
	if !strings.Contains(e.logs.String(), "duplicate_of="+first.ID) {
		t.Errorf("duplicate not logged:\n%s", e.logs)
	}
}

func TestAddDuplicateOfSeed(t *testing.T) {
	e := newEnv(t)
	seed := e.lib.Corpus().Sources[0]
	// An exact copy of a seed, under another file name, is that seed.
	exact := filepath.Join(t.TempDir(), "exact.txt")
	os.WriteFile(exact, []byte(seed.Text), 0o644)
	res, err := e.svc.Add(context.Background(), exact, "alice")
	if err != nil {
		t.Fatal(err)
	}
	if !res.Duplicate || res.ID != seed.ID {
		t.Errorf("got %+v; want a duplicate of seed %s", res, seed.ID)
	}
}

func TestConcurrentAddsOfSameURL(t *testing.T) {
	site := newNewsSite(t)
	e := newEnv(t)
	const n = 12
	results := make([]Result, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range n {
		wg.Go(func() {
			<-start
			ref := site.URL + icoFine.Path
			if i%3 == 1 {
				ref = site.URL + "/moved"
			}
			results[i], errs[i] = e.svc.Add(context.Background(), ref, "user")
		})
	}
	close(start)
	wg.Wait()
	added := 0
	var id string
	for i := range n {
		if errs[i] != nil {
			t.Fatalf("add %d: %v", i, errs[i])
		}
		if !results[i].Duplicate {
			added++
		}
		if id == "" {
			id = results[i].ID
		}
		if results[i].ID != id {
			t.Errorf("result %d names %s; others %s", i, results[i].ID, id)
		}
	}
	if added != 1 {
		t.Errorf("added %d times; want once", added)
	}
	ents, _ := os.ReadDir(filepath.Join(e.dir, ArticlesDir))
	if len(ents) != 1 {
		t.Errorf("%d files in articles/; want 1", len(ents))
	}
	count := 0
	for _, s := range e.lib.Corpus().Sources {
		if s.Title == icoFine.Title {
			count++
		}
	}
	if count != 1 {
		t.Errorf("library holds the article %d times", count)
	}
}

func TestConcurrentAddsOfDifferentURLs(t *testing.T) {
	site := newNewsSite(t)
	e := newEnv(t)
	var wg sync.WaitGroup
	for _, a := range []testArticle{icoFine, metaFine, tiktokFine} {
		wg.Go(func() { e.mustAdd(t, site.URL+a.Path, "user") })
	}
	wg.Wait()
	ents, _ := os.ReadDir(filepath.Join(e.dir, ArticlesDir))
	if len(ents) != 3 {
		t.Errorf("%d files in articles/; want 3", len(ents))
	}
}

func TestAddErrors(t *testing.T) {
	site := newNewsSite(t)
	e := newEnv(t)
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.txt")
	os.WriteFile(empty, []byte("  \n\n"), 0o644)
	binary := filepath.Join(dir, "photo.txt")
	os.WriteFile(binary, []byte("GIF89a\x00\x01\x02"), 0o644)
	titleOnly := filepath.Join(dir, "title.txt")
	os.WriteFile(titleOnly, []byte("Title: Just a title\n\n"), 0o644)
	tests := []struct {
		name, ref string
		want      error
		msg       string
	}{
		{name: "404", ref: site.URL + "/gone", msg: "404 Not Found"},
		{name: "not HTML", ref: site.URL + "/report.pdf", want: ErrContentType},
		{name: "oversized", ref: site.URL + "/big", want: ErrTooLarge},
		{name: "redirect loop", ref: site.URL + "/loop/a", want: ErrTooManyRedirects},
		{name: "no article on the page", ref: site.URL + "/privacy", want: ErrNoArticle},
		{name: "bad scheme", ref: "ftp://example.com/story", want: ErrBadURL},
		{name: "missing file", ref: filepath.Join(dir, "nope.txt"), want: os.ErrNotExist},
		{name: "empty file", ref: empty, msg: "empty"},
		{name: "binary file", ref: binary, msg: "binary"},
		{name: "title but no body", ref: titleOnly, want: ErrNoArticle},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := e.svc.Add(context.Background(), tt.ref, "carol")
			if err == nil {
				t.Fatalf("added %+v; want an error", res)
			}
			if tt.want != nil && !errors.Is(err, tt.want) {
				t.Errorf("error %v; want %v", err, tt.want)
			}
			if !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("error %q does not say %q", err, tt.msg)
			}
		})
	}
	ents, _ := os.ReadDir(filepath.Join(e.dir, ArticlesDir))
	if len(ents) != 0 {
		t.Errorf("failed adds left %d files", len(ents))
	}
	if !strings.Contains(e.logs.String(), "add failed") || !strings.Contains(e.logs.String(), "by=carol") {
		t.Errorf("failures not logged with the user:\n%s", e.logs)
	}
}

func TestAddFiles(t *testing.T) {
	e := newEnv(t)
	dir := t.TempDir()
	txt := filepath.Join(dir, "statement.txt")
	text := "Title: Regulator opens inquiry into smart doorbells\nSource: Home Tech Weekly\nAuthor: Sam Ortiz\nDate: 2024-02-01\nURL: https://hometech.example/doorbells\n\n" +
		"The data protection regulator has opened an inquiry into smart doorbells that record neighbours' conversations.\n\n" +
		"\"People have a right not to be recorded on their own doorstep,\" said Maria Lopez, the deputy commissioner.\n"
	os.WriteFile(txt, []byte(text), 0o644)
	res, err := e.svc.Add(context.Background(), txt, "dave")
	if err != nil {
		t.Fatal(err)
	}
	if res.Title != "Regulator opens inquiry into smart doorbells" || res.Outlet != "Home Tech Weekly" || res.Author != "Sam Ortiz" ||
		res.URL != "https://hometech.example/doorbells" || res.Date != "2024-02-01" {
		t.Errorf("file metadata lost: %+v", res)
	}
	if !contains(quotesOf(e.lib, res.ID), "People have a right not to be recorded on their own doorstep,") {
		t.Errorf("quote missing: %q", quotesOf(e.lib, res.ID))
	}
	// The file's URL counts for duplicates.
	if _, ok := e.svc.Known("https://hometech.example/doorbells/"); !ok {
		t.Errorf("the file's URL is not known")
	}

	// A saved web page is extracted like a fetched one.
	html := filepath.Join(dir, "meta.html")
	os.WriteFile(html, renderArticle(t, metaFine), 0o644)
	res, err = e.svc.Add(context.Background(), html, "dave")
	if err != nil {
		t.Fatal(err)
	}
	if res.Title != metaFine.Title || res.Author != metaFine.Author {
		t.Errorf("html file metadata: %+v", res)
	}
	b, _ := os.ReadFile(filepath.Join(e.dir, ArticlesDir, res.ID+".txt"))
	if strings.Contains(string(b), "Advertisement") || strings.Contains(string(b), "Related stories") {
		t.Errorf("boilerplate stored:\n%s", b)
	}
}

func TestRemove(t *testing.T) {
	site := newNewsSite(t)
	e := newEnv(t)
	res := e.mustAdd(t, site.URL+icoFine.Path, "alice")
	other := e.mustAdd(t, site.URL+metaFine.Path, "alice")
	if len(quotesOf(e.lib, res.ID)) == 0 {
		t.Fatal("no quotes before remove")
	}
	n := len(e.lib.Corpus().Sources)

	got, err := e.svc.Remove(context.Background(), res.ID[:12], "admin1") // an id prefix
	if err != nil {
		t.Fatal(err)
	}
	if got.ID != res.ID || got.Title != icoFine.Title {
		t.Errorf("removed %+v", got)
	}
	if qs := quotesOf(e.lib, res.ID); len(qs) != 0 {
		t.Errorf("ledger still holds %d quotes of the removed article", len(qs))
	}
	if len(e.lib.Corpus().Sources) != n-1 {
		t.Errorf("corpus size %d; want %d", len(e.lib.Corpus().Sources), n-1)
	}
	if _, err := os.Stat(filepath.Join(e.dir, ArticlesDir, res.ID+".txt")); !os.IsNotExist(err) {
		t.Errorf("file still there: %v", err)
	}
	hits, _ := e.lib.Search(context.Background(), retrieval.SearchOptions{Query: "Clearview facial recognition", K: 10})
	for _, h := range hits {
		if h.Source == res.ID {
			t.Errorf("search still finds the removed article")
		}
	}
	if len(quotesOf(e.lib, other.ID)) == 0 {
		t.Errorf("the other article lost its quotes")
	}
	if logs := e.logs.String(); !strings.Contains(logs, "article removed") || !strings.Contains(logs, "by=admin1") {
		t.Errorf("remove not logged with the user:\n%s", logs)
	}

	// Once removed it can be added again.
	again := e.mustAdd(t, site.URL+icoFine.Path, "alice")
	if again.Duplicate || again.ID != res.ID {
		t.Errorf("re-add: %+v; want %s added again", again, res.ID)
	}

	t.Run("errors", func(t *testing.T) {
		seed := e.lib.Corpus().Sources[0].ID
		for ref, want := range map[string]error{
			"no-such-article": corpus.ErrUnknownSource,
			seed:              ErrNotAdded,
			"":                corpus.ErrUnknownSource,
		} {
			if _, err := e.svc.Remove(context.Background(), ref, "admin1"); !errors.Is(err, want) {
				t.Errorf("Remove(%q) = %v; want %v", ref, err, want)
			}
		}
		if _, err := e.svc.Remove(context.Background(), seed, "admin1"); err == nil || !strings.Contains(err.Error(), "corpus") {
			t.Errorf("removing a seed: %v", err)
		}
	})
}

func TestRestartKeepsAddedArticles(t *testing.T) {
	site := newNewsSite(t)
	e := newEnv(t)
	a := e.mustAdd(t, site.URL+icoFine.Path, "alice")
	b := e.mustAdd(t, site.URL+metaFine.Path, "alice")
	if _, err := e.svc.Remove(context.Background(), b.ID, "alice"); err != nil {
		t.Fatal(err)
	}
	c := e.mustAdd(t, site.URL+tiktokFine.Path, "alice")

	lib := openLibrary(t, e.dir) // a new process
	if w := lib.Warnings(); len(w) != 0 {
		t.Errorf("restart rebuilt or skipped something: %v", w)
	}
	for _, id := range []string{a.ID, c.ID} {
		src, err := lib.Corpus().Get(id)
		if err != nil {
			t.Fatalf("after restart: %v", err)
		}
		if src.AddedBy != "alice" || src.URL == "" {
			t.Errorf("metadata lost after restart: %+v", src)
		}
		if len(quotesOf(lib, id)) == 0 {
			t.Errorf("no quotes for %s after restart", id)
		}
	}
	if _, err := lib.Corpus().Get(b.ID); err == nil {
		t.Errorf("removed article came back")
	}
	svc := mustService(t, lib, e.dir, &testlog.Buffer{})
	res, err := svc.Add(context.Background(), site.URL+icoFine.Path, "bob")
	if err != nil || !res.Duplicate || res.ID != a.ID {
		t.Errorf("after restart, re-adding gives %+v, %v; want a duplicate of %s", res, err, a.ID)
	}
}

func TestNewAddsStoredArticlesToALibraryOpenedOnSeedsOnly(t *testing.T) {
	site := newNewsSite(t)
	e := newEnv(t)
	a := e.mustAdd(t, site.URL+icoFine.Path, "alice")

	lib, err := retrieval.Open(context.Background(), retrieval.Options{FS: seedsOnly(), DataDir: e.dir})
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()
	if _, err := lib.Corpus().Get(a.ID); err == nil {
		t.Fatal("seed-only library already holds the article")
	}
	mustService(t, lib, e.dir, &testlog.Buffer{})
	if _, err := lib.Corpus().Get(a.ID); err != nil {
		t.Errorf("New did not add the stored article: %v", err)
	}
}

func TestNewNeedsDataDir(t *testing.T) {
	e := newEnv(t)
	if _, err := New(context.Background(), Options{Library: e.lib}); err == nil || !strings.Contains(err.Error(), "PRIVACYBOT_DATA") {
		t.Errorf("got %v", err)
	}
}

// TestAddedQuotesHaveSpeakers_RealLedger DEPENDS ON THE REAL QUOTE LEDGER
// (merged from the attrib branch). It skips itself if the ledger names no
// speaker at all, as the old retrieval stand-in did.
func TestAddedQuotesHaveSpeakers_RealLedger(t *testing.T) {
	site := newNewsSite(t)
	e := newEnv(t)
	named := false
	for _, q := range e.lib.Ledger().Quotes {
		named = named || q.Speaker != ""
	}
	if !named {
		t.Skip("needs the real quote ledger: the retrieval stand-in names no speakers")
	}
	res := e.mustAdd(t, site.URL+icoFine.Path, "alice")
	want := map[string]string{
		"This is a landmark decision for everyone who has ever posted a photo online,": "Silkie Carlo",
		"does not do business in the UK":                                               "Clearview AI",
	}
	for _, q := range e.lib.Ledger().Quotes {
		if q.Source != res.ID {
			continue
		}
		if who, ok := want[q.Text]; ok {
			if !strings.Contains(q.Speaker+" "+q.Organization, who) {
				t.Errorf("quote %q attributed to %q/%q; want %s", q.Text, q.Speaker, q.Organization, who)
			}
			delete(want, q.Text)
		}
	}
	for q := range want {
		t.Errorf("quote %q not in the ledger", q)
	}
	qs, _ := e.lib.Ledger().BySpeaker("Silkie Carlo")
	if len(qs) == 0 {
		t.Errorf("BySpeaker does not find the added article's speaker")
	}
	if _, err := e.svc.Remove(context.Background(), res.ID, "alice"); err != nil {
		t.Fatal(err)
	}
	if qs, _ := e.lib.Ledger().BySpeaker("Silkie Carlo"); len(qs) != 0 {
		t.Errorf("speaker's quotes remain after remove")
	}
}

// failingLibrary indexes the source and then fails, as retrieval.Library
// does when it cannot save its index.
type failingLibrary struct{ Library }

func (f failingLibrary) Add(ctx context.Context, src *corpus.Source) error {
	if err := f.Library.Add(ctx, src); err != nil {
		return err
	}
	return errors.New("indexed, but couldn't save the index: disk full")
}

func TestAddRollsBackWhenIndexingFails(t *testing.T) {
	site := newNewsSite(t)
	e := newEnv(t)
	svc := mustService(t, failingLibrary{e.lib}, e.dir, e.logs)
	n := len(e.lib.Corpus().Sources)
	_, err := svc.Add(context.Background(), site.URL+icoFine.Path, "alice")
	if err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Fatalf("got %v", err)
	}
	if got := len(e.lib.Corpus().Sources); got != n {
		t.Errorf("library holds %d sources; want %d", got, n)
	}
	ents, _ := os.ReadDir(filepath.Join(e.dir, ArticlesDir))
	if len(ents) != 0 {
		t.Errorf("file left behind: %v", ents)
	}
	if _, ok := svc.Known(site.URL + icoFine.Path); ok {
		t.Errorf("failed article remembered as known")
	}
}
