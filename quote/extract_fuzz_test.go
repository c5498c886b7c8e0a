package quote

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/privacybot/privacybot/corpus"
)

// FuzzExtract checks that extraction never panics, that every quote's
// offsets hold its text inside one paragraph, and that it never invents a
// speaker: every word of a named speaker is written in the text, whatever
// the input.
func FuzzExtract(f *testing.F) {
	f.Add("Title: T\n\n\"We fixed it,\" Jane Roe said. \"Second.\"\n")
	f.Add("Head\n\n“Open with no close\n\n“Next paragraph,” she said.\n")
	f.Add("x\n\nits users\" financial information to \"boost engagement.' .\n")
	f.Add("x\n\n‘single’ ’ ‘ \" \" “ ” ' ' ” “\n")
	f.Add("HEADLINE HERE\n\nMost said it was fine. \"It works.\"\n\n\"Still,\" he said.\n")
	f.Add("x\n\nCitigroup and Wells Fargo refused to comment. A, B, and C declined to comment.\n")
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) {
			return
		}
		src := corpus.ParseSource("f.txt", text)
		qs, ss := Extract(src, nil)
		for _, q := range qs {
			if q.Start < 0 || q.End > len(text) || q.Start >= q.End {
				t.Fatalf("bad offsets [%d,%d) for %q", q.Start, q.End, q.Text)
			}
			if text[q.Start:q.End] != q.Text {
				t.Fatalf("text %q != source %q", q.Text, text[q.Start:q.End])
			}
			if q.Paragraph < 0 || q.Paragraph >= len(src.Paragraphs) {
				t.Fatalf("paragraph %d out of range", q.Paragraph)
			}
			for _, w := range strings.Fields(q.Speaker) {
				if !strings.Contains(text, w) {
					t.Fatalf("speaker %q of %q: %q is not in the text", q.Speaker, q.Text, w)
				}
			}
			p := src.Paragraphs[q.Paragraph]
			if q.Start < p.Start || q.End > p.End {
				t.Fatalf("quote [%d,%d) outside paragraph [%d,%d)", q.Start, q.End, p.Start, p.End)
			}
		}
		for _, s := range ss {
			if s.Start < 0 || s.End > len(text) || s.Start > s.End || text[s.Start:s.End] != s.Text {
				t.Fatalf("bad silence offsets [%d,%d)", s.Start, s.End)
			}
		}
	})
}
