package retrieval

import (
	"bufio"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"hash"
	"hash/crc32"
	"io"
	"math"
	"slices"

	"github.com/philippgille/chromem-go"
)

// The vectors are saved in a flat binary form rather than with chromem-go's
// export: its gob and gzip stream took most of the time of opening a saved
// index (3.6 s of 10 s for 10,000 articles) and of saving one, because gob
// writes each float32 as a variable-length float64. Loading the flat form
// is a sequential read and one AddDocument per vector; the vectors stay in
// chromem-go collections.
//
// After the header, for each collection:
//
//	uvarint len(name) | name | uint64 count | uint32 dim |
//	count × (uvarint len(id) | id | dim × float32 little-endian)
//
// and a final uvarint 0 (an empty name) ends the stream, followed by the
// CRC-32C of everything before it, so that damage is noticed and the index
// rebuilt.

// maxSavedDim bounds the vector length a saved index may claim.
const maxSavedDim = 1 << 16

// collectionIDs lists, by collection name, the ids of every vector the
// library stores, sorted, so that the saved file is deterministic.
func (l *Library) collectionIDs() map[string][]string {
	ids := map[string][]string{}
	for _, c := range l.chunks {
		n := collectionName(l.emb, c.kind)
		ids[n] = append(ids[n], c.id)
	}
	if l.vec.arts != nil {
		n := articleCollectionName(l.emb)
		for _, s := range l.corpus.Sources {
			if len(l.bySource[s.ID]) > 0 {
				ids[n] = append(ids[n], s.ID)
			}
		}
	}
	for _, v := range ids {
		slices.Sort(v)
	}
	return ids
}

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// summed writes to w and hashes what it writes.
type summed struct {
	w io.Writer
	h hash.Hash32
}

func (s summed) Write(p []byte) (int, error) {
	s.h.Write(p)
	return s.w.Write(p)
}

// writeVectors writes the vectors of ids, by collection name.
func (v *vectorIndex) writeVectors(out *bufio.Writer, ids map[string][]string) error {
	sum := crc32.New(castagnoli)
	w := bufio.NewWriterSize(summed{out, sum}, 1<<16)
	names := make([]string, 0, len(ids))
	for n := range ids {
		names = append(names, n)
	}
	slices.Sort(names)
	var buf [binary.MaxVarintLen64]byte
	putString := func(s string) {
		w.Write(buf[:binary.PutUvarint(buf[:], uint64(len(s)))])
		w.WriteString(s)
	}
	var num [8]byte
	for _, name := range names {
		col := v.db.GetCollection(name, nil)
		if col == nil {
			return fmt.Errorf("write vectors: no collection %q", name)
		}
		list := ids[name]
		dim := 0
		putString(name)
		binary.LittleEndian.PutUint64(num[:], uint64(len(list)))
		w.Write(num[:8])
		for i, id := range list {
			d, err := col.GetByID(context.Background(), id)
			if err != nil {
				return fmt.Errorf("write vectors: %w", err)
			}
			if i == 0 {
				dim = len(d.Embedding)
				binary.LittleEndian.PutUint32(num[:], uint32(dim))
				w.Write(num[:4])
			}
			if len(d.Embedding) != dim {
				return fmt.Errorf("write vectors: %s has %d dimensions, want %d", id, len(d.Embedding), dim)
			}
			putString(id)
			for _, x := range d.Embedding {
				binary.LittleEndian.PutUint32(num[:], math.Float32bits(x))
				w.Write(num[:4])
			}
		}
		if len(list) == 0 {
			w.Write(num[:4]) // dim of an empty collection: any
		}
	}
	putString("")
	if err := w.Flush(); err != nil {
		return err
	}
	binary.LittleEndian.PutUint32(num[:], sum.Sum32())
	_, err := out.Write(num[:4])
	return err
}

