package ingest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/mmcdole/gofeed"
)

// DefaultFeedInterval is how often [Poller.Run] polls when no interval is set.
const DefaultFeedInterval = 30 * time.Minute

// maxItemFailures is how many times the poller tries an item before it
// gives up on it until the process restarts.
const maxItemFailures = 3

// Poller polls RSS, Atom and JSON feeds and adds every new item's page
// through a [Service]. An item that fails (no link, a broken page) is
// logged and skipped; the other items of the feed are still added. Items
// the library already holds are not fetched again.
type Poller struct {
	// Service adds the items. Required.
	Service *Service
	// Feeds are the feed URLs (PRIVACYBOT_FEEDS).
	Feeds []string
	// Interval is the time between polls (PRIVACYBOT_FEED_INTERVAL);
	// zero means [DefaultFeedInterval].
	Interval time.Duration
	// Logger records each poll; nil discards.
	Logger *slog.Logger

	mu     sync.Mutex
	failed map[string]int // item URL → failures so far
}

// FeedReport sums up one poll of one feed.
type FeedReport struct {
	Feed       string
	Items      int
	Added      []Result
	Duplicates int
	// Skipped counts items given up on after repeated failures.
	Skipped int
	// Failed lists the items that could not be added, and why.
	Failed []error
	// Err is set when the feed itself could not be fetched or parsed.
	Err error
}

// Run polls every feed at once and then every Interval until ctx is
// done, and returns ctx's error. Call it in its own goroutine.
func (p *Poller) Run(ctx context.Context) error {
	iv := p.Interval
	if iv <= 0 {
		iv = DefaultFeedInterval
	}
	t := time.NewTicker(iv)
	defer t.Stop()
	for {
		p.Poll(ctx)
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-t.C:
		}
	}
}

// Poll polls each feed once, in order, and returns a report per feed.
func (p *Poller) Poll(ctx context.Context) []FeedReport {
	var out []FeedReport
	for _, f := range p.Feeds {
		if ctx.Err() != nil {
			break
		}
		out = append(out, p.PollFeed(ctx, f))
	}
	return out
}

func (p *Poller) logger() *slog.Logger {
	if p.Logger == nil {
		return slog.New(slog.DiscardHandler)
	}
	return p.Logger
}

// PollFeed fetches one feed and adds its new items.
func (p *Poller) PollFeed(ctx context.Context, feedURL string) FeedReport {
	rep := FeedReport{Feed: feedURL}
	log := p.logger().With("feed", feedURL)
	doc, err := p.Service.Fetcher().Get(ctx, feedURL, Feed)
	if err != nil {
		rep.Err = err
		log.Warn("feed poll failed", "err", err)
		return rep
	}
	feed, err := gofeed.NewParser().Parse(bytes.NewReader(doc.Body))
	if err != nil {
		rep.Err = fmt.Errorf("parse feed %s: %w", feedURL, err)
		log.Warn("feed poll failed", "err", rep.Err)
		return rep
	}
	rep.Items = len(feed.Items)
	outlet := clean(feed.Title)
	for i, it := range feed.Items {
		if ctx.Err() != nil {
			break
		}
		if it == nil {
			continue
		}
		link, err := itemLink(doc.URL, it)
		if err != nil {
			rep.Failed = append(rep.Failed, fmt.Errorf("item %d %q: %w", i+1, clean(it.Title), err))
			continue
		}
		if _, ok := p.Service.Known(link); ok {
			rep.Duplicates++
			continue
		}
		if p.failures(link) >= maxItemFailures {
			rep.Skipped++
			continue
		}
		hint := &Article{Title: clean(it.Title), Outlet: outlet}
		if len(it.Authors) > 0 && it.Authors[0] != nil {
			hint.Author = clean(it.Authors[0].Name)
		}
		if it.PublishedParsed != nil {
			hint.Date = it.PublishedParsed.Format("2006-01-02")
		}
		res, err := p.Service.add(ctx, link, "feed:"+feedURL, hint)
		switch {
		case err != nil:
			p.fail(link)
			rep.Failed = append(rep.Failed, fmt.Errorf("item %q (%s): %w", clean(it.Title), link, err))
		case res.Duplicate:
			rep.Duplicates++
		default:
			rep.Added = append(rep.Added, res)
		}
	}
	for _, err := range rep.Failed {
		log.Warn("feed item not added", "err", err)
	}
	log.Info("feed polled", "items", rep.Items, "added", len(rep.Added), "duplicates", rep.Duplicates,
		"failed", len(rep.Failed), "skipped", rep.Skipped)
	return rep
}

func (p *Poller) failures(link string) int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.failed[link]
}

func (p *Poller) fail(link string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.failed == nil {
		p.failed = map[string]int{}
	}
	p.failed[link]++
}

// itemLink returns the item's article URL, resolved against the feed's.
func itemLink(base *url.URL, it *gofeed.Item) (string, error) {
	cands := []string{it.Link}
	cands = append(cands, it.Links...)
	if strings.HasPrefix(it.GUID, "http://") || strings.HasPrefix(it.GUID, "https://") {
		cands = append(cands, it.GUID)
	}
	for _, c := range cands {
		c = strings.TrimSpace(c)
		if c == "" {
			continue
		}
		ref, err := url.Parse(c)
		if err != nil {
			return "", fmt.Errorf("%w: %v", ErrBadURL, err)
		}
		u, err := checkURL(base.ResolveReference(ref))
		if err != nil {
			return "", err
		}
		return u.String(), nil
	}
	return "", errors.New("the item has no link")
}
