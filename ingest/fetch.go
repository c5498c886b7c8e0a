package ingest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// Limits of the default [Fetcher].
const (
	// DefaultTimeout bounds a whole request: connecting, redirects and
	// reading the body.
	DefaultTimeout = 20 * time.Second
	// DefaultMaxBytes is the largest body the fetcher reads: 5 MB.
	DefaultMaxBytes = 5 << 20
	// DefaultMaxRedirects is how many redirects a request may follow.
	DefaultMaxRedirects = 5
)

// Errors a fetch can wrap; test them with errors.Is.
var (
	// ErrBadURL means the reference is not an absolute http or https URL.
	ErrBadURL = errors.New("not an http or https URL")
	// ErrBlockedAddress means the host resolves to a loopback, private,
	// link-local or otherwise non-public address.
	ErrBlockedAddress = errors.New("address is not public")
	// ErrTooLarge means the body is over the size cap.
	ErrTooLarge = errors.New("response is too large")
	// ErrContentType means the response is not the kind of document asked for.
	ErrContentType = errors.New("unsupported content type")
	// ErrTooManyRedirects means the redirect limit was reached (or a loop).
	ErrTooManyRedirects = errors.New("too many redirects")
	// ErrTimeout means the server did not answer within the timeout.
	ErrTimeout = errors.New("timed out")
)

// StatusError is an HTTP response other than 200 OK.
type StatusError struct {
	URL  string
	Code int
}

func (e *StatusError) Error() string {
	return fmt.Sprintf("%s answered %d %s", e.URL, e.Code, http.StatusText(e.Code))
}

// Kind is the sort of document a fetch expects; it decides which content
// types are accepted.
type Kind int

const (
	// Page is a web page: text/html or application/xhtml+xml.
	Page Kind = iota
	// Feed is an RSS, Atom or JSON feed: XML or JSON types.
	Feed
)

func (k Kind) String() string {
	if k == Feed {
		return "feed"
	}
	return "web page"
}

// FetchConfig sets the limits of a [Fetcher]. Zero fields take the defaults.
type FetchConfig struct {
	Timeout      time.Duration
	MaxBytes     int64
	MaxRedirects int
	// AllowPrivate permits loopback, private, link-local and the other
	// non-public addresses (PRIVACYBOT_ALLOW_PRIVATE_URLS=1); tests against
	// httptest need it. Cloud metadata addresses stay refused.
	AllowPrivate bool
	// UserAgent is sent with every request.
	UserAgent string
}

// Fetcher is a bounded HTTP client for pages and feeds: it enforces a
// timeout, a size cap and a redirect limit, speaks only http and https, and
// refuses non-public addresses (see [IsPublic] and [IsMetadata]) at dial
// time, after DNS resolution, so a name that resolves (or re-resolves) to
// an internal address is refused too. It ignores proxy environment variables for the same reason. It is
// safe for concurrent use.
type Fetcher struct {
	cfg    FetchConfig
	client *http.Client
}

// Document is a fetched response body.
type Document struct {
	// URL is the final URL, after redirects.
	URL *url.URL
	// ContentType is the media type, without parameters.
	ContentType string
	// Charset is the charset parameter of the Content-Type, if any.
	Charset string
	Body    []byte
}

// NewFetcher returns a fetcher with the limits of cfg.
func NewFetcher(cfg FetchConfig) *Fetcher {
	if cfg.Timeout <= 0 {
		cfg.Timeout = DefaultTimeout
	}
	if cfg.MaxBytes <= 0 {
		cfg.MaxBytes = DefaultMaxBytes
	}
	if cfg.MaxRedirects <= 0 {
		cfg.MaxRedirects = DefaultMaxRedirects
	}
	if cfg.UserAgent == "" {
		cfg.UserAgent = "privacybot/1 (+https://github.com/privacybot/privacybot)"
	}
	dialer := &net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second,
		Control: dialControl(cfg.AllowPrivate)}
	tr := &http.Transport{
		Proxy:                 nil,
		DialContext:           dialer.DialContext,
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          16,
		IdleConnTimeout:       60 * time.Second,
		TLSHandshakeTimeout:   10 * time.Second,
		ResponseHeaderTimeout: cfg.Timeout,
	}
	f := &Fetcher{cfg: cfg}
	f.client = &http.Client{
		Transport: tr,
		Timeout:   cfg.Timeout,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) > cfg.MaxRedirects {
				return fmt.Errorf("%w: more than %d from %s", ErrTooManyRedirects, cfg.MaxRedirects, via[0].URL.Redacted())
			}
			for _, v := range via {
				if v.URL.String() == req.URL.String() {
					return fmt.Errorf("%w: redirect loop at %s", ErrTooManyRedirects, req.URL.Redacted())
				}
			}
			if _, err := checkURL(req.URL); err != nil {
				return fmt.Errorf("redirect to %s: %w", req.URL.Redacted(), err)
			}
			return nil
		},
	}
	return f
}

