package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/privacybot/privacybot/bot/slackbot"
	"github.com/privacybot/privacybot/bot/slackbot/slackfake"
)

const testSigningSecret = "8f742231b10e8888abcd99yyyzzz85a5"

// httpServeAddr waits (up to a minute) for serve --http 127.0.0.1:0 to
// log its address in stderr.
func httpServeAddr(t *testing.T, stderr fmt.Stringer) string {
	t.Helper()
	addrRe := regexp.MustCompile(`addr=(127\.0\.0\.1:\d+)`)
	deadline := time.Now().Add(60 * time.Second)
	for {
		if m := addrRe.FindStringSubmatch(stderr.String()); m != nil {
			return m[1]
		}
		if time.Now().After(deadline) {
			t.Fatalf("no listening address logged:\n%s", stderr.String())
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// slowClient is what an attacker's connection saw: the status line the
// server answered (empty for none) and how long until the server closed
// the connection (or the test gave up: open is then true).
type slowClient struct {
	status string
	after  time.Duration
	open   bool
}

// slowPost opens a real TCP connection to addr, sends the headers of a
// POST to path declaring a body of length bytes, then one byte of it a
// second, and waits up to 20 s for the server to close the connection.
func slowPost(addr, path string, length int, hdr map[string]string) (slowClient, error) {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return slowClient{}, err
	}
	defer c.Close()
	start := time.Now()
	var b strings.Builder
	fmt.Fprintf(&b, "POST %s HTTP/1.1\r\nHost: %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\n", path, addr, length)
	for k, v := range hdr {
		fmt.Fprintf(&b, "%s: %s\r\n", k, v)
	}
	b.WriteString("\r\n")
	if _, err := io.WriteString(c, b.String()); err != nil {
		return slowClient{}, err
	}
	stop := make(chan struct{})
	defer close(stop)
	go func() {
		tick := time.NewTicker(time.Second)
		defer tick.Stop()
		for {
			select {
			case <-stop:
				return
			case <-tick.C:
				if _, err := c.Write([]byte("{")); err != nil {
					return
				}
			}
		}
	}()
	_ = c.SetReadDeadline(start.Add(20 * time.Second))
	resp, err := io.ReadAll(c)
	var sc slowClient
	sc.after = time.Since(start)
	var ne net.Error
	sc.open = errors.As(err, &ne) && ne.Timeout()
	sc.status, _, _ = strings.Cut(string(resp), "\r\n")
	return sc, nil
}

// waitClosed waits up to 20 s for the server to close c and returns how
// long that took; ok is false if it stayed open.
func waitClosed(c net.Conn) (d time.Duration, ok bool) {
	start := time.Now()
	_ = c.SetReadDeadline(start.Add(20 * time.Second))
	_, err := io.Copy(io.Discard, c)
	var ne net.Error
	return time.Since(start), !(errors.As(err, &ne) && ne.Timeout())
}

// TestServeHTTPSlowClients: serve --http cuts off clients that send their
// requests slowly or hold connections idle, on every Slack endpoint, and
// still answers Slack afterwards. The connections are real loopback TCP
// connections to the server serve starts.
func TestServeHTTPSlowClients(t *testing.T) {
	// The idle timeout is 60 s in production; shortened here so the test
	// takes seconds. The other limits are the real ones.
	old := httpIdleTimeout
	httpIdleTimeout = 2 * time.Second
	t.Cleanup(func() { httpIdleTimeout = old })

	fake := slackfake.New(t)
	stderr, stop := startServe(t, fake, "--http", "127.0.0.1:0")
	addr := httpServeAddr(t, stderr)

	ts := strconv.FormatInt(time.Now().Unix(), 10)
	// Fresh signing headers with a wrong signature: only the body can
	// show it is wrong, so the server has to read it.
	plausible := map[string]string{"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": "v0=" + strings.Repeat("0", 64)}
	cases := []struct {
		name   string
		path   string
		length int
		hdr    map[string]string
		status string
		within time.Duration
	}{
		// Cut off by the 5 s body deadline.
		{"events, trickled body", slackbot.PathEvents, 100000, plausible, "408", 8 * time.Second},
		{"commands, trickled body", slackbot.PathCommands, 100000, plausible, "408", 8 * time.Second},
		{"interactive, trickled body", slackbot.PathInteractive, 100000, plausible, "408", 8 * time.Second},
		// Refused on their headers, without waiting for the body.
		{"events, unsigned", slackbot.PathEvents, 100000, nil, "401", 2 * time.Second},
		{"commands, stale", slackbot.PathCommands, 100000, map[string]string{"X-Slack-Request-Timestamp": "1531420618", "X-Slack-Signature": "v0=00"}, "401", 2 * time.Second},
		{"events, declared too large", slackbot.PathEvents, 2 << 20, plausible, "413", 2 * time.Second},
	}
	var wg sync.WaitGroup
	got := make([]slowClient, len(cases))
	errs := make([]error, len(cases))
	for i, tc := range cases {
		wg.Go(func() { got[i], errs[i] = slowPost(addr, tc.path, tc.length, tc.hdr) })
	}

	// A connection that never sends a request.
	silent, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer silent.Close()
	dialled := time.Now()

	// An idle keep-alive connection: one request, then nothing.
	idle, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer idle.Close()
	fmt.Fprintf(idle, "GET %s HTTP/1.1\r\nHost: %s\r\n\r\n", slackbot.PathHealth, addr)
	br := bufio.NewReader(idle)
	res, err := http.ReadResponse(br, nil)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = io.Copy(io.Discard, res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusOK || res.Close {
		t.Fatalf("healthz: %d, close=%v; want 200 on a kept-alive connection", res.StatusCode, res.Close)
	}
	if d, ok := waitClosed(idle); !ok || d < time.Second || d > 6*time.Second {
		t.Errorf("idle keep-alive connection closed=%v after %v; want closed after the 2 s idle timeout", ok, d.Round(time.Millisecond))
	}

	// The silent connection: closed by the 5 s header deadline.
	if _, ok := waitClosed(silent); !ok || time.Since(dialled) > 8*time.Second {
		t.Errorf("silent connection closed=%v after %v; want closed within 8 s", ok, time.Since(dialled).Round(time.Millisecond))
	}

	wg.Wait()
	for i, tc := range cases {
		g := got[i]
		switch {
		case errs[i] != nil:
			t.Errorf("%s: %v", tc.name, errs[i])
		case g.open:
			t.Errorf("%s: the connection was still open after %v", tc.name, g.after.Round(time.Second))
		case g.after > tc.within:
			t.Errorf("%s: closed after %v; want within %v", tc.name, g.after.Round(time.Millisecond), tc.within)
		case !strings.Contains(g.status, " "+tc.status+" "):
			t.Errorf("%s: answered %q; want %s", tc.name, g.status, tc.status)
		}
	}

	// Slack is still answered, on events and on commands.
	challenge := []byte(`{"token":"Jhj5dZrVaK7ZwHHjRyZWjbDl","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P","type":"url_verification"}`)
	if code, body := signedPost(t, addr, slackbot.PathEvents, "application/json", challenge); code != http.StatusOK || body != "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P" {
		t.Errorf("signed url_verification after the slow clients: %d %q", code, body)
	}
	cmd := url.Values{"command": {"/privacy"}, "text": {"help"}, "user_id": {"U061F7AUR"}, "channel_id": {"C1"},
		"team_id": {"T0TEST"}, "response_url": {fake.ResponseURL("help")}, "trigger_id": {"1.2.3"}}
	if code, body := signedPost(t, addr, slackbot.PathCommands, "application/x-www-form-urlencoded", []byte(cmd.Encode())); code != http.StatusOK || !strings.Contains(body, "privacybot") {
		t.Errorf("signed /privacy help after the slow clients: %d %q", code, body)
	}
	if code := stop(); code != exitOK {
		t.Errorf("exit code %d; stderr:\n%s", code, stderr.String())
	}
}

// signedPost sends body to path as Slack would and returns the status and
// body of the answer.
func signedPost(t *testing.T, addr, path, contentType string, body []byte) (int, string) {
	t.Helper()
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	req, err := http.NewRequest(http.MethodPost, "http://"+addr+path, strings.NewReader(string(body)))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", contentType)
	req.Header.Set("X-Slack-Request-Timestamp", ts)
	req.Header.Set("X-Slack-Signature", slackbot.Sign(testSigningSecret, ts, body))
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res.StatusCode, string(b)
}

// TestServeHTTPConnectionCap: with httpMaxConns connections held open, the
// next client waits for a free one instead of adding to the load; it is
// answered as soon as one closes.
func TestServeHTTPConnectionCap(t *testing.T) {
	fake := slackfake.New(t)
	stderr, stop := startServe(t, fake, "--http", "127.0.0.1:0")
	addr := httpServeAddr(t, stderr)
	held := make([]net.Conn, 0, httpMaxConns)
	defer func() {
		for _, c := range held {
			c.Close()
		}
	}()
	for range httpMaxConns {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		held = append(held, c)
	}
	c, err := net.Dial("tcp", addr) // accepted by the kernel, not yet by the server
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	fmt.Fprintf(c, "GET %s HTTP/1.1\r\nHost: %s\r\n\r\n", slackbot.PathHealth, addr)
	br := bufio.NewReader(c)
	_ = c.SetReadDeadline(time.Now().Add(time.Second))
	if _, err := br.Peek(1); err == nil {
		t.Fatalf("answered with %d connections open; want the cap of %d to hold it back", httpMaxConns+1, httpMaxConns)
	}
	held[0].Close()
	_ = c.SetReadDeadline(time.Now().Add(3 * time.Second))
	res, err := http.ReadResponse(br, nil)
	if err != nil {
		t.Fatalf("not answered after a connection closed: %v", err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Errorf("healthz: %d", res.StatusCode)
	}
	for _, c := range held {
		c.Close()
	}
	if code := stop(); code != exitOK {
		t.Errorf("exit code %d; stderr:\n%s", code, stderr.String())
	}
}
