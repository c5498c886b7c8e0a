package ingest

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/url"
	"regexp"
	"strings"
	"unicode/utf8"

	readability "github.com/go-shiori/go-readability"
	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
)

// MinArticleWords is the fewest words of body text a page must yield to be
// accepted as an article.
const MinArticleWords = 50

// ErrNoArticle means a page yielded no article text: it is a front page, a
// list of links, a paywall or an empty script shell.
var ErrNoArticle = errors.New("no article text found")

// Article is an article ready to store: its metadata and body text.
type Article struct {
	Title  string
	Outlet string
	Author string
	// Date is the publication date as written, or YYYY-MM-DD when it was
	// read from page metadata.
	Date string
	URL  string
	// Body is the article text: paragraphs separated by blank lines.
	Body string
}

// Words returns the number of words in the body.
func (a *Article) Words() int { return len(strings.Fields(a.Body)) }

// ExtractHTML finds the article in an HTML page with readability and
// returns its metadata and body text. pageURL, which may be nil, resolves
// relative links and names the outlet when the page does not. contentType
// (which may be empty) gives the charset. Navigation, ads, share buttons
// and link lists are left out; a page with fewer than [MinArticleWords]
// words of article text wraps [ErrNoArticle].
func ExtractHTML(page []byte, contentType string, pageURL *url.URL) (*Article, error) {
	if len(bytes.TrimSpace(page)) == 0 {
		return nil, fmt.Errorf("%w: the page is empty", ErrNoArticle)
	}
	r, err := charset.NewReader(bytes.NewReader(page), contentType)
	if err != nil {
		return nil, fmt.Errorf("decode page: %w", err)
	}
	doc, err := html.Parse(r)
	if err != nil {
		return nil, fmt.Errorf("parse page: %w", err)
	}
	p := readability.NewParser()
	art, err := p.ParseDocument(doc, pageURL)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrNoArticle, err)
	}
	a := &Article{
		Title:  clean(art.Title),
		Outlet: clean(art.SiteName),
		Author: cleanByline(art.Byline),
	}
	if pageURL != nil {
		a.URL = pageURL.String()
		if a.Outlet == "" {
			a.Outlet = strings.TrimPrefix(pageURL.Hostname(), "www.")
		}
	}
	if art.PublishedTime != nil && !art.PublishedTime.IsZero() {
		a.Date = art.PublishedTime.Format("2006-01-02")
	}
	if art.Node != nil {
		a.Body = strings.Join(paragraphs(art.Node, a.Title), "\n\n")
	}
	if n := a.Words(); n < MinArticleWords {
		return nil, fmt.Errorf("%w: the page has %d words of article text, fewer than %d", ErrNoArticle, n, MinArticleWords)
	}
	return a, nil
}

// paragraphs renders the article node as plain-text paragraphs, one per
// block element, with whitespace collapsed. It skips navigation, forms,
// figures and scripts, paragraphs that are mostly link text, ad labels and
// share prompts, and a leading paragraph that repeats the title.
func paragraphs(n *html.Node, title string) []string {
	w := &textWalker{}
	w.walk(n)
	w.flush()
	out := w.paras[:0]
	for i, p := range w.paras {
		if i == 0 && strings.EqualFold(p.text, title) {
			continue
		}
		if p.links*2 > len(p.text) || boilerplateRe.MatchString(p.text) {
			continue
		}
		out = append(out, p)
	}
	texts := make([]string, len(out))
	for i, p := range out {
		texts[i] = p.text
	}
	return texts
}

var boilerplateRe = regexp.MustCompile(`(?i)^(advertisement|ad|sponsored( content)?|share( this)?( article| story)?|read more|related( articles| stories)?:?|continue reading|(sign up|subscribe)\b.{0,80})\.?$`)

type para struct {
	text  string
	links int // bytes of text inside links
}

type textWalker struct {
	paras  []para
	cur    strings.Builder
	links  int
	inLink int
}

var blockTags = map[string]bool{
	"p": true, "div": true, "section": true, "article": true, "main": true, "blockquote": true,
	"h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"li": true, "ul": true, "ol": true, "dl": true, "dt": true, "dd": true, "pre": true,
	"table": true, "tr": true, "td": true, "th": true, "br": true, "hr": true,
}

var skipTags = map[string]bool{
	"script": true, "style": true, "noscript": true, "template": true, "nav": true, "aside": true,
	"footer": true, "header": true, "form": true, "button": true, "select": true, "input": true,
	"textarea": true, "figure": true, "figcaption": true, "svg": true, "iframe": true, "object": true,
	"video": true, "audio": true, "canvas": true, "img": true,
}

func (w *textWalker) walk(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		w.cur.WriteString(n.Data)
		if w.inLink > 0 {
			w.links += len(strings.TrimSpace(n.Data))
		}
		return
	case html.ElementNode:
		if skipTags[n.Data] {
			return
		}
	case html.DocumentNode:
	default:
		return
	}
	block := n.Type == html.ElementNode && blockTags[n.Data]
	if block {
		w.flush()
	}
	if n.Data == "a" {
		w.inLink++
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.walk(c)
	}
	if n.Data == "a" {
		w.inLink--
	}
	if block {
		w.flush()
	}
}

func (w *textWalker) flush() {
	t := clean(w.cur.String())
	if t != "" {
		w.paras = append(w.paras, para{text: t, links: w.links})
	}
	w.cur.Reset()
	w.links = 0
}

// clean collapses runs of white space (including newlines) to one space.
func clean(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	return strings.Join(strings.Fields(s), " ")
}

var bylinePrefixRe = regexp.MustCompile(`(?i)^(written\s+)?by\s+`)

// cleanByline turns "By Jane Doe | Staff reporter" into "Jane Doe".
func cleanByline(s string) string {
	s = clean(s)
	s = bylinePrefixRe.ReplaceAllString(s, "")
	for _, sep := range []string{" | ", " - ", " — ", ", "} {
		if i := strings.Index(s, sep); i > 0 && !strings.Contains(s[:i], " and") {
			s = s[:i]
		}
	}
	if utf8.RuneCountInString(s) > 100 {
		return ""
	}
	return s
}

// readLimited reads r up to max bytes and wraps [ErrTooLarge] if there is more.
func readLimited(r io.Reader, max int64) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > max {
		return nil, fmt.Errorf("%w: over the %d-byte limit", ErrTooLarge, max)
	}
	return b, nil
}
