package bot

import (
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/privacybot/privacybot/corpus"
)

// Suggestion is a question the engine answers well from the library as it
// is now, to offer a reader who does not know what to ask.
type Suggestion struct {
	// Title is the short label shown for the suggestion.
	Title string
	// Question is the question asked when the suggestion is picked.
	Question string
}

// maxSuggestionTitle bounds a suggestion's title, in characters.
const maxSuggestionTitle = 60

// Suggestions returns up to n questions drawn from the current library,
// each of a kind the engine answers from its quote ledger: what the most
// quoted speaker of the newest added article said, what the most quoted
// organizations said, and who declined to comment. Articles added while
// the engine runs count at once. n must be at least 1.
func (e *Engine) Suggestions(n int) []Suggestion {
	snap := e.lib.Snapshot()
	c, led := snap.Corpus, snap.Ledger
	var out []Suggestion
	used := map[string]bool{}
	add := func(title, q string) {
		if len(out) < n && !used[strings.ToLower(q)] {
			used[strings.ToLower(q)] = true
			out = append(out, Suggestion{Title: shorten(title, maxSuggestionTitle), Question: q})
		}
	}
	// The newest article added at run time, if any, and its most quoted
	// speaker (a named person, else an organization).
	var newest *corpus.Source
	for _, s := range c.Sources {
		if !s.AddedAt.IsZero() && (newest == nil || s.AddedAt.After(newest.AddedAt)) {
			newest = s
		}
	}
	orgs := map[string]int{}
	inNewest := map[string]int{}
	for _, q := range led.Quotes {
		if q.Organization != "" {
			orgs[q.Organization]++
		}
		if newest != nil && q.Source == newest.ID {
			switch {
			case q.Speaker != "":
				inNewest[q.Speaker] += 2 // a named person is the better question
			case q.Organization != "":
				inNewest[q.Organization]++
			}
		}
	}
	if who := mostCounted(inNewest); len(who) > 0 {
		add("Newest: "+newest.Title, "What did "+who[0]+" say?")
	}
	top := mostCounted(orgs)
	for i, org := range top {
		if i == 2 && len(led.Silences) > 0 {
			add("Who declined to comment?", "Who declined to comment?")
		}
		add("What did "+org+" say?", "What did "+org+" say?")
	}
	if len(led.Silences) > 0 {
		add("Who declined to comment?", "Who declined to comment?")
	}
	add("Which sources do you have?", "Which sources do you have?")
	return out
}

// mostCounted returns the keys of counts, most counted first, ties in
// alphabetical order.
func mostCounted(counts map[string]int) []string {
	keys := make([]string, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if counts[keys[i]] != counts[keys[j]] {
			return counts[keys[i]] > counts[keys[j]]
		}
		return keys[i] < keys[j]
	})
	return keys
}

// shorten cuts s to at most n characters, ending with "…" when cut.
func shorten(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:n-1])) + "…"
}
