package slackbot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"

	"github.com/slack-go/slack"

	"github.com/privacybot/privacybot/bot"
)

// maxResponses is how many messages one slash command sends through its
// response_url (Slack allows five uses in 30 minutes).
const maxResponses = 4

// commandReply is the reply a slash command gets in its acknowledgement.
// A nil *commandReply acknowledges with an empty body.
type commandReply struct {
	ResponseType string        `json:"response_type,omitempty"`
	Text         string        `json:"text"`
	Blocks       []slack.Block `json:"blocks,omitempty"`
}

func ephemeralReply(m message) *commandReply {
	return &commandReply{ResponseType: responseEphemeral, Text: m.Text, Blocks: m.Blocks}
}

// helpText describes the /privacy command to user: add and remove are
// listed when the bot can change its sources and user may use them.
func (b *Bot) helpText(user string) string {
	s := "*privacybot* answers questions about privacy news from its sources, quoting them word for word with who said each quote and where.\n\n" +
		"• `" + Command + " ask QUESTION`: answer in this channel, e.g. `" + Command + " ask What did JPMorgan say?`\n" +
		"• `" + Command + " sources`: list the sources\n" +
		"• `" + Command + " source ID`: one source, with the quotes in it, e.g. `" + Command + " source 001`\n" +
		"• `" + Command + " quotes NAME`: everything a person or organization said, e.g. `" + Command + " quotes Citigroup`\n"
	if b.cfg.Ingest != nil && b.cfg.Admins.CanAdd(user) {
		s += "• `" + Command + " add URL`: add a news article from the web, e.g. `" + Command + " add https://example.com/news/story`\n"
	}
	if b.cfg.Ingest != nil && b.cfg.Admins.CanRemove(user) {
		s += "• `" + Command + " remove ID`: remove an added source (admins only)\n"
	}
	return s + "• `" + Command + " help`: this message\n\n" +
		"You can also mention me in a channel (I answer in the thread, and follow-ups in the thread work), send me a direct message, or open me in Slack's assistant panel."
}

// handleCommand handles a /privacy command. It returns at once with the
// acknowledgement's reply; slow work continues in the background and
// answers through the command's response_url. Errors are shown to the
// user as ephemeral messages, never as a failed request.
func (b *Bot) handleCommand(cmd slack.SlashCommand) *commandReply {
	text := strings.TrimSpace(unescape(cmd.Text))
	sub, arg, _ := strings.Cut(text, " ")
	sub = strings.ToLower(sub)
	arg = strings.TrimSpace(arg)
	log := b.log.With("command", cmd.Command, "subcommand", sub, "channel", cmd.ChannelID, "user", cmd.UserID)
	log.Info("slash command")
	if cmd.ResponseURL == "" && sub != "" && sub != "help" {
		return ephemeralReply(textMessage("Sorry, Slack sent this command without a way to reply. Please try again."))
	}
	later := func(f func(ctx context.Context)) *commandReply {
		if !b.spawn(f) {
			return ephemeralReply(textMessage("privacybot is restarting. Please try again in a minute."))
		}
		return nil
	}
	switch sub {
	case "", "help":
		return ephemeralReply(textMessage(b.helpText(cmd.UserID)))
	case "ask":
		if arg == "" {
			return ephemeralReply(textMessage("Ask a question after `" + Command + " ask`, e.g. `" + Command + " ask What did JPMorgan say?`"))
		}
		asked, err := bot.ParseQuestion(arg)
		if err != nil {
			return ephemeralReply(textMessage(escape(userMessage(err))))
		}
		if ok, wait := b.allow(b.work, log, cmd.UserID); !ok {
			log.Info("user rate limited", "retry_in", wait)
			return ephemeralReply(textMessage(rateLimitText(b.rateLimit, wait)))
		}
		if r := later(func(ctx context.Context) { b.commandAsk(ctx, log, cmd, asked) }); r != nil {
			return r
		}
		return ephemeralReply(textMessage(placeholderText))
	case "sources":
		return later(func(ctx context.Context) { b.commandSources(ctx, log, cmd) })
	case "source":
		if arg == "" {
			return ephemeralReply(textMessage("Give a source id after `" + Command + " source`, e.g. `" + Command + " source 001`. `" + Command + " sources` lists them."))
		}
		return later(func(ctx context.Context) { b.commandSource(ctx, log, cmd, arg) })
	case "quotes":
		if arg == "" {
			return ephemeralReply(textMessage("Give a name after `" + Command + " quotes`, e.g. `" + Command + " quotes Citigroup`."))
		}
		return later(func(ctx context.Context) { b.commandQuotes(ctx, log, cmd, arg) })
	case "add":
		return b.handleAdd(log, cmd, arg, later)
	case "remove":
		return b.handleRemove(log, cmd, arg, later)
	default:
		return ephemeralReply(textMessage("I don't know `" + escape(Command+" "+sub) + "`.\n\n" + b.helpText(cmd.UserID)))
	}
}

