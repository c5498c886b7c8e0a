package llm

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/privacybot/privacybot/internal/chars"
)

// quotation is one span in quotation marks in a text: open is the byte
// offset of the opening mark, close the offset just past the closing one.
type quotation struct {
	open, close int
	// single is true for ‘…’ or '…' quotations.
	single bool
}

// inner returns the quoted words, marks excluded.
func (q quotation) inner(text string) string {
	_, n := utf8.DecodeRuneInString(text[q.open:])
	_, m := utf8.DecodeLastRuneInString(text[:q.close])
	return text[q.open+n : q.close-m]
}

// findQuotations finds the spans in quotation marks in one paragraph. Double
// marks may be straight or curly and mixed (“…" counts). Single marks count
// only around two or more words, since ’ and ' are mostly apostrophes.
// broken is the offset of the first mark that does not pair up (an
// unclosed or stray double mark), or -1; quotations after it are not
// reported.
func findQuotations(p string) (qs []quotation, broken int) {
	dOpen, sOpen := -1, -1
	prev := ' '
	for i := 0; i < len(p); {
		r, n := utf8.DecodeRuneInString(p[i:])
		next, _ := utf8.DecodeRuneInString(p[i+n:])
		if i+n >= len(p) {
			next = ' '
		}
		switch {
		case r == '“' || r == '„':
			if dOpen >= 0 {
				return qs, dOpen
			}
			dOpen, sOpen = i, -1
		case r == '”' && dOpen < 0:
			return qs, i
		case r == '"' && dOpen < 0:
			dOpen, sOpen = i, -1
		case r == '”' || r == '"':
			qs = append(qs, quotation{open: dOpen, close: i + n})
			dOpen = -1
		case dOpen >= 0:
			// Single marks inside a double quotation are part of it.
		case (r == '‘' || r == '\'') && sOpen < 0 && !chars.IsWordRune(prev) && chars.IsWordRune(next):
			sOpen = i
		case (r == '’' || r == '\'') && sOpen >= 0 && !unicode.IsSpace(prev) && !chars.IsWordRune(next):
			q := quotation{open: sOpen, close: i + n, single: true}
			if strings.ContainsFunc(strings.TrimSpace(q.inner(p)), unicode.IsSpace) {
				qs = append(qs, q)
			}
			sOpen = -1
		}
		prev = r
		i += n
	}
	if dOpen >= 0 {
		return qs, dOpen
	}
	return qs, -1
}

// quoteFolder folds the marks that may differ between a source and a
// faithful copy of it.
var quoteFolder = strings.NewReplacer("“", "\"", "”", "\"", "„", "\"", "″", "\"", "‘", "'", "’", "'", "‚", "'", "′", "'")

// foldQuoteText folds curly quotes to straight ones and runs of white
// space to one space.
func foldQuoteText(s string) string { return foldSpace(quoteFolder.Replace(s)) }

// quoteKey is what must appear verbatim in a source for the quotation q to
// count as faithful: q folded, without the periods, commas, colons and
// semicolons a writer may put at its edges (as the eval scorer ignores
// them). Anything else, '?' and '!' included, must match. It is "" when
// nothing is left.
func quoteKey(q string) string {
	q = foldQuoteText(q)
	for {
		t := strings.TrimSpace(q)
		t = strings.TrimPrefix(t, "...")
		t = strings.TrimSuffix(t, "...")
		t = strings.Trim(t, ".,;: ")
		if t == q {
			return q
		}
		q = t
	}
}

// quoteIn reports whether the quotation q is verbatim in the folded text
// hay. Only the case of q's first letter may differ, as when a quotation
// starts a sentence.
func quoteIn(q, hay string) bool {
	key := quoteKey(q)
	if key == "" || strings.Contains(key, "...") || strings.Contains(key, "…") {
		return false
	}
	if strings.Contains(hay, key) {
		return true
	}
	r, n := utf8.DecodeRuneInString(key)
	for _, alt := range []rune{unicode.ToLower(r), unicode.ToUpper(r)} {
		if alt != r && strings.Contains(hay, string(alt)+key[n:]) {
			return true
		}
	}
	return false
}
