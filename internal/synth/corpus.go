package synth

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"
)

// Corpus is the first N articles of a generator.
type Corpus struct {
	g *Generator
	n int

	once  sync.Once
	names []string // file names, sorted
	index map[string]int
}

// NewCorpus returns the first n articles of the generator for seed.
func NewCorpus(seed uint64, n int) *Corpus { return &Corpus{g: New(seed), n: n} }

// Len returns the number of articles.
func (c *Corpus) Len() int { return c.n }

// Generator returns the generator behind the corpus.
func (c *Corpus) Generator() *Generator { return c.g }

// Article returns article i.
func (c *Corpus) Article(i int) *Article { return c.g.Article(i) }

func (c *Corpus) init() {
	c.once.Do(func() {
		c.names = make([]string, c.n)
		c.index = make(map[string]int, c.n)
		for i := range c.n {
			c.names[i] = c.g.fileName(i)
			c.index[c.names[i]] = i
		}
		sort.Strings(c.names)
	})
}

// fileName is article i's name without generating its text.
func (g *Generator) fileName(i int) string {
	r := newRNG(g.seed, uint64(i))
	return fmt.Sprintf("%06d_%016x.txt", i, r.next())
}

// FS returns the corpus as a read-only file system whose root holds one
// .txt file per article. Files are generated when read, so the corpus
// costs no disk and, until read, no memory.
func (c *Corpus) FS() fs.FS { c.init(); return lazyFS{c} }

// WriteDir writes the corpus into dir, creating it, on all CPUs.
func (c *Corpus) WriteDir(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	var g errgroup.Group
	g.SetLimit(runtime.NumCPU())
	for i := range c.n {
		g.Go(func() error {
			a := c.g.Article(i)
			return os.WriteFile(filepath.Join(dir, a.Name), []byte(a.Text), 0o644)
		})
	}
	return g.Wait()
}

// lazyFS serves a Corpus as files. It implements fs.ReadDirFS,
// fs.ReadFileFS and fs.StatFS so that loaders need not open each file
// twice.
type lazyFS struct{ c *Corpus }

var modTime = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)

func (f lazyFS) Open(name string) (fs.File, error) {
	if name == "." {
		return &dirFile{c: f.c}, nil
	}
	b, err := f.ReadFile(name)
	if err != nil {
		return nil, err
	}
	return &file{name: name, r: bytes.NewReader(b), size: int64(len(b))}, nil
}

func (f lazyFS) ReadFile(name string) ([]byte, error) {
	i, ok := f.c.index[name]
	if !ok {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return []byte(f.c.g.Article(i).Text), nil
}

func (f lazyFS) Stat(name string) (fs.FileInfo, error) {
	if name == "." {
		return info{name: ".", dir: true}, nil
	}
	b, err := f.ReadFile(name)
	if err != nil {
		return nil, err
	}
	return info{name: name, size: int64(len(b))}, nil
}

func (f lazyFS) ReadDir(name string) ([]fs.DirEntry, error) {
	if name != "." {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrNotExist}
	}
	out := make([]fs.DirEntry, len(f.c.names))
	for i, n := range f.c.names {
		out[i] = entry{f.c, n}
	}
	return out, nil
}

type info struct {
	name string
	size int64
	dir  bool
}

func (i info) Name() string { return i.name }
func (i info) Size() int64  { return i.size }
func (i info) Mode() fs.FileMode {
	if i.dir {
		return fs.ModeDir | 0o555
	}
	return 0o444
}
func (i info) ModTime() time.Time { return modTime }
func (i info) IsDir() bool        { return i.dir }
func (i info) Sys() any           { return nil }

// entry is a directory entry; Info generates the article to learn its
// size, so listing the directory stays cheap.
type entry struct {
	c    *Corpus
	name string
}

func (e entry) Name() string               { return e.name }
func (e entry) IsDir() bool                { return false }
func (e entry) Type() fs.FileMode          { return 0 }
func (e entry) Info() (fs.FileInfo, error) { return lazyFS{e.c}.Stat(e.name) }

type file struct {
	name string
	r    *bytes.Reader
	size int64
}

func (f *file) Stat() (fs.FileInfo, error) { return info{name: f.name, size: f.size}, nil }
func (f *file) Read(p []byte) (int, error) { return f.r.Read(p) }
func (f *file) Close() error               { return nil }

type dirFile struct {
	c   *Corpus
	off int
}

func (d *dirFile) Stat() (fs.FileInfo, error) { return info{name: ".", dir: true}, nil }
func (d *dirFile) Read([]byte) (int, error) {
	return 0, &fs.PathError{Op: "read", Path: ".", Err: errors.New("is a directory")}
}
func (d *dirFile) Close() error { return nil }

func (d *dirFile) ReadDir(n int) ([]fs.DirEntry, error) {
	names := d.c.names[d.off:]
	if n > 0 && len(names) > n {
		names = names[:n]
	}
	if n > 0 && len(names) == 0 {
		return nil, io.EOF
	}
	d.off += len(names)
	out := make([]fs.DirEntry, len(names))
	for i, nm := range names {
		out[i] = entry{d.c, nm}
	}
	return out, nil
}
