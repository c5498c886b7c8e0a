package retrieval

// TEMPORARY stand-in for the ledger and the index while they are built on
// their own branches. Deleted when they merge.

import (
	"context"
	"io/fs"
	"strings"
)

type Aliases struct{}

func DefaultAliases() *Aliases { return &Aliases{} }

func (a *Aliases) Canonical(org string) string { return org }

type Ledger struct {
	Quotes   []Quote
	Silences []Silence
}

func Extract(src *Source, al *Aliases) ([]Quote, []Silence) {
	var qs []Quote
	t := src.Text
	for i := strings.Index(t, "\""); i >= 0; {
		j := strings.Index(t[i+1:], "\"")
		if j < 0 {
			break
		}
		qs = append(qs, Quote{Source: src.ID, Text: t[i+1 : i+1+j], Start: i + 1, End: i + 1 + j})
		k := strings.Index(t[i+j+2:], "\"")
		if k < 0 {
			break
		}
		i = i + j + 2 + k
	}
	return qs, nil
}

func BuildLedger(c *Corpus, al *Aliases) *Ledger {
	l := &Ledger{}
	for _, s := range c.Sources {
		q, si := Extract(s, al)
		l.Quotes = append(l.Quotes, q...)
		l.Silences = append(l.Silences, si...)
	}
	return l
}

func (l *Ledger) BySpeaker(name string) ([]Quote, []Silence) {
	var qs []Quote
	for _, q := range l.Quotes {
		if name != "" && strings.Contains(strings.ToLower(q.Speaker+" "+q.Organization), strings.ToLower(name)) {
			qs = append(qs, q)
		}
	}
	return qs, nil
}

func (l *Ledger) NamedIn(question string) []string { return nil }
func (l *Ledger) Speakers() []string               { return nil }

type Embedder interface {
	Name() string
	Embed(ctx context.Context, texts []string) ([][]float32, error)
}

type Options struct {
	FS       fs.FS
	DataDir  string
	Embedder Embedder
	Aliases  *Aliases
}

type Library struct {
	c *Corpus
	l *Ledger
	w []string
}

func Open(ctx context.Context, o Options) (*Library, error) {
	c, warns, err := LoadFS(o.FS)
	if err != nil {
		return nil, err
	}
	lib := &Library{c: c, l: BuildLedger(c, nil)}
	for _, w := range warns {
		lib.w = append(lib.w, w.Error())
	}
	return lib, nil
}

func (l *Library) Corpus() *Corpus    { return l.c }
func (l *Library) Ledger() *Ledger    { return l.l }
func (l *Library) Warnings() []string { return l.w }

type Hit struct {
	Kind   string
	Source string
	Span
	Text  string
	Score float64
	Quote *Quote
}

type SearchOptions struct {
	Query    string
	K        int
	Speakers []string
	Kind     string
}

func (l *Library) Search(ctx context.Context, o SearchOptions) ([]Hit, error) {
	var hits []Hit
	words := strings.Fields(strings.ToLower(o.Query))
	for _, s := range l.c.Sources {
		for _, p := range s.Paragraphs {
			txt := s.Slice(p)
			n := 0
			for _, w := range words {
				if len(w) > 3 && strings.Contains(strings.ToLower(txt), strings.Trim(w, "?.,")) {
					n++
				}
			}
			if n > 0 {
				hits = append(hits, Hit{Kind: "paragraph", Source: s.ID, Span: p, Text: txt, Score: float64(n)})
			}
		}
	}
	return hits, nil
}

func (l *Library) Add(ctx context.Context, src *Source) error {
	srcs := []*Source{src}
	for _, s := range l.c.Sources {
		if s.ID != src.ID {
			srcs = append(srcs, s)
		}
	}
	l.c, _ = NewCorpus(srcs)
	l.l = BuildLedger(l.c, nil)
	return nil
}

func (l *Library) Remove(ctx context.Context, id string) error {
	var srcs []*Source
	for _, s := range l.c.Sources {
		if s.ID != id {
			srcs = append(srcs, s)
		}
	}
	l.c, _ = NewCorpus(srcs)
	l.l = BuildLedger(l.c, nil)
	return nil
}
