package retrieval

import (
	"runtime"
	"slices"
	"strings"

	"github.com/privacybot/privacybot/corpus"
	"github.com/privacybot/privacybot/internal/pool"
	"github.com/privacybot/privacybot/quote"
)

// linkAll makes the chunks of every source of c, on all CPUs, and links
// them, into maps sized for them up front. It returns them in corpus order.
func (l *Library) linkAll(c *corpus.Corpus) []*chunk {
	qbs := quotesBySource(l.ledger)
	per := make([][]*chunk, len(c.Sources))
	pool.Each(runtime.GOMAXPROCS(0), len(c.Sources), func(i int) { per[i] = sourceChunks(c.Sources[i], qbs[c.Sources[i].ID]) })
	n := 0
	for _, cs := range per {
		n += len(cs)
	}
	l.chunks = make(map[string]*chunk, n)
	l.bySource = make(map[string][]*chunk, len(c.Sources))
	l.bySpeaker = map[string][]*chunk{}
	all := make([]*chunk, 0, n)
	for i, src := range c.Sources {
		l.link(src.ID, per[i])
		all = append(all, per[i]...)
	}
	return all
}

// link records chunks as the chunks of source id.
func (l *Library) link(id string, cs []*chunk) {
	l.bySource[id] = cs
	for _, c := range cs {
		l.chunks[c.id] = c
		if c.quote == nil {
			continue
		}
		for _, name := range speakerKeys(c.quote) {
			l.bySpeaker[name] = append(l.bySpeaker[name], c)
		}
	}
}

// unlink forgets the chunks of source id and returns them.
func (l *Library) unlink(id string) []*chunk {
	cs := l.bySource[id]
	delete(l.bySource, id)
	for _, c := range cs {
		delete(l.chunks, c.id)
		if c.quote == nil {
			continue
		}
		for _, name := range speakerKeys(c.quote) {
			rest := slices.DeleteFunc(slices.Clone(l.bySpeaker[name]), func(x *chunk) bool { return x == c })
			if len(rest) == 0 {
				delete(l.bySpeaker, name)
			} else {
				l.bySpeaker[name] = rest
			}
		}
	}
	return cs
}

func speakerKeys(q *quote.Quote) []string {
	var keys []string
	for _, n := range []string{q.Speaker, q.Organization} {
		if k := strings.ToLower(strings.TrimSpace(n)); k != "" && !slices.Contains(keys, k) {
			keys = append(keys, k)
		}
	}
	return keys
}

func (l *Library) counts() map[string]int {
	n := map[chunkKind]int{}
	for _, cs := range l.bySource {
		for _, c := range cs {
			n[c.kind]++
		}
	}
	m := map[string]int{}
	for _, k := range kinds {
		m[k.String()] = n[k]
	}
	return m
}
