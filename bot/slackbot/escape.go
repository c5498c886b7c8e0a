package slackbot

import (
	"regexp"
	"strings"
)

var mrkdwnEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

// escape makes text safe to put in a Slack message: it escapes &, < and >
// (and nothing else), so source text can never form a mention, a channel
// ping (<!channel>) or a link. strings.Replacer replaces in one pass, so
// "&" is escaped exactly once.
func escape(s string) string { return mrkdwnEscaper.Replace(s) }

var mrkdwnUnescaper = strings.NewReplacer("&lt;", "<", "&gt;", ">", "&amp;", "&")

// unescape turns the text Slack sends (with &, < and > escaped) back into
// what the user typed.
func unescape(s string) string { return mrkdwnUnescaper.Replace(s) }

// userMentionRe matches a user mention as Slack encodes it: <@U123> or
// <@U123|name>.
var userMentionRe = regexp.MustCompile(`<@([A-Z0-9]+)(?:\|[^>]*)?>`)

// linkRe matches other control sequences: <#C123|general>, <!here>,
// <https://example.com|label>.
var linkRe = regexp.MustCompile(`<([^<>|]*)(?:\|([^<>]*))?>`)

// questionText turns an inbound message into the question the user asked:
// it drops mentions of the bot, shows other mentions and links as their
// labels, and unescapes the rest.
func questionText(text string, isSelf func(userID string) bool) string {
	text = userMentionRe.ReplaceAllStringFunc(text, func(m string) string {
		id := userMentionRe.FindStringSubmatch(m)[1]
		if isSelf(id) {
			return " "
		}
		return "@" + id
	})
	text = linkRe.ReplaceAllStringFunc(text, func(m string) string {
		sub := linkRe.FindStringSubmatch(m)
		if sub[2] != "" {
			return sub[2]
		}
		return strings.TrimLeft(sub[1], "#!")
	})
	return strings.Join(strings.Fields(unescape(text)), " ")
}
