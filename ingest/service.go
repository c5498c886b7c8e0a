package ingest

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/privacybot/privacybot/corpus"
	"github.com/privacybot/privacybot/quote"
)

// ErrNotAdded means a source exists but was not added at run time (it is a
// seed or a --corpus file), so remove cannot delete it.
var ErrNotAdded = errors.New("not an added article")

// Library is the part of [retrieval.Library] the service needs;
// *retrieval.Library satisfies it. Add and Remove must update the corpus,
// the ledger and the index for that one source.
type Library interface {
	Corpus() *corpus.Corpus
	Ledger() *quote.Ledger
	Add(ctx context.Context, src *corpus.Source) error
	Remove(ctx context.Context, id string) error
}

// Options configure a [Service].
type Options struct {
	// Library is the open library to add to. Required.
	Library Library
	// DataDir is the data directory; articles are kept in its articles/
	// folder. Required.
	DataDir string
	// Fetcher fetches web pages; nil means NewFetcher(FetchConfig{}).
	Fetcher *Fetcher
	// Logger records every add and remove; nil discards.
	Logger *slog.Logger
	// Now is the clock for Added-At; nil means time.Now.
	Now func() time.Time
	// Shared is the article log shared by several replicas (see
	// shared.go); nil keeps the articles in DataDir alone.
	Shared ArticleLog
}

// Service adds articles to a library from files and web pages, stores
// them under the data directory and removes them again. Adds and removes
// are serialized: concurrent adds of one URL add it once. Fetching runs
// outside the lock, so a slow site does not hold up other adds. It is safe
// for concurrent use.
type Service struct {
	lib    Library
	store  *Store
	fetch  *Fetcher
	log    *slog.Logger
	now    func() time.Time
	shared ArticleLog

	mu     sync.Mutex
	byURL  map[string]string // normalized URL → source id
	byHash map[string]string // content hash → source id
}

// Result describes one add or remove.
type Result struct {
	// ID is the id of the added or removed source, or, for a duplicate,
	// of the source already holding the article.
	ID     string `json:"id"`
	Title  string `json:"title,omitempty"`
	Outlet string `json:"outlet,omitempty"`
	Author string `json:"author,omitempty"`
	Date   string `json:"date,omitempty"`
	URL    string `json:"url,omitempty"`
	Words  int    `json:"words"`
	// Quotes is how many quotations the ledger found in the source.
	Quotes int `json:"quotes"`
	// Duplicate is set when nothing was added because the library already
	// holds the article (ID names it); DuplicateReason says how it matched:
	// "same URL" or "same text".
	Duplicate       bool   `json:"duplicate,omitempty"`
	DuplicateReason string `json:"duplicate_reason,omitempty"`
	// Elapsed is how long the add or remove took.
	Elapsed time.Duration `json:"elapsed_ns"`
}

// New opens the article store under o.DataDir and returns a service on
// o.Library. Stored articles the library does not hold yet (because it was
// opened on the seeds alone) are added to it, so either wiring works:
// open the library on [Overlay] of the corpus and the store (preferred,
// the index then persists both), or on the corpus alone.
func New(ctx context.Context, o Options) (*Service, error) {
	if o.Library == nil {
		return nil, errors.New("ingest: no library")
	}
	if o.DataDir == "" {
		return nil, errors.New("ingest: adding articles needs a data directory (--data or PRIVACYBOT_DATA)")
	}
	st, err := OpenStore(filepath.Join(o.DataDir, ArticlesDir))
	if err != nil {
		return nil, err
	}
	s := &Service{lib: o.Library, store: st, fetch: o.Fetcher, log: o.Logger, now: o.Now, shared: o.Shared,
		byURL: map[string]string{}, byHash: map[string]string{}}
	if s.fetch == nil {
		s.fetch = NewFetcher(FetchConfig{})
	}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	if s.now == nil {
		s.now = time.Now
	}
	stored, warns, err := st.Load()
	if err != nil {
		return nil, err
	}
	for _, w := range warns {
		s.log.Warn("skipping stored article", "err", w.Error())
	}
	c := s.lib.Corpus()
	for _, src := range stored {
		if got, err := c.Get(src.ID); err == nil && got.ID == src.ID {
			continue
		}
		if err := s.lib.Add(ctx, src); err != nil {
			return nil, fmt.Errorf("ingest: load stored article %s: %w", src.ID, err)
		}
	}
	for _, src := range s.lib.Corpus().Sources {
		s.remember(src)
	}
	return s, nil
}

// Store returns the article store.
func (s *Service) Store() *Store { return s.store }

// Fetcher returns the fetcher the service uses.
func (s *Service) Fetcher() *Fetcher { return s.fetch }

func (s *Service) remember(src *corpus.Source, urls ...string) {
	if src.URL != "" {
		urls = append(urls, src.URL)
	}
	for _, u := range urls {
		if k := urlKey(u); k != "" {
			if _, ok := s.byURL[k]; !ok {
				s.byURL[k] = src.ID
			}
		}
	}
	if len(src.Paragraphs) > 0 {
		if h := ContentHash(src); s.byHash[h] == "" {
			s.byHash[h] = src.ID
		}
	}
}

