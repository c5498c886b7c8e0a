package ingest

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/privacybot/privacybot/corpus"
	"github.com/privacybot/privacybot/internal/flatfile"
)

// ArticlesDir is the folder of the data directory that holds added articles.
const ArticlesDir = "articles"

// tempPrefix starts the name of a file being written (by
// flatfile.WriteAtomicFunc). corpus.LoadFS skips dot files and the
// suffix is not .txt, so a temp file left by a crash is never loaded;
// [OpenStore] deletes them.
const tempPrefix = flatfile.TempPrefix

// Store keeps added articles as text files with a metadata header, one
// file per article named ID.txt, in one directory. Writes are atomic: a
// crash leaves the whole file or none of it. A Store does no locking of
// its own; [Service] serializes writes.
type Store struct {
	dir string
	// hook, when set by tests, is called at named points of a write.
	hook func(stage string)
}

// OpenStore opens (creating it if needed) the article directory dir and
// deletes temporary files that an interrupted write left behind, but not
// those another live process is writing.
func OpenStore(dir string) (*Store, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("open article store: %w", err)
	}
	// A write in progress in another process (serve while add runs) is
	// locked and left alone.
	if _, err := flatfile.RemoveStale(dir); err != nil {
		return nil, fmt.Errorf("open article store: %w", err)
	}
	return &Store{dir: dir}, nil
}

// Dir returns the directory the store writes to.
func (s *Store) Dir() string { return s.dir }

// FS returns the stored articles as a file system, for [corpus.LoadFS]
// or [Overlay].
func (s *Store) FS() fs.FS { return os.DirFS(s.dir) }

// Has reports whether an article with this id is stored.
func (s *Store) Has(id string) bool {
	_, err := os.Stat(filepath.Join(s.dir, id+".txt"))
	return err == nil
}

// Write stores text as the article id and makes it durable: it writes a
// temporary file, syncs it, renames it to ID.txt and syncs the directory.
// An existing article with the same id is replaced.
func (s *Store) Write(id string, text []byte) (path string, err error) {
	if !validID(id) {
		return "", fmt.Errorf("store article: invalid id %q", id)
	}
	final := filepath.Join(s.dir, id+".txt")
	err = flatfile.WriteAtomicFunc(final, func(f io.Writer) error {
		half := len(text) / 2
		if _, err := f.Write(text[:half]); err != nil {
			return fmt.Errorf("write: %w", err)
		}
		s.at("half-written")
		if _, err := f.Write(text[half:]); err != nil {
			return fmt.Errorf("write: %w", err)
		}
		s.at("before-rename")
		return nil
	})
	if err != nil {
		return "", fmt.Errorf("store article: %w", err)
	}
	s.at("renamed")
	return final, nil
}

// Delete removes the article id and syncs the directory. Deleting an
// article that is not stored is not an error.
func (s *Store) Delete(id string) error {
	if !validID(id) {
		return fmt.Errorf("delete article: invalid id %q", id)
	}
	err := os.Remove(filepath.Join(s.dir, id+".txt"))
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("delete article: %w", err)
	}
	if err := flatfile.SyncDir(s.dir); err != nil {
		return fmt.Errorf("delete article: %w", err)
	}
	return nil
}

// Load parses every stored article; unreadable files are reported in the
// warnings, as by [corpus.LoadFS].
func (s *Store) Load() ([]*corpus.Source, []corpus.LoadWarning, error) {
	c, warns, err := corpus.LoadFS(s.FS())
	if err != nil {
		return nil, nil, err
	}
	return c.Sources, warns, nil
}

func (s *Store) at(stage string) {
	if s.hook != nil {
		s.hook(stage)
	}
}

// Render writes an article as a source file: a metadata header that
// [corpus.ParseSource] reads (Title, Source, Author, Date, URL,
// Added-By, Added-At; empty fields left out, each value on one line), a
// blank line, then the body.
func Render(a *Article, by string, at time.Time) []byte {
	var b strings.Builder
	field := func(k, v string) {
		if v = clean(v); v != "" {
			b.WriteString(k + ": " + v + "\n")
		}
	}
	field("Title", a.Title)
	field("Source", a.Outlet)
	field("Author", a.Author)
	field("Date", a.Date)
	field("URL", a.URL)
	field("Added-By", by)
	field("Added-At", at.UTC().Format(time.RFC3339))
	b.WriteString("\n")
	b.WriteString(strings.Trim(normalizeNewlines(a.Body), "\n"))
	b.WriteString("\n")
	return []byte(b.String())
}

func normalizeNewlines(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.ReplaceAll(s, "\r", "\n")
}

// ContentHash identifies an article's text regardless of its header and
// layout: the hex SHA-256 of its body paragraphs (headline excluded) with
// white space collapsed. Two copies of one story, stored under different
// URLs or wrapped differently, hash the same.
func ContentHash(src *corpus.Source) string {
	h := sha256.New()
	for _, p := range src.Paragraphs {
		for _, w := range strings.Fields(src.Slice(p)) {
			h.Write([]byte(w))
			h.Write([]byte{' '})
		}
	}
	return hex.EncodeToString(h.Sum(nil))
}

// NewID returns the stable id of an article: a slug of up to five words of
// its title and the first 10 hex digits of its content hash, such as
// "ico-fines-clearview-ai-7f3a9c21d0". Ids of added articles never look
// like seed ids ("001_…").
func NewID(title, contentHash string) string {
	slug := Slug(title, 5, 40)
	if slug == "" {
		slug = "article"
	}
	return slug + "-" + contentHash[:10]
}

// Slug lowercases s, drops accents and punctuation and joins up to
// maxWords words with hyphens, in at most maxLen bytes.
func Slug(s string, maxWords, maxLen int) string {
	s = norm.NFKD.String(strings.ToLower(s))
	var words []string
	var cur strings.Builder
	end := func() {
		if cur.Len() > 0 {
			words = append(words, cur.String())
			cur.Reset()
		}
	}
	for _, r := range s {
		switch {
		case r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			cur.WriteRune(r)
		case unicode.Is(unicode.Mn, r), r == '\'', r == '’':
			// accents and apostrophes join the word
		default:
			end()
		}
	}
	end()
	var out string
	for i, w := range words {
		if i == maxWords || len(out)+len(w)+1 > maxLen {
			break
		}
		if out != "" {
			out += "-"
		}
		out += w
	}
	return out
}

func validID(id string) bool {
	if id == "" || len(id) > 100 || strings.HasPrefix(id, ".") {
		return false
	}
	for _, r := range id {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
			return false
		}
	}
	return true
}