// respondAll sends msgs through a command's response_url, at most
// maxResponses of them; a longer reply ends with a note of what was left
// out.
func (b *Bot) respondAll(ctx context.Context, log *slog.Logger, responseURL, responseType string, msgs []message) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), deliverTimeout)
	defer cancel()
	if len(msgs) > maxResponses {
		msgs = append(msgs[:maxResponses-1:maxResponses-1], textMessage(fmt.Sprintf("_…and more that does not fit here (%d more messages). Ask a narrower question to see it._", len(msgs)-maxResponses+1)))
	}
	for _, m := range msgs {
		if err := b.respond(ctx, log, responseURL, responseType, false, m); err != nil {
			return
		}
	}
}

// commandAsk answers /privacy ask in the channel, restating the question.
func (b *Bot) commandAsk(ctx context.Context, log *slog.Logger, cmd slack.SlashCommand, q bot.Question) {
	ans, err := b.eng.Answer(ctx, q)
	switch {
	case errors.Is(err, bot.ErrBadQuestion):
		b.respondAll(ctx, log, cmd.ResponseURL, responseEphemeral, []message{textMessage(escape(userMessage(err)))})
		return
	case err != nil:
		log.Error("could not answer", "err", err)
		b.respondAll(ctx, log, cmd.ResponseURL, responseEphemeral, []message{textMessage(sorryText)})
		return
	}
	head := "*" + escape(q.Text()) + "*"
	if m := mention(cmd.UserID); m != "" {
		head = m + " asked: " + head
	}
	log.Info("answered", "answer_id", ans.ID, "kind", string(ans.Kind), "quotes", len(ans.Quotes()), "sources", len(ans.Sources))
	b.respondAll(ctx, log, cmd.ResponseURL, responseInChannel, answerMessages(ans, head, true))
}

// commandSources lists the sources with their titles.
func (b *Bot) commandSources(ctx context.Context, log *slog.Logger, cmd slack.SlashCommand) {
	srcs := b.eng.Sources()
	if len(srcs) == 0 {
		b.respondAll(ctx, log, cmd.ResponseURL, responseEphemeral, []message{textMessage("I have no sources loaded.")})
		return
	}
	units := []unit{{md: fmt.Sprintf("*%d sources*", len(srcs)), plain: fmt.Sprintf("%d sources", len(srcs))}}
	for _, s := range srcs {
		line := sourceLine(s.SourceRef) + fmt.Sprintf(" · %d %s", s.Quotes, plural(s.Quotes, "quote", "quotes"))
		units = append(units, unit{md: line, plain: line})
	}
	units = append(units, unit{md: "_See one with `" + Command + " source ID`._", plain: ""})
	b.respondAll(ctx, log, cmd.ResponseURL, responseEphemeral, buildMessages(sectionsLines(units), nil))
}

