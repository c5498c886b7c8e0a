package main

import (
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/privacybot/privacybot/bot/slackbot"
)

// Config is what serve reads from the environment, once, at start.
type Config struct {
	// BotToken is SLACK_BOT_TOKEN, the Bot User OAuth Token (xoxb-…).
	BotToken slackbot.Secret
	// AppToken is SLACK_APP_TOKEN, the app-level token (xapp-…) for
	// Socket Mode.
	AppToken slackbot.Secret
	// SigningSecret is SLACK_SIGNING_SECRET, for HTTP mode.
	SigningSecret slackbot.Secret
	// APIURL is SLACK_API_URL, the Web API base URL ("" for Slack's).
	APIURL string
	// RateLimit is PRIVACYBOT_RATE_LIMIT, questions per user per minute.
	RateLimit int
	// Admins is PRIVACYBOT_ADMINS, who may remove articles from Slack and
	// who alone may add them when set.
	Admins slackbot.Admins
	// HTTPAddr is where HTTP mode listens (serve --http ADDR); "" means
	// Socket Mode.
	HTTPAddr string
	// DatabaseURL is PRIVACYBOT_DATABASE_URL, the shared database of
	// several replicas (see database.go); "" for none.
	DatabaseURL string
	// ClaimLease is PRIVACYBOT_CLAIM_LEASE: with a database, how long a
	// replica's claim on an event outlives its last renewal (see
	// slackbot.Config.ClaimLease); zero for the default.
	ClaimLease time.Duration
}

var signingSecretRe = regexp.MustCompile(`^[A-Za-z0-9]{16,128}$`)

// loadConfig reads serve's configuration with getenv. httpAddr selects
// HTTP mode. A missing or malformed variable is an error of one line that
// names it and says what it should look like, without its value.
func loadConfig(getenv func(string) string, httpAddr string) (Config, error) {
	get := func(k string) string { return strings.TrimSpace(getenv(k)) }
	cfg := Config{HTTPAddr: httpAddr, RateLimit: slackbot.DefaultRateLimit, Admins: slackbot.ParseAdmins(getenv("PRIVACYBOT_ADMINS"))}

	bot, err := slackToken(get, "SLACK_BOT_TOKEN", "xoxb-", "the Bot User OAuth Token",
		"set it to your Slack app's Bot User OAuth Token (xoxb-…), from OAuth & Permissions")
	if err != nil {
		return cfg, err
	}
	cfg.BotToken = bot

	if httpAddr == "" {
		app, err := slackToken(get, "SLACK_APP_TOKEN", "xapp-", "an app-level token",
			"Socket Mode needs an app-level token (xapp-…) with connections:write, from Basic Information > App-Level Tokens (or run serve --http ADDR for the HTTP Events API)")
		if err != nil {
			return cfg, err
		}
		cfg.AppToken = app
	} else {
		secret := get("SLACK_SIGNING_SECRET")
		switch {
		case secret == "":
			return cfg, errors.New("SLACK_SIGNING_SECRET is not set: HTTP mode needs your Slack app's Signing Secret, from Basic Information > App Credentials")
		case !signingSecretRe.MatchString(secret):
			return cfg, errors.New("SLACK_SIGNING_SECRET is malformed: it should be the app's Signing Secret, a string of letters and digits (32 of them) from Basic Information > App Credentials")
		}
		cfg.SigningSecret = slackbot.Secret(secret)
	}

	if v := get("SLACK_API_URL"); v != "" {
		u, err := url.Parse(v)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || !strings.HasSuffix(v, "/") {
			return cfg, errors.New("SLACK_API_URL is malformed: it should be an http(s) URL ending in /, like https://slack.com/api/")
		}
		cfg.APIURL = v
	}
	if v := get("PRIVACYBOT_RATE_LIMIT"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 10000 {
			return cfg, errors.New("PRIVACYBOT_RATE_LIMIT is malformed: it should be a whole number of questions each user may ask a minute, like 10")
		}
		cfg.RateLimit = n
	}
	if cfg.DatabaseURL, err = databaseURL(getenv); err != nil {
		return cfg, err
	}
	if v := get("PRIVACYBOT_CLAIM_LEASE"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d < time.Second || d > time.Hour {
			return cfg, errors.New("PRIVACYBOT_CLAIM_LEASE is malformed: it should be a Go duration from 1s to 1h, like 30s")
		}
		cfg.ClaimLease = d
	}
	return cfg, nil
}

// slackToken reads the Slack token in the variable name, which must start
// with prefix. A missing token is an error that goes on with unset, saying
// what to set; a malformed one, an error naming it as kind (like "an
// app-level token"). Neither quotes the value.
func slackToken(get func(string) string, name, prefix, kind, unset string) (slackbot.Secret, error) {
	v := get(name)
	switch {
	case v == "":
		return "", fmt.Errorf("%s is not set: %s", name, unset)
	case !strings.HasPrefix(v, prefix):
		return "", fmt.Errorf("%s is malformed: it should be %s, which starts with %s%s", name, kind, prefix, swapped(v))
	}
	return slackbot.Secret(v), nil
}

// swapped hints at a common mix-up: one token where the other belongs.
func swapped(v string) string {
	switch {
	case strings.HasPrefix(v, "xapp-"):
		return "; the value set starts with xapp-, so it looks like the app-level token (SLACK_APP_TOKEN)"
	case strings.HasPrefix(v, "xoxb-"):
		return "; the value set starts with xoxb-, so it looks like the bot token (SLACK_BOT_TOKEN)"
	case strings.HasPrefix(v, "xoxp-"):
		return "; the value set starts with xoxp-, a user token, which privacybot does not use"
	}
	return ""
}