// ParseURL parses ref as an absolute http or https URL, or wraps [ErrBadURL].
func ParseURL(ref string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimSpace(ref))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrBadURL, err)
	}
	return checkURL(u)
}

func checkURL(u *url.URL) (*url.URL, error) {
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, fmt.Errorf("%w: scheme %q", ErrBadURL, u.Scheme)
	}
	if u.Hostname() == "" {
		return nil, fmt.Errorf("%w: no host in %q", ErrBadURL, u.Redacted())
	}
	if u.User != nil {
		return nil, fmt.Errorf("%w: credentials in URLs are not accepted", ErrBadURL)
	}
	return u, nil
}

// Get fetches rawURL and returns its body if the response is 200 OK, of a
// content type that fits kind, and no larger than the size cap.
func (f *Fetcher) Get(ctx context.Context, rawURL string, kind Kind) (*Document, error) {
	u, err := ParseURL(rawURL)
	if err != nil {
		return nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, fmt.Errorf("fetch %s: %w", u.Redacted(), err)
	}
	req.Header.Set("User-Agent", f.cfg.UserAgent)
	if kind == Feed {
		req.Header.Set("Accept", "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1")
	} else {
		req.Header.Set("Accept", "text/html, application/xhtml+xml;q=0.9, */*;q=0.1")
	}
	resp, err := f.client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("fetch %s: %w", u.Redacted(), unwrapURLError(err))
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, &StatusError{URL: u.Redacted(), Code: resp.StatusCode}
	}
	if resp.ContentLength > f.cfg.MaxBytes {
		return nil, fmt.Errorf("fetch %s: %w: %d bytes, over the %d-byte limit", u.Redacted(), ErrTooLarge, resp.ContentLength, f.cfg.MaxBytes)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, f.cfg.MaxBytes+1))
	if err != nil {
		return nil, fmt.Errorf("fetch %s: read body: %w", u.Redacted(), unwrapURLError(err))
	}
	if int64(len(body)) > f.cfg.MaxBytes {
		return nil, fmt.Errorf("fetch %s: %w: over the %d-byte limit", u.Redacted(), ErrTooLarge, f.cfg.MaxBytes)
	}
	doc := &Document{URL: resp.Request.URL, Body: body}
	ct := resp.Header.Get("Content-Type")
	if ct == "" {
		ct = http.DetectContentType(body)
	}
	mt, params, err := mime.ParseMediaType(ct)
	if err != nil {
		return nil, fmt.Errorf("fetch %s: %w: %q", u.Redacted(), ErrContentType, ct)
	}
	doc.ContentType, doc.Charset = mt, params["charset"]
	if !acceptable(kind, mt) {
		return nil, fmt.Errorf("fetch %s: %w: %s is not a %s", u.Redacted(), ErrContentType, mt, kind)
	}
	return doc, nil
}

func acceptable(kind Kind, mt string) bool {
	switch kind {
	case Feed:
		return mt == "application/rss+xml" || mt == "application/atom+xml" || mt == "application/rdf+xml" ||
			mt == "application/xml" || mt == "text/xml" || mt == "application/feed+json" || mt == "application/json"
	default:
		return mt == "text/html" || mt == "application/xhtml+xml"
	}
}

// unwrapURLError drops the *url.Error wrapper, whose message repeats the
// method and URL that the caller's message already names, and marks
// timeouts with [ErrTimeout].
func unwrapURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	var te interface{ Timeout() bool }
	if errors.Is(err, context.DeadlineExceeded) || errors.As(err, &te) && te.Timeout() {
		return fmt.Errorf("%w: %w", ErrTimeout, err)
	}
	return err
}
