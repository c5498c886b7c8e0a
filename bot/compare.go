package bot

import (
	"fmt"
	"sort"
	"strings"

	"github.com/privacybot/privacybot/quote"
	"github.com/privacybot/privacybot/retrieval"
)

// maxSideQuotes is the most quotations a comparison shows of each side.
const maxSideQuotes = 5

// compareAnswer sets what each entity the question names said side by
// side, in the order the question names them, the quotations about the
// question's topic first, and says plainly when one side said nothing.
func (e *Engine) compareAnswer(b *builder, hits []retrieval.Hit) {
	names := sides(b.snap, b.p.asked, b.p.entities)
	quiet := map[string]bool{}
	for _, n := range b.p.quietSides {
		quiet[n] = true
		names = append(names, n)
	}
	names = inQuestionOrder(b.p.asked, names)
	type side struct {
		qs []quote.Quote
		ss []quote.Silence
	}
	sides := make([]side, len(names))
	// A quotation two sides claim (a company and its spokeswoman) belongs
	// to the side that names its speaker, else to the first.
	owner := map[[2]any]int{}
	all := make([][]quote.Quote, len(names))
	for i, name := range names {
		if quiet[name] {
			continue
		}
		qs, ss, _ := speakerQuotes(b.snap, name)
		all[i], sides[i].ss = qs, ss
		for _, q := range qs {
			k := [2]any{q.Source, q.Start}
			if j, ok := owner[k]; !ok || (strings.EqualFold(q.Speaker, name) && !strings.EqualFold(q.Speaker, names[j])) {
				owner[k] = i
			}
		}
	}
	for i, qs := range all {
		for _, q := range qs {
			if owner[[2]any{q.Source, q.Start}] == i {
				sides[i].qs = append(sides[i].qs, q)
			}
		}
	}
	var parts []string
	for i, name := range names {
		s := sides[i]
		qs := rankQuotes(b.snap.statistics(), s.qs, hits, b.p.topic)
		shown := ""
		if len(qs) > maxSideQuotes {
			qs = qs[:maxSideQuotes]
			shown = fmt.Sprintf(" (the %d most relevant shown)", maxSideQuotes)
		}
		groups := groupQuotes(qs, s.ss)
		b.addQuotes(groups)
		articles := map[string]bool{}
		for _, q := range s.qs {
			articles[q.Source] = true
		}
		switch {
		case len(s.qs) > 0:
			parts = append(parts, fmt.Sprintf("they quote %s %s, in %s%s", name, times(len(s.qs)), plural(len(articles), "article"), shown))
		case len(s.ss) > 0:
			parts = append(parts, fmt.Sprintf("they quote nothing from %s, and report that %s", name, silenceSummary(s.ss)))
		default:
			parts = append(parts, fmt.Sprintf("they quote nothing from %s", name))
		}
	}
	if len(parts) > 0 {
		parts[0] = strings.Replace(parts[0], "they quote", "the sources quote", 1)
	}
	b.ans.Lead = fmt.Sprintf("Side by side, %s: %s.", joinNames(names), strings.Join(parts, "; "))
}

// times says how often: "once", "twice", "3 times".
func times(n int) string {
	switch n {
	case 1:
		return "once"
	case 2:
		return "twice"
	}
	return plural(n, "time")
}

// inQuestionOrder orders entities as the question first names them; those
// it names by an alias or a misspelling keep their order, after the rest.
func inQuestionOrder(text string, entities []string) []string {
	lower := strings.ToLower(text)
	pos := func(e string) int {
		best := -1
		for _, w := range words(e) {
			if i := strings.Index(lower, w); i >= 0 && (best < 0 || i < best) {
				best = i
			}
		}
		if best < 0 {
			return len(lower)
		}
		return best
	}
	out := append([]string(nil), entities...)
	sort.SliceStable(out, func(i, j int) bool { return pos(out[i]) < pos(out[j]) })
	return out
}

// objectPrepositions introduce what a question asks about rather than
// whom ("from" and "by" introduce whom: "the response from Facebook").
var objectPrepositions = toSet(`with to about for against on at into toward towards regarding over concerning`)

