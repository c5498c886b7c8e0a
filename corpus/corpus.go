package corpus

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"runtime"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"
	"unsafe"

	"github.com/privacybot/privacybot/internal/pool"
)

// ErrUnknownSource is returned when an id matches no source.
var ErrUnknownSource = errors.New("unknown source id")

// ErrAmbiguousSource is returned when an id prefix matches several sources.
var ErrAmbiguousSource = errors.New("ambiguous source id")

// MaxSourceBytes is the largest article file LoadFS accepts.
const MaxSourceBytes = 5 << 20

// Corpus is an ordered set of sources, sorted by id.
type Corpus struct {
	// Sources are the corpus's sources, sorted by id, each id once.
	Sources []*Source
	byID    map[string]*Source

	hashOnce sync.Once // a corpus never changes, so Hash is worked out once
	hash     string
}

// LoadWarning names a file that was skipped and why.
type LoadWarning struct {
	// File is the name of the skipped file.
	File string
	// Err is why it was skipped.
	Err error
}

// Error says which file was skipped and why.
func (w LoadWarning) Error() string { return fmt.Sprintf("skipping %s: %v", w.File, w.Err) }

// Unwrap returns the underlying reason.
func (w LoadWarning) Unwrap() error { return w.Err }

// LoadFS reads every .txt and .md file at the root of fsys. A file that cannot
// be read, is empty, is too large, or is not UTF-8 text is skipped and
// reported in the warnings, and so is one that is not a regular file (a
// FIFO, device, socket, or a link to one), which is never opened; the rest still load. An error is returned only
// when the directory itself cannot be listed.
func LoadFS(fsys fs.FS) (*Corpus, []LoadWarning, error) { return LoadFSReusing(fsys, nil) }

// LoadFSReusing is LoadFS taking, from saved, the parsed source of every
// file whose stamp is that of the saved source of the same name, instead of
// reading the file.
func LoadFSReusing(fsys fs.FS, saved map[string]*Source) (*Corpus, []LoadWarning, error) {
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, nil, fmt.Errorf("list corpus: %w", err)
	}
	var names []string
	var ents []fs.DirEntry
	var warns []LoadWarning
	for _, e := range entries {
		name := e.Name()
		ext := strings.ToLower(path.Ext(name))
		if e.IsDir() || (ext != ".txt" && ext != ".md") || strings.HasPrefix(name, ".") {
			continue
		}
		if err := notRegular(fsys, e); err != nil {
			warns = append(warns, LoadWarning{File: name, Err: err})
			continue
		}
		names = append(names, name)
		ents = append(ents, e)
	}
	// Reading and parsing (hashing, paragraphs) is most of a load's time
	// at 100,000 articles, so it runs on every CPU; results keep their order.
	read := make([]*Source, len(names))
	errs := make([]error, len(names))
	workers := min(runtime.GOMAXPROCS(0), max(1, len(names)/64))
	pool.Each(workers, len(names), func(i int) {
		if s := saved[names[i]]; s != nil {
			if info, err := ents[i].Info(); err == nil && StampOf(info) == s.Stamp {
				read[i] = s
				return
			}
		}
		read[i], errs[i] = readSource(fsys, names[i])
	})
	var srcs []*Source
	for i, name := range names {
		if errs[i] != nil {
			warns = append(warns, LoadWarning{File: name, Err: errs[i]})
			continue
		}
		srcs = append(srcs, read[i])
	}
	c, dups := NewCorpus(srcs)
	warns = append(warns, dups...)
	return c, warns, nil
}

// notRegular returns why the entry e at the root of fsys is not a regular
// file, or nil when it is one. It looks only at the directory entry and,
// for a symbolic link, at what the link points to; it never opens the file,
// since opening a FIFO blocks until something writes to it.
func notRegular(fsys fs.FS, e fs.DirEntry) error {
	t := e.Type()
	if t.IsRegular() {
		return nil
	}
	if t&fs.ModeSymlink == 0 {
		return CheckRegular(t)
	}
	info, err := fs.Stat(fsys, e.Name())
	if err != nil {
		return fmt.Errorf("read: %w", err)
	}
	if t = info.Mode().Type(); !t.IsRegular() {
		return fmt.Errorf("not a regular file: it links to a %s", fileKind(t))
	}
	return nil
}

// CheckRegular returns nil for a regular file's type and otherwise an error
// naming what it is ("not a regular file: it is a named pipe (FIFO)"). Check
// a file's type before opening it: opening a FIFO blocks until a writer
// comes.
func CheckRegular(t fs.FileMode) error {
	if t.IsRegular() {
		return nil
	}
	return fmt.Errorf("not a regular file: it is a %s", fileKind(t))
}

