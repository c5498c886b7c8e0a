package main

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/privacybot/privacybot/bot/slackbot"
	"github.com/privacybot/privacybot/bot/slackbot/slackfake"
	"github.com/privacybot/privacybot/feedback"
	"github.com/privacybot/privacybot/internal/testkit/pgtest"
	"github.com/privacybot/privacybot/pgstate"
)

func TestMain(m *testing.M) { os.Exit(pgtest.Run(m)) }

// closedPort returns a loopback address nothing listens on.
func closedPort(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return addr
}

// A database that refuses, or a malformed URL, stops serve with one line
// that names PRIVACYBOT_DATABASE_URL and not the password, before Slack is
// contacted.
func TestServeDatabaseRefused(t *testing.T) {
	fake := slackfake.New(t)
	for name, tc := range map[string]struct {
		url  string
		code int
	}{
		"refused":   {"postgres://privacybot:s3cr3t-pw@" + closedPort(t) + "/privacybot", exitFailure},
		"malformed": {"postgres//privacybot:s3cr3t-pw@db/privacybot", exitUsage},
		"scheme":    {"mysql://privacybot:s3cr3t-pw@db/privacybot", exitUsage},
	} {
		t.Run(name, func(t *testing.T) {
			t.Chdir(t.TempDir())
			env := map[string]string{"SLACK_BOT_TOKEN": slackfake.BotToken, "SLACK_APP_TOKEN": slackfake.AppToken,
				"SLACK_API_URL": fake.URL, "PRIVACYBOT_DATA": t.TempDir(), "PRIVACYBOT_DATABASE_URL": tc.url}
			var stderr bytes.Buffer
			app := &App{Stdout: &bytes.Buffer{}, Stderr: &stderr, Getenv: envOf(env)}
			start := time.Now()
			if code := app.Run(context.Background(), []string{"serve"}); code != tc.code {
				t.Errorf("exit code %d, want %d", code, tc.code)
			}
			if d := time.Since(start); d > 20*time.Second {
				t.Errorf("serve took %v to give up", d)
			}
			out := stderr.String()
			var errLines []string
			for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
				if strings.Contains(l, "PRIVACYBOT_DATABASE_URL") {
					errLines = append(errLines, l)
				}
			}
			if len(errLines) != 1 {
				t.Errorf("want one line naming PRIVACYBOT_DATABASE_URL:\n%s", out)
			}
			if strings.Contains(out, "s3cr3t") {
				t.Errorf("the password appears in serve's output:\n%s", out)
			}
			if n := len(fake.Calls("auth.test")); n != 0 {
				t.Errorf("serve contacted Slack with no database")
			}
		})
	}
}

