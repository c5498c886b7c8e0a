package retrieval

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/philippgille/chromem-go"
)

// Each vector shard is saved with chromem-go's own export, uncompressed
// (float vectors barely compress, and gzip would make loading single-
// threaded and several times slower), and read back with its import, each
// shard into its own chromem-go DB, on all CPUs. persist.go's CRC catches
// a damaged section before chromem-go sees it.

const (
	lexicalSection = "lexical"
	vectorSection  = "vectors/"
)

// indexSections returns the writers of every section of l's index. A
// shard that is not dirty is copied from old, the index file l last saved
// (whose header is oldHdr), when old is not nil. The caller holds l.mu
// for reading at least.
func (l *Library) indexSections(old *os.File, oldHdr indexHeader) []sectionWriter {
	out := []sectionWriter{{name: lexicalSection, write: func(w io.Writer) error {
		return l.lex.encode(w, func(id string) bool { return l.chunks[id] != nil && l.chunks[id].numeric })
	}}}
	for i, s := range l.vec.shards {
		name := vectorSection + strconv.Itoa(i)
		if old != nil && !l.dirty[i] && oldHdr.Sections[1+i].Name == name {
			out = append(out, sectionWriter{name: name, from: old, copy: oldHdr.Sections[1+i]})
			continue
		}
		out = append(out, sectionWriter{name: name, write: func(w io.Writer) error {
			if err := s.db.ExportToWriter(w, false, ""); err != nil {
				return fmt.Errorf("export vectors: %w", err)
			}
			return nil
		}})
	}
	// The corpus snapshot, in the same shards.
	byShard := make([][]*Source, len(l.vec.shards))
	for _, src := range l.corpus.Sources {
		i := l.vec.shardIndex(src.ID)
		byShard[i] = append(byShard[i], src)
	}
	for i, srcs := range byShard {
		name := corpusSection + strconv.Itoa(i)
		if j := 1 + len(l.vec.shards) + i; old != nil && !l.dirty[i] && j < len(oldHdr.Sections) && oldHdr.Sections[j].Name == name {
			out = append(out, sectionWriter{name: name, from: old, copy: oldHdr.Sections[j]})
			continue
		}
		out = append(out, sectionWriter{name: name, write: func(w io.Writer) error { return encodeSources(w, srcs) }})
	}
	return out
}

// indexWant is what a saved index must match, and where its contents go.
type indexWant struct {
	emb        Embedder
	corpusHash string
	chunkHash  string
	counts     map[string]int
	// chunk returns the chunk of id if the library expects one of that
	// kind, else nil; the BM25 index is decoded against it.
	chunk func(id string, kind chunkKind) *chunk
	// order is every chunk in corpus order, a hint that spares most BM25
	// lookups (see rawBM25.bind); it may be nil.
	order []*chunk
	// vector receives, concurrently, every stored vector: of a chunk
	// (kind is its kind) or of an article (kind 0), in shard number shard
	// of shards. It fails for a vector the library does not expect.
	vector func(shard, shards int, kind chunkKind, id string, vec []float32) error
}

// loadedIndex is a saved index, read.
type loadedIndex struct {
	hdr indexHeader
	vec *vectorIndex
	lex *bm25
}

// loadIndex reads the index at path, checking that it matches want. It
// returns errIndexMissing or errIndexStale (wrapped) when the file is
// absent or out of date, and any other error when the file is damaged.
func loadIndex(path string, want indexWant) (loadedIndex, error) {
	r, err := readIndex(path, want.emb)
	if err != nil {
		return loadedIndex{}, err
	}
	return r.finish(want)
}

// indexRead is a saved index being read in the background, so that Open
// decodes it while it loads the corpus and extracts quotes.
type indexRead struct {
	hdr  indexHeader
	emb  Embedder
	stop atomic.Bool
	done chan struct{}
	// snapshot holds the saved sources by file name (see
	// corpus_snapshot.go); it is read before readIndex returns.
	snapshot map[string]*Source
	// Set by the background work, to be read after done is closed:
	err    error
	lex    *rawBM25
	shards []*vectorShard
	vecs   [][]storedCollection // by shard
}

// storedCollection is every vector of one collection of a shard.
type storedCollection struct {
	kind chunkKind // 0 for the article vectors
	ids  []string
	vecs [][]float32
}

