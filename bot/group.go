package bot

import (
	"sort"
	"strings"

	"github.com/privacybot/privacybot/quote"
	"github.com/privacybot/privacybot/retrieval"
)

// groupQuotes gathers quotes and silences by speaker, in order of first
// appearance. A quotation printed by several sources (the same words, after
// folding quotation marks, case and spacing) appears once, citing them all.
func groupQuotes(qs []quote.Quote, ss []quote.Silence) []SpeakerGroup {
	var groups []SpeakerGroup
	index := map[string]int{}
	group := func(speaker, role, org string) *SpeakerGroup {
		k := speakerKey(speaker, role, org)
		if i, ok := index[k]; ok {
			g := &groups[i]
			if g.Role == "" {
				g.Role = role
			}
			if g.Organization == "" {
				g.Organization = org
			}
			return g
		}
		index[k] = len(groups)
		groups = append(groups, SpeakerGroup{Speaker: speaker, Role: role, Organization: org})
		return &groups[len(groups)-1]
	}
	// Where is each quotation, by its folded text?
	type loc struct{ g, q int }
	byText := map[string]loc{}
	for _, q := range qs {
		c := Citation{Source: q.Source, Start: q.Start, End: q.End}
		key := foldQuote(q.Text)
		if l, ok := byText[key]; ok {
			item := &groups[l.g].Quotes[l.q]
			if !hasCitation(item.Citations, c) {
				item.Citations = append(item.Citations, c)
			}
			continue
		}
		g := group(q.Speaker, q.Role, q.Organization)
		gi := index[speakerKey(q.Speaker, q.Role, q.Organization)]
		g.Quotes = append(g.Quotes, QuoteItem{
			Text: q.Text, Speaker: q.Speaker, Role: q.Role, Organization: q.Organization,
			Verb: q.Verb, Citations: []Citation{c},
		})
		byText[key] = loc{gi, len(g.Quotes) - 1}
	}
	for _, s := range ss {
		g := group(s.Speaker, s.Role, s.Organization)
		dup := false
		for _, x := range g.Silences {
			if x.Citation.Source == s.Source && x.Citation.Start == s.Start {
				dup = true
			}
		}
		if !dup {
			g.Silences = append(g.Silences, SilenceItem{
				Text: s.Text, Speaker: s.Speaker, Organization: s.Organization, Kind: s.Kind,
				Citation: Citation{Source: s.Source, Start: s.Start, End: s.End},
			})
		}
	}
	for i := range groups {
		groups[i].Label = SpeakerLabel(groups[i].Speaker, groups[i].Role, groups[i].Organization)
	}
	return groups
}

func hasCitation(cs []Citation, c Citation) bool {
	for _, x := range cs {
		if x.Source == c.Source {
			return true
		}
	}
	return false
}

// speakerKey identifies a speaker: a named person by name, an unnamed
// spokesperson by organization, and an organization's own statements by
// organization alone.
func speakerKey(speaker, role, org string) string {
	if speaker != "" {
		return "p|" + strings.ToLower(speaker)
	}
	if role != "" {
		return "r|" + strings.ToLower(org)
	}
	return "o|" + strings.ToLower(org)
}

// SpeakerLabel names a speaker for display: "Patricia Wexler, spokeswoman,
// JPMorgan Chase", "a JPMorgan Chase spokesperson" or "Facebook".
func SpeakerLabel(speaker, role, org string) string {
	switch {
	case speaker != "":
		parts := []string{speaker}
		if role != "" {
			parts = append(parts, displayRole(role))
		}
		if org != "" && !strings.EqualFold(org, speaker) {
			parts = append(parts, org)
		}
		return strings.Join(parts, ", ")
	case role != "" && org != "":
		return "a " + org + " " + displayRole(role)
	case role != "":
		return "a " + displayRole(role)
	case org != "":
		return org
	}
	return "an unnamed speaker"
}

// foldQuoteMarks turns curly quotes and dashes into plain ones. Building a
// Replacer is costly, so there is one.
var foldQuoteMarks = strings.NewReplacer("“", "\"", "”", "\"", "‘", "'", "’", "'", "—", "-", "–", "-")

// foldQuote normalizes a quotation for comparison across sources.
func foldQuote(s string) string {
	s = strings.ToLower(strings.Join(strings.Fields(foldQuoteMarks.Replace(s)), " "))
	return strings.Trim(s, " .,;:\"'")
}

// rankQuotes orders quotes by how well they match the topic, each topic
// word weighing its rarity (IDF): a quotation holding the question's rare
// word comes before one holding only its common ones. Among equals, those
// the search ranked come first, in its order; then, so that a speaker
// quoted in many articles is shown across them, one quotation of each
// article before a second of any, keeping the ledger order.
func rankQuotes(st *statsSnapshot, qs []quote.Quote, hits []retrieval.Hit, topic []string) []quote.Quote {
	rank := map[[2]any]int{}
	for i, h := range hits {
		if h.Quote != nil {
			k := [2]any{h.Quote.Source, h.Quote.Start}
			if _, ok := rank[k]; !ok {
				rank[k] = i
			}
		}
	}
	type ranked struct {
		q     quote.Quote
		score float64
		rank  int // search rank; len(hits) when not retrieved
		nth   int // how many quotations of its article come before it
	}
	perArticle := map[string]int{}
	rs := make([]ranked, len(qs))
	for i, q := range qs {
		r := ranked{q: q, rank: len(hits)}
		if len(topic) > 0 {
			r.score = softCoverage(st, topic, q.Text, false)
		}
		if k, ok := rank[[2]any{q.Source, q.Start}]; ok && len(topic) > 0 {
			// With no topic, the search's order means nothing.
			r.rank = k
		}
		rs[i] = r
	}
	// Which of its article's quotations is each, counted among those of
	// the same score and search rank, so that ties take turns by article.
	sort.SliceStable(rs, func(i, j int) bool {
		if rs[i].score != rs[j].score {
			return rs[i].score > rs[j].score
		}
		return rs[i].rank < rs[j].rank
	})
	for i := range rs {
		if i > 0 && (rs[i].score != rs[i-1].score || rs[i].rank != rs[i-1].rank) {
			clear(perArticle)
		}
		rs[i].nth = perArticle[rs[i].q.Source]
		perArticle[rs[i].q.Source]++
	}
	sort.SliceStable(rs, func(i, j int) bool {
		if rs[i].score != rs[j].score {
			return rs[i].score > rs[j].score
		}
		if rs[i].rank != rs[j].rank {
			return rs[i].rank < rs[j].rank
		}
		return rs[i].nth < rs[j].nth
	})
	out := make([]quote.Quote, len(rs))
	for i, r := range rs {
		out[i] = r.q
	}
	return out
}

// displayRole lowercases a one-word role that was capitalised only because
// it began a sentence ("Spokeswoman Elisabeth Diana"); longer titles such as
// "Information Commissioner" keep their capitals.
func displayRole(role string) string {
	if strings.ContainsAny(role, " -") || strings.ToUpper(role) == role {
		return role
	}
	return strings.ToLower(role[:1]) + role[1:]
}
