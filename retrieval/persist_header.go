package retrieval

import (
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/privacybot/privacybot/internal/flatfile"
)

// The index header is a flatfile (see internal/flatfile): headerMagic, an
// empty key, then the fields of indexHeader in order as unsigned varints
// and length-prefixed strings (Counts as a count and sorted name, count
// pairs; Sections as a count and name, offset, length, CRC tuples), and a
// CRC-32C of all of it. The sections have CRCs of their own, so the header's
// covers only its own bytes.
const (
	headerMagic = "PBHDR\n"
	indexFormat = 8
)

// errBadHeader is wrapped by every decoding error of an index header.
var errBadHeader = errors.New("damaged index header")

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

// indexSection is where one section is in the file.
type indexSection struct {
	Name   string
	Offset int64
	Length int64
	CRC    uint32 // CRC-32C (Castagnoli)
}

// encodeIndexHeader returns the header as it is saved.
func encodeIndexHeader(h *indexHeader) []byte {
	b := make([]byte, 0, 256+len(h.State)+32*len(h.Sections))
	num := func(n int64) { b = binary.AppendUvarint(b, uint64(n)) }
	str := func(s string) { b = flatfile.AppendString(b, s) }
	num(int64(h.Format))
	str(h.Embedder)
	str(h.CorpusHash)
	str(h.ChunkHash)
	kinds := make([]string, 0, len(h.Counts))
	for k := range h.Counts {
		kinds = append(kinds, k)
	}
	slices.Sort(kinds)
	num(int64(len(kinds)))
	for _, k := range kinds {
		str(k)
		num(int64(h.Counts[k]))
	}
	b = binary.AppendUvarint(b, uint64(len(h.State)))
	b = append(b, h.State...)
	num(int64(h.Dim))
	num(int64(h.Shards))
	num(int64(len(h.Sections)))
	for _, s := range h.Sections {
		str(s.Name)
		num(s.Offset)
		num(s.Length)
		num(int64(s.CRC))
	}
	str(h.SaveID)
	return flatfile.Seal(headerMagic, "", b)
}

// decodeIndexHeader decodes a header that encodeIndexHeader made, checking
// its CRC first. Its State is a slice of b.
func decodeIndexHeader(b []byte) (indexHeader, error) {
	var h indexHeader
	r, err := flatfile.Open(b, headerMagic, "", errBadHeader)
	if errors.Is(err, flatfile.ErrStale) {
		return h, fmt.Errorf("%w: unexpected key", errBadHeader)
	}
	if err != nil {
		return h, err
	}
	str := func() string { return strings.Clone(r.View()) }
	h.Format = r.Num()
	h.Embedder = str()
	h.CorpusHash = str()
	h.ChunkHash = str()
	if n := r.Count(2); n > 0 {
		h.Counts = make(map[string]int, n)
		for range n {
			k := str()
			h.Counts[k] = r.Num()
		}
	}
	h.State = r.Bytes()
	h.Dim = r.Num()
	h.Shards = r.Num()
	if n := r.Count(4); n > 0 {
		h.Sections = make([]indexSection, n)
		for i := range h.Sections {
			s := &h.Sections[i]
			s.Name = str()
			s.Offset = int64(r.Num())
			s.Length = int64(r.Num())
			if crc := r.Num(); crc > 1<<32-1 {
				r.Fail("CRC %d is out of range", crc)
			} else {
				s.CRC = uint32(crc)
			}
		}
	}
	h.SaveID = str()
	if err := r.End(); err != nil {
		return indexHeader{}, err
	}
	return h, nil
}
