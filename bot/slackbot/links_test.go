package slackbot

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/privacybot/privacybot/bot"
)

func TestLink(t *testing.T) {
	tests := []struct{ url, label, want string }{
		{"https://news.example/ico-fine", "ICO fines firm", "<https://news.example/ico-fine|ICO fines firm>"},
		{"https://news.example/a?x=1&y=2", "AT&T <sues> Meta", "<https://news.example/a?x=1&amp;y=2|AT&amp;T &lt;sues&gt; Meta>"},
		{"https://news.example/a|b>c", "Left | Right", "<https://news.example/a%7Cb%3Ec|Left ∣ Right>"},
		{"", "A seed & its title", "A seed &amp; its title"},
		{"javascript:alert(1)", "Click <me>", "Click &lt;me&gt;"},
		{"/relative/path", "Relative", "Relative"},
	}
	for _, tt := range tests {
		if got := link(tt.url, tt.label); got != tt.want {
			t.Errorf("link(%q, %q) = %q, want %q", tt.url, tt.label, got, tt.want)
		}
	}
}

// blockTexts returns every text in a message's blocks (JSON), decoded, so
// that Slack's link syntax can be looked for as Slack will read it.
func blockTexts(t *testing.T, blocksJSON string) string {
	t.Helper()
	var bs []map[string]any
	if err := json.Unmarshal([]byte(blocksJSON), &bs); err != nil {
		t.Fatalf("blocks are not JSON: %v", err)
	}
	var texts []string
	collectTexts(bs, &texts)
	return strings.Join(texts, "\n")
}

func TestAnswerLinksSources(t *testing.T) {
	ans := bot.Answer{ID: "x1", Lead: "Two sources.",
		Groups: []bot.SpeakerGroup{{Label: "ICO", Organization: "ICO",
			Quotes: []bot.QuoteItem{{Text: "A fine.", Citations: []bot.Citation{{Source: "ico-fines-abc"}, {Source: "001_x"}}}}}},
		Evidence: []bot.Evidence{{Text: "Fined.", Citation: bot.Citation{Source: "ico-fines-abc"}}},
		Sources: []bot.SourceRef{{ID: "ico-fines-abc", Title: "ICO fines | firm", URL: "https://news.example/ico?a=1&b=2", Outlet: "The Ledger"},
			{ID: "001_x", Title: "A seed"}},
	}
	ms := answerMessages(ans, "", true)
	all := blockTexts(t, messageJSON(t, ms[len(ms)-1]))
	for _, want := range []string{
		"*[ico-fines-abc]* <https://news.example/ico?a=1&amp;b=2|ICO fines ∣ firm> — The Ledger", // sources list
		"<https://news.example/ico?a=1&amp;b=2|[ico-fines-abc]> [001]",                           // quotation's citations
		"“Fined.” <https://news.example/ico?a=1&amp;b=2|[ico-fines-abc]>",                        // evidence
		"*[001]* A seed", // no URL: plain
	} {
		if !strings.Contains(all, want) {
			t.Errorf("blocks lack %q:\n%s", want, all)
		}
	}
}
