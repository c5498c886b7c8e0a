package retrieval

import (
	"bufio"
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/privacybot/privacybot/internal/flatfile"
)

// The saved index is one file per embedder, so a reader can never pair the
// vectors of one build with the metadata of another:
//
//	indexMagic | sections | header | uint64 little-endian header length | indexMagic
//
// The sections are the BM25 index ("lexical", see bm25_persist.go), two
// chromem-go exports per vector shard, of its chunk vectors ("vectors/N")
// and of its article vectors ("articles/N", see vector_persist.go), and
// the corpus snapshot ("corpus/N", see corpus_snapshot.go).
// The header, at the end, says where each section is and its CRC-32C, so
// the shards are read and imported in parallel; it is framed by flatfile
// (varints and strings under a CRC-32C of its own, see persist_header.go).
// The sections follow one another with no gap, from the magic to the
// header, so every byte of the file is under a checksum or is a magic
// string that is compared. The file is written by flatfile.WriteAtomicFunc:
// a temporary file in the same directory, fsynced, renamed over the old
// one and the directory fsynced, so another process opening the directory
// sees the old file or the new one, never half of one. We do not use
// chromem's NewPersistentDB: it names each document's file by 4 bytes of
// a hash, and at ~100k documents two names collide and one silently
// overwrites the other.
const (
	indexMagic      = "PBIDX03\n"
	maxHeaderLength = 64 << 20
	trailerLength   = 8 + len(indexMagic)
)

// oldIndexMagics start the files of earlier formats: PBIDX01 (formats 1
// to 3: header first, one gzip'd export) and PBIDX02 (formats 4 to 7: a
// gob header without a checksum). They are rebuilt, as out of date.
var oldIndexMagics = []string{"PBIDX01\n", "PBIDX02\n"}

// errIndexMissing means there is no saved index yet.
var errIndexMissing = errors.New("no saved index")

// errIndexStale means the saved index is intact but was built from another
// corpus, ledger or embedder.
var errIndexStale = errors.New("saved index is out of date")

// errIndexOlder means the saved index was written by an older version of
// privacybot, in a format this one does not read. It is stale, not
// damaged, but unlike a corpus edit it deserves a word to the operator:
// [Library.Warnings] says it was rebuilt.
var errIndexOlder = fmt.Errorf("%w: saved by an older version of privacybot", errIndexStale)

// newSaveID returns a random SaveID.
func newSaveID() string {
	var b [16]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// indexFile returns where emb's index is saved in dir: the name is readable
// and carries a hash of the embedder name, so two names never share a file.
func indexFile(dir string, emb Embedder) string {
	name := emb.Name()
	safe := strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '.' {
			return r
		}
		return '_'
	}, name)
	if len(safe) > 64 {
		safe = safe[:64]
	}
	sum := sha256.Sum256([]byte(name))
	return filepath.Join(dir, "index-"+safe+"-"+hex.EncodeToString(sum[:4])+".pbidx")
}

// sectionWriter is one section of the index being written: written by
// write, or, when from is not nil, copied verbatim from section copy of
// the index file from.
type sectionWriter struct {
	name  string
	write func(io.Writer) error
	from  *os.File
	copy  indexSection
}

// saveIndex writes hdr and the sections to path atomically, filling in
// hdr.Sections.
func saveIndex(path string, hdr indexHeader, sections []sectionWriter) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("create index directory: %w", err)
	}
	if err := flatfile.WriteAtomicFunc(path, func(f io.Writer) error {
		return writeIndex(f, &hdr, sections)
	}); err != nil {
		return fmt.Errorf("save index: %w", err)
	}
	return nil
}

