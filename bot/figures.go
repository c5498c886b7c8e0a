package bot

import (
	"regexp"
	"strings"
	"unicode"
)

// Figures: a question asking "how many" or "how much" is answered by a
// sentence giving a figure of what it asks about ("5,300 employees were
// fired", "raised $350 million"), not by any sentence with a digit in it.
// A year ("from 2011 to 2016") is a date, not a figure, and a name the
// question gives ("Wells Fargo") says whose figure it is, not which.

// yearRe matches a token that is only a year.
var yearRe = regexp.MustCompile(`^\(?(?:1[89]|20)\d{2}[),.;:]*$`)

// quantityWords give a magnitude without a digit ("thousands of
// employees", "mountains of information"): they answer "how much" too.
var quantityWords = toSet(`hundreds thousands millions billions trillions dozens mountains troves reams`)

// isFigure reports whether a whitespace-separated token is a figure: it
// holds a digit and is not a bare year, or it is a word of magnitude.
func isFigure(tok string) bool {
	if hasDigit(tok) {
		return !yearRe.MatchString(tok)
	}
	return quantityWords[strings.ToLower(strings.Trim(tok, `"“”'‘’(),.;:`))]
}

// hasFigure reports whether text holds a figure.
func hasFigure(text string) bool {
	for _, f := range strings.Fields(text) {
		if isFigure(f) {
			return true
		}
	}
	return false
}

// hasDigitFigure reports whether text holds a figure written in digits.
func hasDigitFigure(text string) bool {
	for _, f := range strings.Fields(text) {
		if hasDigit(f) && isFigure(f) {
			return true
		}
	}
	return false
}

func hasDigit(s string) bool { return strings.IndexFunc(s, unicode.IsDigit) >= 0 }

// countQuestionRe asks for a count, which an amount of money is not.
var countQuestionRe = regexp.MustCompile(`(?i)\bhow many\b`)

// figureNearTopic reports whether a figure in text stands within three
// words of a topic term or a term related to it, names apart: the figure
// is of what the question asks about ("fined $185 million", "5,300
// employees"). A question asking how many wants no amount of money.
func figureNearTopic(text string, topic []string, names [][]string, count bool) bool {
	name := map[string]bool{}
	for _, g := range names {
		for _, w := range g {
			name[w] = true
		}
	}
	want := map[string]bool{}
	for _, t := range topic {
		if name[t] {
			continue
		}
		want[t], want[eVariant(t)] = true, true
		for _, r := range related[t] {
			want[r] = true
		}
	}
	fs := strings.Fields(text)
	for i, f := range fs {
		if !isFigure(f) || count && strings.ContainsAny(f, "$£€¥") {
			continue
		}
		for j := max(0, i-3); j <= min(len(fs)-1, i+3); j++ {
			if j == i {
				continue
			}
			for _, w := range words(fs[j]) {
				if want[stem(w)] {
					return true
				}
			}
		}
	}
	return false
}

// figureNearEntity reports whether a figure of text stands within three
// words after a name the question asks about ("Stumpf made $19.3
// million"): such a figure is about them, not one they merely spoke of.
// entity holds the name's stemmed words; its small words ("of" in "Bank
// of America") name no one and are passed over.
func figureNearEntity(text string, entity map[string]bool) bool {
	if len(entity) == 0 {
		return false
	}
	fs := strings.Fields(text)
	for i, f := range fs {
		if !isFigure(f) {
			continue
		}
		for j := max(0, i-3); j < i; j++ {
			for _, w := range words(fs[j]) {
				if !stopwords[w] && entity[stem(w)] {
					return true
				}
			}
		}
	}
	return false
}

// nameSet returns the words of the names, as one set.
func nameSet(names [][]string) map[string]bool {
	set := map[string]bool{}
	for _, g := range names {
		for _, w := range g {
			set[w] = true
		}
	}
	return set
}

// moneyTerms are the words a question asks about money with; an amount
// written with a currency sign ("$350 million") holds them.
var moneyTerms = toSet(`money cash fund dollar dollars sum amount`)

// withMoney adds the money terms to the term set of text when text writes
// an amount of money.
func withMoney(terms map[string]bool, text string) map[string]bool {
	if strings.ContainsAny(text, "$£€¥") && hasFigure(text) {
		for t := range moneyTerms {
			terms[t] = true
		}
	}
	return terms
}
