package bot

import (
	"fmt"
	"strings"
	"unicode"
)

// ShortID is how a source id is cited in text: its numeric prefix when it
// has one ("001" for "001_ec7be9d70c6859db"), else the whole id.
func ShortID(id string) string {
	if i := strings.IndexByte(id, '_'); i >= 3 {
		p := id[:i]
		if strings.IndexFunc(p, func(r rune) bool { return !unicode.IsDigit(r) }) < 0 {
			return p
		}
	}
	return id
}

// Cite formats citations as "[000] [003]".
func Cite(cs ...Citation) string {
	return CiteFunc(func(_ Citation, label string) string { return label }, cs...)
}

// CiteFunc formats citations as Cite does, each source once, with format
// turning each one's label ("[000]") into what is shown, for example a
// link to the source's original.
func CiteFunc(format func(c Citation, label string) string, cs ...Citation) string {
	var parts []string
	seen := map[string]bool{}
	for _, c := range cs {
		if seen[c.Source] {
			continue
		}
		seen[c.Source] = true
		parts = append(parts, format(c, "["+ShortID(c.Source)+"]"))
	}
	return strings.Join(parts, " ")
}

// Render formats an answer as plain text for a terminal or a chat
// fallback: the lead, any written summary, the quotes by speaker, the
// supporting sentences, and the list of sources (with the URL of each
// that has one, in angle brackets). Quotation marks enclose
// only verbatim source text.
func Render(a Answer) string {
	var sb strings.Builder
	sb.WriteString(a.Lead)
	sb.WriteString("\n")
	if a.Summary != "" {
		sb.WriteString("\n" + a.Summary + "\n")
	}
	for _, g := range a.Groups {
		sb.WriteString("\n" + capitalize(g.Label) + ":\n")
		for _, q := range g.Quotes {
			fmt.Fprintf(&sb, "  “%s” %s\n", q.Text, Cite(q.Citations...))
		}
		for _, s := range g.Silences {
			fmt.Fprintf(&sb, "  (%s) “%s” %s\n", s.Kind, s.Text, Cite(s.Citation))
		}
	}
	if len(a.Evidence) > 0 {
		sb.WriteString("\nFrom the sources:\n")
		for _, ev := range a.Evidence {
			fmt.Fprintf(&sb, "  “%s” %s\n", ev.Text, Cite(ev.Citation))
		}
	}
	if len(a.Sources) > 0 {
		sb.WriteString("\nSources:\n")
		for _, s := range a.Sources {
			fmt.Fprintf(&sb, "  [%s] %s", ShortID(s.ID), DescribeSource(s))
			if s.URL != "" {
				sb.WriteString(" <" + s.URL + ">")
			}
			sb.WriteString("\n")
		}
	}
	if a.Note != "" {
		sb.WriteString("\nNote: " + a.Note + "\n")
	}
	return sb.String()
}

// DescribeSource is a one-line description: title, then outlet and date
// where known.
func DescribeSource(s SourceRef) string {
	d := s.Title
	var meta []string
	for _, m := range []string{s.Outlet, s.Date} {
		if m != "" {
			meta = append(meta, m)
		}
	}
	if len(meta) > 0 {
		d += " (" + strings.Join(meta, ", ") + ")"
	}
	return d
}

func capitalize(s string) string {
	for i, r := range s {
		return string(unicode.ToUpper(r)) + s[i+len(string(r)):]
	}
	return s
}
