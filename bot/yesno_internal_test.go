package bot

import (
	"strings"
	"testing"
)

// The lead repeats a settling quotation verbatim: whole when short, else
// a prefix of it ending at a sentence, a word or a whole character.
func TestLeadExcerptIsVerbatimPrefix(t *testing.T) {
	for _, text := range []string{
		"We haven't shared any customer information",
		strings.Repeat("word ", 60),
		strings.Repeat("x", 300),
		strings.Repeat("é", 150),
		"First sentence is here and it is long enough to count as one. " + strings.Repeat("more words ", 30),
	} {
		got, more := leadExcerpt(text)
		if !strings.HasPrefix(text, got) || got == "" {
			t.Errorf("leadExcerpt(%.30q…) = %.30q…, not a prefix", text, got)
		}
		if len(got) > maxLeadQuote {
			t.Errorf("leadExcerpt gave %d bytes, want at most %d", len(got), maxLeadQuote)
		}
		if (len(strings.TrimSpace(text)) > maxLeadQuote) != (more != "") {
			t.Errorf("leadExcerpt(%.30q…): more = %q", text, more)
		}
	}
}