// writeIndex writes the whole index file to f.
func writeIndex(f io.Writer, hdr *indexHeader, sections []sectionWriter) error {
	bw := bufio.NewWriterSize(f, 1<<20)
	w := &countingWriter{w: bw}
	w.Write([]byte(indexMagic))
	hdr.Sections = nil
	for _, s := range sections {
		start := w.n
		if s.from != nil {
			if _, err := io.Copy(w, io.NewSectionReader(s.from, s.copy.Offset, s.copy.Length)); err != nil {
				return fmt.Errorf("copy index section %s: %w", s.name, err)
			}
			if w.n-start != s.copy.Length {
				return fmt.Errorf("copy index section %s: %d of %d bytes", s.name, w.n-start, s.copy.Length)
			}
			hdr.Sections = append(hdr.Sections, indexSection{Name: s.name, Offset: start, Length: w.n - start, CRC: s.copy.CRC})
			continue
		}
		h := crc32.New(crcTable)
		if err := s.write(io.MultiWriter(w, h)); err != nil {
			return fmt.Errorf("write index section %s: %w", s.name, err)
		}
		hdr.Sections = append(hdr.Sections, indexSection{Name: s.name, Offset: start, Length: w.n - start, CRC: h.Sum32()})
	}
	hb := encodeIndexHeader(hdr)
	w.Write(hb)
	binary.Write(w, binary.LittleEndian, uint64(len(hb)))
	w.Write([]byte(indexMagic))
	if w.err != nil {
		return fmt.Errorf("write index: %w", w.err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write index: %w", err)
	}
	return nil
}

var crcTable = crc32.MakeTable(crc32.Castagnoli)

// countingWriter counts what it writes and keeps the first error.
type countingWriter struct {
	w   io.Writer
	n   int64
	err error
}

func (c *countingWriter) Write(p []byte) (int, error) {
	if c.err != nil {
		return 0, c.err
	}
	n, err := c.w.Write(p)
	c.n += int64(n)
	c.err = err
	return n, err
}

// readIndexHeader opens path and reads its header, checking its CRC and
// that the sections cover the file up to the header with no gap. The
// caller closes the file.
func readIndexHeader(path string) (*os.File, indexHeader, error) {
	var hdr indexHeader
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, hdr, errIndexMissing
	}
	if err != nil {
		return nil, hdr, fmt.Errorf("open index: %w", err)
	}
	fail := func(err error) (*os.File, indexHeader, error) {
		f.Close()
		return nil, hdr, err
	}
	info, err := f.Stat()
	if err != nil {
		return fail(fmt.Errorf("stat index: %w", err))
	}
	size := info.Size()
	var head [len(indexMagic)]byte
	var tail [trailerLength]byte
	if size < int64(len(head)+len(tail)) {
		return fail(errors.New("read index header: file too short"))
	}
	if _, err := f.ReadAt(head[:], 0); err != nil {
		return fail(fmt.Errorf("read index header: %w", err))
	}
	if _, err := f.ReadAt(tail[:], size-int64(len(tail))); err != nil {
		return fail(fmt.Errorf("read index header: %w", err))
	}
	// An older file starts with an older magic; a file of this format
	// with a damaged magic still ends with this one (PBIDX01 differs from
	// PBIDX03 in one bit).
	if string(tail[8:]) != indexMagic && slices.Contains(oldIndexMagics, string(head[:])) {
		return fail(errIndexOlder)
	}
	if string(head[:]) != indexMagic || string(tail[8:]) != indexMagic {
		return fail(errors.New("read index header: not an index file of this version (bad magic)"))
	}
	n := binary.LittleEndian.Uint64(tail[:8])
	end := size - int64(len(tail))
	if n > maxHeaderLength || int64(n) > end-int64(len(head)) {
		return fail(fmt.Errorf("read index header: header length %d is out of range", n))
	}
	start := end - int64(n)
	hb := make([]byte, n)
	if _, err := f.ReadAt(hb, start); err != nil {
		return fail(fmt.Errorf("read index header: %w", err))
	}
	if hdr, err = decodeIndexHeader(hb); err != nil {
		return fail(fmt.Errorf("read index header: %w", err))
	}
	// The sections must tile the file from the magic to the header, so
	// that no byte lies outside every checksum.
	at := int64(len(head))
	for _, s := range hdr.Sections {
		if s.Offset != at || s.Length < 0 || s.Length > start-at {
			return fail(fmt.Errorf("read index header: section %s is out of place", s.Name))
		}
		at += s.Length
	}
	if at != start {
		return fail(fmt.Errorf("read index header: %d bytes between the sections and the header", start-at))
	}
	return f, hdr, nil
}

// readSection reads a section and checks its CRC.
func readSection(f *os.File, s indexSection) ([]byte, error) {
	b := make([]byte, s.Length)
	if err := readSectionInto(f, s, b); err != nil {
		return nil, err
	}
	return b, nil
}

// readSectionInto reads section s into b, which is as long as s, and
// checks its CRC.
func readSectionInto(f *os.File, s indexSection, b []byte) error {
	if _, err := f.ReadAt(b, s.Offset); err != nil {
		return fmt.Errorf("read index section %s: %w", s.Name, err)
	}
	if crc32.Checksum(b, crcTable) != s.CRC {
		return fmt.Errorf("read index section %s: checksum mismatch", s.Name)
	}
	return nil
}
