package ingest

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

func TestFetcherGet(t *testing.T) {
	site := newNewsSite(t)
	f := NewFetcher(FetchConfig{AllowPrivate: true, Timeout: 2 * time.Second, MaxRedirects: 3})
	tests := []struct {
		name    string
		path    string
		kind    Kind
		wantErr error
		status  int
		msg     string // part of the error message
	}{
		{name: "article", path: icoFine.Path, kind: Page},
		{name: "redirect followed", path: "/moved", kind: Page},
		{name: "oversized page", path: "/big", kind: Page, wantErr: ErrTooLarge, msg: "5242880-byte limit"},
		{name: "oversized by Content-Length", path: "/big-declared", kind: Page, wantErr: ErrTooLarge, msg: "6291456 bytes"},
		{name: "pdf is not HTML", path: "/report.pdf", kind: Page, wantErr: ErrContentType, msg: "application/pdf is not a web page"},
		{name: "json is not HTML", path: "/data.json", kind: Page, wantErr: ErrContentType},
		{name: "html is not a feed", path: icoFine.Path, kind: Feed, wantErr: ErrContentType, msg: "text/html is not a feed"},
		{name: "rss feed", path: "/feed.rss", kind: Feed},
		{name: "atom feed", path: "/feed.atom", kind: Feed},
		{name: "redirect loop", path: "/loop/a", kind: Page, wantErr: ErrTooManyRedirects, msg: "loop"},
		{name: "redirect chain over the limit", path: "/chain/0", kind: Page, wantErr: ErrTooManyRedirects, msg: "more than 3"},
		{name: "redirect to file scheme", path: "/to-file", kind: Page, wantErr: ErrBadURL, msg: `scheme "file"`},
		{name: "404", path: "/nowhere", kind: Page, status: 404, msg: "404 Not Found"},
		{name: "500", path: "/error", kind: Page, status: 500, msg: "500 Internal Server Error"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := f.Get(context.Background(), site.URL+tt.path, tt.kind)
			if tt.wantErr == nil && tt.status == 0 {
				if err != nil {
					t.Fatalf("Get: %v", err)
				}
				if len(doc.Body) == 0 {
					t.Fatal("empty body")
				}
				return
			}
			if err == nil {
				t.Fatalf("Get succeeded; want an error")
			}
			if tt.wantErr != nil && !errors.Is(err, tt.wantErr) {
				t.Errorf("error %v; want %v", err, tt.wantErr)
			}
			var se *StatusError
			if tt.status != 0 && (!errors.As(err, &se) || se.Code != tt.status) {
				t.Errorf("error %v; want status %d", err, tt.status)
			}
			if !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("error %q does not say %q", err, tt.msg)
			}
		})
	}
}

func TestFetcherFinalURL(t *testing.T) {
	site := newNewsSite(t)
	doc, err := testFetcher().Get(context.Background(), site.URL+"/moved", Page)
	if err != nil {
		t.Fatal(err)
	}
	if doc.URL.Path != icoFine.Path {
		t.Errorf("final URL %s; want path %s", doc.URL, icoFine.Path)
	}
}

func TestFetcherRefusesPrivateAddresses(t *testing.T) {
	site := newNewsSite(t) // listens on 127.0.0.1
	f := NewFetcher(FetchConfig{Timeout: 2 * time.Second})
	port := site.URL[strings.LastIndexByte(site.URL, ':')+1:]
	for _, u := range []string{
		site.URL + icoFine.Path,
		strings.Replace(site.URL, "127.0.0.1", "localhost", 1) + icoFine.Path, // resolved by DNS, checked at dial
		"http://[::1]:1/",
		"http://169.254.169.254/latest/meta-data/",
		"http://10.0.0.1/",
		"http://0.0.0.0:" + port + "/",
		// IPv6 forms of loopback and other non-public ranges.
		"http://[2002:7f00:1::]:" + port + "/", // 6to4 embedding 127.0.0.1
		"http://[::ffff:127.0.0.1]:" + port + "/",
		"http://[64:ff9b::7f00:1]:" + port + "/",                      // NAT64 embedding 127.0.0.1
		"http://[fec0::1]:" + port + "/",                              // site-local
		"http://[2001:0:4136:e378:8000:63bf:80ff:fffe]:" + port + "/", // Teredo for 127.0.0.1
	} {
		_, err := f.Get(context.Background(), u, Page)
		if !errors.Is(err, ErrBlockedAddress) {
			t.Errorf("Get(%s) = %v; want ErrBlockedAddress", u, err)
		}
	}
	if site.Hits(icoFine.Path) != 0 {
		t.Errorf("the private server was reached %d times", site.Hits(icoFine.Path))
	}
}

func TestFetcherBadURLs(t *testing.T) {
	f := testFetcher()
	for _, u := range []string{"ftp://example.com/x", "file:///etc/passwd", "javascript:alert(1)", "http://", "http://user:pw@example.com/", "gopher://x"} {
		if _, err := f.Get(context.Background(), u, Page); !errors.Is(err, ErrBadURL) {
			t.Errorf("Get(%q) = %v; want ErrBadURL", u, err)
		}
	}
}

func TestFetcherTimeout(t *testing.T) {
	site := newNewsSite(t)
	f := NewFetcher(FetchConfig{AllowPrivate: true, Timeout: 300 * time.Millisecond})
	start := time.Now()
	_, err := f.Get(context.Background(), site.URL+"/slow", Page)
	if !errors.Is(err, ErrTimeout) {
		t.Fatalf("got %v; want a timeout", err)
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("took %v", d)
	}
}
