package slackbot

import _ "embed"

// Manifest is the Slack app manifest (manifest.yaml) that creates the app
// with the scopes, events, command and settings this package needs.
//
//go:embed manifest.yaml
var Manifest []byte

// Command is the slash command the bot answers.
const Command = "/privacy"

// The Events API event subscriptions the bot handles, as named in the
// manifest's bot_events.
const (
	// EventAppMention delivers messages that @mention the bot.
	EventAppMention = "app_mention"
	// EventMessageIM delivers direct messages to the bot.
	EventMessageIM = "message.im"
)

// SubscribedEvents lists every event subscription the bot handles.
var SubscribedEvents = []string{EventAppMention, EventMessageIM, EventAssistantThreadStarted, EventAssistantThreadContextChanged}

// BotScopes lists the OAuth scopes the bot token needs: reading mentions
// and direct messages, reading threads for follow-ups, posting, the
// slash command, and the assistant view (suggested prompts, status and
// thread titles).
var BotScopes = []string{
	"app_mentions:read",
	"channels:history",
	"groups:history",
	"mpim:history",
	"im:history",
	"chat:write",
	"commands",
	"assistant:write",
}
