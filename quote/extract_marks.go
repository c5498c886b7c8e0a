package quote

import (
	"strings"
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
			} else if prev < 0 || openCtx && !closeCtx && (prev == ' ' || prev == '\t' || unicode.Is(unicode.Cf, prev)) {
				// Some outlets open with ” too, even before a space at
				// the paragraph's start ("” … if the president can").
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
			case openCtx && !(si >= 0 && closeCtx), si < 0 && prev < 0:
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
			case top >= 0 && !isSingleTop && closesSentence(prev) && closesAfter(next) && next != '’' && next != '\'':
				// A double quotation closed with a single mark after its
				// last words' punctuation (“We can do this.’): no
				// apostrophe follows a full stop.
				if si := nearestDouble(); si >= 0 && r == '’' && opens[stack[si]].kind == markCurlyDouble {
					closeAt(si, i, w)
				}
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
	if len(opens) > 0 && opens[0].pos == p.Start && !opens[0].closed && cardLine(text, nextStart) {
		// A quote card: the quotation, then a short line naming its
		// speaker that carries the closing mark ("Jane Roe, Acme.\"").
		o := opens[0]
		end := p.End
		for end > o.pos+o.width && chars.IsSpace(text[end-1]) {
			end--
		}
		if end > o.pos+o.width {
			return []qspan{{Open: o.pos, Start: o.pos + o.width, End: end, Close: end}}
		}
	}
	if n := len(opens); n > 0 && !opens[n-1].closed && opens[n-1].parent < 0 {
		// An opening mark that never closes, last in its paragraph, at
		// the paragraph's start or after a colon: the closing mark was
		// left out, and the quotation runs to the paragraph's end or to
		// a ", said …" that attributes it.
		o := &opens[n-1]
		if e := unclosedEnd(text, p, o.pos, o.width); e > 0 {
			o.closed, o.end, o.close = true, e, e
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

// closesSentence reports whether r ends the words of a quotation: a full
// stop, a comma, a question or an exclamation mark.
func closesSentence(r rune) bool {
	return r == '.' || r == ',' || r == '?' || r == '!'
}

// cardLine reports whether the paragraph starting at next is the speaker
// line of a quote card: a short line whose only quotation mark is the
// closing one at its end ("Jane Roe, Acme Corp.\"").
func cardLine(text string, next int) bool {
	if next < 0 || next >= len(text) {
		return false
	}
	line := text[next:]
	if nl := strings.IndexByte(line, '\n'); nl >= 0 {
		line = line[:nl]
	}
	line = strings.TrimSpace(line)
	if len(line) > 100 || len(strings.Fields(line)) > 10 {
		return false
	}
	last, lw := utf8.DecodeLastRuneInString(line)
	if last != '"' && last != '”' || len(line) <= lw {
		return false
	}
	body := line[:len(line)-lw]
	if strings.ContainsAny(body, "\"“”‘«»") || !unicode.IsUpper(firstRune(body)) {
		return false
	}
	return strings.HasSuffix(body, ".") || unicode.IsLetter(lastRuneOf(body))
}

// unclosedEnd returns where the quotation opened by the mark at open (of
// width w) ends when that mark never closes in paragraph p, or -1: when
// it opens the paragraph or follows a colon, it runs to a ", said" or
// ", says" that attributes it, or else to the paragraph's end.
func unclosedEnd(text string, p corpus.Span, open, w int) int {
	before := strings.TrimRight(text[p.Start:open], " \t\u00a0")
	if before != "" && !strings.HasSuffix(before, ":") {
		return -1
	}
	body := text[open+w : p.End]
	if len(strings.Fields(body)) < 5 {
		return -1
	}
	for _, cue := range []string{", said ", ", says "} {
		if k := strings.Index(body, cue); k >= 0 {
			return open + w + k + 1
		}
	}
	e := p.End
	for e > open+w && chars.IsSpace(text[e-1]) {
		e--
	}
	return e
}

// lastRuneOf returns the last rune of s, or utf8.RuneError.
func lastRuneOf(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}