func (s *Service) forget(id string) {
	for k, v := range s.byURL {
		if v == id {
			delete(s.byURL, k)
		}
	}
	for k, v := range s.byHash {
		if v == id {
			delete(s.byHash, k)
		}
	}
}

// Known returns the id of the source published at rawURL, if the library
// holds one.
func (s *Service) Known(rawURL string) (string, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	id, ok := s.byURL[urlKey(rawURL)]
	return id, ok
}

// IsURL reports whether ref names a URL rather than a file path.
func IsURL(ref string) bool { return strings.Contains(ref, "://") }

// Add adds the article at ref, an http(s) URL or a file path (.txt, .md
// with an optional metadata header, or .html), recording by as who added
// it. It stores the article under DATA/articles and adds it to the library
// incrementally. If the library already holds the article (the same URL,
// or the same text under another URL), it adds nothing and returns a
// Result with Duplicate set and ID naming the existing source; that is
// not an error. Errors wrap [ErrBadURL], [ErrBlockedAddress],
// [ErrTooLarge], [ErrContentType], [ErrTooManyRedirects], [ErrNoArticle]
// or a *[StatusError] when the page is at fault.
func (s *Service) Add(ctx context.Context, ref, by string) (Result, error) {
	return s.add(ctx, ref, by, nil)
}

// add is Add with metadata from a feed item that fills what the page lacks.
func (s *Service) add(ctx context.Context, ref, by string, hint *Article) (res Result, err error) {
	start := time.Now()
	by = clean(by)
	if by == "" {
		by = "unknown"
	}
	log := s.log.With("ref", ref, "by", by)
	defer func() {
		res.Elapsed = time.Since(start)
		switch {
		case err != nil:
			log.Warn("add failed", "err", err)
		case res.Duplicate:
			log.Info("article not added: duplicate", "duplicate_of", res.ID, "reason", res.DuplicateReason)
		default:
			log.Info("article added", "id", res.ID, "title", res.Title, "url", res.URL,
				"words", res.Words, "quotes", res.Quotes, "elapsed", res.Elapsed)
		}
	}()
	var art *Article
	var urls []string
	if IsURL(ref) {
		u, err := ParseURL(ref)
		if err != nil {
			return Result{}, err
		}
		s.mu.Lock()
		id, ok := s.byURL[urlKey(u.String())]
		if ok {
			res = s.duplicate(id, "same URL")
		}
		s.mu.Unlock()
		if ok {
			return res, nil
		}
		doc, err := s.fetch.Get(ctx, u.String(), Page)
		if err != nil {
			return Result{}, err
		}
		ct := doc.ContentType
		if doc.Charset != "" {
			ct += "; charset=" + doc.Charset
		}
		art, err = ExtractHTML(doc.Body, ct, doc.URL)
		if err != nil {
			return Result{}, fmt.Errorf("%s: %w", doc.URL.Redacted(), err)
		}
		urls = []string{u.String(), doc.URL.String()}
	} else {
		art, err = readArticleFile(ref)
		if err != nil {
			return Result{}, err
		}
	}
	if hint != nil {
		fill(&art.Title, hint.Title)
		fill(&art.Author, hint.Author)
		fill(&art.Date, hint.Date)
		fill(&art.Outlet, hint.Outlet)
	}
	return s.addArticle(ctx, art, by, urls)
}

func fill(dst *string, v string) {
	if *dst == "" {
		*dst = v
	}
}

// duplicate describes the source id that already holds an article. The
// caller must hold s.mu.
func (s *Service) duplicate(id, reason string) Result {
	r := Result{ID: id, Duplicate: true, DuplicateReason: reason}
	if src, err := s.lib.Corpus().Get(id); err == nil {
		r.Title, r.Outlet, r.URL = src.Title, src.Outlet, src.URL
	}
	return r
}

