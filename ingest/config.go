package ingest

import (
	"fmt"
	"strings"
	"time"
)

// MinFeedInterval is the shortest PRIVACYBOT_FEED_INTERVAL accepted.
const MinFeedInterval = time.Minute

// Config is the ingest configuration read from the environment.
type Config struct {
	// Feeds are the feed URLs to poll (PRIVACYBOT_FEEDS, comma-separated).
	Feeds []string
	// FeedInterval is the time between polls (PRIVACYBOT_FEED_INTERVAL, a
	// Go duration such as 30m or 2h; default 30m, at least 1m).
	FeedInterval time.Duration
	// AllowPrivate lets the fetcher reach loopback, private and link-local
	// addresses (PRIVACYBOT_ALLOW_PRIVATE_URLS=1).
	AllowPrivate bool
}

// ConfigFromEnv reads the PRIVACYBOT_FEEDS, PRIVACYBOT_FEED_INTERVAL and
// PRIVACYBOT_ALLOW_PRIVATE_URLS variables through getenv and checks them.
func ConfigFromEnv(getenv func(string) string) (Config, error) {
	c := Config{FeedInterval: DefaultFeedInterval}
	for _, f := range splitList(getenv("PRIVACYBOT_FEEDS")) {
		u, err := ParseURL(f)
		if err != nil {
			return Config{}, fmt.Errorf("PRIVACYBOT_FEEDS: %q: %w", f, err)
		}
		c.Feeds = append(c.Feeds, u.String())
	}
	if v := strings.TrimSpace(getenv("PRIVACYBOT_FEED_INTERVAL")); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil {
			return Config{}, fmt.Errorf("PRIVACYBOT_FEED_INTERVAL: %q is not a duration such as 30m or 2h", v)
		}
		if d < MinFeedInterval {
			return Config{}, fmt.Errorf("PRIVACYBOT_FEED_INTERVAL: %s is shorter than the minimum %s", d, MinFeedInterval)
		}
		c.FeedInterval = d
	}
	switch v := strings.TrimSpace(getenv("PRIVACYBOT_ALLOW_PRIVATE_URLS")); strings.ToLower(v) {
	case "", "0", "false", "no":
	case "1", "true", "yes":
		c.AllowPrivate = true
	default:
		return Config{}, fmt.Errorf("PRIVACYBOT_ALLOW_PRIVATE_URLS: %q; use 1 or 0", v)
	}
	return c, nil
}

func splitList(s string) []string {
	var out []string
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}
