package quote

import (
	"strings"
	"testing"

	"github.com/privacybot/privacybot/corpus"
)

// quotesOf extracts the quotes of an article written as a string.
func quotesOf(t *testing.T, text string) []Quote {
	t.Helper()
	src := corpus.ParseSource("t.txt", text)
	qs, _ := Extract(src, nil)
	for _, q := range qs {
		checkQuote(t, src, q)
	}
	return qs
}

// findQuote returns the quote whose text starts with prefix.
func findQuote(qs []Quote, prefix string) (Quote, bool) {
	for _, q := range qs {
		if strings.HasPrefix(q.Text, prefix) {
			return q, true
		}
	}
	return Quote{}, false
}

// quoteBy returns the quote of qs whose text starts with prefix, failing t
// when there is none or, unless speaker is empty, when someone else is
// its speaker.
func quoteBy(t *testing.T, qs []Quote, prefix, speaker string) Quote {
	t.Helper()
	q, ok := findQuote(qs, prefix)
	if !ok {
		t.Fatalf("%q not a quote in%s", prefix, dumpQuotes(qs))
	}
	if speaker != "" && q.Speaker != speaker {
		t.Errorf("%q: speaker %q, want %s", prefix, q.Speaker, speaker)
	}
	return q
}

// noQuote fails, saying why, for each of prefixes that begins a quote of qs.
func noQuote(t *testing.T, qs []Quote, why string, prefixes ...string) {
	t.Helper()
	for _, p := range prefixes {
		if _, ok := findQuote(qs, p); ok {
			t.Errorf("%s: %q taken for a quotation:%s", why, p, dumpQuotes(qs))
		}
	}
}

// hasQuote fails, saying why, when no quote of qs begins with prefix.
func hasQuote(t *testing.T, qs []Quote, why, prefix string) {
	t.Helper()
	if _, ok := findQuote(qs, prefix); !ok {
		t.Errorf("%s: %q not found in%s", why, prefix, dumpQuotes(qs))
	}
}

func dumpQuotes(qs []Quote) string {
	var b strings.Builder
	for _, q := range qs {
		b.WriteString("\n  ")
		b.WriteString(q.Text)
		b.WriteString(" | ")
		b.WriteString(q.Speaker)
	}
	return b.String()
}

// TestDoubledSingleMarks: some outlets and wire feeds open and close a
// quotation with two single marks instead of one double mark: two left
// and two right single marks, two apostrophes, or two grave accents
// closed by two apostrophes; the quote is found whole, with its speaker, and the marks
// stay out of its text.
func TestDoubledSingleMarks(t *testing.T) {
	for _, tc := range []struct{ name, open, close string }{
		{"curly", "‘‘", "’’"},
		{"straight", "''", "''"},
		{"backtick", "``", "''"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			text := "Regulators fine ride app\n\n" +
				tc.open + "We didn't know the app kept our trips for five years," + tc.close +
				" said Dana Whitfield, a driver in Ohio. " +
				tc.open + "Nobody told us that." + tc.close + "\n"
			qs := quotesOf(t, text)
			q := quoteBy(t, qs, "We didn't know", "Dana Whitfield")
			if q.Text != "We didn't know the app kept our trips for five years," {
				t.Errorf("text %q", q.Text)
			}
			q2, ok := findQuote(qs, "Nobody told us")
			if !ok || q2.Text != "Nobody told us that." {
				t.Fatalf("second quote missing or wrong in%s", dumpQuotes(qs))
			}
		})
	}
}

// TestQuoteOverParagraphs: a quotation that runs over paragraphs opens
// each one again and closes only in the last; every paragraph is a quote
// and all of them get the speaker named at the end.
func TestQuoteOverParagraphs(t *testing.T) {
	text := "Hospital admits breach\n\n" +
		"The hospital's chief executive, Amara Okafor, spoke to staff on Monday.\n\n" +
		"“We let our patients down. The server that was reached should never have been open to the internet.\n\n" +
		"“We have hired outside investigators and we will publish what they find.\n\n" +
		"“Nobody should have to wonder whether their records are safe with us,” Okafor said.\n"
	qs := quotesOf(t, text)
	for _, p := range []string{"We let our patients down.", "We have hired outside", "Nobody should have to wonder"} {
		q := quoteBy(t, qs, p, "Amara Okafor")
		if strings.ContainsAny(q.Text, "“”") {
			t.Errorf("%q: marks inside the text: %q", p, q.Text)
		}
	}
}

