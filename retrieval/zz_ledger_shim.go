package retrieval

// This file is a stand-in for the quote ledger, which is written on another
// branch (extract*.go, ledger*.go, alias*.go). It will be deleted when the
// branches merge; nothing else may live here.

import "strings"

// Aliases maps the names of people and organizations to canonical forms.
type Aliases struct{}

// DefaultAliases returns the built-in alias table.
func DefaultAliases() *Aliases { return &Aliases{} }

// Ledger is every quotation and silence in a corpus.
type Ledger struct {
	Quotes   []Quote
	Silences []Silence
}

// Extract finds the quotations in src. This stand-in finds text between
// straight or curly double quotes within one paragraph and names no speaker.
func Extract(src *Source, al *Aliases) ([]Quote, []Silence) {
	var qs []Quote
	for pi, p := range src.Paragraphs {
		text := src.Text[p.Start:p.End]
		open := -1
		for i, r := range text {
			switch {
			case open < 0 && (r == '"' || r == '“'):
				open = i + len(string(r))
			case open >= 0 && (r == '"' || r == '”'):
				if i > open {
					qs = append(qs, Quote{
						Source: src.ID, Text: text[open:i],
						Start: p.Start + open, End: p.Start + i, Paragraph: pi,
					})
				}
				open = -1
			}
		}
	}
	return qs, nil
}

// BuildLedger extracts the quotes of every source in c.
func BuildLedger(c *Corpus, al *Aliases) *Ledger {
	l := &Ledger{}
	for _, s := range c.Sources {
		qs, ss := Extract(s, al)
		l.Quotes = append(l.Quotes, qs...)
		l.Silences = append(l.Silences, ss...)
	}
	return l
}

// BySpeaker returns the quotes and silences whose speaker or organization
// contains name, ignoring case.
func (l *Ledger) BySpeaker(name string) ([]Quote, []Silence) {
	n := strings.ToLower(name)
	has := func(a, b string) bool {
		return n != "" && (strings.Contains(strings.ToLower(a), n) || strings.Contains(strings.ToLower(b), n))
	}
	var qs []Quote
	var ss []Silence
	for _, q := range l.Quotes {
		if has(q.Speaker, q.Organization) {
			qs = append(qs, q)
		}
	}
	for _, s := range l.Silences {
		if has(s.Speaker, s.Organization) {
			ss = append(ss, s)
		}
	}
	return qs, ss
}

// NamedIn returns the canonical names a question refers to. The stand-in
// knows none.
func (l *Ledger) NamedIn(question string) []string { return nil }
