package slackbot

import "strings"

// Admins is the PRIVACYBOT_ADMINS policy: who may add and remove articles
// from Slack. The zero value has no admins.
type Admins struct{ set map[string]bool }

// ParseAdmins parses a comma- or space-separated list of Slack user ids
// (U012ABCDEF) or names; a leading @ is ignored and matching ignores case.
func ParseAdmins(s string) Admins {
	a := Admins{set: map[string]bool{}}
	for _, u := range strings.Split(strings.ReplaceAll(s, " ", ","), ",") {
		if u = strings.TrimSpace(u); u != "" {
			a.set[strings.ToLower(strings.TrimPrefix(u, "@"))] = true
		}
	}
	return a
}

// Set reports whether any admin is configured.
func (a Admins) Set() bool { return len(a.set) > 0 }

// IsAdmin reports whether user is listed.
func (a Admins) IsAdmin(user string) bool {
	return a.set[strings.ToLower(strings.TrimPrefix(strings.TrimSpace(user), "@"))]
}

// CanAdd reports whether user may add articles from Slack: everyone when
// no admins are configured, else only admins.
func (a Admins) CanAdd(user string) bool { return !a.Set() || a.IsAdmin(user) }

// CanRemove reports whether user may remove articles from Slack: only
// admins, so nobody when none are configured.
func (a Admins) CanRemove(user string) bool { return a.IsAdmin(user) }