// TestNestedQuote: a quotation inside a quotation stays part of the outer
// one; it is not a quote of its own and does not cut the outer one short.
func TestNestedQuote(t *testing.T) {
	for _, text := range []string{
		"Union sues\n\n“The manager told us, ‘Your phones are company property now,’ and that was the end of it,” said Luis Ortega, a warehouse worker.\n",
		"Union sues\n\n\"The manager told us, 'Your phones are company property now,' and that was the end of it,\" said Luis Ortega, a warehouse worker.\n",
		"Union sues\n\n“The manager told us, “Your phones are company property now,” and that was the end of it,” said Luis Ortega, a warehouse worker.\n",
	} {
		qs := quotesOf(t, text)
		if len(qs) != 1 {
			t.Fatalf("want one quote, got%s", dumpQuotes(qs))
		}
		q := qs[0]
		if !strings.HasPrefix(q.Text, "The manager told us,") || !strings.HasSuffix(q.Text, "the end of it,") {
			t.Errorf("outer quote %q", q.Text)
		}
		if q.Speaker != "Luis Ortega" {
			t.Errorf("speaker %q, want Luis Ortega", q.Speaker)
		}
	}
}

// TestPullQuoteAttributionLine: a pull quote stands in a paragraph of its
// own and the next line names who said it ("— Facebook's Guy Rosen"); the
// quote takes that speaker and the line is not a quote.
func TestPullQuoteAttributionLine(t *testing.T) {
	for _, line := range []string{"— Facebook’s Guy Rosen", "—Guy Rosen, Facebook", "-- Guy Rosen, vice president of integrity at Facebook"} {
		text := "Facebook takes down network\n\n" +
			"The company said it removed 300 accounts on Tuesday.\n\n" +
			"“We will keep finding these networks and we will keep taking them down.”\n\n" +
			line + "\n\n" +
			"The accounts had posted about elections in three countries.\n"
		qs := quotesOf(t, text)
		quoteBy(t, qs, "We will keep finding", "Guy Rosen")
		if len(qs) != 1 {
			t.Errorf("%s: want only the pull quote, got%s", line, dumpQuotes(qs))
		}
	}
}

// TestCaptionsBetweenParagraphs: photo captions, credits and "WATCH:"
// lines between paragraphs never become speakers and do not break a quote
// that runs over them.
func TestCaptionsBetweenParagraphs(t *testing.T) {
	text := "Senator presses data brokers\n\n" +
		"Sen. Maria Cantwell questioned the chief executives on Thursday.\n\n" +
		"“Americans have no idea how much of their lives is being sold,” Cantwell said.\n\n" +
		"WATCH: Cantwell questions data broker executives\n\n" +
		"Getty Images.\n\n" +
		"“It is time that changed.”\n\n" +
		"Photo: Jim Watson/AFP via Getty Images\n\n" +
		"“We will not wait another year for a bill,” she added.\n"
	qs := quotesOf(t, text)
	for _, p := range []string{"Americans have no idea", "It is time that changed.", "We will not wait"} {
		quoteBy(t, qs, p, "Maria Cantwell")
	}
	for _, q := range qs {
		for _, bad := range []string{"WATCH", "Getty", "Jim Watson", "Photo"} {
			if strings.Contains(q.Speaker, bad) || strings.Contains(q.Organization, bad) {
				t.Errorf("%q: caption word %q as speaker %q / %q", q.Text, bad, q.Speaker, q.Organization)
			}
		}
	}
}

// TestAllCapsHeadline: an article whose headline is written in capitals
// (with a quoted phrase in it) yields the body's quotes, the headline's
// words never becoming a speaker.
func TestAllCapsHeadline(t *testing.T) {
	text := "REGULATOR CALLS DATA SALE ‘UNACCEPTABLE’\n\n" +
		"PRIVACY WATCHDOG ORDERS AUDIT\n\n" +
		"The data protection authority ordered an audit of the retailer on Friday.\n\n" +
		"“Selling location data without consent is unacceptable,” said Helena Kowalski, the authority's president.\n"
	qs := quotesOf(t, text)
	quoteBy(t, qs, "Selling location data", "Helena Kowalski")
	for _, q := range qs {
		if strings.ContainsAny(q.Speaker, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") && strings.ToUpper(q.Speaker) == q.Speaker {
			t.Errorf("%q: capitals speaker %q", q.Text, q.Speaker)
		}
	}
}

// TestScareQuotesAndTitles: quotation marks around a term nobody is
// quoted as saying, or around the name of a show, a book or a film, are
// not speech and are left out.
func TestScareQuotesAndTitles(t *testing.T) {
	text := "Streaming service settles\n\n" +
		"The company's so-called “privacy dashboard” was added in 2019.\n\n" +
		"Its founder appeared on “Good Morning America” and later on NBC’s “Meet the Press” to defend the app.\n\n" +
		"The case was featured in the documentary “The Great Hack,” which followed the Cambridge Analytica scandal.\n\n" +
		"Users had to hunt for the “opt-out” buttons in three different menus.\n\n" +
		"Its chief executive, Dana Ruiz, said on “Fox & Friends” that nothing had leaked.\n\n" +
		"Sen. Maria Lopez told NBC’s “Meet the Press” on Sunday that the bill would pass, and said in an interview with the podcast “Hard Fork” that she uses the app.\n\n" +
		"NOW READING—“How your apps sell where you sleep,” by Times reporter Jane Roe.\n"
	qs := quotesOf(t, text)
	if len(qs) != 0 {
		t.Errorf("want no quotes, got%s", dumpQuotes(qs))
	}
}

