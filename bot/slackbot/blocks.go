package slackbot

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/slack-go/slack"

	"github.com/privacybot/privacybot/bot"
)

// Slack's Block Kit limits.
const (
	// maxBlocks is the most blocks one message may hold.
	maxBlocks = 50
	// maxSectionText is the longest text a section block may hold.
	maxSectionText = 3000
	// maxContextElements is the most elements a context block may hold.
	maxContextElements = 10
	// maxFallbackText bounds a message's plain-text fallback (Slack
	// advises at most 4,000 characters).
	maxFallbackText = 3500
)

// message is one Slack message: a plain-text fallback (already escaped for
// mrkdwn) and its blocks.
type message struct {
	Text   string
	Blocks []slack.Block
}

// options returns the chat.postMessage/chat.update options for m, with
// link previews off so a cited article does not unfurl under every answer.
func (m message) options() []slack.MsgOption {
	opts := []slack.MsgOption{
		slack.MsgOptionText(m.Text, false),
		slack.MsgOptionDisableLinkUnfurl(),
		slack.MsgOptionDisableMediaUnfurl(),
	}
	if len(m.Blocks) > 0 {
		opts = append(opts, slack.MsgOptionBlocks(m.Blocks...))
	}
	return opts
}

// unit is a piece of text that is never split across sections: the lead,
// or one quotation with who said it and where. md is mrkdwn with every
// source-derived character escaped; plain is the same for the fallback.
type unit struct{ md, plain string }

// piece is a block with the plain text it shows, for the fallback.
type piece struct {
	block slack.Block
	plain string
}

// textMessage is a message of one or more sections holding s, which must
// already be mrkdwn (escape user and source text before passing it).
func textMessage(md string) message {
	msgs := buildMessages(sections([]unit{{md: md, plain: md}}), nil)
	return msgs[0]
}

// section returns a mrkdwn section block.
func section(md string) slack.Block {
	return slack.NewSectionBlock(slack.NewTextBlockObject(slack.MarkdownType, md, false, false), nil, nil)
}

// sections packs units into as few sections as fit the section limit,
// never splitting a unit; a unit longer than a whole section (a very long
// quotation) continues over consecutive sections without losing a word.
func sections(units []unit) []piece {
	var out []piece
	var md, plain strings.Builder
	flush := func() {
		if md.Len() > 0 {
			out = append(out, piece{section(md.String()), plain.String()})
			md.Reset()
			plain.Reset()
		}
	}
	const sep = "\n\n"
	for _, u := range units {
		n := utf8.RuneCountInString(u.md)
		if md.Len() > 0 && utf8.RuneCountInString(md.String())+len(sep)+n > maxSectionText {
			flush()
		}
		if n > maxSectionText {
			flush()
			parts := splitText(u.md, maxSectionText)
			for i, p := range parts {
				pl := ""
				if i == 0 {
					pl = u.plain
				}
				out = append(out, piece{section(p), pl})
			}
			continue
		}
		if md.Len() > 0 {
			md.WriteString(sep)
			plain.WriteString("\n\n")
		}
		md.WriteString(u.md)
		plain.WriteString(u.plain)
	}
	flush()
	return out
}

// splitText splits s into parts of at most limit characters, at a line
// break or space where there is one. A part that starts inside a block
// quote keeps the quote marker.
func splitText(s string, limit int) []string {
	var parts []string
	for utf8.RuneCountInString(s) > limit {
		// Byte offset of the limit-th rune, minus room for a "> " prefix.
		cut := byteOffset(s, limit-2)
		i := strings.LastIndexAny(s[:cut], "\n ")
		if i <= 0 {
			i = cut
		}
		parts = append(parts, s[:i])
		rest := strings.TrimLeft(s[i:], " \n")
		line := s[strings.LastIndex(s[:i], "\n")+1:]
		if strings.HasPrefix(line, "> ") && !strings.HasPrefix(rest, "> ") {
			rest = "> " + rest
		}
		s = rest
	}
	return append(parts, s)
}

