package ingest

import (
	"strings"
	"testing"
	"time"
)

func TestConfigFromEnv(t *testing.T) {
	tests := []struct {
		name string
		env  map[string]string
		want Config
		err  string
	}{
		{name: "defaults", want: Config{FeedInterval: 30 * time.Minute}},
		{name: "all set", env: map[string]string{
			"PRIVACYBOT_FEEDS":              " https://a.example/rss , https://b.example/atom.xml,",
			"PRIVACYBOT_FEED_INTERVAL":      "2h",
			"PRIVACYBOT_ALLOW_PRIVATE_URLS": "1",
		}, want: Config{Feeds: []string{"https://a.example/rss", "https://b.example/atom.xml"}, FeedInterval: 2 * time.Hour, AllowPrivate: true}},
		{name: "bad feed", env: map[string]string{"PRIVACYBOT_FEEDS": "a.example/rss"}, err: "PRIVACYBOT_FEEDS"},
		{name: "bad interval", env: map[string]string{"PRIVACYBOT_FEED_INTERVAL": "30"}, err: "not a duration"},
		{name: "interval too short", env: map[string]string{"PRIVACYBOT_FEED_INTERVAL": "10s"}, err: "minimum"},
		{name: "bad allow", env: map[string]string{"PRIVACYBOT_ALLOW_PRIVATE_URLS": "maybe"}, err: "use 1 or 0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ConfigFromEnv(func(k string) string { return tt.env[k] })
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("got %v; want error %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if strings.Join(got.Feeds, " ") != strings.Join(tt.want.Feeds, " ") || got.FeedInterval != tt.want.FeedInterval || got.AllowPrivate != tt.want.AllowPrivate {
				t.Errorf("got %+v; want %+v", got, tt.want)
			}
		})
	}
}
