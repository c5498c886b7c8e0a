package quote

import "testing"

// TestClosedWithSingleMark: a quotation opened with a double mark and
// closed, after its last full stop, with a single one (“…’) is found
// whole, and the titles quoted after it in the same paragraph are not
// swallowed into it.
func TestClosedWithSingleMark(t *testing.T) {
	text := "Celebrities back gun plan\n\n" +
		"The actress tweeted: “We can stop this. Call your senator today.’ She spoke after a screening of her film, “Sunrise.”\n"
	qs := quotesOf(t, text)
	q, ok := findQuote(qs, "We can stop this.")
	if !ok || q.Text != "We can stop this. Call your senator today." {
		t.Errorf("quotation closed by ’ not found whole in%s", dumpQuotes(qs))
	}
}

// TestOpenedWithClosingMarkAndEllipsis: a paragraph that opens with a
// closing mark and an ellipsis (” … if the president can) opens a
// quotation.
func TestOpenedWithClosingMarkAndEllipsis(t *testing.T) {
	text := "Editorial board on the flood\n\n" +
		"The newspaper was blunt.\n\n" +
		"” … if the president can visit the state without harming the relief work, then surely the candidate can do the same,” the editorial read.\n"
	qs := quotesOf(t, text)
	hasQuote(t, qs, "quotation opened with ” …", "… if the president can visit")
}

// TestQuoteCard: a quote card puts the quotation on one line and its
// speaker on the next, with the closing mark after the speaker's name;
// the quotation is found, without the speaker line.
func TestQuoteCard(t *testing.T) {
	text := "Economists weigh in\n\n" +
		"Several economists worried about the plan.\n\n" +
		"\"I worry that we will see a return of austerity just when the economy needs support.\n" +
		"Jane Roe, Center for Budget Research.\"\n\n" +
		"The debate is far from over.\n"
	qs := quotesOf(t, text)
	q, ok := findQuote(qs, "I worry that")
	if !ok || q.Text != "I worry that we will see a return of austerity just when the economy needs support." {
		t.Errorf("quote card not found whole in%s", dumpQuotes(qs))
	}
}

// TestUnclosedQuotation: a quotation whose closing mark was left out is
// still found when it opens the paragraph or follows a colon: up to a
// ", said" that attributes it, with that speaker, or to the paragraph's
// end. A stray mark inside a sentence still opens nothing.
func TestUnclosedQuotation(t *testing.T) {
	text := "Adoptees face deportation\n\n" +
		"\"There wasn't a lot of education for adoptive parents about the papers to keep, said Emily Kessel, an advocacy director.\n\n" +
		"More from the report: “Online panels condition their samples on many variables in an effort to make them more representative.\n\n" +
		"The group's 5\" screens were cheap, the report found, and sold well in the fall of that year.\n"
	qs := quotesOf(t, text)
	quoteBy(t, qs, "There wasn't a lot", "Emily Kessel")
	if q, _ := findQuote(qs, "There wasn't"); q.Text != "There wasn't a lot of education for adoptive parents about the papers to keep," {
		t.Errorf("text %q", q.Text)
	}
	hasQuote(t, qs, "unclosed quotation after a colon", "Online panels condition")
	noQuote(t, qs, "a stray mark opened a quotation", "screens")
}
