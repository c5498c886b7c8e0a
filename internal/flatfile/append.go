package flatfile

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// AppendLine appends line and a newline to the file at path, creating it
// (mode 0o600) if it does not exist, and fsyncs it before returning.
// line must not hold a newline.
//
// The line goes out in a single write(2) on a descriptor opened with
// O_APPEND. POSIX makes the move to the end of the file and the write one
// atomic step, and Linux holds the file's lock for the whole of a write to
// a regular file, so lines appended at once by goroutines or processes on
// a local file system never overwrite or interleave with each other (the
// PIPE_BUF limit concerns pipes, not regular files). Network file systems
// (NFS) do not keep that promise; several machines need a database.
//
// A crash or a full disk can still leave a partial last line. A reader
// skips a line that does not end in a newline, and the next AppendLine
// starts with a newline when the file does not end with one, so the
// partial line stays alone and the new line is whole.
func AppendLine(path string, line []byte) error {
	if bytes.IndexByte(line, '\n') >= 0 {
		return errors.New("append: the line holds a newline")
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return fmt.Errorf("append: %w", err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return fmt.Errorf("append: %w", err)
	}
	if !st.Mode().IsRegular() {
		return fmt.Errorf("append: %s is not a regular file", path)
	}
	buf := make([]byte, 0, len(line)+2)
	if st.Size() > 0 {
		var last [1]byte
		if _, err := f.ReadAt(last[:], st.Size()-1); err != nil && !errors.Is(err, io.EOF) {
			return fmt.Errorf("append: %w", err)
		}
		if last[0] != '\n' {
			buf = append(buf, '\n')
		}
	}
	buf = append(append(buf, line...), '\n')
	if _, err := f.Write(buf); err != nil {
		return fmt.Errorf("append to %s: %w", filepath.Base(path), err)
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("sync %s: %w", filepath.Base(path), err)
	}
	if st.Size() == 0 {
		// A new file's name is durable once its directory is synced.
		if d, err := os.Open(filepath.Dir(path)); err == nil {
			_ = d.Sync()
			d.Close()
		}
	}
	return f.Close()
}
