package quote

import (
	"bufio"
	_ "embed"
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"
	"unicode"
)

//go:embed aliases.txt
var defaultAliasData string

// Aliases maps the names an organization goes by to one canonical name. It is
// read from a small data file (see aliases.txt): one organization a line,
// canonical name first, aliases after, separated by "|".
type Aliases struct {
	// canon maps a normalized name or alias to its canonical name.
	canon map[string]string
	// names lists the canonical names in file order.
	names []string
	// forms lists every normalized form (canonical and alias) of each
	// canonical name, keyed by canonical name.
	forms map[string][]string
	// related lists, for a canonical name, the other organizations a
	// question about it also means: a parent and the company it renamed
	// or owns ("Meta", "Facebook"). Each keeps its own name in the ledger.
	related map[string][]string
}

var (
	defaultAliasesOnce sync.Once
	defaultAliases     *Aliases
)

// DefaultAliases returns the aliases embedded in the binary. The result is
// shared and must not be modified.
func DefaultAliases() *Aliases {
	defaultAliasesOnce.Do(func() {
		a, err := ParseAliases(strings.NewReader(defaultAliasData))
		if err != nil {
			panic(fmt.Sprintf("retrieval: embedded aliases.txt: %v", err))
		}
		defaultAliases = a
	})
	return defaultAliases
}

