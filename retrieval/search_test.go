package retrieval

import (
	"context"
	"errors"
	"strings"
	"testing"
)

func TestSearchFindsSeedText(t *testing.T) {
	l := mustOpen(t, Options{})
	tests := []struct {
		name    string
		opts    SearchOptions
		top     int      // look at this many hits
		want    string   // one of them contains this
		sources []string // and all of the sources of such hits are among these ("" = any)
	}{
		{"messenger users", SearchOptions{Query: "How many users does Messenger have?", K: 5}, 3, "1.3 billion", nil},
		{"fraud alerts", SearchOptions{Query: "Which features would users get, like fraud alerts?", K: 5}, 2, "fraud alerts", []string{"002", "004"}},
		{"typo via character n-grams", SearchOptions{Query: "JP Morgn", K: 5}, 3, "JPMorgan", nil},
		{"quotes only", SearchOptions{Query: "We don't use purchase data from banks for ads", Kind: KindQuote, K: 3}, 1, "purchase data", nil},
		{"paragraphs only", SearchOptions{Query: "Cambridge Analytica 87 million", Kind: KindParagraph, K: 3}, 1, "87 million", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hs := mustSearch(t, l, tt.opts)
			found := false
			for _, h := range hs[:min(tt.top, len(hs))] {
				if tt.opts.Kind != "" && h.Kind != tt.opts.Kind {
					t.Errorf("hit of kind %q, want %q", h.Kind, tt.opts.Kind)
				}
				if !strings.Contains(h.Text, tt.want) {
					continue
				}
				found = true
				if tt.sources != nil && !hasPrefixIn(h.Source, tt.sources) {
					t.Errorf("hit from %s, want one of %v", h.Source, tt.sources)
				}
			}
			if !found {
				t.Errorf("no hit among the top %d contains %q:\n%s", tt.top, tt.want, dumpHits(hs))
			}
		})
	}
}

func TestSearchHitsAreVerbatim(t *testing.T) {
	l := mustOpen(t, Options{})
	for _, h := range mustSearch(t, l, SearchOptions{Query: "privacy of customers' data", K: 1000}) {
		src, err := l.Corpus().Get(h.Source)
		if err != nil {
			t.Fatal(err)
		}
		if src.Slice(h.Span) != h.Text {
			t.Errorf("hit %+v is not its source's text at its span", h)
		}
		if (h.Kind == KindQuote) != (h.Quote != nil) {
			t.Errorf("hit of kind %q with quote %v", h.Kind, h.Quote)
		}
	}
}

func TestSearchIsDeterministic(t *testing.T) {
	l1 := mustOpen(t, Options{})
	l2 := mustOpen(t, Options{})
	for _, q := range []string{"banks", "Facebook Messenger data", "JP Morgn", "the"} {
		t.Run(q, func(t *testing.T) {
			a := mustSearch(t, l1, SearchOptions{Query: q, K: 20})
			b := mustSearch(t, l1, SearchOptions{Query: q, K: 20})
			c := mustSearch(t, l2, SearchOptions{Query: q, K: 20})
			if !sameHits(a, b) || !sameHits(a, c) {
				t.Errorf("different results for the same query:\n%s\n%s\n%s", dumpHits(a), dumpHits(b), dumpHits(c))
			}
			for i := 1; i < len(a); i++ {
				if a[i].Score > a[i-1].Score {
					t.Errorf("scores rise at %d: %v > %v", i, a[i].Score, a[i-1].Score)
				}
			}
		})
	}
}

func TestSearchClampsK(t *testing.T) {
	l := mustOpen(t, Options{})
	nq := l.vec.count(kindQuote)
	np := l.vec.count(kindParagraph)
	tests := []struct {
		name string
		opts SearchOptions
		want int
	}{
		{"both", SearchOptions{Query: "Facebook", K: 10000}, np + nq},
		{"quotes", SearchOptions{Query: "Facebook", K: 10000, Kind: KindQuote}, nq},
		{"paragraphs", SearchOptions{Query: "Facebook", K: 10000, Kind: KindParagraph}, np},
		{"default K", SearchOptions{Query: "Facebook"}, DefaultK},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := len(mustSearch(t, l, tt.opts)); got != tt.want {
				t.Errorf("%d hits, want %d", got, tt.want)
			}
		})
	}
}

func TestSearchErrors(t *testing.T) {
	l := mustOpen(t, Options{})
	tests := []struct {
		name string
		opts SearchOptions
		is   error
	}{
		{"empty query", SearchOptions{Query: "  "}, ErrEmptyQuery},
		{"bad kind", SearchOptions{Query: "banks", Kind: "tweet"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := l.Search(context.Background(), tt.opts)
			if err == nil || (tt.is != nil && !errors.Is(err, tt.is)) {
				t.Errorf("Search = %v, want an error (%v)", err, tt.is)
			}
		})
	}
}

func TestSearchSpeakersComeFirst(t *testing.T) {
	l := mustOpen(t, Options{})
	// Attribute one quote by hand, so the test does not depend on how the
	// ledger attributes quotes.
	var target *chunk
	for _, c := range l.chunks {
		if c.kind == kindQuote && (target == nil || c.id < target.id) {
			target = c
		}
	}
	if target == nil {
		t.Fatal("the seeds have no quotes")
	}
	q := *target.quote
	q.Speaker, q.Organization = "Test Speaker", "Test Org"
	target.quote = &q
	l.bySpeaker["test speaker"] = append(l.bySpeaker["test speaker"], target)
	l.bySpeaker["test org"] = append(l.bySpeaker["test org"], target)

	tests := []struct {
		name     string
		speakers []string
		kind     string
		first    bool
	}{
		{"by speaker", []string{"Test Speaker"}, "", true},
		{"by organization, other case", []string{"TEST ORG"}, "", true},
		{"quotes only", []string{"Test Speaker"}, KindQuote, true},
		{"paragraphs only ignores speakers", []string{"Test Speaker"}, KindParagraph, false},
		{"unknown speaker", []string{"Nobody"}, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hs := mustSearch(t, l, SearchOptions{Query: "Cambridge Analytica election campaign", K: 5, Speakers: tt.speakers, Kind: tt.kind})
			got := len(hs) > 0 && hs[0].Kind == KindQuote && hs[0].Span == target.span && hs[0].Source == target.source.ID
			if got != tt.first {
				t.Errorf("speaker's quote first = %v, want %v:\n%s", got, tt.first, dumpHits(hs))
			}
			if got && (hs[0].Quote.Speaker != "Test Speaker" || hs[0].Score <= speakerTier) {
				t.Errorf("first hit %+v", hs[0])
			}
		})
	}
}

func hasPrefixIn(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

func dumpHits(hs []Hit) string {
	var b strings.Builder
	for _, h := range hs {
		t := h.Text
		if len(t) > 90 {
			t = t[:90] + "…"
		}
		b.WriteString("  ")
		b.WriteString(h.Kind + " " + h.Source + " " + strings.ReplaceAll(t, "\n", " ") + "\n")
	}
	return b.String()
}