// readVectors reads what writeVectors wrote into a new index for emb. It
// fails unless every chunk collection of emb is present; the article
// collection is optional. link, if not nil, is given every chunk vector as
// chromem-go stores it.
func readVectors(r io.Reader, emb Embedder, link func(id string, vec []float32)) (*vectorIndex, error) {
	br := bufio.NewReaderSize(r, 1<<20)
	sum := crc32.New(castagnoli)
	var vb [binary.MaxVarintLen64]byte
	v := &vectorIndex{db: chromem.NewDB(), emb: emb, cols: map[chunkKind]*chromem.Collection{}}
	ef := chromem.EmbeddingFunc(EmbedFunc(emb))
	want := map[string]chunkKind{}
	for _, k := range kinds {
		want[collectionName(emb, k)] = k
	}
	readString := func(max uint64) (string, error) {
		n, err := binary.ReadUvarint(br)
		if err != nil {
			return "", err
		}
		sum.Write(vb[:binary.PutUvarint(vb[:], n)])
		if n > max {
			return "", fmt.Errorf("string of %d bytes", n)
		}
		b := make([]byte, n)
		_, err = io.ReadFull(br, b)
		sum.Write(b)
		return string(b), err
	}
	var num [8]byte
	for {
		name, err := readString(4096)
		if err != nil {
			return nil, fmt.Errorf("read vectors: %w", err)
		}
		if name == "" {
			break
		}
		if _, err := io.ReadFull(br, num[:8]); err != nil {
			return nil, fmt.Errorf("read vectors: %w", err)
		}
		count := binary.LittleEndian.Uint64(num[:8])
		sum.Write(num[:8])
		if _, err := io.ReadFull(br, num[:4]); err != nil {
			return nil, fmt.Errorf("read vectors: %w", err)
		}
		sum.Write(num[:4])
		dim := uint64(binary.LittleEndian.Uint32(num[:4]))
		if dim > maxSavedDim || (count > 0 && dim == 0) || count > 1<<40/max(dim, 1) {
			return nil, fmt.Errorf("read vectors: %d vectors of %d dimensions", count, dim)
		}
		_, isChunk := want[name]
		isArticle := name == articleCollectionName(emb)
		col, err := v.db.CreateCollection(name, nil, ef)
		if err != nil {
			return nil, fmt.Errorf("read vectors: %w", err)
		}
		// One allocation holds a block of vectors: fewer objects for the
		// garbage collector, and neighbours in memory.
		const block = 4096
		var slab []float32
		raw := make([]byte, 4*dim)
		for i := range count {
			id, err := readString(1 << 16)
			if err != nil {
				return nil, fmt.Errorf("read vectors: %w", err)
			}
			if _, err := io.ReadFull(br, raw); err != nil {
				return nil, fmt.Errorf("read vectors: %w", err)
			}
			sum.Write(raw)
			if len(slab) < int(dim) {
				slab = make([]float32, dim*min(block, count-i))
			}
			vec := slab[:dim:dim]
			slab = slab[dim:]
			for j := range vec {
				vec[j] = math.Float32frombits(binary.LittleEndian.Uint32(raw[4*j:]))
			}
			if !isNormalized(vec) {
				vec = normalized(vec) // as chromem-go would; then it keeps ours
			}
			if err := col.AddDocument(context.Background(), chromem.Document{ID: id, Embedding: vec}); err != nil {
				return nil, fmt.Errorf("read vectors: %w", err)
			}
			switch {
			case isChunk && link != nil:
				link(id, vec)
			case isArticle:
				v.artVecs.set(id, vec)
			}
		}
		if k, ok := want[name]; ok {
			v.cols[k] = col
		} else if name == articleCollectionName(emb) {
			v.arts = col
		}
	}
	want32 := sum.Sum32()
	if _, err := io.ReadFull(br, num[:4]); err != nil {
		return nil, fmt.Errorf("read vectors: checksum: %w", err)
	}
	if got := binary.LittleEndian.Uint32(num[:4]); got != want32 {
		return nil, errors.New("read vectors: checksum mismatch")
	}
	for _, k := range kinds {
		if v.cols[k] == nil {
			return nil, fmt.Errorf("read vectors: %w", errors.New("no collection "+collectionName(emb, k)))
		}
	}
	return v, nil
}
