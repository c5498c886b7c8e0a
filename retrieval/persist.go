package retrieval

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/gob"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// The saved index is one file per embedder, so a reader can never pair the
// vectors of one build with the metadata of another:
//
//	indexMagic | uint64 little-endian header length | gob(indexHeader) | chromem-go export (gzip'd gob; see vector_persist.go)
//
// It is written to a temporary file in the same directory, fsynced, renamed
// over the old one and the directory fsynced, so another process opening the
// directory sees the old file or the new one, never half of one. We do not
// use chromem's NewPersistentDB: it names each document's file by 4 bytes of
// a hash, and at ~100k documents two names collide and one silently
// overwrites the other.
const (
	indexMagic      = "PBIDX01\n"
	indexFormat     = 3
	maxHeaderLength = 256 << 20
)

// errIndexMissing means there is no saved index yet.
var errIndexMissing = errors.New("no saved index")

// errIndexStale means the saved index is intact but was built from another
// corpus, ledger or embedder.
var errIndexStale = errors.New("saved index is out of date")

// indexHeader is saved in front of the vectors.
type indexHeader struct {
	Format     int
	Embedder   string
	CorpusHash string
	ChunkHash  string
	// Counts is the number of chunks of each kind ("paragraph", "quote").
	Counts map[string]int
	// State is the embedder's fitted state (FittedEmbedder.MarshalState).
	State []byte
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

// saveIndex writes hdr and the vectors of v to path atomically.
func saveIndex(path string, hdr indexHeader, v *vectorIndex) (err error) {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("create index directory: %w", err)
	}
	var hb bytes.Buffer
	if err := gob.NewEncoder(&hb).Encode(hdr); err != nil {
		return fmt.Errorf("encode index header: %w", err)
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
	w := bufio.NewWriterSize(f, 1<<20)
	w.WriteString(indexMagic)
	binary.Write(w, binary.LittleEndian, uint64(hb.Len()))
	w.Write(hb.Bytes())
	if err := v.writeVectors(w); err != nil {
		return fmt.Errorf("write index: %w", err)
	}
	if err := w.Flush(); err != nil {
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

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}

// readIndexHeader opens path and reads its header. It returns the open
// file and the offset of the vectors; the caller closes the file.
func readIndexHeader(path string) (*os.File, indexHeader, int64, error) {
	var hdr indexHeader
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, hdr, 0, errIndexMissing
	}
	if err != nil {
		return nil, hdr, 0, fmt.Errorf("open index: %w", err)
	}
	fail := func(err error) (*os.File, indexHeader, int64, error) {
		f.Close()
		return nil, hdr, 0, err
	}
	var pre [len(indexMagic) + 8]byte
	if _, err := io.ReadFull(f, pre[:]); err != nil {
		return fail(fmt.Errorf("read index header: %w", err))
	}
	if string(pre[:len(indexMagic)]) != indexMagic {
		return fail(errors.New("read index header: not an index file (bad magic)"))
	}
	n := binary.LittleEndian.Uint64(pre[len(indexMagic):])
	if n > maxHeaderLength {
		return fail(fmt.Errorf("read index header: header length %d is too large", n))
	}
	if err := gob.NewDecoder(io.LimitReader(f, int64(n))).Decode(&hdr); err != nil {
		return fail(fmt.Errorf("decode index header: %w", err))
	}
	return f, hdr, int64(len(pre)) + int64(n), nil
}

// loadIndex reads the index at path, checking that it was built by emb
// from the expected corpus and chunks. It returns errIndexMissing or
// errIndexStale (wrapped) when the file is absent or out of date, and any
// other error when the file is damaged.
func loadIndex(path string, emb Embedder, corpusHash, chunkHash string, counts map[string]int, ids map[string][]string, link func(id string, vec []float32)) (hdr indexHeader, v *vectorIndex, err error) {
	defer func() {
		// Decoding a damaged file must never take the process down.
		if r := recover(); r != nil {
			hdr, v, err = indexHeader{}, nil, fmt.Errorf("decode index: panic: %v", r)
		}
	}()
	f, hdr, off, err := readIndexHeader(path)
	if err != nil {
		return hdr, nil, err
	}
	defer f.Close()
	switch {
	case hdr.Format != indexFormat:
		return hdr, nil, fmt.Errorf("%w: format %d, want %d", errIndexStale, hdr.Format, indexFormat)
	case hdr.Embedder != emb.Name():
		return hdr, nil, fmt.Errorf("%w: built by embedder %q, want %q", errIndexStale, hdr.Embedder, emb.Name())
	case hdr.CorpusHash != corpusHash:
		return hdr, nil, fmt.Errorf("%w: the corpus changed", errIndexStale)
	case hdr.ChunkHash != chunkHash:
		return hdr, nil, fmt.Errorf("%w: the paragraphs or quotes changed", errIndexStale)
	}
	info, err := f.Stat()
	if err != nil {
		return hdr, nil, fmt.Errorf("stat index: %w", err)
	}
	v, err = readVectors(io.NewSectionReader(f, off, info.Size()-off), emb, ids, link)
	if err != nil {
		return hdr, nil, err
	}
	for _, k := range kinds {
		if got, want := v.count(k), counts[k.String()]; got != want || hdr.Counts[k.String()] != want {
			return hdr, nil, fmt.Errorf("index holds %d %s vectors (header says %d), want %d", got, k, hdr.Counts[k.String()], want)
		}
	}
	return hdr, v, nil
}