// fileKind names a file type in words.
func fileKind(t fs.FileMode) string {
	switch {
	case t&fs.ModeDir != 0:
		return "directory"
	case t&fs.ModeNamedPipe != 0:
		return "named pipe (FIFO)"
	case t&fs.ModeSocket != 0:
		return "socket"
	case t&fs.ModeCharDevice != 0:
		return "character device"
	case t&fs.ModeDevice != 0:
		return "device"
	case t&fs.ModeSymlink != 0:
		return "symbolic link"
	default:
		return "special file"
	}
}

func readSource(fsys fs.FS, name string) (*Source, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, fmt.Errorf("read: %w", err)
	}
	defer f.Close()
	size := int64(512)
	var stamp Stamp
	if info, err := f.Stat(); err == nil {
		if info.Size() > MaxSourceBytes {
			return nil, fmt.Errorf("file is %d bytes, over the %d-byte limit", info.Size(), MaxSourceBytes)
		}
		size = info.Size()
		stamp = StampOf(info) // before reading: a later write changes it
	}
	b, err := readAllSized(f, size)
	if err != nil {
		return nil, fmt.Errorf("read: %w", err)
	}
	if len(b) > MaxSourceBytes {
		return nil, fmt.Errorf("file is over the %d-byte limit", MaxSourceBytes)
	}
	if err := CheckText(b); err != nil {
		return nil, err
	}
	// b is never written again, so the text is its bytes, not a copy.
	src := ParseSource(name, unsafe.String(unsafe.SliceData(b), len(b)))
	if stamp.Size != int64(len(b)) {
		stamp = Stamp{} // changed while being read: not to be trusted
	}
	src.Stamp = stamp
	return src, nil
}

// CheckText reports why b cannot be an article: empty, binary, or not UTF-8.
func CheckText(b []byte) error {
	if len(bytes.TrimSpace(b)) == 0 {
		return errors.New("file is empty")
	}
	if !utf8.Valid(b) {
		return errors.New("file is not valid UTF-8 text")
	}
	if bytes.IndexByte(b, 0) >= 0 {
		return errors.New("file looks binary (it holds NUL bytes)")
	}
	return nil
}

// NewCorpus builds a corpus from parsed sources, sorted by id. A source whose
// id repeats an earlier one is dropped and reported.
func NewCorpus(srcs []*Source) (*Corpus, []LoadWarning) {
	sort.SliceStable(srcs, func(i, j int) bool { return srcs[i].ID < srcs[j].ID })
	c := &Corpus{byID: make(map[string]*Source, len(srcs))}
	var warns []LoadWarning
	for _, s := range srcs {
		if _, dup := c.byID[s.ID]; dup {
			warns = append(warns, LoadWarning{File: s.Name, Err: fmt.Errorf("another file already has id %q", s.ID)})
			continue
		}
		c.byID[s.ID] = s
		c.Sources = append(c.Sources, s)
	}
	return c, warns
}

// Get returns the source whose id is ref, or whose id starts with ref when
// exactly one does (so "001" finds "001_ec7be9d70c6859db"). Surrounding
// brackets, as in a citation "[001]", are ignored.
func (c *Corpus) Get(ref string) (*Source, error) {
	ref = strings.Trim(strings.TrimSpace(ref), "[]")
	if ref == "" {
		return nil, fmt.Errorf("%w: empty id", ErrUnknownSource)
	}
	if s, ok := c.byID[ref]; ok {
		return s, nil
	}
	var found []*Source
	for _, s := range c.Sources {
		if strings.HasPrefix(s.ID, ref) {
			found = append(found, s)
		}
	}
	switch len(found) {
	case 0:
		return nil, fmt.Errorf("%w: %q", ErrUnknownSource, ref)
	case 1:
		return found[0], nil
	default:
		return nil, fmt.Errorf("%w: %q matches %d sources", ErrAmbiguousSource, ref, len(found))
	}
}

// ByID returns the source whose id is exactly id.
func (c *Corpus) ByID(id string) (*Source, bool) {
	s, ok := c.byID[id]
	return s, ok
}

// Hash is a content hash of the whole corpus: it changes whenever any
// source's id or bytes change.
func (c *Corpus) Hash() string {
	c.hashOnce.Do(func() {
		h := sha256.New()
		var b []byte
		for _, s := range c.Sources {
			b = append(append(append(append(b[:0], s.ID...), 0), s.Hash...), 0)
			h.Write(b)
		}
		c.hash = hex.EncodeToString(h.Sum(nil))
	})
	return c.hash
}

// readAllSized reads r to its end, or to one byte past MaxSourceBytes,
// into a buffer sized for a file of size bytes.
func readAllSized(r io.Reader, size int64) ([]byte, error) {
	b := make([]byte, 0, min(size, MaxSourceBytes)+1)
	for {
		if len(b) == cap(b) {
			if len(b) > MaxSourceBytes {
				return b, nil
			}
			b = append(b, 0)[:len(b)]
		}
		n, err := r.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err == io.EOF {
			return b, nil
		}
		if err != nil {
			return nil, err
		}
	}
}
