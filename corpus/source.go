package corpus

import (
	"crypto/sha256"
	"encoding/hex"
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/privacybot/privacybot/internal/chars"
)

// Source is one article of the corpus. Text holds the file exactly as stored,
// so every offset in a [Span] (or a quotation's offsets) indexes its bytes.
type Source struct {
	// ID is the file stem, such as "001_ec7be9d70c6859db".
	ID string
	// Name is the file name the source was loaded from.
	Name string
	// Title is the article's headline: the Title header, else its first line.
	Title string
	// Outlet is the publication (the Source header), when known.
	Outlet string
	// Author is the byline or Author header, when known.
	Author string
	// Section is the desk named in a byline such as "Economy | By Melissa Porter".
	Section string
	// Date is the publication date as written in the file.
	Date string
	// URL is where the article was published, when known.
	URL string
	// AddedBy names who added the article at run time, when it was added.
	AddedBy string
	// AddedAt is when the article was added at run time; zero for seeds.
	AddedAt time.Time
	// Text is the whole file, byte for byte.
	Text string
	// Body is the byte offset where the article body starts, after any header.
	Body int
	// Paragraphs are the body's paragraphs, in order, headline repeats excluded.
	Paragraphs []Span
	// Hash is the hex SHA-256 of Text.
	Hash string

	// Stamp is the file's stamp when it was read, before its bytes were;
	// zero for a source that was not read from a file system that gives
	// one.
	Stamp Stamp
}

// Span is a half-open byte range [Start, End) of a source's Text.
type Span struct {
	// Start is the offset of the span's first byte.
	Start int `json:"start"`
	// End is the offset just past its last byte.
	End int `json:"end"`
}

// Slice returns the text the span covers in s.
func (s *Source) Slice(sp Span) string { return s.Text[sp.Start:sp.End] }

// ParagraphAt returns the index of the paragraph holding byte offset off, or -1.
func (s *Source) ParagraphAt(off int) int {
	for i, p := range s.Paragraphs {
		if off >= p.Start && off < p.End {
			return i
		}
	}
	return -1
}

var (
	headerRe = regexp.MustCompile(`^(?i)(title|source|outlet|date|published|url|author|added-by|added-at)\s*:\s*(.*?)\s*$`)
	bylineRe = regexp.MustCompile(`^(?:(.{1,40}?)\s*\|\s*)?By\s+([A-Z][\p{L}.'’-]+(?:\s+(?:and\s+)?[A-Z][\p{L}.'’-]+){0,5})\s*$`)
)

// ParseSource builds a Source from a file's name and content: it reads the
// metadata header or byline, the title and the paragraphs. It does not check
// that text is valid UTF-8; [LoadFS] does.
func ParseSource(name, text string) *Source {
	s := &Source{Name: name, ID: stem(name), Text: text}
	sum := sha256.Sum256([]byte(text))
	s.Hash = hex.EncodeToString(sum[:])
	s.Body = s.parseHeader()
	s.splitParagraphs()
	return s
}

func stem(name string) string {
	if i := strings.LastIndexByte(name, '/'); i >= 0 {
		name = name[i+1:]
	}
	if i := strings.LastIndexByte(name, '.'); i > 0 {
		name = name[:i]
	}
	return name
}

// parseHeader reads metadata lines before the first blank line and returns
// the body offset. The block counts as a header only when every line in it
// is a key-value line or a byline.
func (s *Source) parseHeader() int {
	text := s.Text
	off := 0
	type kv struct{ k, v string }
	var found []kv
	section, author := "", ""
	for off < len(text) {
		end := strings.IndexByte(text[off:], '\n')
		next := len(text)
		if end >= 0 {
			next = off + end + 1
			end = off + end
		} else {
			end = len(text)
		}
		line := strings.TrimSpace(strings.TrimSuffix(text[off:end], "\r"))
		if line == "" {
			if len(found) == 0 && author == "" {
				return 0
			}
			for _, f := range found {
				s.setMeta(f.k, f.v)
			}
			if author != "" && s.Author == "" {
				s.Author = author
			}
			if section != "" {
				s.Section = section
			}
			return next
		}
		if m := headerRe.FindStringSubmatch(line); m != nil {
			found = append(found, kv{strings.ToLower(m[1]), m[2]})
		} else if m := bylineRe.FindStringSubmatch(line); m != nil {
			section, author = strings.TrimSpace(m[1]), m[2]
		} else {
			return 0
		}
		off = next
	}
	return 0
}

