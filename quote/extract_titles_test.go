package quote

import "testing"

// TestProgramAndEventNames: the name of a program a speaker talked to
// ("told “Fox and Friends”", "the channel’s “Sunday Morning Futures”",
// a “… Hour” radio program) or of an event (a “… Forum”) is a title, not
// a quotation, even in a sentence that reports speech; the speaker's own
// words in the same sentence still are.
func TestProgramAndEventNames(t *testing.T) {
	text := "Senator on the app ban\n\n" +
		"“We will not back down,” Sen. Ann Lee told “Morning Talk Live,” adding that the vote was close.\n\n" +
		"Speaking on the network’s “Weekend Brief,” Lee said the ban was “long overdue.”\n\n" +
		"She took calls from listeners to his “Tech Talk Tonight” radio program who said they liked the app.\n\n" +
		"Lee said during a “Consumer Privacy Forum” sponsored by the league that the law would pass.\n"
	qs := quotesOf(t, text)
	quoteBy(t, qs, "We will not back down", "Ann Lee")
	quoteBy(t, qs, "long overdue", "")
	noQuote(t, qs, "title", "Morning Talk Live", "Weekend Brief", "Tech Talk Tonight", "Consumer Privacy Forum")
}

// TestDeckAndButtonLabels: the deck under a headline quotes in single
// marks, headline style, and is no quotation in an article that quotes
// with double marks; the label of a button the reader is asked to click
// is not speech either. The article's own quotations are kept.
func TestDeckAndButtonLabels(t *testing.T) {
	text := "Regulator fines app maker\n\n" +
		"Agency calls the breach 'a preventable failure' in its order.\n\n" +
		"“We expect every company to protect the data it collects,” said agency head Mara Stone.\n\n" +
		"GET THE DAILY BRIEF - Enter your email address and click “sign up.” You can unsubscribe at any time.\n\n" +
		"“It is a preventable failure,” Stone said.\n"
	qs := quotesOf(t, text)
	quoteBy(t, qs, "We expect every company", "Mara Stone")
	quoteBy(t, qs, "It is a preventable failure", "Mara Stone")
	noQuote(t, qs, "deck or button label", "a preventable failure", "sign up.")
}
