package quote

// Quote is one direct quotation in a source. Text is exactly
// Source.Text[Start:End]: the words inside the quotation marks, marks
// excluded.
type Quote struct {
	// Source is the id of the source that prints the quote.
	Source string `json:"source"`
	// Text is the quotation, verbatim.
	Text string `json:"text"`
	// Start and End are the byte offsets of Text in the source file.
	Start int `json:"start"`
	End   int `json:"end"`
	// Speaker is the person quoted, when the article names one.
	Speaker string `json:"speaker"`
	// Role is the speaker's role as written ("spokeswoman"), when given.
	Role string `json:"role"`
	// Organization is the speaker's organization, or the organization that
	// made the statement, in its canonical form.
	Organization string `json:"organization"`
	// Verb is the attribution verb ("said", "added", "told").
	Verb string `json:"verb"`
	// Paragraph is the index of the paragraph in Source.Paragraphs.
	Paragraph int `json:"paragraph"`
}

// Silence records that an organization or person gave no quote: it
// declined, refused or did not respond. Text is the whole sentence that says
// so, exactly Source.Text[Start:End].
type Silence struct {
	Source       string `json:"source"`
	Text         string `json:"text"`
	Start        int    `json:"start"`
	End          int    `json:"end"`
	Speaker      string `json:"speaker"`
	Role         string `json:"role"`
	Organization string `json:"organization"`
	// Kind is what the speaker did, such as "declined to comment".
	Kind      string `json:"kind"`
	Paragraph int    `json:"paragraph"`
}
