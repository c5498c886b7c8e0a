package main

import (
	"strings"
	"testing"
)

// TestSourcesShowURLs adds an article from the web and checks that ask,
// sources and source show its URL beside its title, while the seeds,
// which have none, stay as they were.
func TestSourcesShowURLs(t *testing.T) {
	srv := newsServer(t)
	env := map[string]string{"PRIVACYBOT_DATA": t.TempDir(), "PRIVACYBOT_ALLOW_PRIVATE_URLS": "1"}
	url := srv.URL + "/news/ico-fine"
	const title = "ICO fines facial recognition firm over scraped images"
	code, out, errs := runApp(t, "", env, "add", url)
	if code != 0 {
		t.Fatalf("add: exit %d\n%s%s", code, out, errs)
	}
	id := strings.Fields(out)[1]

	_, out, _ = runApp(t, "", env, "ask", "What did Silkie Carlo say about the fine?")
	if !strings.Contains(out, "] "+title+" (The Daily Ledger, 2024-03-05) <"+url+">") {
		t.Errorf("ask's sources list lacks the URL beside the title:\n%s", out)
	}
	_, out, _ = runApp(t, "", env, "source", id)
	if first, _, _ := strings.Cut(out, "\n"); !strings.Contains(first, title+" <"+url+">") {
		t.Errorf("source's first line = %q, want the title and <%s>", first, url)
	}
	_, out, _ = runApp(t, "", env, "sources")
	for _, line := range strings.Split(out, "\n") {
		switch {
		case strings.HasPrefix(line, "ID "):
			if !strings.HasSuffix(strings.TrimSpace(line), "URL") {
				t.Errorf("sources header has no URL column: %q", line)
			}
		case strings.Contains(line, "ICO fines"):
			if !strings.HasSuffix(strings.TrimSpace(line), url) {
				t.Errorf("sources row of the added article lacks its URL: %q", line)
			}
		case strings.HasPrefix(line, "001 "):
			if !strings.HasSuffix(strings.TrimSpace(line), "-") {
				t.Errorf("a seed shows a URL: %q", line)
			}
		}
	}
	_, out, _ = runApp(t, "", env, "ask", "What did JPMorgan say?")
	if strings.Contains(out, "<") {
		t.Errorf("a seed answer shows a URL:\n%s", out)
	}
}