// commandSource shows one source: title, outlet, date, and its quotes.
func (b *Bot) commandSource(ctx context.Context, log *slog.Logger, cmd slack.SlashCommand, ref string) {
	d, err := b.eng.Source(ref)
	if err != nil {
		var msg string
		switch {
		case errors.Is(err, bot.ErrAmbiguousSource):
			msg = "`" + escape(ref) + "` matches more than one source; give more of its id. `" + Command + " sources` lists them."
		case errors.Is(err, bot.ErrUnknownSource):
			msg = "I have no source `" + escape(ref) + "`. `" + Command + " sources` lists them."
		default:
			log.Error("could not read source", "ref", ref, "err", err)
			msg = sorryText
		}
		b.respondAll(ctx, log, cmd.ResponseURL, responseEphemeral, []message{textMessage(msg)})
		return
	}
	head := "*[" + bot.ShortID(d.ID) + "] " + link(d.URL, d.Title) + "*"
	var meta []string
	for _, m := range []string{d.Outlet, d.Date} {
		if m != "" {
			meta = append(meta, escape(m))
		}
	}
	if d.Author != "" {
		meta = append(meta, "by "+escape(d.Author))
	}
	meta = append(meta, fmt.Sprintf("%d %s", d.Quotes, plural(d.Quotes, "quote", "quotes")))
	head += "\n" + strings.Join(meta, " · ")
	units := []unit{{md: head, plain: head}}
	qs := quoteUnits(d.Groups, urlsOf([]bot.SourceRef{d.SourceRef}))
	if len(qs) == 0 {
		units = append(units, unit{md: "_No quotations recorded in this source._", plain: "No quotations recorded in this source."})
	}
	content := append(sections(units[:1]), sections(append(units[1:], qs...))...)
	b.respondAll(ctx, log, cmd.ResponseURL, responseEphemeral, buildMessages(content, nil))
}

// commandQuotes shows everything a person or organization said.
func (b *Bot) commandQuotes(ctx context.Context, log *slog.Logger, cmd slack.SlashCommand, name string) {
	groups := b.eng.QuotesBy(name)
	n := 0
	cited := map[string]bool{}
	for _, g := range groups {
		n += len(g.Quotes) + len(g.Silences)
		for _, q := range g.Quotes {
			for _, c := range q.Citations {
				cited[c.Source] = true
			}
		}
		for _, s := range g.Silences {
			cited[s.Citation.Source] = true
		}
	}
	if n == 0 {
		b.respondAll(ctx, log, cmd.ResponseURL, responseEphemeral, []message{textMessage("I found no quotes from *" + escape(name) + "* in the sources. `" + Command + " sources` lists what I have.")})
		return
	}
	var refs []bot.SourceRef
	for _, s := range b.eng.Sources() {
		if cited[s.ID] {
			refs = append(refs, s.SourceRef)
		}
	}
	head := fmt.Sprintf("*What %s said* (%d %s)", escape(name), n, plural(n, "quote", "quotes"))
	content := append(sections([]unit{{md: head, plain: head}}), sections(quoteUnits(groups, urlsOf(refs)))...)
	var trailer []slack.Block
	if c := sourcesContext(refs); c != nil {
		trailer = append(trailer, c)
	}
	b.respondAll(ctx, log, cmd.ResponseURL, responseEphemeral, buildMessages(content, trailer))
}

// sectionsLines packs one-line units into sections, a line apart.
func sectionsLines(units []unit) []piece {
	var joined []unit
	var md, plain []string
	n := 0
	for _, u := range units {
		if n+len(u.md)+1 > maxSectionText && len(md) > 0 {
			joined = append(joined, unit{strings.Join(md, "\n"), strings.Join(plain, "\n")})
			md, plain, n = nil, nil, 0
		}
		md = append(md, u.md)
		if u.plain != "" {
			plain = append(plain, u.plain)
		}
		n += len(u.md) + 1
	}
	if len(md) > 0 {
		joined = append(joined, unit{strings.Join(md, "\n"), strings.Join(plain, "\n")})
	}
	return sections(joined)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
