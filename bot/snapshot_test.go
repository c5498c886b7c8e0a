package bot_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/privacybot/privacybot/bot"
	"github.com/privacybot/privacybot/retrieval"
)

var (
	acmeArticle = "Title: Acme Bank fined over data breach\n\n" +
		"Acme Bank was fined on Monday after a breach exposed the records of its customers.\n\n" +
		"\"We take the privacy of our customers seriously,\" said Jane Roe, a spokeswoman for Acme Bank.\n"
	// replacedArticle replaces acmeArticle while an answer is being worked
	// out.
	// Its first paragraph differs at the same offsets, its quote is where it
	// was, and it has a new last paragraph.
	replacedArticle = strings.Replace(acmeArticle, "Monday", "Friday", 1) +
		"\n\"The fine is far too small for a bank that size,\" said Dan Poe, an analyst.\n"
	// laterArticle is added while an answer is being worked out.
	laterArticle = "Title: Acme Bank responds\n\n" +
		"\"We have since hired a new security chief for the whole bank,\" said John Doe, a spokesman for Acme Bank.\n"
)

// The engine answers a who-said-what question from the ledger and search
// of a fake library, with no index, reading the library once.
func TestAnswerFromFakeLibrary(t *testing.T) {
	gen := generation(t, map[string]string{"001_acme.txt": acmeArticle})
	lib := &fakeLibrary{SnapshotFn: func() retrieval.Snapshot { return gen }, SearchFn: searchAll(gen)}
	eng := bot.New(lib)
	ans, err := eng.Answer(context.Background(), question(t, "What did Acme Bank say?"))
	if err != nil {
		t.Fatal(err)
	}
	qs := ans.Quotes()
	if ans.Kind != bot.KindQuote || len(qs) != 1 || qs[0].Text != "We take the privacy of our customers seriously," || qs[0].Speaker != "Jane Roe" {
		t.Fatalf("want Jane Roe's quote, got kind %s:\n%s", ans.Kind, ans.Text)
	}
	if len(ans.Sources) != 1 || ans.Sources[0].ID != "001_acme" || ans.Sources[0].Title != "Acme Bank fined over data breach" {
		t.Errorf("sources = %+v, want the Acme article", ans.Sources)
	}
	if n := lib.snapshots.Load(); n != 1 {
		t.Errorf("one answer took %d snapshots of the library, want 1", n)
	}
}

// Articles added or replaced while an answer is being worked out are not in
// that answer: the search already sees them, but the answer cites only the
// sources of the snapshot it started with, at their offsets there.
func TestAnswerKeepsToOneSnapshot(t *testing.T) {
	for _, q := range []string{"What did Acme Bank say?", "When was Acme Bank fined?"} {
		t.Run(q, func(t *testing.T) {
			before := generation(t, map[string]string{"001_acme.txt": acmeArticle})
			after := generation(t, map[string]string{"001_acme.txt": replacedArticle, "002_later.txt": laterArticle})
			cur := before
			lib := &fakeLibrary{SnapshotFn: func() retrieval.Snapshot { return cur }}
			lib.SearchFn = func(ctx context.Context, o retrieval.SearchOptions) ([]retrieval.Hit, error) {
				cur = after // the articles change as the search runs
				return searchAll(after)(ctx, o)
			}
			eng := bot.New(lib)
			ans, err := eng.Answer(context.Background(), question(t, q))
			if err != nil {
				t.Fatal(err)
			}
			for _, later := range []string{"security chief", "002", "Friday", "Dan Poe", "too small"} {
				if strings.Contains(ans.Text, later) {
					t.Errorf("the answer holds %q, from an article changed after it started:\n%s", later, ans.Text)
				}
			}
			checkCitations(t, before, ans)
			if n := lib.snapshots.Load(); n != 1 {
				t.Errorf("one answer took %d snapshots of the library, want 1", n)
			}
			// The next answer sees the new articles.
			ans, err = eng.Answer(context.Background(), question(t, "What did Acme Bank say?"))
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(ans.Text, "security chief") {
				t.Errorf("the next answer does not see the added article:\n%s", ans.Text)
			}
			checkCitations(t, after, ans)
		})
	}
}

// checkCitations fails the test when a quote or evidence sentence of ans is
// not the text at its citation in snap's source.
func checkCitations(t *testing.T, snap retrieval.Snapshot, ans bot.Answer) {
	t.Helper()
	var cites []bot.Citation
	var texts []string
	for _, q := range ans.Quotes() {
		for _, c := range q.Citations {
			cites, texts = append(cites, c), append(texts, q.Text)
		}
	}
	for _, ev := range ans.Evidence {
		cites, texts = append(cites, ev.Citation), append(texts, ev.Text)
	}
	for i, c := range cites {
		src, ok := snap.Corpus.ByID(c.Source)
		if !ok || c.Start < 0 || c.End > len(src.Text) || c.Start > c.End || src.Text[c.Start:c.End] != texts[i] {
			t.Errorf("%q is not at %+v in the snapshot the answer was built from", texts[i], c)
		}
	}
}

// A failing search is an error of the answer, not a question the sources
// cannot answer, and not the user's fault.
func TestAnswerSearchFails(t *testing.T) {
	gen := generation(t, map[string]string{"001_acme.txt": acmeArticle})
	offline := errors.New("index offline")
	lib := &fakeLibrary{
		SnapshotFn: func() retrieval.Snapshot { return gen },
		SearchFn: func(context.Context, retrieval.SearchOptions) ([]retrieval.Hit, error) {
			return nil, offline
		},
	}
	_, err := bot.New(lib).Answer(context.Background(), question(t, "What did Acme Bank say?"))
	if !errors.Is(err, offline) || errors.Is(err, bot.ErrBadQuestion) {
		t.Fatalf("err = %v, want the search's error", err)
	}
}

// The source look-ups read one snapshot each, and list what it holds.
func TestSourcesFromFakeLibrary(t *testing.T) {
	gen := generation(t, map[string]string{"001_acme.txt": acmeArticle, "002_later.txt": laterArticle})
	lib := &fakeLibrary{SnapshotFn: func() retrieval.Snapshot { return gen }}
	eng := bot.New(lib)
	srcs := eng.Sources()
	if len(srcs) != 2 || srcs[0].ID != "001_acme" || srcs[0].Quotes != 1 || srcs[1].ID != "002_later" {
		t.Errorf("sources = %+v", srcs)
	}
	d, err := eng.Source("002")
	if err != nil || d.Title != "Acme Bank responds" || len(d.Ledger) != 1 {
		t.Errorf("source 002 = %+v, %v", d, err)
	}
	if g := eng.QuotesBy("John Doe"); len(g) != 1 || len(g[0].Quotes) != 1 {
		t.Errorf("quotes by John Doe = %+v", g)
	}
	if n := lib.snapshots.Load(); n != 3 {
		t.Errorf("three look-ups took %d snapshots, want 3", n)
	}
}