// byteOffset returns the byte offset of the n-th rune of s.
func byteOffset(s string, n int) int {
	i := 0
	for j := range s {
		if i == n {
			return j
		}
		i++
	}
	return len(s)
}

// buildMessages lays content blocks out in messages of at most maxBlocks
// blocks, with the trailer (sources, buttons) at the end of the last one,
// each with a plain-text fallback.
func buildMessages(content []piece, trailer []slack.Block) []message {
	var msgs []message
	var cur []piece
	emit := func(ps []piece, extra []slack.Block) {
		m := message{}
		var plain []string
		for _, p := range ps {
			m.Blocks = append(m.Blocks, p.block)
			if p.plain != "" {
				plain = append(plain, p.plain)
			}
		}
		m.Blocks = append(m.Blocks, extra...)
		m.Text = fallback(plain)
		msgs = append(msgs, m)
	}
	for _, p := range content {
		if len(cur) == maxBlocks {
			emit(cur, nil)
			cur = nil
		}
		cur = append(cur, p)
	}
	if len(cur)+len(trailer) > maxBlocks {
		emit(cur, nil)
		cur = nil
	}
	emit(cur, trailer)
	if msgs[len(msgs)-1].Text == "" && len(msgs) > 1 {
		msgs[len(msgs)-1].Text = "Sources"
	}
	return msgs
}

// fallback joins plain texts up to maxFallbackText characters, cutting
// only between them.
func fallback(plain []string) string {
	var sb strings.Builder
	n := 0
	for i, p := range plain {
		c := utf8.RuneCountInString(p) + 2
		if n+c > maxFallbackText {
			if i == 0 {
				// Even the first piece is too long; give its first line.
				first, _, _ := strings.Cut(p, "\n")
				if utf8.RuneCountInString(first) > maxFallbackText {
					first = first[:byteOffset(first, maxFallbackText-1)]
				}
				sb.WriteString(first)
			}
			sb.WriteString("\n…")
			break
		}
		if i > 0 {
			sb.WriteString("\n\n")
		}
		sb.WriteString(p)
		n += c
	}
	return sb.String()
}

// blockQuote formats text as a mrkdwn block quote, escaped.
func blockQuote(text string) string {
	lines := strings.Split(strings.TrimSpace(text), "\n")
	for i, l := range lines {
		lines[i] = "> " + escape(l)
	}
	return strings.Join(lines, "\n")
}

// speakerMd names a speaker in mrkdwn: the name in bold, then role and
// organization.
func speakerMd(g bot.SpeakerGroup) string {
	if g.Speaker == "" {
		return "*" + escape(capitalize(g.Label)) + "*"
	}
	s := "*" + escape(g.Speaker) + "*"
	if g.Role != "" {
		s += ", " + escape(g.Role)
	}
	if g.Organization != "" && !strings.EqualFold(g.Organization, g.Speaker) {
		s += ", " + escape(g.Organization)
	}
	return s
}

// quoteUnits renders each quotation as a block quote with its speaker and
// citations, and each refusal to comment likewise. Citations of sources
// in urls link to their originals.
func quoteUnits(groups []bot.SpeakerGroup, urls urlIndex) []unit {
	var us []unit
	for _, g := range groups {
		who := speakerMd(g)
		for _, q := range g.Quotes {
			cite := bot.Cite(q.Citations...)
			us = append(us, unit{
				md:    blockQuote("“"+q.Text+"”") + "\n— " + who + " " + urls.cite(q.Citations...),
				plain: escape(fmt.Sprintf("“%s” — %s %s", q.Text, capitalize(g.Label), cite)),
			})
		}
		for _, s := range g.Silences {
			cite := bot.Cite(s.Citation)
			us = append(us, unit{
				md:    "_" + escape(capitalize(g.Label)) + ", " + escape(s.Kind) + ":_\n" + blockQuote("“"+s.Text+"”") + " " + urls.cite(s.Citation),
				plain: escape(fmt.Sprintf("(%s, %s) “%s” %s", capitalize(g.Label), s.Kind, s.Text, cite)),
			})
		}
	}
	return us
}

