package slackbot

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/privacybot/privacybot/bot"
	"github.com/privacybot/privacybot/internal/testkit/testengine"

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
			AssistantView struct {
				Description string `yaml:"assistant_description"`
				Prompts     []struct {
					Title   string `yaml:"title"`
					Message string `yaml:"message"`
				} `yaml:"suggested_prompts"`
			} `yaml:"assistant_view"`
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
	// The assistant view: a description, and up to four prompts that the
	// engine answers with quotations.
	av := m.Features.AssistantView
	if av.Description == "" {
		t.Error("no assistant_view with an assistant_description")
	}
	if n := len(av.Prompts); n < 1 || n > maxSuggestedPrompts {
		t.Errorf("%d suggested prompts, want 1 to %d", n, maxSuggestedPrompts)
	}
	for _, p := range av.Prompts {
		if p.Title == "" || p.Message == "" {
			t.Errorf("suggested prompt %+v lacks a title or a message", p)
			continue
		}
		q, err := bot.ParseQuestion(p.Message)
		if err != nil {
			t.Errorf("suggested prompt %q: %v", p.Message, err)
			continue
		}
		ans, err := testengine.Seeds(t).Answer(context.Background(), q)
		if err != nil || len(ans.Quotes())+len(ans.Groups) == 0 {
			t.Errorf("suggested prompt %q is not answered from the sources: %v %q", p.Message, err, ans.Lead)
		}
	}
	if !slices.Contains(m.OAuth.Scopes.Bot, "assistant:write") {
		t.Error("no assistant:write scope; the assistant view needs it")
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
	for _, ev := range m.Settings.Events.BotEvents {
		if strings.HasPrefix(ev, "assistant_") && !isAssistantEvent(ev) {
			t.Errorf("%s is subscribed to but not handled", ev)
		}
	}
	// The header comment points at a file of this repository that exists.
	for _, ref := range regexp.MustCompile(`[\w./-]+\.md\b`).FindAllString(headerComment(Manifest), -1) {
		if _, err := os.Stat(filepath.Join("..", "..", ref)); err != nil {
			t.Errorf("the manifest's header comment points at %s, which does not exist", ref)
		}
	}
}

// headerComment returns the comment lines at the top of a YAML file.
func headerComment(b []byte) string {
	var out []string
	for _, l := range strings.Split(string(b), "\n") {
		if !strings.HasPrefix(l, "#") {
			break
		}
		out = append(out, l)
	}
	return strings.Join(out, "\n")
}