// readIndex opens the index at path, checks its header and starts decoding
// its sections on all CPUs. It returns errIndexMissing, or errIndexStale
// (wrapped) for an index of another format or embedder.
func readIndex(path string, emb Embedder) (*indexRead, error) {
	f, hdr, err := readIndexHeader(path)
	if err != nil {
		return nil, err
	}
	switch {
	case hdr.Format != indexFormat:
		f.Close()
		return nil, fmt.Errorf("%w: format %d, want %d", errIndexStale, hdr.Format, indexFormat)
	case hdr.Embedder != emb.Name():
		f.Close()
		return nil, fmt.Errorf("%w: built by embedder %q, want %q", errIndexStale, hdr.Embedder, emb.Name())
	case hdr.Shards < 1 || hdr.Shards > maxShards || len(hdr.Sections) != 1+2*hdr.Shards:
		f.Close()
		return nil, fmt.Errorf("index has %d shards in %d sections", hdr.Shards, len(hdr.Sections))
	}
	// The corpus snapshot is needed first, to load the corpus: it is read
	// now, on all CPUs, and the rest in the background.
	snap, err := readSnapshot(f, hdr.Sections[1+hdr.Shards:], hdr.Shards)
	if err != nil {
		f.Close()
		return nil, err
	}
	r := &indexRead{hdr: hdr, emb: emb, done: make(chan struct{}), snapshot: snap,
		shards: make([]*vectorShard, hdr.Shards), vecs: make([][]storedCollection, hdr.Shards)}
	tasks := make(chan func() error, len(hdr.Sections))
	for i, s := range hdr.Sections[:1+hdr.Shards] {
		switch {
		case i == 0 && s.Name == lexicalSection:
			tasks <- func() error {
				b, err := readSection(f, s)
				if err != nil {
					return err
				}
				r.lex, err = decodeRawBM25(b)
				return err
			}
		case i > 0 && s.Name == vectorSection+strconv.Itoa(i-1):
			tasks <- func() error {
				var err error
				r.shards[i-1], r.vecs[i-1], err = readShard(f, s, i-1, hdr.Dim, emb)
				return err
			}
		default:
			f.Close()
			return nil, fmt.Errorf("unexpected index section %q", s.Name)
		}
	}
	close(tasks)
	var (
		wg sync.WaitGroup
		mu sync.Mutex
	)
	fail := func(err error) {
		mu.Lock()
		r.err = cmpErr(r.err, err)
		mu.Unlock()
		r.stop.Store(true)
	}
	for range min(runtime.GOMAXPROCS(0), 1+hdr.Shards) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() {
				// Decoding a damaged file must never take the process down.
				if p := recover(); p != nil {
					fail(fmt.Errorf("decode index: panic: %v", p))
				}
			}()
			for t := range tasks {
				if r.stop.Load() {
					continue
				}
				if err := t(); err != nil {
					fail(err)
				}
			}
		}()
	}
	go func() {
		wg.Wait()
		f.Close()
		close(r.done)
	}()
	return r, nil
}

// cancel stops the background work early; finish must not be called.
func (r *indexRead) cancel() { r.stop.Store(true) }

// finish waits for the background work, checks the index against want and
// hands it its vectors. It returns errIndexStale (wrapped) when the index
// was built from another corpus or ledger.
func (r *indexRead) finish(want indexWant) (loadedIndex, error) {
	hdr := r.hdr
	switch {
	case hdr.CorpusHash != want.corpusHash:
		r.cancel()
		return loadedIndex{}, fmt.Errorf("%w: the corpus changed", errIndexStale)
	case hdr.ChunkHash != want.chunkHash:
		r.cancel()
		return loadedIndex{}, fmt.Errorf("%w: the paragraphs or quotes changed", errIndexStale)
	}
	<-r.done
	if r.err != nil {
		return loadedIndex{}, r.err
	}
	lex, err := r.lex.bind(want.chunk, want.order)
	if err != nil {
		return loadedIndex{}, err
	}
	li := loadedIndex{hdr: hdr, vec: &vectorIndex{emb: want.emb, shards: r.shards}, lex: lex}
	for k, want := range want.counts {
		if got := hdr.Counts[k]; got != want {
			return loadedIndex{}, fmt.Errorf("index header counts %d %s vectors, want %d", got, k, want)
		}
	}
	for _, k := range kinds {
		if got, want := li.vec.count(k), want.counts[k.String()]; got != want {
			return loadedIndex{}, fmt.Errorf("index holds %d %s vectors, want %d", got, k, want)
		}
	}
	// Linking is a map lookup per vector: one goroutine per CPU.
	errs := make([]error, len(r.vecs))
	parallelEach(len(r.vecs), func(n int) {
		for _, c := range r.vecs[n] {
			for i, id := range c.ids {
				if err := want.vector(n, hdr.Shards, c.kind, id, c.vecs[i]); err != nil {
					errs[n] = fmt.Errorf("shard %d: %w", n, err)
					return
				}
			}
		}
	})
	if err := errors.Join(errs...); err != nil {
		return loadedIndex{}, err
	}
	return li, nil
}

