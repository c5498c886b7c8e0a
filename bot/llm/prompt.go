package llm

import (
	"fmt"
	"strings"

	"github.com/privacybot/privacybot/bot"
	"github.com/privacybot/privacybot/corpus"
	"github.com/privacybot/privacybot/prompts"
	"github.com/privacybot/privacybot/retrieval"
)

// excerpt is one piece of a source given to the model.
type excerpt struct {
	// sources are the ids of every source printing the text, primary first.
	sources []string
	quote   bool
	speaker string
	role    string
	org     string
	title   string
	text    string
}

// excerptSet is what the model may answer from, and what its reply is
// checked against.
type excerptSet struct {
	items []excerpt
	// allowed holds the ids of the sources retrieved for the question: the
	// draft's sources and those of the excerpts.
	allowed []string
}

// excerpts gathers the draft's quotes (with speakers) and evidence, then
// the retrieved hits, without repeats, in that order of priority.
func (l *Composer) excerpts(draft bot.Answer, hits []retrieval.Hit, sources *corpus.Corpus) excerptSet {
	var set excerptSet
	seen := map[string]bool{}
	allowed := map[string]bool{}
	allow := func(id string) {
		if id != "" && !allowed[id] {
			allowed[id] = true
			set.allowed = append(set.allowed, id)
		}
	}
	titles := map[string]string{}
	for _, s := range draft.Sources {
		allow(s.ID)
		titles[s.ID] = s.Title
	}
	add := func(e excerpt) {
		e.text = strings.TrimSpace(e.text)
		if e.text == "" || len(e.sources) == 0 {
			return
		}
		k := e.sources[0] + "\x00" + foldSpace(e.text)
		if seen[k] {
			return
		}
		seen[k] = true
		for _, id := range e.sources {
			allow(id)
		}
		set.items = append(set.items, e)
	}
	for _, g := range draft.Groups {
		for _, q := range g.Quotes {
			var ids []string
			for _, c := range q.Citations {
				ids = append(ids, c.Source)
			}
			add(excerpt{sources: ids, quote: true, speaker: q.Speaker, role: q.Role, org: q.Organization, text: q.Text})
		}
	}
	for _, ev := range draft.Evidence {
		add(excerpt{sources: []string{ev.Source}, text: ev.Text})
	}
	for _, g := range draft.Groups {
		for _, s := range g.Silences {
			add(excerpt{sources: []string{s.Citation.Source}, text: s.Text})
		}
	}
	for _, h := range hits {
		if h.Quote != nil {
			q := h.Quote
			add(excerpt{sources: []string{q.Source}, quote: true, speaker: q.Speaker, role: q.Role, org: q.Organization, text: q.Text})
			continue
		}
		add(excerpt{sources: []string{h.Source}, text: h.Text})
	}
	// Give each source's first passage its title.
	titled := map[string]bool{}
	for i := range set.items {
		e := &set.items[i]
		if e.quote || titled[e.sources[0]] {
			continue
		}
		titled[e.sources[0]] = true
		e.title = titles[e.sources[0]]
		if e.title == "" && sources != nil {
			if src, err := sources.Get(e.sources[0]); err == nil {
				e.title = src.Title
			}
		}
	}
	return set
}

// renderSystem renders the system prompt around fence.
func renderSystem(fence string) (string, error) {
	s, err := prompts.Render(prompts.System, prompts.SystemData{Fence: fence})
	if err != nil {
		return "", fmt.Errorf("system prompt: %w", err)
	}
	return s, nil
}

// renderAnswer renders the user message with as many excerpts as fit in
// budget bytes, in order of priority (at least one).
func renderAnswer(fence, q string, set excerptSet, budget int) (string, error) {
	data := prompts.AnswerData{Fence: fence, Question: q}
	used := 0
	for i, e := range set.items {
		if i > 0 && used+len(e.text) > budget {
			continue
		}
		used += len(e.text)
		pe := prompts.Excerpt{ID: bot.ShortID(e.sources[0]), Text: e.text}
		if e.quote {
			pe.Speaker, pe.Role, pe.Organization = e.speaker, e.role, e.org
			data.Quotations = append(data.Quotations, pe)
		} else {
			pe.Title = e.title
			data.Passages = append(data.Passages, pe)
		}
	}
	s, err := prompts.Render(prompts.Answer, data)
	if err != nil {
		return "", fmt.Errorf("answer prompt: %w", err)
	}
	return s, nil
}

// foldSpace collapses runs of white space to one space and trims.
func foldSpace(s string) string { return strings.Join(strings.Fields(s), " ") }
