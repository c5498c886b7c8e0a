package main

import (
	"net"
	"net/http"
	"time"

	"golang.org/x/net/netutil"
)

// Limits of the HTTP server of serve --http. Slack sends small bodies at
// once and wants an answer within 3 seconds, and the handlers answer at
// once (the work goes on in the background), so a client that is slower
// than these is not Slack. Each connection is then held for a bounded
// time, and their number is capped, so slow or idle clients cannot
// exhaust the server. The Slack handler also cuts off a request body that
// takes over 5 seconds (see bot/slackbot) and refuses unsigned requests
// before reading their bodies.
const (
	// httpReadHeaderTimeout bounds reading a request's headers.
	httpReadHeaderTimeout = 5 * time.Second
	// httpReadTimeout bounds reading a whole request, headers and body.
	httpReadTimeout = 10 * time.Second
	// httpWriteTimeout bounds handling a request and writing its answer,
	// from the end of its headers.
	httpWriteTimeout = 15 * time.Second
	// httpMaxHeaderBytes bounds a request's headers.
	httpMaxHeaderBytes = 64 << 10
	// httpMaxConns caps the connections open at once; more wait in the
	// listen queue until one closes. It keeps file descriptors and memory
	// for the rest of the bot.
	httpMaxConns = 1024
)

// httpIdleTimeout closes a keep-alive connection that has sent no request
// for this long. At 60 s it outlasts most reverse proxies' idle pools
// (a proxy terminates Slack's HTTPS in front of the bot). A variable only
// so a test can shorten it.
var httpIdleTimeout = 60 * time.Second

// newHTTPServer returns the server for h with the limits above.
func newHTTPServer(h http.Handler) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: httpReadHeaderTimeout,
		ReadTimeout:       httpReadTimeout,
		WriteTimeout:      httpWriteTimeout,
		IdleTimeout:       httpIdleTimeout,
		MaxHeaderBytes:    httpMaxHeaderBytes,
	}
}

// limitConns caps the connections ln accepts at once at httpMaxConns.
func limitConns(ln net.Listener) net.Listener {
	return netutil.LimitListener(ln, httpMaxConns)
}
