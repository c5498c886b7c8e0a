package retrieval

import (
	"fmt"
	"hash"
	"hash/crc32"
	"io"
	"os"
)

// crcSectionReader reads one section of the index file and computes its
// CRC-32C over the bytes read since the last seek to the start, so that a
// section is checked while it is decoded instead of being read into memory
// first. chromem-go's import reads two bytes, seeks back to the start and
// then reads the whole stream.
type crcSectionReader struct {
	sec  *io.SectionReader
	s    indexSection
	h    hash.Hash32
	read int64 // bytes hashed since the last seek to the start
	pos  int64 // current offset; hashing follows only sequential reads
}

func newCRCSectionReader(f *os.File, s indexSection) *crcSectionReader {
	return &crcSectionReader{sec: io.NewSectionReader(f, s.Offset, s.Length), s: s, h: crc32.New(crcTable)}
}

// Read reads from the section, hashing what it reads.
func (r *crcSectionReader) Read(p []byte) (int, error) {
	n, err := r.sec.Read(p)
	if r.pos == r.read {
		r.h.Write(p[:n])
		r.read += int64(n)
	}
	r.pos += int64(n)
	return n, err
}

// Seek moves within the section; a seek to the start restarts the CRC.
func (r *crcSectionReader) Seek(off int64, whence int) (int64, error) {
	pos, err := r.sec.Seek(off, whence)
	if err != nil {
		return pos, err
	}
	r.pos = pos
	if pos == 0 {
		r.h.Reset()
		r.read = 0
	}
	return pos, nil
}

// check reads whatever of the section the decoder left unread and reports
// a checksum mismatch, or a section that could not be read whole.
func (r *crcSectionReader) check() error {
	if r.pos != r.read {
		// The decoder skipped around: hash the whole section afresh.
		r.h.Reset()
		r.read, r.pos = 0, 0
		if _, err := r.sec.Seek(0, io.SeekStart); err != nil {
			return fmt.Errorf("read index section %s: %w", r.s.Name, err)
		}
	}
	if _, err := io.Copy(io.Discard, r); err != nil {
		return fmt.Errorf("read index section %s: %w", r.s.Name, err)
	}
	if r.read != r.s.Length {
		return fmt.Errorf("read index section %s: %d of %d bytes", r.s.Name, r.read, r.s.Length)
	}
	if r.h.Sum32() != r.s.CRC {
		return fmt.Errorf("read index section %s: checksum mismatch", r.s.Name)
	}
	return nil
}
