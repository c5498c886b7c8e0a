package bot

import "encoding/json"

// jsonQuote is one quote in the JSON contract of ../shared/eval/README.md.
type jsonQuote struct {
	Text         string     `json:"text"`
	Speaker      string     `json:"speaker"`
	Role         string     `json:"role"`
	Organization string     `json:"organization"`
	Verb         string     `json:"verb"`
	Source       string     `json:"source"`
	Start        int        `json:"start"`
	End          int        `json:"end"`
	Citations    []Citation `json:"citations"`
}

type jsonSilence struct {
	Text         string `json:"text"`
	Speaker      string `json:"speaker"`
	Organization string `json:"organization"`
	Kind         string `json:"kind"`
	Citation
}

type jsonEvidence struct {
	Text string `json:"text"`
	Citation
}

type jsonAnswer struct {
	ID       string         `json:"id"`
	Question string         `json:"question"`
	Answer   string         `json:"answer"`
	Kind     Kind           `json:"kind"`
	Mode     string         `json:"mode"`
	Note     string         `json:"note,omitempty"`
	Lead     string         `json:"lead"`
	Summary  string         `json:"summary,omitempty"`
	Quotes   []jsonQuote    `json:"quotes"`
	Silences []jsonSilence  `json:"silences"`
	Evidence []jsonEvidence `json:"evidence"`
	Sources  []SourceRef    `json:"sources"`
}

// MarshalJSON encodes the answer in the contract of the shared evaluation:
// question, answer (the plain text), mode, quotes (each with its source and
// byte offsets, plus every source that prints it under citations), and
// sources, with the engine's extra fields beside them.
func (a Answer) MarshalJSON() ([]byte, error) {
	j := jsonAnswer{
		ID: a.ID, Question: a.Question, Answer: a.Text, Kind: a.Kind, Mode: a.Mode,
		Note: a.Note, Lead: a.Lead, Summary: a.Summary,
		Quotes: []jsonQuote{}, Silences: []jsonSilence{}, Evidence: []jsonEvidence{}, Sources: a.Sources,
	}
	if j.Sources == nil {
		j.Sources = []SourceRef{}
	}
	for _, g := range a.Groups {
		for _, q := range g.Quotes {
			first := q.Citations[0]
			j.Quotes = append(j.Quotes, jsonQuote{
				Text: q.Text, Speaker: q.Speaker, Role: q.Role, Organization: q.Organization, Verb: q.Verb,
				Source: first.Source, Start: first.Start, End: first.End, Citations: q.Citations,
			})
		}
		for _, s := range g.Silences {
			j.Silences = append(j.Silences, jsonSilence{Text: s.Text, Speaker: s.Speaker, Organization: s.Organization, Kind: s.Kind, Citation: s.Citation})
		}
	}
	for _, ev := range a.Evidence {
		j.Evidence = append(j.Evidence, jsonEvidence(ev))
	}
	return json.Marshal(j)
}