// ParseAliases reads an alias file: one organization a line, canonical name
// first, then its aliases, separated by "|". A line "related: A | B" says
// that a question about either organization also means the other (a parent
// and its company), while each keeps its own name. Blank lines and lines
// starting with # are ignored. An alias claimed by two organizations is an
// error.
func ParseAliases(r io.Reader) (*Aliases, error) {
	a := &Aliases{canon: map[string]string{}, forms: map[string][]string{}, related: map[string][]string{}}
	sc := bufio.NewScanner(r)
	line := 0
	var related [][]string
	for sc.Scan() {
		line++
		l := strings.TrimSpace(sc.Text())
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		if rest, ok := strings.CutPrefix(l, "related:"); ok {
			var group []string
			for _, p := range strings.Split(rest, "|") {
				if n := strings.Join(strings.Fields(p), " "); n != "" {
					group = append(group, n)
				}
			}
			if len(group) < 2 {
				return nil, fmt.Errorf("aliases line %d: a related line needs two organizations", line)
			}
			related = append(related, group)
			continue
		}
		parts := strings.Split(l, "|")
		canonical := strings.Join(strings.Fields(parts[0]), " ")
		if normOrg(canonical) == "" {
			return nil, fmt.Errorf("aliases line %d: empty canonical name", line)
		}
		if _, dup := a.forms[canonical]; !dup {
			a.names = append(a.names, canonical)
		}
		for _, p := range parts {
			n := normOrg(p)
			if n == "" {
				continue
			}
			if prev, ok := a.canon[n]; ok && prev != canonical {
				return nil, fmt.Errorf("aliases line %d: %q is already an alias of %q", line, strings.TrimSpace(p), prev)
			}
			if _, ok := a.canon[n]; !ok {
				a.canon[n] = canonical
				a.forms[canonical] = append(a.forms[canonical], n)
			}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read aliases: %w", err)
	}
	for _, g := range related {
		for _, c := range g {
			if _, ok := a.forms[c]; !ok {
				return nil, fmt.Errorf("aliases: related organization %q has no line of its own", c)
			}
			for _, o := range g {
				if o != c {
					a.related[c] = append(a.related[c], o)
				}
			}
		}
	}
	return a, nil
}

// Related returns the other organizations a question about canonical also
// means (see the related lines of aliases.txt), or nil.
func (a *Aliases) Related(canonical string) []string {
	if a == nil {
		return nil
	}
	return a.related[canonical]
}

// Names returns the canonical organization names, in file order.
func (a *Aliases) Names() []string {
	if a == nil {
		return nil
	}
	return append([]string(nil), a.names...)
}

// Forms returns the normalized names (canonical and aliases) that
// canonical goes by, or nil when it is not a known organization.
func (a *Aliases) Forms(canonical string) []string {
	if a == nil {
		return nil
	}
	return a.forms[canonical]
}

// Known reports whether org names an organization in the alias table,
// exactly or after normalization (not by prefix).
func (a *Aliases) Known(org string) bool {
	if a == nil {
		return false
	}
	return a.knownNorm(normOrg(org))
}

// knownNorm is Known for a name already normalized by normOrg.
func (a *Aliases) knownNorm(n string) bool {
	if a == nil {
		return false
	}
	_, ok := a.canon[n]
	return ok
}

// Canonical returns the canonical name of org. It matches aliases ignoring
// case, punctuation, a leading "the", a possessive 's and corporate suffixes
// (Inc., Co., & Co., Corp., Ltd, LLC, plc, Group); failing that, a name that
// is the leading words of exactly one organization's name or alias ("JPMorgan"
// → "JPMorgan Chase") maps to it. Unknown names come back cleaned: spaces
// collapsed, surrounding punctuation, possessive and corporate suffix removed.
func (a *Aliases) Canonical(org string) string {
	clean := cleanOrg(org)
	n := normOrg(org)
	if n == "" || a == nil {
		return clean
	}
	if c, ok := a.canon[n]; ok {
		return c
	}
	var hits []string
	for _, c := range a.names {
		for _, f := range a.forms[c] {
			if strings.HasPrefix(f, n+" ") {
				hits = append(hits, c)
				break
			}
		}
	}
	if len(hits) == 1 {
		return hits[0]
	}
	return clean
}

// corpSuffixes are trailing words dropped when comparing organization names.
var corpSuffixes = map[string]bool{
	"inc": true, "incorporated": true, "co": true, "corp": true, "corporation": true,
	"ltd": true, "limited": true, "llc": true, "plc": true, "group": true, "company": true,
	"holdings": true, "sa": true, "ag": true, "gmbh": true, "lp": true, "llp": true,
}

// normOrg lowercases name, drops punctuation, a leading "the", a possessive
// and corporate suffixes, and collapses spaces: "JPMorgan Chase & Co." →
// "jpmorgan chase".
func normOrg(name string) string {
	words := orgWords(name)
	if len(words) > 0 && words[0] == "the" {
		words = words[1:]
	}
	for len(words) > 1 && corpSuffixes[words[len(words)-1]] {
		words = words[:len(words)-1]
	}
	return strings.Join(words, " ")
}

// orgWords splits a name into lowercase words, joining dotted initials
// ("J.P." → "jp", "U.S." → "us") and dropping "&" and possessives.
func orgWords(name string) []string {
	name = strings.ReplaceAll(name, "’", "'")
	var words []string
	for _, f := range strings.FieldsFunc(name, func(r rune) bool {
		return unicode.IsSpace(r) || r == '&' || r == ',' || r == '/' || r == '(' || r == ')' || r == '"' || r == '“' || r == '”'
	}) {
		f = strings.TrimSuffix(strings.TrimSuffix(f, "'s"), "'S")
		var b strings.Builder
		for _, r := range f {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				b.WriteRune(unicode.ToLower(r))
			} else if r == '-' {
				b.WriteByte(' ')
			}
		}
		for _, w := range strings.Fields(b.String()) {
			if w == "and" && len(words) > 0 && corpSuffixes[lastOf(words)] {
				continue
			}
			words = append(words, w)
		}
	}
	return words
}

func lastOf(s []string) string { return s[len(s)-1] }

// cleanOrg trims an unknown organization name for display: spaces collapsed,
// surrounding punctuation, a possessive and a trailing corporate suffix
// removed.
func cleanOrg(name string) string {
	f := strings.Fields(name)
	for len(f) > 0 {
		w := strings.Trim(f[len(f)-1], ",.;:")
		if len(f) > 1 && (corpSuffixes[strings.ToLower(w)] || w == "&") {
			f = f[:len(f)-1]
			continue
		}
		break
	}
	s := strings.Join(f, " ")
	s = strings.TrimFunc(s, func(r rune) bool { return unicode.IsPunct(r) && r != '.' && r != '&' && r != ')' })
	s = strings.TrimSuffix(strings.TrimSuffix(s, "'s"), "’s")
	s = strings.TrimRight(s, " ,;:&")
	if strings.HasSuffix(s, ".") && !strings.Contains(strings.TrimSuffix(s, "."), ".") && len(s) > 4 {
		s = strings.TrimSuffix(s, ".")
	}
	return s
}

// sortedKeys returns the keys of m in order.
func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
