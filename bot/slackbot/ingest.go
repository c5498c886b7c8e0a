package slackbot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/slack-go/slack"

	"github.com/privacybot/privacybot/bot"
	"github.com/privacybot/privacybot/ingest"
)

// Ingester adds articles to the library and removes them while the bot
// runs. *ingest.Service satisfies it.
type Ingester interface {
	// Add adds the article at ref (a URL), recording by as who added it.
	Add(ctx context.Context, ref, by string) (ingest.Result, error)
	// Remove removes the added article ref (an id or an unambiguous id
	// prefix), recording by as who removed it.
	Remove(ctx context.Context, ref, by string) (ingest.Result, error)
}

var _ Ingester = (*ingest.Service)(nil)

// DefaultAddTimeout bounds one /privacy add or remove when
// [Config.AddTimeout] is not set.
const DefaultAddTimeout = 60 * time.Second

// Texts for /privacy add and remove.
const (
	ingestOffText   = "Adding and removing sources is not set up on this bot."
	addRefusedText  = "Sorry, only the admins set in `PRIVACYBOT_ADMINS` can add sources here. Ask one of them to add it for you."
	removeOffText   = "Sorry, removing sources from Slack is turned off: no admins are set in `PRIVACYBOT_ADMINS`."
	removeRefusedTx = "Sorry, only the admins set in `PRIVACYBOT_ADMINS` can remove sources."
)

// changedBy is how a Slack user is recorded as having added or removed an
// article (the Added-By header and the log's by=).
func changedBy(cmd slack.SlashCommand) string {
	by := "slack:" + cmd.UserID
	if cmd.UserName != "" {
		by += " (" + cmd.UserName + ")"
	}
	return by
}

// linkArg turns the argument of /privacy add into a URL: Slack may send a
// link wrapped as <https://example.com/story> or
// <https://example.com/story|example.com/story>.
func linkArg(arg string) string {
	arg = strings.TrimSpace(arg)
	if strings.HasPrefix(arg, "<") && strings.HasSuffix(arg, ">") {
		arg = strings.TrimSuffix(strings.TrimPrefix(arg, "<"), ">")
		arg, _, _ = strings.Cut(arg, "|")
	}
	return strings.TrimSpace(arg)
}

// handleAdd checks /privacy add URL and returns its acknowledgement; the
// page is fetched and indexed in the background.
func (b *Bot) handleAdd(log *slog.Logger, cmd slack.SlashCommand, arg string, later func(func(context.Context)) *commandReply) *commandReply {
	if b.cfg.Ingest == nil {
		return ephemeralReply(textMessage(ingestOffText))
	}
	if !b.cfg.Admins.CanAdd(cmd.UserID) {
		log.Info("add refused: not an admin")
		return ephemeralReply(textMessage(addRefusedText))
	}
	ref := linkArg(arg)
	if ref == "" || strings.ContainsAny(ref, " \t\n") {
		return ephemeralReply(textMessage("Give the link of one news article after `" + Command + " add`, e.g. `" + Command + " add https://example.com/news/story`."))
	}
	if _, err := ingest.ParseURL(ref); err != nil || !ingest.IsURL(ref) {
		return ephemeralReply(textMessage("That is not an http or https link. Give the article's full address, starting with https://."))
	}
	return b.changeLibrary(log, cmd, later, "Adding "+escape(ref)+"… :inbox_tray:",
		func(ctx context.Context) string { return b.commandAdd(ctx, log, cmd, ref) })
}

// changeLibrary acknowledges /privacy add or remove with ack and runs
// change in the background, within the time a change to the library is
// allowed, then tells the user alone what change returns.
func (b *Bot) changeLibrary(log *slog.Logger, cmd slack.SlashCommand, later func(func(context.Context)) *commandReply, ack string, change func(context.Context) string) *commandReply {
	if r := later(func(ctx context.Context) {
		ctx, cancel := context.WithTimeout(ctx, b.addTimeout)
		defer cancel()
		b.respondAll(ctx, log, cmd.ResponseURL, responseEphemeral, []message{textMessage(change(ctx))})
	}); r != nil {
		return r
	}
	return ephemeralReply(textMessage(ack))
}

// commandAdd fetches, stores and indexes the page for /privacy add, and
// returns the message that tells the user how it went.
func (b *Bot) commandAdd(ctx context.Context, log *slog.Logger, cmd slack.SlashCommand, ref string) string {
	res, err := b.cfg.Ingest.Add(ctx, ref, changedBy(cmd))
	var msg string
	switch {
	case err != nil:
		log.Warn("could not add the article", "url", ref, "err", err)
		msg = "I could not add that page. " + escape(ingest.UserMessage(err))
	case res.Duplicate:
		log.Info("article not added: duplicate", "id", res.ID, "reason", res.DuplicateReason)
		msg = "Already in the library as `[" + escape(res.ID) + "]`"
		if res.Title != "" {
			msg += " *" + escape(res.Title) + "*"
		}
		if res.DuplicateReason != "" {
			msg += " (" + escape(res.DuplicateReason) + ")"
		}
		msg += "."
	default:
		log.Info("article added", "id", res.ID, "title", res.Title, "quotes", res.Quotes)
		msg = fmt.Sprintf("Added `[%s]` *%s*, %d %s. You can ask about it now.",
			escape(res.ID), escape(res.Title), res.Quotes, plural(res.Quotes, "quote", "quotes"))
	}
	return msg
}

// handleRemove checks /privacy remove ID and returns its acknowledgement;
// the source is removed in the background.
func (b *Bot) handleRemove(log *slog.Logger, cmd slack.SlashCommand, arg string, later func(func(context.Context)) *commandReply) *commandReply {
	switch {
	case b.cfg.Ingest == nil:
		return ephemeralReply(textMessage(ingestOffText))
	case !b.cfg.Admins.Set():
		log.Info("remove refused: no admins configured")
		return ephemeralReply(textMessage(removeOffText))
	case !b.cfg.Admins.CanRemove(cmd.UserID):
		log.Info("remove refused: not an admin")
		return ephemeralReply(textMessage(removeRefusedTx))
	}
	id := strings.Trim(strings.TrimSpace(arg), "[]`")
	if id == "" || strings.ContainsAny(id, " \t\n") {
		return ephemeralReply(textMessage("Give the id of one added source after `" + Command + " remove`. `" + Command + " sources` lists them."))
	}
	return b.changeLibrary(log, cmd, later, "Removing `"+escape(id)+"`…",
		func(ctx context.Context) string { return b.commandRemove(ctx, log, cmd, id) })
}

// commandRemove removes an added source for /privacy remove, and returns
// the message that tells the user how it went.
func (b *Bot) commandRemove(ctx context.Context, log *slog.Logger, cmd slack.SlashCommand, id string) string {
	res, err := b.cfg.Ingest.Remove(ctx, id, changedBy(cmd))
	var msg string
	switch {
	case errors.Is(err, bot.ErrUnknownSource), errors.Is(err, bot.ErrAmbiguousSource):
		log.Info("could not remove the source", "ref", id, "err", err)
		msg = escape(ingest.UserMessage(err)) + " `" + Command + " sources` lists them."
	case err != nil:
		log.Warn("could not remove the source", "ref", id, "err", err)
		msg = escape(ingest.UserMessage(err))
	default:
		log.Info("article removed", "id", res.ID, "title", res.Title)
		msg = "Removed `[" + escape(res.ID) + "]` *" + escape(res.Title) + "*."
	}
	return msg
}
