package ingest

import (
	"errors"
	"net/url"
	"os"
	"strings"
	"testing"
)

func TestExtractHTMLNewsArticle(t *testing.T) {
	u, _ := url.Parse("https://www.dailyledger.example/news/ico-fine")
	a, err := ExtractHTML(renderArticle(t, icoFine), "text/html; charset=utf-8", u)
	if err != nil {
		t.Fatal(err)
	}
	if a.Title != icoFine.Title {
		t.Errorf("title %q; want %q", a.Title, icoFine.Title)
	}
	if a.Author != icoFine.Author {
		t.Errorf("author %q; want %q", a.Author, icoFine.Author)
	}
	if a.Outlet != "The Daily Ledger" {
		t.Errorf("outlet %q", a.Outlet)
	}
	if a.Date != icoFine.Date {
		t.Errorf("date %q; want %q", a.Date, icoFine.Date)
	}
	if a.URL != u.String() {
		t.Errorf("url %q", a.URL)
	}
	paras := strings.Split(a.Body, "\n\n")
	if len(paras) != len(icoFine.Paragraphs) {
		t.Errorf("got %d paragraphs; want %d:\n%s", len(paras), len(icoFine.Paragraphs), a.Body)
	}
	for _, p := range icoFine.Paragraphs {
		if !strings.Contains(a.Body, p) {
			t.Errorf("body lacks paragraph %q", p)
		}
	}
	// Navigation, ads, share buttons, related links and the footer stay out.
	for _, junk := range []string{"Advertisement", "VPN", "Newsletters", "Share on", "Related stories", "GDPR five years on",
		"All rights reserved", "Sign up", "Sponsored", "Privacy policy", "Technology correspondent", "By Jane"} {
		if strings.Contains(a.Body, junk) {
			t.Errorf("body holds boilerplate %q:\n%s", junk, a.Body)
		}
	}
}

func TestExtractHTMLRejectsPagesWithoutArticle(t *testing.T) {
	nav, err := os.ReadFile("testdata/nav.html")
	if err != nil {
		t.Fatal(err)
	}
	for name, page := range map[string]string{
		"section front":   string(nav),
		"empty app shell": `<!doctype html><html><head><title>App</title></head><body><div id="root"></div><script src="/app.js"></script></body></html>`,
		"one sentence":    `<html><body><article><p>Subscribe to read the whole story.</p></article></body></html>`,
		"not html at all": "\x00\x01\x02",
	} {
		t.Run(name, func(t *testing.T) {
			a, err := ExtractHTML([]byte(page), "text/html", nil)
			if !errors.Is(err, ErrNoArticle) {
				t.Fatalf("got %+v, %v; want ErrNoArticle", a, err)
			}
		})
	}
}

func TestExtractHTMLCharset(t *testing.T) {
	body := "<html><head><title>Caf\xe9 society</title></head><body><article>" +
		strings.Repeat("<p>The caf\xe9 owners said they \"never\" kept a register of their customers, and the regulator accepted it without further inquiry or comment.</p>", 4) +
		"</article></body></html>"
	a, err := ExtractHTML([]byte(body), "text/html; charset=iso-8859-1", nil)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(a.Body, "café owners") {
		t.Errorf("body not decoded: %q", a.Body)
	}
}

func TestCleanByline(t *testing.T) {
	for in, want := range map[string]string{
		"By Jane Whitfield":                        "Jane Whitfield",
		"by Jane Whitfield | Technology":           "Jane Whitfield",
		"Jane Whitfield, Technology correspondent": "Jane Whitfield",
		"By Jane Whitfield and Tom Becker":         "Jane Whitfield and Tom Becker",
		"  Written by   Priya Raman  ":             "Priya Raman",
	} {
		if got := cleanByline(in); got != want {
			t.Errorf("cleanByline(%q) = %q; want %q", in, got, want)
		}
	}
}
