package flatfile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
)

// TempPrefix starts the name of every temporary file WriteAtomicFunc
// makes: TempPrefix, the base name of the file being saved, a dash and a
// random number. Names of that shape are what [RemoveStale] removes.
const TempPrefix = ".tmp-"

// tempName matches the temporary files of this package and the ones
// earlier versions made (ingest's store used hex suffixes).
var tempName = regexp.MustCompile(`^\.tmp-.+-[0-9a-f]+$`)

// WriteAtomic writes b to path atomically (see [WriteAtomicFunc]).
func WriteAtomic(path string, b []byte) error {
	return WriteAtomicFunc(path, func(w io.Writer) error {
		_, err := w.Write(b)
		return err
	})
}

// WriteAtomicFunc saves a file at path with the bytes write writes, so
// that a reader, or the next process after a crash, sees the old file or
// the new one, never part of one: write fills a temporary file in the
// same directory, which is fsynced, renamed over path, and the directory
// fsynced. The temporary file is locked (flock) while it exists, so that
// [RemoveStale] in another process leaves it alone; a crash releases the
// lock, and the next RemoveStale deletes the file.
func WriteAtomicFunc(path string, write func(io.Writer) error) (err error) {
	dir := filepath.Dir(path)
	f, err := createLocked(dir, TempPrefix+filepath.Base(path)+"-")
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			os.Remove(tmp)
		}
		// Closed after the rename: the lock guards the name until then.
		f.Close()
	}()
	if err := write(f); err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("sync %s: %w", tmp, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("rename into place: %w", err)
	}
	if err := SyncDir(dir); err != nil {
		return err
	}
	return nil
}

// createLocked creates a temporary file in dir, named prefix and a random
// number, with mode 0644 less the umask (as the files it replaces were
// made), and locks it. A RemoveStale that opened the file between its
// creation and the lock may have removed it: then the file is no longer
// linked under its name, and another is made.
func createLocked(dir, prefix string) (*os.File, error) {
	for range 100 {
		name := filepath.Join(dir, prefix+strconv.FormatUint(uint64(rand.Uint32()), 10))
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o644)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("create temporary file: %w", err)
		}
		locked, err := tryLock(f)
		if err != nil {
			f.Close()
			os.Remove(name)
			return nil, fmt.Errorf("lock temporary file: %w", err)
		}
		if locked && linked(f) {
			return f, nil
		}
		f.Close() // a RemoveStale holds it, and removes it
	}
	return nil, errors.New("create temporary file: no free name, or removed by a concurrent clean-up every time")
}

// linked reports whether f is still the file at its name.
func linked(f *os.File) bool {
	a, err := f.Stat()
	if err != nil {
		return false
	}
	b, err := os.Lstat(f.Name())
	return err == nil && os.SameFile(a, b)
}

// SyncDir fsyncs the directory dir, so that a rename or removal in it is
// durable.
func SyncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("sync directory: %w", err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("sync directory %s: %w", dir, err)
	}
	return nil
}

// RemoveStale deletes the temporary files that interrupted atomic writes
// left in dir (not in its subdirectories), and returns their names. A
// temporary file that a live writer holds, in this process or another,
// is locked and left alone: a killed process's locks are released by the
// kernel, so its files are removed at once, whatever its PID was. Where
// there is no flock (not unix), only files untouched for an hour go.
func RemoveStale(dir string) ([]string, error) {
	ents, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("remove stale temporary files: %w", err)
	}
	var removed []string
	var first error
	for _, e := range ents {
		if !e.Type().IsRegular() || !tempName.MatchString(e.Name()) {
			continue
		}
		ok, err := removeIfStale(filepath.Join(dir, e.Name()))
		if err != nil && first == nil {
			first = fmt.Errorf("remove stale temporary file: %w", err)
		}
		if ok {
			removed = append(removed, e.Name())
		}
	}
	if len(removed) > 0 {
		if err := SyncDir(dir); err != nil && first == nil {
			first = err
		}
	}
	return removed, first
}

// removeIfStale removes the temporary file p unless a writer holds it.
func removeIfStale(p string) (bool, error) {
	f, err := os.OpenFile(p, os.O_RDONLY|openFlags, 0)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil // renamed into place or removed meanwhile
	}
	if err != nil {
		return false, err
	}
	defer f.Close()
	if info, err := f.Stat(); err != nil || !info.Mode().IsRegular() {
		return false, err
	}
	stale, err := abandoned(f)
	if err != nil || !stale || !linked(f) {
		return false, err
	}
	// Removed while locked: a writer that created the file and had not
	// locked it yet sees it gone and makes another.
	if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return false, err
	}
	return true, nil
}
