package main

import (
	"context"
	"encoding/json"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/privacybot/privacybot/internal/testkit/pgtest"
	"github.com/privacybot/privacybot/pgstate"
)

// storyPage writes an article page with a quotation by speaker and
// returns its path.
func storyPage(t *testing.T, slug, title, speaker, quote string) string {
	t.Helper()
	page := `<html><head><title>` + title + `</title></head><body><article><h1>` + title + `</h1>
<p>By Ravi Patel, 4 March 2026</p>
<p>The council of a lakeside town has paused a network of licence plate cameras after residents complained that the records of their journeys were kept for years and shared with private car park operators without any notice or consent.</p>
<p>"` + quote + `," said ` + speaker + `, who chairs the council's scrutiny committee, adding that an independent audit of the data would be published in the spring.</p>
<p>Campaigners welcomed the pause but asked for the stored records to be deleted.</p></article></body></html>`
	path := filepath.Join(t.TempDir(), slug+".html")
	if err := os.WriteFile(path, []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// sourceIDs runs sources --json and returns the ids it lists.
func sourceIDs(t *testing.T, env map[string]string) []string {
	t.Helper()
	code, out, errs := runApp(t, "", env, "sources", "--json")
	if code != 0 {
		t.Fatalf("sources: exit %d: %s", code, errs)
	}
	var list []struct {
		ID string `json:"id"`
	}
	if err := json.Unmarshal([]byte(out), &list); err != nil {
		t.Fatalf("sources --json: %v\n%s", err, out)
	}
	var ids []string
	for _, s := range list {
		ids = append(ids, s.ID)
	}
	return ids
}

func hasID(ids []string, prefix string) bool {
	for _, id := range ids {
		if strings.HasPrefix(id, prefix) {
			return true
		}
	}
	return false
}

// With PRIVACYBOT_DATABASE_URL, add, remove, sources and ask work on the
// shared library, whatever data directory they run with. An article added
// to a data directory before the database was configured is reported by
// sources and ask, and uploaded by the next add (or serve) from that
// directory. With the database unreachable, ask still answers from the
// data directory, with a warning that never shows the password.
func TestCLISharedLibrary(t *testing.T) {
	dbURL := pgtest.NewDatabase(t)
	laptop, other := t.TempDir(), t.TempDir()
	local := map[string]string{"PRIVACYBOT_DATA": laptop}
	onLaptop := map[string]string{"PRIVACYBOT_DATA": laptop, "PRIVACYBOT_DATABASE_URL": dbURL}
	onOther := map[string]string{"PRIVACYBOT_DATA": other, "PRIVACYBOT_DATABASE_URL": dbURL}

	// Before the database: an add to the laptop's data directory only.
	first := storyPage(t, "cameras", "Lakeside council pauses licence plate cameras", "Dana Okafor",
		"We will not switch the cameras back on until the audit is finished")
	if code, out, errs := runApp(t, "", local, "add", first); code != 0 {
		t.Fatalf("add without a database: exit %d: %s%s", code, out, errs)
	}
	firstID := regexp.MustCompile(`lakeside-council-pauses-licence-plate-[0-9a-f]+`).FindString(strings.Join(sourceIDs(t, local), " "))
	if firstID == "" {
		t.Fatalf("the local add is not listed: %v", sourceIDs(t, local))
	}

	// sources with the database: the other machine does not have it; the
	// laptop still lists it and says it is not shared.
	if hasID(sourceIDs(t, onOther), firstID) {
		t.Fatal("an article never uploaded reached another data directory")
	}
	code, _, errs := runApp(t, "", onLaptop, "sources")
	if code != 0 || !strings.Contains(errs, "not in the shared library") || !strings.Contains(errs, firstID) {
		t.Fatalf("sources on the laptop: exit %d, want a warning naming %s:\n%s", code, firstID, errs)
	}
	store, err := pgstate.Open(context.Background(), dbURL, pgstate.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	if arts, _ := store.ArticlesSince(context.Background(), 0); len(arts) != 0 {
		t.Fatalf("sources wrote %d articles to the shared library", len(arts))
	}

	// The next add from the laptop, with the database, uploads it too.
	second := storyPage(t, "cameras-deleted", "Town deletes years of camera records", "Dana Okafor",
		"Every record older than thirty days has now been deleted for good")
	if code, out, errs := runApp(t, "", onLaptop, "add", second); code != 0 {
		t.Fatalf("add with the database: exit %d: %s%s", code, out, errs)
	}
	arts, err := store.ArticlesSince(context.Background(), 0)
	if err != nil || len(arts) != 2 {
		t.Fatalf("%d articles in the shared library (err %v), want 2", len(arts), err)
	}
	for _, a := range arts {
		if a.ID == firstID && a.AddedBy != localBy {
			t.Errorf("the uploaded article is recorded as added by %q", a.AddedBy)
		}
	}

	// The other machine now answers from both, and lists both.
	code, out, errs := runApp(t, "", onOther, "ask", "What did Dana Okafor say about the cameras?")
	if code != 0 || !strings.Contains(out, "We will not switch the cameras back on until the audit is finished") {
		t.Fatalf("ask on the other machine: exit %d:\n%s%s", code, out, errs)
	}
	if ids := sourceIDs(t, onOther); !hasID(ids, firstID) || !hasID(ids, "town-deletes-years-of-camera-") {
		t.Fatalf("sources on the other machine: %v", ids)
	}

	// A removal on the other machine reaches the laptop.
	if code, out, errs := runApp(t, "", onOther, "remove", firstID); code != 0 {
		t.Fatalf("remove: exit %d: %s%s", code, out, errs)
	}
	if hasID(sourceIDs(t, onLaptop), firstID) {
		t.Fatal("the laptop still lists the article removed on the other machine")
	}

	// The database unreachable: ask answers from the data directory.
	down := map[string]string{"PRIVACYBOT_DATA": other,
		"PRIVACYBOT_DATABASE_URL": "postgres://privacybot:s3cr3t-pw@" + closedPort(t) + "/privacybot"}
	code, out, errs = runApp(t, "", down, "ask", "What did Dana Okafor say about the deleted records?")
	if code != 0 || !strings.Contains(out, "Every record older than thirty days has now been deleted for good") {
		t.Fatalf("ask with the database down: exit %d:\n%s%s", code, out, errs)
	}
	if !strings.Contains(errs, "PRIVACYBOT_DATABASE_URL") || strings.Contains(errs+out, "s3cr3t-pw") {
		t.Errorf("want a warning naming the variable and not the password:\n%s", errs)
	}
}

// silentDatabase returns the address of a server that accepts
// connections and never answers, as a database behind a firewall that
// drops packets looks to a client once connected.
func silentDatabase(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var conns []net.Conn
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			conns = append(conns, c)
			mu.Unlock()
		}
	}()
	t.Cleanup(func() {
		ln.Close()
		mu.Lock()
		defer mu.Unlock()
		for _, c := range conns {
			c.Close()
		}
	})
	return ln.Addr().String()
}

// With a database that never answers, ask gives up on it after a short
// wait (not the 5 s of a connection attempt, nor a connection attempt
// still running when it gives up), says so naming the variable and the
// wait (and not the password), and answers from the data directory.
func TestAskSilentDatabase(t *testing.T) {
	env := map[string]string{"PRIVACYBOT_DATABASE_URL": "postgres://privacybot:s3cr3t-pw@" + silentDatabase(t) + "/privacybot?sslmode=disable"}
	start := time.Now()
	code, out, errs := runApp(t, "", env, "ask", "What did JPMorgan say?")
	if took := time.Since(start); took > sharedReadWait+2500*time.Millisecond {
		t.Errorf("ask with a silent database took %v, want its wait of %v and the answer", took, sharedReadWait)
	}
	if code != 0 || !strings.Contains(out, "Patricia Wexler") {
		t.Fatalf("ask with a silent database: exit %d:\n%s%s", code, out, errs)
	}
	if !strings.Contains(errs, "did not answer") || !strings.Contains(errs, "waited="+sharedReadWait.String()) ||
		!strings.Contains(errs, "PRIVACYBOT_DATABASE_URL") || strings.Contains(errs+out, "s3cr3t-pw") {
		t.Errorf("want a warning that the database did not answer within %v, naming the variable and not the password:\n%s", sharedReadWait, errs)
	}
}
