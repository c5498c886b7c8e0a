package bot

// Kind is what sort of question was asked.
type Kind string

// The kinds of question the engine tells apart.
const (
	// KindQuote asks who said what ("What did JPMorgan say?").
	KindQuote Kind = "quote"
	// KindFact asks for a fact the articles report.
	KindFact Kind = "fact"
	// KindSources asks which sources there are.
	KindSources Kind = "sources"
	// KindOutOfScope is a question the sources cannot answer.
	KindOutOfScope Kind = "out_of_scope"
)

// Answer modes.
const (
	// ModeExtractive is an answer assembled from the sources' own words.
	ModeExtractive = "extractive"
	// ModeLLM is an answer written by a language model and verified.
	ModeLLM = "llm"
)

// Citation points at the bytes of a source that support a claim.
type Citation struct {
	// Source is the source id.
	Source string `json:"source"`
	// Start and End are byte offsets into the source file.
	Start int `json:"start"`
	End   int `json:"end"`
}

// QuoteItem is one quotation, shown once, with every source that prints it.
type QuoteItem struct {
	// Text is the quotation exactly as the first citation prints it.
	Text string
	// Speaker, Role and Organization say who said it, as far as known.
	Speaker      string
	Role         string
	Organization string
	// Verb is the attribution verb ("said", "added").
	Verb string
	// Citations lists every source printing the quote, primary first.
	Citations []Citation
}

// SilenceItem records that a speaker declined to comment, with the verbatim
// sentence that says so.
type SilenceItem struct {
	// Text is the sentence, verbatim.
	Text         string
	Speaker      string
	Organization string
	// Kind is what the speaker did ("declined to comment").
	Kind     string
	Citation Citation
}

// SpeakerGroup gathers what one speaker said.
type SpeakerGroup struct {
	// Label names the speaker as shown, e.g. "Patricia Wexler, spokeswoman, JPMorgan Chase".
	Label        string
	Speaker      string
	Role         string
	Organization string
	Quotes       []QuoteItem
	Silences     []SilenceItem
}

// Evidence is a verbatim sentence from a source that supports a fact.
type Evidence struct {
	// Text is the sentence, verbatim.
	Text string
	Citation
}

// SourceRef describes a cited source.
type SourceRef struct {
	ID     string `json:"id"`
	Title  string `json:"title"`
	Outlet string `json:"outlet,omitempty"`
	Date   string `json:"date,omitempty"`
	URL    string `json:"url,omitempty"`
}

// Answer is the engine's reply to one question.
type Answer struct {
	// ID identifies the answer, for feedback.
	ID string
	// Question is the question as understood (trimmed).
	Question string
	// Kind is the sort of question it was taken to be.
	Kind Kind
	// Mode is ModeExtractive or ModeLLM.
	Mode string
	// Note explains a fallback or a caveat, such as why the model's answer
	// was not used; empty when there is nothing to say.
	Note string
	// Lead is the one-line summary at the top.
	Lead string
	// Summary is the verified prose a model wrote (LLM mode only).
	Summary string
	// Groups holds the quotes and silences, by speaker.
	Groups []SpeakerGroup
	// Evidence holds supporting sentences for fact questions.
	Evidence []Evidence
	// Sources lists every source the answer cites, in order of first use.
	Sources []SourceRef
	// Text is the whole answer as plain text, as a person would read it.
	Text string
}

// Abstained reports whether the answer says the sources are silent.
func (a Answer) Abstained() bool {
	return len(a.Groups) == 0 && len(a.Evidence) == 0 && len(a.Sources) == 0
}

// Quotes returns every quote in the answer, in display order.
func (a Answer) Quotes() []QuoteItem {
	var out []QuoteItem
	for _, g := range a.Groups {
		out = append(out, g.Quotes...)
	}
	return out
}
