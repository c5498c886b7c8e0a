package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"
)

// storyHTML is a news article page, with the clutter around the story
// that real pages have.
const storyHTML = `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>ICO fines facial recognition firm over scraped images | The Daily Ledger</title>
<meta property="og:site_name" content="The Daily Ledger">
<meta property="og:title" content="ICO fines facial recognition firm over scraped images">
<meta property="article:published_time" content="2024-03-05T09:30:00Z"></head>
<body>
<header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/privacy">Privacy</a> <a href="/newsletters">Newsletters</a></nav></header>
<div class="ad"><span>Advertisement</span><a href="https://ads.example.net/"><img src="/vpn.jpg" alt="VPN deal"></a></div>
<article>
<h1>ICO fines facial recognition firm over scraped images</h1>
<p class="byline">By Jane Whitfield</p>
<p>The Information Commissioner's Office has fined Clearview AI £7.5 million for collecting images of people in the UK from the web and social media to build a global online database that could be used for facial recognition.</p>
<p>The regulator also ordered the company to stop obtaining and using the personal data of UK residents that is publicly available on the internet, and to delete the data it already holds.</p>
<p>"The company not only enables identification of those people, but effectively monitors their behaviour and offers it as a commercial service. That is unacceptable," said John Edwards, the UK Information Commissioner.</p>
<p>Privacy campaigners welcomed the fine. "This is a landmark decision for everyone who has ever posted a photo online," said Silkie Carlo, director of Big Brother Watch.</p>
</article>
<aside><h3>Related stories</h3><ul><li><a href="/a">GDPR five years on</a></li><li><a href="/b">Cookie banners explained</a></li></ul></aside>
<footer><a href="/about">About us</a> · <a href="/terms">Terms</a> © 2024 The Daily Ledger</footer>
</body></html>`

// newsServer serves storyHTML at /news/ico-fine and a feed of it at
// /feed.rss.
func newsServer(t *testing.T) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/feed.rss":
			w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
			fmt.Fprintf(w, feedRSS, "http://"+r.Host)
		case "/news/ico-fine":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write([]byte(storyHTML))
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(srv.Close)
	return srv
}

// feedRSS is an RSS feed with one item: the story at /news/ico-fine.
const feedRSS = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel>
<title>The Daily Ledger: Privacy</title><link>%[1]s/privacy</link><description>Privacy news</description>
<item><title>ICO fines facial recognition firm over scraped images</title><link>%[1]s/news/ico-fine</link>
<pubDate>Tue, 05 Mar 2024 09:30:00 GMT</pubDate><guid>%[1]s/news/ico-fine</guid></item>
</channel></rss>`
