package quote

// Span is what a [Quote] and a [Silence] share: a stretch of a source's
// text, byte for byte, and who it is attributed to. Text is exactly
// Source.Text[Start:End] of the source whose id is Source.
type Span struct {
	// Source is the id of the source that prints the text.
	Source string `json:"source"`
	// Text is the stretch of the source, verbatim.
	Text string `json:"text"`
	// Start and End are the byte offsets of Text in the source file.
	Start int `json:"start"`
	End   int `json:"end"`
	// Speaker is the person quoted, when the article names one, in the
	// fullest form it gives before the quote ("Mark Kelly" for a later
	// "Kelly", "Mr. Kelly", "he" or "the senator"). An unattributed
	// quotation has an empty Speaker and an empty Organization: the text
	// names no one within reach, or the speaker ranker is not confident
	// enough (a wrong name is worse than none). A speaker the text leaves
	// unnamed ("a source said") has only Role, and an Organization when
	// the description names one or a party or people ("a Democratic
	// strategist": Role "strategist", Organization "Democratic").
	Speaker string `json:"speaker"`
	// Role is the speaker's role as written ("spokeswoman"), when given.
	Role string `json:"role"`
	// Organization is the speaker's organization, or the organization that
	// made the statement, in its canonical form; failing those, the party
	// or people a description of the speaker names ("the Republican
	// nominee", "a Chinese official").
	Organization string `json:"organization"`
}

// Quote is one direct quotation in a source: its Text is the words inside
// the quotation marks, marks excluded.
//
// Paragraph is not in the shared [Span] so that the JSON form keeps its
// field order (verb before paragraph), which `quotes --json` prints.
type Quote struct {
	Span
	// Verb is the attribution verb ("said", "added", "told").
	Verb string `json:"verb"`
	// Paragraph is the index of the paragraph in Source.Paragraphs.
	Paragraph int `json:"paragraph"`
}

// Silence records that an organization or person gave no quote: it
// declined, refused or did not respond. Its Text is the whole sentence that
// says so.
type Silence struct {
	Span
	// Kind is what the speaker did, such as "declined to comment".
	Kind string `json:"kind"`
	// Paragraph is the index of the paragraph in Source.Paragraphs.
	Paragraph int `json:"paragraph"`
}
