package quote

import (
	"unicode"
	"unicode/utf8"

	"github.com/privacybot/privacybot/corpus"
	"github.com/privacybot/privacybot/internal/chars"
)

// qspan is one quotation found between quotation marks. Open is the offset
// of the opening mark, [Start, End) the words inside, Close the offset just
// after the closing mark (End when the quote runs to the paragraph's end).
type qspan struct {
	Open, Start, End, Close int
	// Continued reports a quote that opens a paragraph and runs on into the
	// next one without a closing mark (the next paragraph opens again).
	Continued bool
}

// Mark kinds.
const (
	markCurlyDouble    = 'd'
	markStraightDouble = 's'
	markCurlySingle    = 'q'
	markStraightSingle = 'a'
)

type openMark struct {
	pos, width int
	kind       byte
	parent     int
	closed     bool
	end, close int
}

// scanQuotes returns the outermost quotations of the paragraph text[p.Start:p.End],
// in order. It pairs marks with a stack: curly marks by their shape, straight
// marks by the characters around them, single marks only when they cannot be
// apostrophes. A mark that never closes is dropped, and the quotes nested in
// it are promoted, so one stray mark never swallows the paragraph. The
// exception is a paragraph that opens with a mark that never closes while
// the next paragraph (starting at next, or -1) opens with a mark again: the
// multi-paragraph quote convention.
func scanQuotes(text string, p corpus.Span, nextStart int) []qspan {
	var opens []openMark
	var stack []int
	nearestDouble := func() int {
		for i := len(stack) - 1; i >= 0; i-- {
			k := opens[stack[i]].kind
			if k == markCurlyDouble || k == markStraightDouble {
				return i
			}
		}
		return -1
	}
	push := func(pos, w int, kind byte) {
		parent := -1
		if len(stack) > 0 {
			parent = stack[len(stack)-1]
		}
		opens = append(opens, openMark{pos: pos, width: w, kind: kind, parent: parent})
		stack = append(stack, len(opens)-1)
	}
	closeAt := func(si, pos, w int) {
		o := &opens[stack[si]]
		o.closed, o.end, o.close = true, pos, pos+w
		stack = stack[:si]
	}
	for i := p.Start; i < p.End; {
		r, w := utf8.DecodeRuneInString(text[i:p.End])
		if !isQuoteRune(r) {
			i += w
			continue
		}
		// Two single marks written for one double mark (doubledMark).
		if d, dw := doubledMark(text[i:p.End]); dw > 0 {
			r, w = d, dw
		} else if r == '`' {
			i += w
			continue
		}
		var prev, next rune = -1, -1
		if i > p.Start {
			prev, _ = utf8.DecodeLastRuneInString(text[p.Start:i])
		}
		if i+w < p.End {
			next, _ = utf8.DecodeRuneInString(text[i+w : p.End])
		}
		openCtx := opensBefore(prev) && next >= 0 && !unicode.IsSpace(next)
		closeCtx := prev >= 0 && !unicode.IsSpace(prev) && closesAfter(next)
		switch r {
		case '“', '„':
			if si := nearestDouble(); si >= 0 && opens[stack[si]].kind == markCurlyDouble && closeCtx && !openCtx {
				// A closing mark written the wrong way round: “…“.
				closeAt(si, i, w)
			} else {
				push(i, w, markCurlyDouble)
			}
		case '”':
			if si := nearestDouble(); si >= 0 {
				closeAt(si, i, w)
			} else if openCtx && !closeCtx && (prev < 0 || prev == ' ' || prev == '\t' || unicode.Is(unicode.Cf, prev)) {
				// Some outlets open with ” too.
				push(i, w, markCurlyDouble)
			}
		case '"':
			si := nearestDouble()
			switch {
			case si >= 0 && opens[stack[si]].kind == markStraightDouble:
				if openCtx && !closeCtx {
					stack = stack[:si] // a stray opener: abandon it
					push(i, w, markStraightDouble)
				} else {
					closeAt(si, i, w)
				}
			case openCtx && !(si >= 0 && closeCtx):
				push(i, w, markStraightDouble)
			case si >= 0 && closeCtx:
				closeAt(si, i, w)
			}
		case '‘':
			if opensBefore(prev) && next >= 0 && !unicode.IsSpace(next) {
				push(i, w, markCurlySingle)
			}
		case '’', '\'':
			top := -1
			if len(stack) > 0 {
				top = len(stack) - 1
			}
			isSingleTop := top >= 0 && (opens[stack[top]].kind == markCurlySingle || opens[stack[top]].kind == markStraightSingle)
			switch {
			case isSingleTop && closeCtx && !chars.IsWordRune(next):
				closeAt(top, i, w)
			case r == '\'' && openCtx && chars.IsWordRune(next) && (prev < 0 || !chars.IsWordRune(prev)):
				push(i, w, markStraightSingle)
			}
		}
		i += w
	}
	// Resolve: a quote is outermost when no closed quote encloses it.
	enclosed := make([]bool, len(opens))
	for i, o := range opens {
		if o.parent >= 0 && (opens[o.parent].closed || enclosed[o.parent]) {
			enclosed[i] = true
		}
	}
	var out []qspan
	if len(opens) > 0 && opens[0].pos == p.Start && !opens[0].closed && nextStart >= 0 && nextStart < len(text) {
		if sameStyle(text[nextStart:], text[opens[0].pos:]) {
			o := opens[0]
			end := p.End
			for end > o.pos+o.width && chars.IsSpace(text[end-1]) {
				end--
			}
			if end > o.pos+o.width {
				return []qspan{{Open: o.pos, Start: o.pos + o.width, End: end, Close: end, Continued: true}}
			}
		}
	}
	for i, o := range opens {
		if !o.closed || enclosed[i] {
			continue
		}
		s, e := o.pos+o.width, o.end
		for s < e && chars.IsSpace(text[s]) {
			s++
		}
		for e > s && chars.IsSpace(text[e-1]) {
			e--
		}
		if e <= s {
			continue
		}
		out = append(out, qspan{Open: o.pos, Start: s, End: e, Close: o.close})
	}
	return out
}

