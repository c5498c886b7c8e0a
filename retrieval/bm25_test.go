package retrieval

import (
	"maps"
	"slices"
	"testing"
)

func TestBM25(t *testing.T) {
	x := newBM25()
	docs := map[string]string{
		"a": "Facebook asked banks for customer data",
		"b": "JPMorgan Chase declined to share data",
		"c": "Wells Fargo chatbot on Messenger",
		"q": "we don't share our customers' data",
	}
	for _, id := range slices.Sorted(maps.Keys(docs)) {
		k := kindParagraph
		if id == "q" {
			k = kindQuote
		}
		x.add(id, k, Tokenize(docs[id]))
	}
	tests := []struct {
		name  string
		query string
		kind  chunkKind
		want  []string // ids in order
	}{
		{"single term", "Messenger", 0, []string{"c"}},
		{"kind filter", "share data", kindQuote, []string{"q"}},
		{"rarer term ranks first", "share banks", kindParagraph, []string{"a", "b"}},
		{"typo expands", "JPMorgn", 0, []string{"b"}},
		{"split compound joins", "JP Morgan", 0, []string{"b"}},
		{"no match", "zebra", 0, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, s := range x.search(Tokenize(tt.query), tt.kind).top(10) {
				got = append(got, s.id)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("search(%q) = %v, want %v", tt.query, got, tt.want)
			}
		})
	}

	t.Run("remove and reuse", func(t *testing.T) {
		x.remove("c", Tokenize(docs["c"]))
		if s := x.search(Tokenize("Messenger"), 0); s.len() != 0 {
			t.Errorf("removed doc still found: %v", s)
		}
		if _, ok := x.postings["messenger"]; ok {
			t.Error("empty postings list kept")
		}
		x.add("d", kindParagraph, Tokenize("Messenger payments in the UK"))
		if len(x.docs) != 4 || x.live != 4 {
			t.Errorf("slot not reused: %d slots, %d live", len(x.docs), x.live)
		}
		if got := x.search(Tokenize("Messenger"), 0).top(10); len(got) != 1 || got[0].id != "d" {
			t.Errorf("search after reuse = %v", got)
		}
	})
}

func TestTopScored(t *testing.T) {
	scores := map[string]float64{"e": 1, "d": 2, "c": 2, "b": 3, "a": 1}
	tests := []struct {
		n    int
		want []string
	}{
		{0, nil},
		{1, []string{"b"}},
		{2, []string{"b", "c"}},
		{3, []string{"b", "c", "d"}},
		{4, []string{"b", "c", "d", "a"}},
		{10, []string{"b", "c", "d", "a", "e"}},
	}
	for _, tt := range tests {
		var got []string
		for _, s := range topScored(scores, tt.n) {
			got = append(got, s.id)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("topScored(n=%d) = %v, want %v", tt.n, got, tt.want)
		}
	}
}
