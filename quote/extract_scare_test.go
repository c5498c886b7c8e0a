package quote

import "testing"

// TestSingleMarkScareQuotes: in an article that quotes with double marks,
// a short phrase in single marks on its own is the writer's scare quote or
// a label, not speech; the same marks inside a double quotation are a
// quotation within it, and the article's own quotations are kept.
func TestSingleMarkScareQuotes(t *testing.T) {
	text := "Trade talks stall\n\n" +
		"“We are still talking,” said trade minister Ana Ruiz.\n\n" +
		"The talks could unravel Ruiz’s ‘pivot’ to Asia.\n\n" +
		"Exporters and the so-called ‘special relationship’ with Washington matter most.\n\n" +
		"“Nothing is agreed,” Ruiz said. “We meet again in May.”\n\n" +
		"“When they say ‘fair deal’ they mean a worse one,” said union leader Tom Hale.\n"
	qs := quotesOf(t, text)
	quoteBy(t, qs, "We are still talking", "Ana Ruiz")
	quoteBy(t, qs, "We meet again in May", "Ana Ruiz")
	quoteBy(t, qs, "When they say", "Tom Hale")
	noQuote(t, qs, "scare quote", "pivot", "special relationship")
}

// TestSingleMarksInSingleStyle: an article that quotes with single marks,
// as British outlets do, keeps its short quotations in them.
func TestSingleMarksInSingleStyle(t *testing.T) {
	text := "Council vote\n\n" +
		"‘It is a good day,’ said councillor Jo Barnes.\n\n" +
		"Barnes called the result ‘a fair outcome’ for the town.\n\n" +
		"‘We will look at it again,’ said Paul Green.\n"
	qs := quotesOf(t, text)
	quoteBy(t, qs, "It is a good day", "Jo Barnes")
	hasQuote(t, qs, "partial quotation in single marks dropped", "a fair outcome")
}

// TestPartialQuoteWithClosingAttribution: a few quoted words inside
// reported speech whose sentence ends with the attribution (", she said
// in a statement") are a quotation, even with no cue before them; a scare
// quote in a sentence that reports no one is not.
func TestPartialQuoteWithClosingAttribution(t *testing.T) {
	text := "Budget fight\n\n" +
		"The mayor said little on Friday.\n\n" +
		"The council had “run out of road” on the budget, she said in a statement to reporters.\n\n" +
		"The city now runs a “rainy day” fund for repairs.\n"
	qs := quotesOf(t, text)
	hasQuote(t, qs, "partial quotation in reported speech dropped", "run out of road")
	noQuote(t, qs, "scare quote", "rainy day")
}

// TestSoCalledIsAScareQuote: "so-called" is the writer's own flag on a
// scare quote, so the phrase after it is not speech even in a sentence
// that reports someone, while the same sentence without the flag quotes
// them. No learned rescue brings a flagged phrase back.
func TestSoCalledIsAScareQuote(t *testing.T) {
	text := "Privacy bill stalls\n\n" +
		"Senator Jane Smith said the so-called “reform package” would die in committee.\n\n" +
		"Its so-called 'consent dashboard,' critics said, is buried three menus deep.\n\n" +
		"Senator Tom Hale said the “reform package” was a fig leaf.\n"
	qs := quotesOf(t, text)
	noQuote(t, qs, "so-called scare quote", "consent dashboard")
	quoteBy(t, qs, "reform package", "Tom Hale")
	for _, q := range qs {
		if q.Speaker == "Jane Smith" {
			t.Errorf("so-called phrase taken as Jane Smith's words: %q", q.Text)
		}
	}
}

// TestQuotedPhraseAsModifier: a quoted phrase right before a noun
// modifies it ("a “rainy day” fund": a scare quote), but one before a
// modal, an auxiliary or a past-tense verb is the sentence's subject
// ("“Boots on the ground” would be appropriate"), and one before a
// preposition or punctuation modifies nothing.
func TestQuotedPhraseAsModifier(t *testing.T) {
	cases := []struct {
		before, after string
		modifier      bool
	}{
		{"The city keeps a ", " fund for repairs.", true},
		{"He promoted ", " medical cures online.", true},
		{"", " would be appropriate, Ann Marsh said.", false},
		{"", " could work, she said.", false},
		{"", " has been tried before, he said.", false},
		{"", " plowed through the barriers, he said.", false},
		{"They had ", " in the budget, she said.", false},
		{"It was ", ", he said.", false},
	}
	for _, c := range cases {
		text := c.before + "\x00" + c.after
		k := len(c.before)
		toks := append(tokenize(text, 0, k), token{Text: "\x00", Start: k, End: k + 1, Punct: true})
		qi := len(toks) - 1
		toks = append(toks, tokenize(text, k+1, len(text))...)
		if got := modifierUse(toks, qi); got != c.modifier {
			t.Errorf("%q“…”%q: modifier %v, want %v", c.before, c.after, got, c.modifier)
		}
	}
}

// TestPartialQuoteAsSubject: a quoted phrase that is the subject of its
// sentence, before a modal or a past-tense verb and with the attribution
// at the end, is speech; the same phrase before a noun is a modifier.
func TestPartialQuoteAsSubject(t *testing.T) {
	text := "Strikes debated\n\n" +
		"“Boots on the ground” would be appropriate, Republican candidate Ann Marsh said on Sunday.\n\n" +
		"“A big truck” plowed through the barriers, he said, and everyone ran.\n\n" +
		"The city keeps a “rainy day” fund for repairs, officials said.\n"
	qs := quotesOf(t, text)
	hasQuote(t, qs, "partial quotation before a modal dropped", "Boots on the ground")
	hasQuote(t, qs, "partial quotation before a past-tense verb dropped", "A big truck")
	noQuote(t, qs, "modifier", "rainy day")
}

// TestByInRunningSentence: "by" after a quotation credits an article's
// title only where the title opens its line or follows a dash; inside a
// running sentence it names who used the words, and the quotation stays.
func TestByInRunningSentence(t *testing.T) {
	text := "Preacher backs senator\n\n" +
		"Pastor Glenn Hale has declared Ortiz to be “a man who was raised for these times” by God.\n\n" +
		"The tactic has been called “strategic ambiguity” by critics of the group.\n\n" +
		"WEEKEND READING—“Why the privacy bill stalled,” by Times reporter Jane Roe.\n\n" +
		"“Inside the data broker economy,” by Post reporter Sam Lee.\n"
	qs := quotesOf(t, text)
	quoteBy(t, qs, "a man who was raised for these times", "Glenn Hale")
	hasQuote(t, qs, "quotation credited with 'by' in a sentence dropped", "strategic ambiguity")
	noQuote(t, qs, "article title credited to its author", "Why the privacy bill stalled", "Inside the data broker economy")
}