// cmpErr keeps the first error.
func cmpErr(first, err error) error {
	if first != nil {
		return first
	}
	return err
}

// readShard imports shard number n and lists its vectors. chromem-go
// reads the section straight from the file, and its CRC is checked as it
// goes: a damaged shard is rejected however far the import got.
func readShard(f *os.File, s indexSection, n, dim int, emb Embedder) (*vectorShard, []storedCollection, error) {
	r := newCRCSectionReader(f, s)
	db := chromem.NewDB()
	if err := db.ImportFromReader(r, ""); err != nil {
		if cerr := r.check(); cerr != nil {
			return nil, nil, cerr
		}
		return nil, nil, fmt.Errorf("import vectors of shard %d: %w", n, err)
	}
	if err := r.check(); err != nil {
		return nil, nil, err
	}
	prefix := emb.Name() + "/"
	for name := range db.ListCollections() {
		if !strings.HasPrefix(name, prefix) {
			return nil, nil, fmt.Errorf("import vectors of shard %d: unexpected collection %q", n, name)
		}
	}
	sh, err := newVectorShard(db, emb)
	if err != nil {
		return nil, nil, fmt.Errorf("import vectors of shard %d: %w", n, err)
	}
	ctx := context.Background()
	var out []storedCollection
	list := func(c *chromem.Collection, kind chunkKind) error {
		res, err := storedVectors(ctx, c, dim)
		if err != nil {
			return fmt.Errorf("shard %d: %w", n, err)
		}
		sc := storedCollection{kind: kind, ids: make([]string, len(res)), vecs: make([][]float32, len(res))}
		for i, r := range res {
			sc.ids[i], sc.vecs[i] = r.ID, r.Embedding
		}
		out = append(out, sc)
		return nil
	}
	for _, k := range kinds {
		if err := list(sh.cols[k], k); err != nil {
			return nil, nil, err
		}
	}
	if err := list(sh.arts, 0); err != nil {
		return nil, nil, err
	}
	return sh, out, nil
}

// readSnapshot reads and decodes the corpus sections secs (one per shard of
// shards) on all CPUs and returns the saved sources by file name.
func readSnapshot(f *os.File, secs []indexSection, shards int) (map[string]*Source, error) {
	parts := make([][]*Source, len(secs))
	errs := make([]error, len(secs))
	parallelEach(len(secs), func(i int) {
		defer func() {
			if p := recover(); p != nil {
				errs[i] = fmt.Errorf("decode corpus snapshot: panic: %v", p)
			}
		}()
		if secs[i].Name != corpusSection+strconv.Itoa(i) {
			errs[i] = fmt.Errorf("unexpected index section %q", secs[i].Name)
			return
		}
		b, err := readSection(f, secs[i])
		if err == nil {
			parts[i], err = decodeSources(b)
		}
		for _, s := range parts[i] {
			if err == nil && shardFor(s.ID, shards) != i {
				err = fmt.Errorf("%w: source %s in the wrong shard", errBadSnapshot, s.ID)
			}
		}
		errs[i] = err
	})
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	n := 0
	for _, p := range parts {
		n += len(p)
	}
	out := make(map[string]*Source, n)
	for _, p := range parts {
		for _, s := range p {
			out[s.Name] = s
		}
	}
	return out, nil
}