func (s *Source) setMeta(k, v string) {
	switch k {
	case "title":
		s.Title = v
	case "source", "outlet":
		s.Outlet = v
	case "date", "published":
		s.Date = v
	case "url":
		s.URL = v
	case "author":
		s.Author = v
	case "added-by":
		s.AddedBy = v
	case "added-at":
		if t, err := time.Parse(time.RFC3339, v); err == nil {
			s.AddedAt = t
		}
	}
}

// splitParagraphs splits the body into paragraphs. Blank lines always end a
// paragraph; a single newline ends one when the line before it ends a
// sentence or is short, so hard-wrapped text is joined back together. The
// first line is the headline when no Title header was given, and later
// paragraphs that repeat the headline are dropped.
func (s *Source) splitParagraphs() {
	text := s.Text
	var lines []Span
	for off := s.Body; off < len(text); {
		end := strings.IndexByte(text[off:], '\n')
		next := len(text)
		if end >= 0 {
			end, next = off+end, off+end+1
		} else {
			end = len(text)
		}
		lines = append(lines, trimSpan(text, Span{off, end}))
		off = next
	}
	var paras []Span
	cur := Span{-1, -1}
	flush := func() {
		if cur.Start >= 0 {
			paras = append(paras, cur)
		}
		cur = Span{-1, -1}
	}
	for _, l := range lines {
		if l.Start == l.End {
			flush()
			continue
		}
		if cur.Start >= 0 && endsParagraph(text[cur.Start:cur.End]) {
			flush()
		}
		if cur.Start < 0 {
			cur = l
		} else {
			cur.End = l.End
		}
	}
	flush()
	if len(paras) == 0 {
		return
	}
	if s.Title == "" {
		s.Title = strings.Join(strings.Fields(text[paras[0].Start:paras[0].End]), " ")
		paras = paras[1:]
	}
	title := normSpace(s.Title)
	titleRunes := utf8.RuneCountInString(strings.ReplaceAll(title, " ", ""))
	kept := paras[:0]
	for _, p := range paras {
		para := text[p.Start:p.End]
		if nonSpaceRunesAre(para, titleRunes) && normSpace(para) == title {
			continue
		}
		kept = append(kept, p)
	}
	s.Paragraphs = kept
}

// endsParagraph reports whether a line break after para ends the paragraph.
func endsParagraph(para string) bool {
	lastNL := strings.LastIndexByte(para, '\n')
	last := para[lastNL+1:]
	if len(last) < 50 {
		return true
	}
	r := strings.TrimRight(last, " \t")
	for _, suf := range []string{".", "?", "!", "\"", "”", "’", "'", ":", ")"} {
		if strings.HasSuffix(r, suf) {
			return true
		}
	}
	return false
}

func trimSpan(text string, sp Span) Span {
	for sp.Start < sp.End && chars.IsSpace(text[sp.Start]) {
		sp.Start++
	}
	for sp.End > sp.Start && chars.IsSpace(text[sp.End-1]) {
		sp.End--
	}
	return sp
}

// nonSpaceRunesAre reports whether s holds exactly n runes that are not
// white space: normSpace keeps those and maps each to one rune, so two
// texts that normalize alike hold as many. It stops reading past n.
func nonSpaceRunesAre(s string, n int) bool {
	c := 0
	for _, r := range s {
		if !unicode.IsSpace(r) {
			if c++; c > n {
				return false
			}
		}
	}
	return c == n
}

func normSpace(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }
