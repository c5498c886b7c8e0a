package ingest

import (
	"context"
	"errors"
	"log/slog"
	"strings"
	"testing"
	"time"
)

func TestPollRSS(t *testing.T) {
	site := newNewsSite(t)
	e := newEnv(t)
	p := &Poller{Service: e.svc, Feeds: []string{site.URL + "/feed.rss"}, Logger: slog.New(slog.NewTextHandler(e.logs, nil))}
	reps := p.Poll(context.Background())
	if len(reps) != 1 {
		t.Fatalf("%d reports", len(reps))
	}
	rep := reps[0]
	if rep.Err != nil || len(rep.Failed) != 0 {
		t.Fatalf("poll: %v %v", rep.Err, rep.Failed)
	}
	if rep.Items != 2 || len(rep.Added) != 2 {
		t.Fatalf("items %d, added %d; want 2, 2", rep.Items, len(rep.Added))
	}
	// The relative link of the second item resolves against the feed.
	var meta Result
	for _, r := range rep.Added {
		if r.Title == metaFine.Title {
			meta = r
		}
	}
	if meta.URL != site.URL+metaFine.Path {
		t.Errorf("meta article URL %q", meta.URL)
	}
	src, err := e.lib.Corpus().Get(rep.Added[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if src.AddedBy != "feed:"+site.URL+"/feed.rss" {
		t.Errorf("added by %q", src.AddedBy)
	}
	if len(quotesOf(e.lib, src.ID)) == 0 {
		t.Errorf("no quotes from the feed item")
	}

	// A second poll fetches nothing again.
	before := site.Hits(icoFine.Path) + site.Hits(metaFine.Path)
	rep = p.PollFeed(context.Background(), site.URL+"/feed.rss")
	if len(rep.Added) != 0 || rep.Duplicates != 2 {
		t.Errorf("second poll: added %d, duplicates %d", len(rep.Added), rep.Duplicates)
	}
	if after := site.Hits(icoFine.Path) + site.Hits(metaFine.Path); after != before {
		t.Errorf("second poll fetched %d known pages", after-before)
	}
}

func TestPollAtom(t *testing.T) {
	site := newNewsSite(t)
	e := newEnv(t)
	e.mustAdd(t, site.URL+icoFine.Path, "alice")
	p := &Poller{Service: e.svc, Feeds: []string{site.URL + "/feed.atom"}}
	rep := p.PollFeed(context.Background(), site.URL+"/feed.atom")
	if rep.Err != nil || len(rep.Failed) != 0 {
		t.Fatalf("poll: %v %v", rep.Err, rep.Failed)
	}
	// The TikTok entry is new; the ICO entry (with tracking parameters) is
	// the article already added.
	if len(rep.Added) != 1 || rep.Added[0].Title != tiktokFine.Title || rep.Duplicates != 1 {
		t.Fatalf("added %+v, duplicates %d", rep.Added, rep.Duplicates)
	}
	if rep.Added[0].Author != tiktokFine.Author {
		t.Errorf("author %q", rep.Added[0].Author)
	}
}

func TestPollFeedWithMalformedItems(t *testing.T) {
	site := newNewsSite(t)
	e := newEnv(t)
	p := &Poller{Service: e.svc, Logger: slog.New(slog.NewTextHandler(e.logs, nil))}
	rep := p.PollFeed(context.Background(), site.URL+"/feed-bad.rss")
	if rep.Err != nil {
		t.Fatal(rep.Err)
	}
	if rep.Items != 5 || len(rep.Added) != 2 || len(rep.Failed) != 3 {
		t.Fatalf("items %d, added %d, failed %d %v; want 5, 2, 3", rep.Items, len(rep.Added), len(rep.Failed), rep.Failed)
	}
	msgs := ""
	for _, err := range rep.Failed {
		msgs += err.Error() + "\n"
	}
	for _, want := range []string{"has no link", `scheme "javascript"`, "404 Not Found"} {
		if !strings.Contains(msgs, want) {
			t.Errorf("failures do not say %q:\n%s", want, msgs)
		}
	}
	var se *StatusError
	found := false
	for _, err := range rep.Failed {
		found = found || errors.As(err, &se)
	}
	if !found {
		t.Errorf("the 404 is not a StatusError")
	}
	if !strings.Contains(e.logs.String(), "feed item not added") {
		t.Errorf("failures not logged")
	}

	// A failing item is retried a few times, then given up on.
	for range maxItemFailures {
		rep = p.PollFeed(context.Background(), site.URL+"/feed-bad.rss")
	}
	if rep.Skipped != 1 {
		t.Errorf("skipped %d; want the 404 item given up on", rep.Skipped)
	}
	if hits := site.Hits("/missing"); hits != maxItemFailures {
		t.Errorf("fetched the missing page %d times; want %d", hits, maxItemFailures)
	}
}

func TestPollBrokenFeeds(t *testing.T) {
	site := newNewsSite(t)
	e := newEnv(t)
	p := &Poller{Service: e.svc, Feeds: []string{site.URL + "/broken.rss", site.URL + "/nofeed", site.URL + icoFine.Path, site.URL + "/feed.atom"}}
	reps := p.Poll(context.Background())
	if len(reps) != 4 {
		t.Fatalf("%d reports", len(reps))
	}
	for i, want := range []string{"parse feed", "404", "text/html is not a feed"} {
		if reps[i].Err == nil || !strings.Contains(reps[i].Err.Error(), want) {
			t.Errorf("feed %s: %v; want %q", reps[i].Feed, reps[i].Err, want)
		}
	}
	// A broken feed does not stop the next one.
	if reps[3].Err != nil || len(reps[3].Added) != 2 {
		t.Errorf("atom feed after broken ones: %v, added %d", reps[3].Err, len(reps[3].Added))
	}
}

func TestPollerRun(t *testing.T) {
	site := newNewsSite(t)
	e := newEnv(t)
	p := &Poller{Service: e.svc, Feeds: []string{site.URL + "/feed.rss"}, Interval: 20 * time.Millisecond}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- p.Run(ctx) }()
	deadline := time.Now().Add(5 * time.Second)
	for site.Hits("/feed.rss") < 3 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Errorf("Run returned %v", err)
	}
	if site.Hits("/feed.rss") < 3 {
		t.Errorf("polled %d times", site.Hits("/feed.rss"))
	}
	if site.Hits(icoFine.Path) != 1 {
		t.Errorf("article fetched %d times; want once", site.Hits(icoFine.Path))
	}
}