// subjectEntities keeps the entities a question asks about: the first it
// names, and those joined to it by "and", "or" or a comma ("Did JPMorgan
// and Citigroup comment?"). The others are what it asks about them ("Did
// Wells Fargo share data with Facebook?"), part of its topic.
func subjectEntities(text string, entities []string) []string {
	if len(entities) == 0 {
		return entities
	}
	lower := strings.ToLower(text)
	type span struct {
		name       string
		start, end int
	}
	var spans []span
	for _, e := range entities {
		start, end := -1, -1
		for _, w := range words(e) {
			if i := strings.Index(lower, w); i >= 0 {
				if start < 0 || i < start {
					start = i
				}
				if i+len(w) > end {
					end = i + len(w)
				}
			}
		}
		if start < 0 {
			// Named by an alias or a misspelling: keep it, it cannot be
			// placed.
			return entities
		}
		spans = append(spans, span{e, start, end})
	}
	sort.SliceStable(spans, func(i, j int) bool { return spans[i].start < spans[j].start })
	// "Is Clinton's health an issue, according to Caddell?": the one
	// whose words are asked for comes after "according to".
	if i := strings.Index(lower, "according to "); i >= 0 {
		for _, sp := range spans {
			if sp.start >= i+len("according to ") && strings.TrimSpace(strings.TrimPrefix(lower[i+len("according to "):sp.start], "the ")) == "" {
				return []string{sp.name}
			}
		}
	}
	// "Has any bank agreed to share data with Facebook?": in a yes/no
	// question a name after "with", "to", "about"… is what it asks about,
	// not whom.
	if before := strings.Fields(lower[:spans[0].start]); yesNoRe.MatchString(text) && len(before) > 0 && objectPrepositions[strings.Trim(before[len(before)-1], ",;:")] {
		return nil
	}
	out := []string{spans[0].name}
	for i := 1; i < len(spans); i++ {
		gap := ""
		if spans[i].start > spans[i-1].end {
			gap = lower[spans[i-1].end:spans[i].start]
		}
		gap = strings.TrimSpace(strings.NewReplacer("'s", "", "’s", "", ",", " ").Replace(gap))
		if gap != "" && gap != "and" && gap != "or" && gap != "and the" && gap != "or the" {
			break
		}
		out = append(out, spans[i].name)
	}
	return out
}

// sides reduces the entities a comparison names to one a mention: where
// one word of the question names several speakers ("Trump": Donald Trump,
// Ivanka Trump…), the side is the one the sources quote most.
func sides(snap *snapshot, text string, entities []string) []string {
	if len(entities) < 3 {
		return entities
	}
	lower := map[string]bool{}
	for _, w := range words(text) {
		lower[w] = true
	}
	key := func(e string) string {
		var ks []string
		for _, w := range words(e) {
			if lower[w] && !stopwords[w] {
				ks = append(ks, w)
			}
		}
		return strings.Join(ks, " ")
	}
	best := map[string]string{}
	count := map[string]int{}
	var order []string
	for _, e := range entities {
		k := key(e)
		if k == "" {
			k = "\x00" + e // named by an alias: a side of its own
		}
		qs, _ := snap.ledger.BySpeaker(e)
		if _, ok := best[k]; !ok {
			order = append(order, k)
		} else if len(qs) <= count[k] {
			continue
		}
		best[k], count[k] = e, len(qs)
	}
	out := make([]string, len(order))
	for i, k := range order {
		out[i] = best[k]
	}
	return out
}

// unquotedNames returns the names a question writes with capitals that
// the sources print but the ledger never quotes, as runs of words ("Lester
// Holt"), leaving out the words of its entities.
func unquotedNames(snap *snapshot, text string, entities []string) []string {
	known := map[string]bool{}
	for _, e := range entities {
		for _, w := range words(e) {
			known[w] = true
		}
	}
	st := snap.statistics()
	var out []string
	var run []string
	flush := func() {
		if len(run) > 0 {
			out = append(out, strings.Join(run, " "))
			run = nil
		}
	}
	locs := capitalWordRe.FindAllStringIndex(text, -1)
	for i, loc := range locs {
		w := strings.TrimSuffix(strings.TrimSuffix(text[loc[0]:loc[1]], "'s"), "’s")
		lw := strings.ToLower(w)
		if known[lw] || questionWords[lw] || stopwords[lw] || st.vocab[lw] == 0 {
			flush()
			continue
		}
		if len(run) > 0 && i > 0 && strings.TrimSpace(text[locs[i-1][1]:loc[0]]) != "" {
			flush()
		}
		run = append(run, w)
	}
	flush()
	return out
}
