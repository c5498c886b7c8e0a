package ingest

import (
	"errors"
	"io"
	"io/fs"
	"sort"
	"time"
)

// Overlay returns a file system whose root lists the root files of base
// (the seeds or --corpus directory) and of added (the articles folder) as
// one directory, so [retrieval.Open] loads and indexes both in one pass.
// A name present in both resolves to base. Only the root is merged;
// subdirectories are served from whichever layer holds them.
func Overlay(base, added fs.FS) fs.FS { return &overlay{layers: []fs.FS{base, added}} }

type overlay struct{ layers []fs.FS }

var (
	_ fs.ReadDirFS  = (*overlay)(nil)
	_ fs.StatFS     = (*overlay)(nil)
	_ fs.ReadFileFS = (*overlay)(nil)
)

func (o *overlay) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	if name == "." {
		ents, err := o.ReadDir(".")
		if err != nil {
			return nil, err
		}
		return &rootDir{ents: ents}, nil
	}
	return first(o.layers, name, "open", func(l fs.FS) (fs.File, error) { return l.Open(name) })
}

func (o *overlay) ReadFile(name string) ([]byte, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "readfile", Path: name, Err: fs.ErrInvalid}
	}
	return first(o.layers, name, "readfile", func(l fs.FS) ([]byte, error) { return fs.ReadFile(l, name) })
}

func (o *overlay) Stat(name string) (fs.FileInfo, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "stat", Path: name, Err: fs.ErrInvalid}
	}
	if name == "." {
		return rootInfo{}, nil
	}
	return first(o.layers, name, "stat", func(l fs.FS) (fs.FileInfo, error) { return fs.Stat(l, name) })
}

// ReadDir merges the layers at the root; elsewhere it reads the first
// layer that has the directory. A layer whose root is missing (no article
// added yet) counts as empty.
func (o *overlay) ReadDir(name string) ([]fs.DirEntry, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrInvalid}
	}
	if name != "." {
		return first(o.layers, name, "readdir", func(l fs.FS) ([]fs.DirEntry, error) { return fs.ReadDir(l, name) })
	}
	seen := map[string]bool{}
	var out []fs.DirEntry
	for _, l := range o.layers {
		ents, err := fs.ReadDir(l, ".")
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, err
		}
		for _, e := range ents {
			if !seen[e.Name()] {
				seen[e.Name()] = true
				out = append(out, e)
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name() < out[j].Name() })
	return out, nil
}

// first returns the result of the first layer that has name.
func first[T any](layers []fs.FS, name, op string, f func(fs.FS) (T, error)) (T, error) {
	var zero T
	for _, l := range layers {
		v, err := f(l)
		if err == nil {
			return v, nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return zero, err
		}
	}
	return zero, &fs.PathError{Op: op, Path: name, Err: fs.ErrNotExist}
}

type rootInfo struct{}

func (rootInfo) Name() string       { return "." }
func (rootInfo) Size() int64        { return 0 }
func (rootInfo) Mode() fs.FileMode  { return fs.ModeDir | 0o555 }
func (rootInfo) ModTime() time.Time { return time.Time{} }
func (rootInfo) IsDir() bool        { return true }
func (rootInfo) Sys() any           { return nil }

// rootDir is the merged root opened as a directory.
type rootDir struct {
	ents []fs.DirEntry
	off  int
}

func (d *rootDir) Stat() (fs.FileInfo, error) { return rootInfo{}, nil }
func (d *rootDir) Read([]byte) (int, error) {
	return 0, &fs.PathError{Op: "read", Path: ".", Err: errors.New("is a directory")}
}
func (d *rootDir) Close() error { return nil }

func (d *rootDir) ReadDir(n int) ([]fs.DirEntry, error) {
	rest := d.ents[d.off:]
	if n <= 0 {
		d.off = len(d.ents)
		return rest, nil
	}
	if len(rest) == 0 {
		return nil, io.EOF
	}
	if n > len(rest) {
		n = len(rest)
	}
	d.off += n
	return rest[:n], nil
}
