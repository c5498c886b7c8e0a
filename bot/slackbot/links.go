package slackbot

import (
	"net/url"
	"strings"

	"github.com/privacybot/privacybot/bot"
)

// urlEscaper makes a URL safe inside a mrkdwn link: the characters that
// would end the link (>, and | which separates the label) or open another
// control sequence (<) are percent-encoded, as is white space, and & is
// escaped as Slack's formatting rules ask.
var urlEscaper = strings.NewReplacer("&", "&amp;", "<", "%3C", ">", "%3E", "|", "%7C", " ", "%20", "\n", "%0A", "\t", "%09")

// labelEscaper escapes a link's label: &, < and > as everywhere in mrkdwn,
// and | as a look-alike (∣), since Slack reads a | as the end of the URL
// part and some clients cut the label at a second one.
var labelEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", "|", "∣")

// linkURL returns raw as it may go inside <…|…>, or "" when it is not an
// absolute http(s) URL (a javascript: or relative link is never made
// clickable).
func linkURL(raw string) string {
	raw = strings.TrimSpace(raw)
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	return urlEscaper.Replace(raw)
}

// link formats label as a mrkdwn link to raw (<url|label>), with label
// escaped; without a usable URL it is the escaped label alone.
func link(raw, label string) string {
	u := linkURL(raw)
	if u == "" {
		return escape(label)
	}
	return "<" + u + "|" + labelEscaper.Replace(label) + ">"
}

// urlIndex maps source ids to their URLs, for linking citations.
type urlIndex map[string]string

// urlsOf indexes the URLs of refs; sources without one are left out.
func urlsOf(refs []bot.SourceRef) urlIndex {
	m := urlIndex{}
	for _, r := range refs {
		if r.URL != "" {
			m[r.ID] = r.URL
		}
	}
	return m
}

// cite formats citations as "[000] [003]" in mrkdwn, each linking to its
// source's original when the source has a URL.
func (ix urlIndex) cite(cs ...bot.Citation) string {
	return bot.CiteFunc(func(c bot.Citation, label string) string { return link(ix[c.Source], label) }, cs...)
}
