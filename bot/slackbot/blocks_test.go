package slackbot

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/slack-go/slack"

	"github.com/privacybot/privacybot/bot"
)

// checkBlocks checks a message's blocks (as JSON) against Slack's limits.
func checkBlocks(t *testing.T, blocksJSON string) {
	t.Helper()
	var bs []struct {
		Type string `json:"type"`
		Text *struct {
			Text string `json:"text"`
		} `json:"text"`
		Elements []json.RawMessage `json:"elements"`
	}
	if err := json.Unmarshal([]byte(blocksJSON), &bs); err != nil {
		t.Fatalf("blocks are not JSON: %v\n%s", err, blocksJSON)
	}
	if len(bs) == 0 || len(bs) > maxBlocks {
		t.Errorf("%d blocks, want 1..%d", len(bs), maxBlocks)
	}
	for i, b := range bs {
		switch b.Type {
		case "section":
			if b.Text == nil || utf8.RuneCountInString(b.Text.Text) > maxSectionText {
				t.Errorf("block %d: section text missing or over %d characters", i, maxSectionText)
			}
		case "context":
			if len(b.Elements) > maxContextElements {
				t.Errorf("block %d: %d context elements", i, len(b.Elements))
			}
		}
	}
}

func messageJSON(t *testing.T, m message) string {
	t.Helper()
	b, err := json.Marshal(m.Blocks)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// bigAnswer is an answer with n quotations of size characters each, from
// n sources.
func bigAnswer(n, size int) bot.Answer {
	a := bot.Answer{ID: "abc123", Question: "What did everyone say?", Lead: "Everyone said a lot."}
	for i := range n {
		id := fmt.Sprintf("%03d_deadbeef", i)
		text := fmt.Sprintf("Q%03d ", i) + strings.Repeat("word ", size/5)
		a.Groups = append(a.Groups, bot.SpeakerGroup{
			Label: fmt.Sprintf("Speaker %d, CEO, Org %d", i, i), Speaker: fmt.Sprintf("Speaker %d", i), Role: "CEO", Organization: fmt.Sprintf("Org %d", i),
			Quotes: []bot.QuoteItem{{Text: strings.TrimSpace(text), Citations: []bot.Citation{{Source: id}}}},
		})
		a.Sources = append(a.Sources, bot.SourceRef{ID: id, Title: fmt.Sprintf("Title %d", i), Outlet: "Outlet"})
	}
	return a
}

func TestAnswerMessagesLimits(t *testing.T) {
	tests := []struct {
		name      string
		n, size   int
		wantMsgs  int
		wantSplit bool
	}{
		{"small", 3, 200, 1, false},
		{"a section's worth", 20, 400, 1, false},
		{"more than 50 blocks", 80, 2000, 2, false},
		{"one quote longer than a section", 1, 7000, 1, true},
		{"many sources", 15, 100, 1, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ans := bigAnswer(tt.n, tt.size)
			msgs := answerMessages(ans, "", true)
			if len(msgs) < tt.wantMsgs {
				t.Errorf("%d messages, want at least %d", len(msgs), tt.wantMsgs)
			}
			var all strings.Builder
			for i, m := range msgs {
				checkBlocks(t, messageJSON(t, m))
				if strings.TrimSpace(m.Text) == "" {
					t.Errorf("message %d has no text fallback", i)
				}
				if utf8.RuneCountInString(m.Text) > 4000 {
					t.Errorf("message %d fallback is %d characters", i, utf8.RuneCountInString(m.Text))
				}
				for _, b := range m.Blocks {
					if s, ok := b.(*slack.SectionBlock); ok {
						all.WriteString(s.Text.Text + "\n")
					}
				}
			}
			// Every quotation appears whole in one section, unless it is
			// longer than a section.
			for _, g := range ans.Groups {
				q := g.Quotes[0].Text
				if !tt.wantSplit && !strings.Contains(all.String(), escape(q)) {
					t.Errorf("quotation %.10q… was cut", q)
				}
				if tt.wantSplit {
					joined := strings.Join(strings.Fields(strings.ReplaceAll(all.String(), "> ", "")), " ")
					if !strings.Contains(joined, strings.Join(strings.Fields(q), " ")) {
						t.Errorf("long quotation lost words")
					}
				}
			}
			last := msgs[len(msgs)-1]
			if _, ok := last.Blocks[len(last.Blocks)-1].(*slack.ActionBlock); !ok {
				t.Errorf("the last block is not the feedback buttons")
			}
		})
	}
}

func TestEscapingSourceText(t *testing.T) {
	ans := bot.Answer{ID: "x1", Lead: "Lead with <!channel> & <@U123>",
		Groups: []bot.SpeakerGroup{{Label: "a <b> org", Organization: "a <b> org",
			Quotes: []bot.QuoteItem{{Text: "Hey <!here> see <http://evil.example|this> & that", Citations: []bot.Citation{{Source: "001_x"}}}}}},
		Sources: []bot.SourceRef{{ID: "001_x", Title: "A <script> & title"}},
	}
	for _, m := range answerMessages(ans, "", true) {
		js := messageJSON(t, m)
		var texts []string
		texts = append(texts, m.Text)
		var bs []map[string]any
		_ = json.Unmarshal([]byte(js), &bs)
		collectTexts(bs, &texts)
		for _, s := range texts {
			for _, bad := range []string{"<!channel>", "<!here>", "<@U123>", "<http", "<script>", "<b>"} {
				if strings.Contains(s, bad) {
					t.Errorf("unescaped %q in %q", bad, s)
				}
			}
		}
		if !strings.Contains(m.Text, "&lt;!channel&gt; &amp; &lt;@U123&gt;") {
			t.Errorf("fallback not escaped: %q", m.Text)
		}
	}
}

func collectTexts(v any, out *[]string) {
	switch x := v.(type) {
	case map[string]any:
		for k, y := range x {
			if s, ok := y.(string); ok && k == "text" {
				*out = append(*out, s)
			}
			collectTexts(y, out)
		}
	case []any:
		for _, y := range x {
			collectTexts(y, out)
		}
	case []map[string]any:
		for _, y := range x {
			collectTexts(y, out)
		}
	}
}

func TestEscape(t *testing.T) {
	tests := []struct{ in, out string }{
		{"a < b && c > d", "a &lt; b &amp;&amp; c &gt; d"},
		{"x&amp;y", "x&amp;amp;y"},
		{`"quotes" and 'apostrophes'`, `"quotes" and 'apostrophes'`},
		{"<@U0LAN0Z89> hi", "&lt;@U0LAN0Z89&gt; hi"},
	}
	for _, tt := range tests {
		if got := escape(tt.in); got != tt.out {
			t.Errorf("escape(%q) = %q, want %q", tt.in, got, tt.out)
		}
	}
}

func TestQuestionText(t *testing.T) {
	self := func(id string) bool { return id == "U0LAN0Z89" }
	tests := []struct{ in, out string }{
		{"<@U0LAN0Z89> is it everything a river should be?", "is it everything a river should be?"},
		{"<@U0LAN0Z89|privacybot>   what did  JPMorgan say?", "what did JPMorgan say?"},
		{"what did <@U999> say about AT&amp;T &lt;3", "what did @U999 say about AT&T <3"},
		{"see <https://example.com|this article> in <#C123|general>", "see this article in general"},
		{"<@U0LAN0Z89>", ""},
	}
	for _, tt := range tests {
		if got := questionText(tt.in, self); got != tt.out {
			t.Errorf("questionText(%q) = %q, want %q", tt.in, got, tt.out)
		}
	}
}