// evidenceUnits renders supporting sentences as block quotes with their
// citations, under a heading.
func evidenceUnits(ev []bot.Evidence, urls urlIndex) []unit {
	var us []unit
	for i, e := range ev {
		cite := bot.Cite(e.Citation)
		u := unit{
			md:    blockQuote("“"+e.Text+"”") + " " + urls.cite(e.Citation),
			plain: escape("“"+e.Text+"” ") + cite,
		}
		if i == 0 {
			u.md = "*From the sources:*\n" + u.md
			u.plain = "From the sources:\n" + u.plain
		}
		us = append(us, u)
	}
	return us
}

// sourcesContext lists cited sources in a context block: "[001] Title —
// Outlet, Date", at most maxContextElements elements (sources share an
// element when there are more).
func sourcesContext(srcs []bot.SourceRef) slack.Block {
	if len(srcs) == 0 {
		return nil
	}
	texts := make([]string, len(srcs))
	for i, s := range srcs {
		texts[i] = sourceLine(s)
	}
	per := (len(texts) + maxContextElements - 1) / maxContextElements
	var elems []slack.MixedElement
	for i := 0; i < len(texts); i += per {
		j := min(i+per, len(texts))
		t := strings.Join(texts[i:j], "  ·  ")
		if utf8.RuneCountInString(t) > maxSectionText {
			t = t[:byteOffset(t, maxSectionText-1)] + "…"
		}
		elems = append(elems, slack.NewTextBlockObject(slack.MarkdownType, t, false, false))
	}
	return slack.NewContextBlock("sources", elems...)
}

// sourceLine describes a source in mrkdwn: "*[001]* Title — Outlet, Date",
// the title linking to the original when the source has a URL.
func sourceLine(s bot.SourceRef) string {
	line := "*[" + bot.ShortID(s.ID) + "]* " + link(s.URL, s.Title)
	var meta []string
	for _, m := range []string{s.Outlet, s.Date} {
		if m != "" {
			meta = append(meta, escape(m))
		}
	}
	if len(meta) > 0 {
		line += " — " + strings.Join(meta, ", ")
	}
	return line
}

// answerMessages renders an answer as Block Kit: a lead section (after
// head, when given, such as the restated question), the quotations as
// block quotes with their speakers, supporting sentences, then a context
// block of the cited sources and, when feedback is set, the 👍/👎 buttons.
// Long answers continue in further messages, up to maxBlocks blocks each.
func answerMessages(ans bot.Answer, head string, feedback bool) []message {
	leadMd := escape(ans.Lead)
	leadPlain := escape(ans.Lead)
	if head != "" {
		leadMd = head + "\n" + leadMd
		leadPlain = head + "\n" + leadPlain
	}
	if ans.Summary != "" {
		leadMd += "\n\n" + escape(ans.Summary)
		leadPlain += "\n\n" + escape(ans.Summary)
	}
	units := []unit{{md: leadMd, plain: leadPlain}}
	content := sections(units)
	urls := urlsOf(ans.Sources)
	content = append(content, sections(quoteUnits(ans.Groups, urls))...)
	content = append(content, sections(evidenceUnits(ans.Evidence, urls))...)
	if ans.Note != "" {
		content = append(content, sections([]unit{{md: "_Note: " + escape(ans.Note) + "_", plain: "Note: " + escape(ans.Note)}})...)
	}
	var trailer []slack.Block
	if c := sourcesContext(ans.Sources); c != nil {
		trailer = append(trailer, c)
	}
	if feedback && ans.ID != "" {
		trailer = append(trailer, feedbackBlock(ans.ID, ans.Question, ans.Mode))
	}
	return buildMessages(content, trailer)
}

// capitalize upper-cases the first letter of s.
func capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return strings.ToUpper(string(r)) + s[n:]
}