// addArticle stores and indexes one article under the lock.
func (s *Service) addArticle(ctx context.Context, art *Article, by string, urls []string) (Result, error) {
	text := Render(art, by, s.now())
	if err := corpus.CheckText(text); err != nil {
		return Result{}, fmt.Errorf("%w: %v", ErrNoArticle, err)
	}
	if len(text) > corpus.MaxSourceBytes {
		return Result{}, fmt.Errorf("%w: the article is %d bytes, over the %d-byte limit", ErrTooLarge, len(text), corpus.MaxSourceBytes)
	}
	src := corpus.ParseSource("article.txt", string(text))
	if len(src.Paragraphs) == 0 {
		return Result{}, fmt.Errorf("%w: the article has a title but no body", ErrNoArticle)
	}
	hash := ContentHash(src)
	id := NewID(src.Title, hash)
	src = corpus.ParseSource(id+".txt", string(text))
	if src.URL != "" {
		urls = append(urls, src.URL)
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	for _, u := range urls {
		if dup, ok := s.byURL[urlKey(u)]; ok {
			return s.duplicate(dup, "same URL"), nil
		}
	}
	if dup, ok := s.byHash[hash]; ok {
		return s.duplicate(dup, "same text"), nil
	}
	if err := ctx.Err(); err != nil {
		return Result{}, err
	}
	if err := s.shareAdd(ctx, id, text, by); err != nil {
		return Result{}, err
	}
	if _, err := s.store.Write(id, text); err != nil {
		s.unshare(ctx, id, by)
		return Result{}, err
	}
	if err := s.lib.Add(ctx, src); err != nil {
		s.unshare(ctx, id, by)
		// Undo both halves: the library may have indexed the source before
		// failing (to save its index, say), and the file must not come back
		// at the next start.
		if rerr := s.lib.Remove(context.WithoutCancel(ctx), id); rerr != nil && !errors.Is(rerr, corpus.ErrUnknownSource) {
			err = errors.Join(err, rerr)
		}
		if derr := s.store.Delete(id); derr != nil {
			err = errors.Join(err, derr)
		}
		return Result{}, fmt.Errorf("index article %s: %w", id, err)
	}
	s.remember(src, urls...)
	return Result{
		ID: id, Title: src.Title, Outlet: src.Outlet, Author: src.Author, Date: src.Date, URL: src.URL,
		Words: art.Words(), Quotes: s.quotes(id),
	}, nil
}

func (s *Service) quotes(id string) int {
	n := 0
	for _, q := range s.lib.Ledger().Quotes {
		if q.Source == id {
			n++
		}
	}
	return n
}

// Remove takes the added article ref (its id or an unambiguous id prefix)
// out of the library, the ledger and the index, deletes its file and logs
// by as who removed it. Errors wrap [corpus.ErrUnknownSource],
// [corpus.ErrAmbiguousSource] or, for a seed or --corpus article,
// [ErrNotAdded].
func (s *Service) Remove(ctx context.Context, ref, by string) (Result, error) {
	start := time.Now()
	by = clean(by)
	if by == "" {
		by = "unknown"
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	src, err := s.lib.Corpus().Get(ref)
	if err != nil {
		s.log.Warn("remove failed", "ref", ref, "by", by, "err", err)
		return Result{}, err
	}
	if !s.store.Has(src.ID) {
		err := fmt.Errorf("%w: %s is part of the corpus; remove its file from the corpus directory instead", ErrNotAdded, src.ID)
		s.log.Warn("remove failed", "ref", ref, "by", by, "err", err)
		return Result{}, err
	}
	if err := s.shareRemove(ctx, src.ID, by); err != nil {
		return Result{}, err
	}
	// Delete the file first: once it is gone the removal survives a crash,
	// and a restart rebuilds the library without it.
	if err := s.store.Delete(src.ID); err != nil {
		return Result{}, err
	}
	if err := s.lib.Remove(ctx, src.ID); err != nil {
		return Result{}, fmt.Errorf("remove %s from the index: %w", src.ID, err)
	}
	s.forget(src.ID)
	res := Result{ID: src.ID, Title: src.Title, Outlet: src.Outlet, Author: src.Author, Date: src.Date, URL: src.URL,
		Words: len(strings.Fields(src.Text[src.Body:])), Elapsed: time.Since(start)}
	s.log.Info("article removed", "id", src.ID, "title", src.Title, "url", src.URL, "by", by)
	return res, nil
}

// readArticleFile reads a local article: HTML is extracted like a web
// page; text and Markdown keep their metadata header or byline, and their
// body verbatim.
func readArticleFile(path string) (*Article, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("read article: %w", err)
	}
	if err := corpus.CheckRegular(info.Mode().Type()); err != nil {
		return nil, fmt.Errorf("read article %s: %w", path, err)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read article: %w", err)
	}
	defer f.Close()
	b, err := readLimited(f, DefaultMaxBytes)
	if err != nil {
		return nil, fmt.Errorf("read article %s: %w", path, err)
	}
	switch strings.ToLower(filepath.Ext(path)) {
	case ".html", ".htm", ".xhtml":
		a, err := ExtractHTML(b, "", nil)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		return a, nil
	}
	if err := corpus.CheckText(b); err != nil {
		return nil, fmt.Errorf("read article %s: %w", path, err)
	}
	src := corpus.ParseSource(filepath.Base(path), string(b))
	return &Article{Title: src.Title, Outlet: src.Outlet, Author: src.Author, Date: src.Date, URL: src.URL,
		Body: src.Text[src.Body:]}, nil
}

// urlKey normalizes a URL for duplicate detection: scheme and host
// lowercased, default port, fragment, trailing slash and utm_* tracking
// parameters dropped. It returns "" for anything that is not http(s).
func urlKey(raw string) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	host := strings.ToLower(u.Hostname())
	host = strings.TrimPrefix(host, "www.")
	if p := u.Port(); p != "" && !(p == "80" && u.Scheme == "http") && !(p == "443" && u.Scheme == "https") {
		host += ":" + p
	}
	q := u.Query()
	for k := range q {
		if strings.HasPrefix(strings.ToLower(k), "utm_") {
			q.Del(k)
		}
	}
	key := host + strings.TrimSuffix(u.EscapedPath(), "/")
	if enc := q.Encode(); enc != "" {
		key += "?" + enc
	}
	return key
}
