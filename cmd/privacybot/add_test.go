package main

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestAddAskRemove(t *testing.T) {
	srv := newsServer(t)
	env := map[string]string{"PRIVACYBOT_DATA": t.TempDir(), "PRIVACYBOT_ALLOW_PRIVATE_URLS": "1", "USER": "tester"}
	url := srv.URL + "/news/ico-fine"

	code, out, errs := runApp(t, "", env, "add", url)
	if code != 0 {
		t.Fatalf("add: exit %d\n%s%s", code, out, errs)
	}
	if !strings.Contains(out, "added      ico-fines-facial-recognition-firm-") || !strings.Contains(out, "The Daily Ledger, Jane Whitfield, 2024-03-05") {
		t.Errorf("add printed:\n%s", out)
	}
	if !strings.Contains(errs, "article added") || !strings.Contains(errs, "by=tester") {
		t.Errorf("add not logged with the user:\n%s", errs)
	}
	id := strings.Fields(out)[1]

	// Adding it again adds nothing and names the source.
	code, out, _ = runApp(t, "", env, "add", "--by", "someone", url)
	if code != 0 || !strings.Contains(out, "duplicate  "+url+" is already source "+id+" (same URL)") {
		t.Errorf("second add: exit %d\n%s", code, out)
	}

	// A later process sees the article: sources, quotes, ask.
	code, out, _ = runApp(t, "", env, "sources")
	if code != 0 || !strings.Contains(out, id) || !strings.Contains(out, "ICO fines facial recognition firm") {
		t.Errorf("sources: exit %d\n%s", code, out)
	}
	code, out, _ = runApp(t, "", env, "quotes", "--json")
	if code != 0 || !strings.Contains(out, "This is a landmark decision for everyone who has ever posted a photo online,") {
		t.Errorf("quotes: exit %d\n%s", code, out)
	}
	code, out, errs = runApp(t, "", env, "ask", "--json", "What did Silkie Carlo say about the fine?")
	if code != 0 {
		t.Fatalf("ask: exit %d %s", code, errs)
	}
	if !strings.Contains(out, id) || !strings.Contains(out, "This is a landmark decision for everyone who has ever posted a photo online") {
		t.Errorf("ask does not quote the added article:\n%s", out)
	}
	if !strings.Contains(out, `"speaker": "Silkie Carlo"`) {
		t.Errorf("ask does not attribute the quote to its speaker:\n%s", out)
	}

	// Remove it by a prefix of its id.
	code, out, errs = runApp(t, "", env, "remove", "--by", "admin", id[:14])
	if code != 0 || !strings.Contains(out, "removed    "+id) {
		t.Fatalf("remove: exit %d\n%s%s", code, out, errs)
	}
	if !strings.Contains(errs, "article removed") || !strings.Contains(errs, "by=admin") {
		t.Errorf("remove not logged with the user:\n%s", errs)
	}
	_, out, _ = runApp(t, "", env, "quotes", "--json")
	if strings.Contains(out, "landmark decision") {
		t.Errorf("quotes still holds the removed article's quotes")
	}
	_, out, _ = runApp(t, "", env, "ask", "--json", "What did Silkie Carlo say about the fine?")
	if strings.Contains(out, id) {
		t.Errorf("ask still cites the removed article:\n%s", out)
	}
}

func TestAddRemoveErrors(t *testing.T) {
	srv := newsServer(t)
	env := map[string]string{"PRIVACYBOT_DATA": t.TempDir(), "PRIVACYBOT_ALLOW_PRIVATE_URLS": "1"}
	tests := []struct {
		name string
		args []string
		env  map[string]string
		code int
		msg  string
	}{
		{name: "add nothing", args: []string{"add"}, code: exitUsage, msg: "give a file or URL"},
		{name: "404", args: []string{"add", srv.URL + "/gone"}, code: exitFailure, msg: "404 Not Found"},
		{name: "private address refused by default", args: []string{"add", srv.URL + "/news/ico-fine"}, env: map[string]string{"PRIVACYBOT_DATA": env["PRIVACYBOT_DATA"]}, code: exitFailure, msg: "address is not public"},
		{name: "bad interval", args: []string{"add", srv.URL + "/news/ico-fine"}, env: map[string]string{"PRIVACYBOT_DATA": env["PRIVACYBOT_DATA"], "PRIVACYBOT_FEED_INTERVAL": "soon"}, code: exitUsage, msg: "PRIVACYBOT_FEED_INTERVAL"},
		{name: "remove nothing", args: []string{"remove"}, code: exitUsage, msg: "give the id"},
		{name: "remove unknown", args: []string{"remove", "nope"}, code: exitUsage, msg: "unknown source id"},
		{name: "remove a seed", args: []string{"remove", "001"}, code: exitUsage, msg: "part of the corpus"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := env
			if tt.env != nil {
				e = tt.env
			}
			code, out, errs := runApp(t, "", e, tt.args...)
			if code != tt.code || !strings.Contains(out+errs, tt.msg) {
				t.Errorf("exit %d; want %d with %q\n%s%s", code, tt.code, tt.msg, out, errs)
			}
		})
	}
}

func TestAddJSON(t *testing.T) {
	srv := newsServer(t)
	env := map[string]string{"PRIVACYBOT_DATA": t.TempDir(), "PRIVACYBOT_ALLOW_PRIVATE_URLS": "1"}
	code, out, _ := runApp(t, "", env, "add", "--json", srv.URL+"/news/ico-fine", srv.URL+"/missing")
	if code != exitFailure {
		t.Errorf("exit %d; want %d when one fails", code, exitFailure)
	}
	var outs []addOutcome
	if err := json.Unmarshal([]byte(out), &outs); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if len(outs) != 2 || outs[0].Result == nil || outs[0].Result.Quotes == 0 || outs[1].Error == "" {
		t.Errorf("outcomes %+v", outs)
	}
}