func isQuoteRune(r rune) bool {
	switch r {
	case '"', '“', '”', '„', '‘', '’', '\'', '`':
		return true
	}
	return false
}

// opensBefore reports whether a quotation can open after rune r (-1: the
// paragraph's start).
func opensBefore(r rune) bool {
	if r < 0 || unicode.IsSpace(r) || unicode.Is(unicode.Cf, r) {
		return true
	}
	switch r {
	case '(', '[', '{', '—', '–', '-', '/', ':', '“', '‘', '"', '\'', ',', ';', '…':
		return true
	}
	return false
}

// closesAfter reports whether a quotation can close before rune r (-1: the
// paragraph's end).
func closesAfter(r rune) bool {
	if r < 0 || unicode.IsSpace(r) {
		return true
	}
	switch r {
	case '.', ',', ';', ':', '!', '?', ')', ']', '}', '—', '–', '-', '…', '”', '’', '"', '\'', '/':
		return true
	}
	return false
}

// doubledMark reports whether s starts with two single marks that stand
// for one double mark (two left single marks or two grave accents for “,
// two right single marks for ”, two apostrophes for "): the double
// mark they stand for and their byte width, or width 0.
func doubledMark(s string) (rune, int) {
	r, w := utf8.DecodeRuneInString(s)
	r2, w2 := utf8.DecodeRuneInString(s[w:])
	if r2 != r && !(r == '`' && r2 == '`') {
		return 0, 0
	}
	switch r {
	case '‘', '`':
		return '“', w + w2
	case '’':
		return '”', w + w2
	case '\'':
		return '"', w + w2
	}
	return 0, 0
}

// markStyle names the style of the quotation mark s starts with: 'd' for
// curly double (doubled left singles and graves too), 's' for straight
// double (two apostrophes too), 'q' for
// a curly single, 'a' for a straight single, 0 for none.
func markStyle(s string) byte {
	if d, w := doubledMark(s); w > 0 {
		if d == '"' {
			return 's'
		}
		return 'd'
	}
	r, _ := utf8.DecodeRuneInString(s)
	switch r {
	case '“', '”', '„':
		return 'd'
	case '"':
		return 's'
	case '‘':
		return 'q'
	case '’':
		return 'p'
	case '\'':
		return 'a'
	}
	return 0
}

// sameStyle reports whether next opens with a quotation mark in the same
// style (straight or curly, double or single) as the mark at the start of
// at.
func sameStyle(next, at string) bool {
	st := markStyle(at)
	return st != 0 && markStyle(next) == st
}
