package slackbot

import (
	"slices"
	"testing"

	"gopkg.in/yaml.v3"
)

func TestManifest(t *testing.T) {
	var m struct {
		Features struct {
			BotUser struct {
				DisplayName string `yaml:"display_name"`
			} `yaml:"bot_user"`
			SlashCommands []struct {
				Command string `yaml:"command"`
			} `yaml:"slash_commands"`
		} `yaml:"features"`
		OAuth struct {
			Scopes struct {
				Bot []string `yaml:"bot"`
			} `yaml:"scopes"`
		} `yaml:"oauth_config"`
		Settings struct {
			Events struct {
				BotEvents []string `yaml:"bot_events"`
			} `yaml:"event_subscriptions"`
			Interactivity struct {
				Enabled bool `yaml:"is_enabled"`
			} `yaml:"interactivity"`
			SocketMode bool `yaml:"socket_mode_enabled"`
		} `yaml:"settings"`
	}
	if err := yaml.Unmarshal(Manifest, &m); err != nil {
		t.Fatalf("manifest.yaml is not valid YAML: %v", err)
	}
	if m.Features.BotUser.DisplayName == "" {
		t.Error("no bot user")
	}
	if len(m.Features.SlashCommands) != 1 || m.Features.SlashCommands[0].Command != Command {
		t.Errorf("slash commands = %+v, want only %s", m.Features.SlashCommands, Command)
	}
	if got := slices.Sorted(slices.Values(m.Settings.Events.BotEvents)); !slices.Equal(got, slices.Sorted(slices.Values(SubscribedEvents))) {
		t.Errorf("bot_events = %v, want %v", got, SubscribedEvents)
	}
	if got := slices.Sorted(slices.Values(m.OAuth.Scopes.Bot)); !slices.Equal(got, slices.Sorted(slices.Values(BotScopes))) {
		t.Errorf("bot scopes = %v, want %v", got, BotScopes)
	}
	if !m.Settings.Interactivity.Enabled {
		t.Error("interactivity is off; the feedback buttons need it")
	}
	if !m.Settings.SocketMode {
		t.Error("socket mode is off")
	}
	// The events the manifest subscribes to are the ones the code answers.
	for _, ev := range []innerEvent{
		{Type: "app_mention", User: "U1", Channel: "C1", TS: "1.1"},
		{Type: "message", ChannelType: "im", User: "U1", Channel: "D1", TS: "1.1"},
	} {
		if why := (&Bot{selfUsers: map[string]bool{}}).ignoreReason(ev); why != "" {
			t.Errorf("%s event ignored: %s", ev.Type, why)
		}
	}
}