// TestPartialQuotesInReportedSpeech: a few quoted words inside reported
// speech are the speaker's words and are kept, with that speaker.
func TestPartialQuotesInReportedSpeech(t *testing.T) {
	text := "Lawmakers react to merger\n\n" +
		"Sen. Elizabeth Warren said the deal was “a disaster” for consumers.\n\n" +
		"Rep. Jim Jordan called the ruling “outrageous” in a statement on Tuesday.\n\n" +
		"Federal Trade Commission chair Lina Khan warned that companies must not treat personal data as a “free-for-all.”\n\n" +
		"Citing “family obligations,” a spokeswoman for Khan said she would skip the hearing.\n"
	qs := quotesOf(t, text)
	for _, w := range []struct{ text, speaker string }{
		{"a disaster", "Elizabeth Warren"},
		{"outrageous", "Jim Jordan"},
		{"free-for-all.", "Lina Khan"},
		{"family obligations,", ""},
	} {
		q, ok := findQuote(qs, w.text)
		if !ok {
			t.Errorf("%q not kept:%s", w.text, dumpQuotes(qs))
			continue
		}
		if w.speaker != "" && q.Speaker != w.speaker {
			t.Errorf("%q: speaker %q, want %q", w.text, q.Speaker, w.speaker)
		}
	}
}

// TestDatelineIsNoSpeaker: the place of a wire story's dateline
// ("WASHINGTON —", "LONDON (Reuters) -") is not a speaker, and the quote
// after it keeps the speaker the sentence names.
func TestDatelineIsNoSpeaker(t *testing.T) {
	for _, dl := range []string{"WASHINGTON —", "WASHINGTON, Aug. 24 (UPI) —", "LONDON (Reuters) -", "LA CROSSE, Wisc. —"} {
		text := "Senator on data bill\n\n" + dl +
			" Sen. Ron Wyden on Wednesday downplayed the vote and said it was the same thing as a senator calling herself “a privacy hawk.”\n"
		qs := quotesOf(t, text)
		q := quoteBy(t, qs, "a privacy hawk", "")
		if strings.Contains(q.Organization, "Washington") || strings.Contains(q.Speaker, "Washington") ||
			strings.Contains(q.Speaker, "LONDON") || strings.Contains(q.Speaker, "CROSSE") || strings.Contains(q.Organization, "Reuters") || strings.Contains(q.Organization, "UPI") {
			t.Errorf("%s: dateline taken for the speaker: %q / %q", dl, q.Speaker, q.Organization)
		}
	}
}

// TestMisshapenMarks: real copy closes a quotation with an opening mark
// (“…“) or opens it with a closing one after an invisible formatting
// character; the quotation is still found, whole.
func TestMisshapenMarks(t *testing.T) {
	text := "Breach report\n\n" +
		"The campaign called on the agency to conduct an “expedited review“ of the breach on Monday.\n\n" +
		"\u202a”Nobody told us our records were gone,” wrote one patient.\n"
	qs := quotesOf(t, text)
	if q, ok := findQuote(qs, "expedited review"); !ok || q.Text != "expedited review" {
		t.Errorf("“…“ quote not found whole in%s", dumpQuotes(qs))
	}
	if q, ok := findQuote(qs, "Nobody told us"); !ok || q.Text != "Nobody told us our records were gone," {
		t.Errorf("”…” quote not found whole in%s", dumpQuotes(qs))
	}
}

// TestQuotedSubheads: a subheading made of a quoted phrase in single marks
// ("– ‘Who cares?’ –.") or in capitals is layout, not a quotation, in an
// article that quotes with double marks; in an article that quotes with
// single marks, a paragraph in single marks is a quotation.
func TestQuotedSubheads(t *testing.T) {
	us := "Convention night\n\n" +
		"“We came here to win,” said Dana Ruiz, a delegate from Ohio.\n\n" +
		"– ‘Who cares?’ –.\n\n" +
		"“It was a long night, but a good one,” Ruiz said.\n\n" +
		"'Nobody is listening.'\n\n" +
		"“STOP THE STEAL NOW”\n\n" +
		"The hall emptied by midnight.\n"
	qs := quotesOf(t, us)
	if len(qs) != 2 {
		t.Errorf("want the two quotations only, got%s", dumpQuotes(qs))
	}
	uk := "Council vote\n\n" +
		"The council voted on Tuesday to close the library.\n\n" +
		"‘We did not want this, but the money has run out.’\n\n" +
		"‘It is a sad day for the town,’ said councillor Anne Wells.\n"
	qs = quotesOf(t, uk)
	hasQuote(t, qs, "single-mark quotation paragraph dropped", "We did not want this")
}