// serve --http with a database: the schema is created, /healthz and
// /readyz report the database, and an event and its retry are answered
// once, claimed in the database.
func TestServeHTTPWithDatabase(t *testing.T) {
	dbURL := pgtest.NewDatabase(t)
	fake := slackfake.New(t)
	stderr, stop := startServeEnv(t, fake, map[string]string{"PRIVACYBOT_DATABASE_URL": dbURL}, "--http", "127.0.0.1:0")
	addr := httpServeAddr(t, stderr)
	for path, want := range map[string]string{slackbot.PathHealth: "ok\ndatabase: ok\n", slackbot.PathReady: "ready\ndatabase: ok\n"} {
		res, err := http.Get("http://" + addr + path)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != 200 || string(b) != want {
			t.Errorf("%s: %d %q, want 200 %q", path, res.StatusCode, b, want)
		}
	}
	for retry := range 2 {
		ts := strconv.FormatInt(time.Now().Unix(), 10)
		req, _ := http.NewRequest(http.MethodPost, "http://"+addr+slackbot.PathEvents, strings.NewReader(mention))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("X-Slack-Request-Timestamp", ts)
		req.Header.Set("X-Slack-Signature", slackbot.Sign("8f742231b10e8888abcd99yyyzzz85a5", ts, []byte(mention)))
		if retry > 0 {
			req.Header.Set("X-Slack-Retry-Num", strconv.Itoa(retry))
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
	}
	fake.Wait(t, 20*time.Second, "the answer", func() bool { return len(fake.Calls("chat.update")) == 1 })
	if code := stop(); code != exitOK {
		t.Errorf("exit code %d", code)
	}
	if n := len(fake.Calls("chat.update")); n != 1 {
		t.Errorf("%d answers to an event and its retry, want 1", n)
	}
	conn, err := pgx.Connect(context.Background(), dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.Background())
	var claimed, version int
	if err := conn.QueryRow(context.Background(), "SELECT count(*) FROM event_claims WHERE key = 'event:EvSERVE1'").Scan(&claimed); err != nil || claimed != 1 {
		t.Errorf("event claim in the database: %d (err %v), want 1", claimed, err)
	}
	if err := conn.QueryRow(context.Background(), "SELECT max(version) FROM schema_migrations").Scan(&version); err != nil || version != pgstate.SchemaVersion {
		t.Errorf("schema version %d (err %v), want %d", version, err, pgstate.SchemaVersion)
	}
}

// privacybot feedback reads the votes from the database when
// PRIVACYBOT_DATABASE_URL is set.
func TestFeedbackFromDatabase(t *testing.T) {
	dbURL := pgtest.NewDatabase(t)
	st, err := pgstate.Open(context.Background(), dbURL, pgstate.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	now := time.Now()
	for _, fb := range []feedback.Feedback{
		{AnswerID: "a-up", Question: "What did JPMorgan say?", User: "U2", Value: feedback.Up, Time: now.Add(-3 * time.Hour)},
		{AnswerID: "a-bad", Question: "Who fined Clearview?", Mode: "llm", User: "U3", Value: feedback.Down, Time: now.Add(-2 * time.Hour)},
	} {
		if err := st.Record(context.Background(), fb); err != nil {
			t.Fatal(err)
		}
	}
	code, out, errs := runApp(t, "", map[string]string{"PRIVACYBOT_DATABASE_URL": dbURL}, "feedback")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(out, "1 👍  1 👎") || !strings.Contains(out, "Who fined Clearview?") {
		t.Errorf("feedback from the database:\n%s", out)
	}
}

// Two serve replicas on one database, each with its own data directory
// (and here its own Slack connection): an article added through A is
// answerable through B within 2 s, and its removal through B reaches A.
func TestServeReplicasShareLibrary(t *testing.T) {
	dbURL := pgtest.NewDatabase(t)
	site := newsServer(t)
	env := map[string]string{"PRIVACYBOT_DATABASE_URL": dbURL, "PRIVACYBOT_ALLOW_PRIVATE_URLS": "1", "PRIVACYBOT_ADMINS": "U0ADDER01"}
	fakeA, fakeB := slackfake.New(t), slackfake.New(t)
	logsA, stopA := startServeEnv(t, fakeA, env)
	logsB, stopB := startServeEnv(t, fakeB, env)
	fakeA.Wait(t, 30*time.Second, "replica A's socket", fakeA.Connected)
	fakeB.Wait(t, 30*time.Second, "replica B's socket", fakeB.Connected)
	waitLog(t, logsB, `msg="following the shared library"`)

	slash(t, fakeA, "U0ADDER01", "add "+site.URL+"/news/ico-fine", "add")
	if c := response(t, fakeA, "add"); !strings.Contains(c.Text(), "ICO fines facial recognition firm") {
		t.Fatalf("add through A: %s", c.Text())
	}
	acked := time.Now()
	deadline := acked.Add(2 * time.Second)
	for !strings.Contains(logsB.String(), `msg="article added on another replica"`) {
		if time.Now().After(deadline) {
			t.Fatalf("replica B did not index the article within 2 s of A's acknowledgement")
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Logf("added on A, indexed on B %v after A's acknowledgement", time.Since(acked).Round(time.Millisecond))
	slash(t, fakeB, "U0OTHER01", "ask What did Silkie Carlo say about the fine?", "ask")
	if c := response(t, fakeB, "ask"); !strings.Contains(c.Text(), "This is a landmark decision for everyone who has ever posted a photo online") {
		t.Errorf("replica B does not quote the article added through A:\n%s", c.Text())
	}

	id := regexp.MustCompile(`id=(ico-fines-facial-recognition-firm-[0-9a-f]+)`).FindStringSubmatch(logsA.String())
	if id == nil {
		t.Fatalf("no id logged by A")
	}
	slash(t, fakeB, "U0ADDER01", "remove "+id[1], "remove")
	if c := response(t, fakeB, "remove"); !strings.Contains(c.Text(), "Removed") {
		t.Fatalf("remove through B: %s", c.Text())
	}
	waitLog(t, logsA, `msg="article removed on another replica"`)
	for name, stop := range map[string]func() int{"A": stopA, "B": stopB} {
		if code := stop(); code != exitOK {
			t.Errorf("replica %s exit code %d", name, code)
		}
	}
}

// With a database, one replica at a time polls the feeds; the other gets
// the feed's articles from the database, and takes over polling when the
// first stops.
func TestServeReplicasPollFeedsOnce(t *testing.T) {
	dbURL := pgtest.NewDatabase(t)
	site := newsServer(t)
	env := map[string]string{"PRIVACYBOT_DATABASE_URL": dbURL, "PRIVACYBOT_ALLOW_PRIVATE_URLS": "1",
		"PRIVACYBOT_FEEDS": site.URL + "/feed.rss", "PRIVACYBOT_FEED_INTERVAL": "1m"}
	fakeA, fakeB := slackfake.New(t), slackfake.New(t)
	logsA, stopA := startServeEnv(t, fakeA, env)
	logsB, stopB := startServeEnv(t, fakeB, env)
	const leads, polled = `msg="this replica polls the feeds"`, `msg="feed polled"`
	deadline := time.Now().Add(40 * time.Second)
	for !strings.Contains(logsA.String()+logsB.String(), polled) {
		if time.Now().After(deadline) {
			t.Fatal("no replica polled the feeds")
		}
		time.Sleep(10 * time.Millisecond)
	}
	leader, follower, stopLeader, stopFollower := logsA, logsB, stopA, stopB
	if strings.Contains(logsB.String(), leads) {
		leader, follower, stopLeader, stopFollower = logsB, logsA, stopB, stopA
	}
	waitLog(t, follower, `msg="article added on another replica"`)
	if strings.Contains(follower.String(), leads) || strings.Contains(follower.String(), polled) {
		t.Fatal("both replicas poll the feeds")
	}
	if !strings.Contains(leader.String(), leads) {
		t.Fatal("the replica that polled did not take the lead")
	}
	if code := stopLeader(); code != exitOK {
		t.Errorf("leader exit code %d", code)
	}
	waitLog(t, follower, leads)
	if code := stopFollower(); code != exitOK {
		t.Errorf("follower exit code %d", code)
	}
}
