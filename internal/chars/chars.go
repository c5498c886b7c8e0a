// Package chars holds the character classes that corpus, quote, retrieval
// and bot/llm all read text with. It sits below them all (it imports only
// the standard library), so each can use it without an arrow going the
// wrong way, and it is no part of any package's public API.
package chars

import "unicode"

// IsSpace reports whether b is ASCII white space: space, tab, carriage
// return, line feed, form feed or vertical tab.
func IsSpace(b byte) bool {
	return b == ' ' || b == '\t' || b == '\r' || b == '\n' || b == '\f' || b == '\v'
}

// IsWordRune reports whether r can be part of a word: a Unicode letter or
// digit.
func IsWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
