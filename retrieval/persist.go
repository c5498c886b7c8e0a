package retrieval

import (
	"bufio"
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"encoding/gob"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// The saved index is one file per embedder, so a reader can never pair the
// vectors of one build with the metadata of another:
//
//	indexMagic | sections | gob(indexHeader) | uint64 little-endian header length | indexMagic
//
// The sections are the BM25 index ("lexical", see bm25_persist.go), two
// chromem-go exports per vector shard, of its chunk vectors ("vectors/N")
// and of its article vectors ("articles/N", see vector_persist.go), and
// the corpus snapshot ("corpus/N", see corpus_snapshot.go).
// The header, at the end, says where each section is and its CRC-32C, so
// the shards are read and imported in parallel and a damaged byte anywhere
// is caught. The file is written to a temporary file in the same
// directory, fsynced, renamed over the old one and the directory fsynced,
// so another process opening the directory sees the old file or the new
// one, never half of one. We do not use chromem's NewPersistentDB: it names
// each document's file by 4 bytes of a hash, and at ~100k documents two
// names collide and one silently overwrites the other.
const (
	indexMagic      = "PBIDX02\n"
	oldIndexMagic   = "PBIDX01\n" // formats 1 to 3: header first, one gzip'd export
	indexFormat     = 7
	maxHeaderLength = 64 << 20
	trailerLength   = 8 + len(indexMagic)
)

// errIndexMissing means there is no saved index yet.
var errIndexMissing = errors.New("no saved index")

// errIndexStale means the saved index is intact but was built from another
// corpus, ledger or embedder.
var errIndexStale = errors.New("saved index is out of date")

// indexHeader is saved after the sections.
type indexHeader struct {
	Format     int
	Embedder   string
	CorpusHash string
	ChunkHash  string
	// Counts is the number of chunks of each kind ("paragraph", "quote").
	Counts map[string]int
	// State is the embedder's fitted state (FittedEmbedder.MarshalState).
	State []byte
	// Dim is the length of every vector.
	Dim int
	// Shards is the number of vector shards.
	Shards int
	// Sections lists the file's sections in order.
	Sections []indexSection
	// SaveID is a random name of this save, so that a library can tell
	// that the file is still the one it wrote and copy unchanged shards
	// from it.
	SaveID string
}

// newSaveID returns a random SaveID.
func newSaveID() string {
	var b [16]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// indexSection is where one section is in the file.
type indexSection struct {
	Name   string
	Offset int64
	Length int64
	CRC    uint32 // CRC-32C (Castagnoli)
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
func saveIndex(path string, hdr indexHeader, sections []sectionWriter) (err error) {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("create index directory: %w", err)
	}
	f, err := os.CreateTemp(dir, ".tmp-"+filepath.Base(path)+"-*")
	if err != nil {
		return fmt.Errorf("create temporary index file: %w", err)
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	w := &countingWriter{w: bufio.NewWriterSize(f, 1<<20)}
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
	var hb bytes.Buffer
	if err := gob.NewEncoder(&hb).Encode(hdr); err != nil {
		return fmt.Errorf("encode index header: %w", err)
	}
	w.Write(hb.Bytes())
	binary.Write(w, binary.LittleEndian, uint64(hb.Len()))
	w.Write([]byte(indexMagic))
	if w.err != nil {
		return fmt.Errorf("write index: %w", w.err)
	}
	if err := w.w.(*bufio.Writer).Flush(); err != nil {
		return fmt.Errorf("write index: %w", err)
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("sync index: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("close index: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("rename index into place: %w", err)
	}
	if err := syncDir(dir); err != nil {
		return fmt.Errorf("sync index directory: %w", err)
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

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}

// readIndexHeader opens path and reads its header, checking that every
// section lies inside the file. The caller closes the file.
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
	if string(head[:]) == oldIndexMagic {
		return fail(fmt.Errorf("%w: saved by an older version of privacybot", errIndexStale))
	}
	if string(head[:]) != indexMagic || string(tail[8:]) != indexMagic {
		return fail(errors.New("read index header: not an index file of this version (bad magic)"))
	}
	n := binary.LittleEndian.Uint64(tail[:8])
	end := size - int64(len(tail))
	if n > maxHeaderLength || int64(n) > end-int64(len(head)) {
		return fail(fmt.Errorf("read index header: header length %d is out of range", n))
	}
	if err := gob.NewDecoder(io.NewSectionReader(f, end-int64(n), int64(n))).Decode(&hdr); err != nil {
		return fail(fmt.Errorf("decode index header: %w", err))
	}
	for _, s := range hdr.Sections {
		if s.Offset < int64(len(head)) || s.Length < 0 || s.Offset+s.Length > end-int64(n) {
			return fail(fmt.Errorf("read index header: section %s is out of range", s.Name))
		}
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
