package prompts

import (
	"embed"
	"fmt"
	"strings"
	"text/template"
)

//go:embed *.tmpl
var files embed.FS

// Template names accepted by [Render].
const (
	// System is the system prompt; its data is a [SystemData].
	System = "system.tmpl"
	// Answer is the user message holding the question and the excerpts,
	// fenced off as untrusted data; its data is an [AnswerData].
	Answer = "answer.tmpl"
)

// SystemData fills in the system prompt.
type SystemData struct {
	// Fence is the random marker that opens and closes the untrusted data
	// in the user message. It must match [AnswerData.Fence] and must not
	// occur in the data.
	Fence string
}

// Excerpt is one numbered excerpt the model may answer from.
type Excerpt struct {
	// ID is how the model must cite the excerpt's source, e.g. "001".
	ID string
	// Speaker, Role and Organization say who is quoted (quotations only).
	Speaker      string
	Role         string
	Organization string
	// Title is the title of the source (passages only; optional).
	Title string
	// Text is the excerpt, verbatim.
	Text string
}

// AnswerData fills in the user message of an answer.
type AnswerData struct {
	// Fence is the same marker as in [SystemData].
	Fence string
	// Question is the user's question, as typed.
	Question string
	// Quotations are direct quotes from the sources, with their speakers.
	Quotations []Excerpt
	// Passages are retrieved sentences and paragraphs of the sources.
	Passages []Excerpt
}

var funcs = template.FuncMap{
	// attr makes a value safe inside a double-quoted attribute on one line.
	"attr": func(s string) string {
		s = strings.NewReplacer("\"", "'", "<", "(", ">", ")", "\n", " ", "\r", " ").Replace(s)
		return strings.TrimSpace(s)
	},
	// oneline folds line breaks so a value cannot start a line of its own.
	"oneline": func(s string) string { return strings.Join(strings.Fields(s), " ") },
}

var tmpl = template.Must(template.New("prompts").Funcs(funcs).Option("missingkey=error").ParseFS(files, "*.tmpl"))

// Render fills in the template called name (one of [System] or [Answer])
// with data and returns the text. The error says which template failed.
func Render(name string, data any) (string, error) {
	t := tmpl.Lookup(name)
	if t == nil {
		return "", fmt.Errorf("render prompt %s: %w", name, ErrUnknown)
	}
	var sb strings.Builder
	if err := t.Execute(&sb, data); err != nil {
		return "", fmt.Errorf("render prompt %s: %w", name, err)
	}
	return sb.String(), nil
}
