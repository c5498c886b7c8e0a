package retrieval

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/philippgille/chromem-go"

	"github.com/privacybot/privacybot/corpus"
	"github.com/privacybot/privacybot/internal/flatfile"
	"github.com/privacybot/privacybot/internal/pool"
	"golang.org/x/sync/errgroup"
)

// Each vector shard is saved as two chromem-go exports, its chunk vectors
// and its article vectors, uncompressed (float vectors barely compress,
// and gzip would make loading single-threaded and several times slower),
// and read back with chromem-go's import, each into its own DB, on all
// CPUs. persist.go's CRC catches a damaged section before chromem-go sees
// it. Open waits for the article vectors, the BM25 index and the corpus
// snapshot; the chunk vectors of a large index finish loading after it
// returns (see vector_background.go).

const (
	lexicalSection = "lexical"
	vectorSection  = "vectors/"  // a shard's chunk vectors
	articleSection = "articles/" // a shard's article vectors
)

// indexSections returns the writers of every section of l's index. A
// shard that is not dirty is copied from old, the index file l last saved
// (whose header is oldHdr), when old is not nil. The caller holds l.mu
// for reading at least, and every shard is loaded.
func (l *Library) indexSections(old *os.File, oldHdr indexHeader) []sectionWriter {
	out := []sectionWriter{{name: lexicalSection, write: func(w io.Writer) error {
		return l.lex.encode(w, func(id string) bool { return l.chunks[id] != nil && l.chunks[id].numeric })
	}}}
	n := len(l.vec.shards)
	// section returns the writer of section j, named name, of shard i.
	section := func(i, j int, name string, write func(io.Writer) error) sectionWriter {
		if old != nil && !l.dirty[i] && j < len(oldHdr.Sections) && oldHdr.Sections[j].Name == name {
			return sectionWriter{name: name, from: old, copy: oldHdr.Sections[j]}
		}
		return sectionWriter{name: name, write: write}
	}
	export := func(db *chromem.DB) func(io.Writer) error {
		return func(w io.Writer) error {
			if err := db.ExportToWriter(w, false, ""); err != nil {
				return fmt.Errorf("export vectors: %w", err)
			}
			return nil
		}
	}
	for i, s := range l.vec.shards {
		out = append(out, section(i, 1+i, vectorSection+strconv.Itoa(i), export(s.db)))
	}
	for i, s := range l.vec.shards {
		out = append(out, section(i, 1+n+i, articleSection+strconv.Itoa(i), export(s.artDB)))
	}
	// The corpus snapshot, in the same shards.
	byShard := make([][]*corpus.Source, n)
	for _, src := range l.corpus.Sources {
		i := l.vec.shardIndex(src.ID)
		byShard[i] = append(byShard[i], src)
	}
	for i, srcs := range byShard {
		out = append(out, section(i, 1+2*n+i, corpusSection+strconv.Itoa(i), func(w io.Writer) error { return encodeSources(w, srcs) }))
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

// loadIndex reads the whole index at path, checking that it matches
// want, and closes it. It returns errIndexMissing or errIndexStale
// (wrapped) when the file is absent or out of date, and any other error
// when the file is damaged.
func loadIndex(ctx context.Context, path string, want indexWant) (loadedIndex, error) {
	r, err := readIndex(ctx, path, want.emb)
	if err != nil {
		return loadedIndex{}, err
	}
	defer r.close()
	li, err := r.finish(want)
	if err != nil {
		return loadedIndex{}, err
	}
	for n := range li.vec.shards {
		_, _, stored, err := r.readChunks(ctx, n)
		if err != nil {
			return loadedIndex{}, err
		}
		for _, c := range stored {
			for i, id := range c.ids {
				if err := want.vector(n, r.hdr.Shards, c.kind, id, c.vecs[i]); err != nil {
					return loadedIndex{}, fmt.Errorf("shard %d: %w", n, err)
				}
			}
		}
	}
	return li, nil
}

// indexRead is a saved index being read in the background, so that Open
// decodes it while it loads the corpus and extracts quotes. The chunk
// vectors are read later, shard by shard, with readChunks; the file stays
// open until close.
type indexRead struct {
	f         *os.File
	closeOnce sync.Once
	hdr       indexHeader
	emb       Embedder
	stop      atomic.Bool
	done      chan struct{}
	// snapshot holds the saved sources by file name (see
	// corpus_snapshot.go); it is read before readIndex returns.
	snapshot map[string]*corpus.Source
	// Set by the background work, to be read after done is closed:
	err    error
	lex    *rawBM25
	shards []*vectorShard     // with their article vectors only
	arts   []storedCollection // the article vectors, by shard
}

// storedCollection is every vector of one collection of a shard.
type storedCollection struct {
	kind chunkKind // 0 for the article vectors
	ids  []string
	vecs [][]float32
}

// readIndex opens the index at path, checks its header and starts decoding
// its BM25 index and article vectors on all CPUs. It returns
// errIndexMissing, or errIndexStale (wrapped) for an index of another
// format or embedder. First it removes the temporary files that a killed
// save of this or any other file of the directory left there (a save in
// progress in another process is left alone; see flatfile.RemoveStale).
func readIndex(ctx context.Context, path string, emb Embedder) (*indexRead, error) {
	// Best effort: a file that cannot be removed now is tried next time.
	_, _ = flatfile.RemoveStale(filepath.Dir(path))
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
	case hdr.Shards < 1 || hdr.Shards > maxShards || len(hdr.Sections) != 1+3*hdr.Shards:
		f.Close()
		return nil, fmt.Errorf("index has %d shards in %d sections", hdr.Shards, len(hdr.Sections))
	}
	n := hdr.Shards
	for i, s := range hdr.Sections {
		want := lexicalSection
		switch {
		case i > 2*n:
			want = corpusSection + strconv.Itoa(i-1-2*n)
		case i > n:
			want = articleSection + strconv.Itoa(i-1-n)
		case i > 0:
			want = vectorSection + strconv.Itoa(i-1)
		}
		if s.Name != want {
			f.Close()
			return nil, fmt.Errorf("unexpected index section %q", s.Name)
		}
	}
	// The corpus snapshot is needed first, to load the corpus: it is read
	// now, on all CPUs, and the rest in the background.
	snap, err := readSnapshot(f, hdr.Sections[1+2*n:], n)
	if err != nil {
		f.Close()
		return nil, err
	}
	r := &indexRead{f: f, hdr: hdr, emb: emb, done: make(chan struct{}), snapshot: snap,
		shards: make([]*vectorShard, n), arts: make([]storedCollection, n)}
	tasks := make(chan func() error, 1+n)
	tasks <- func() error {
		b, err := readSection(f, hdr.Sections[0])
		if err != nil {
			return err
		}
		r.lex, err = decodeRawBM25(b)
		return err
	}
	for i := range n {
		tasks <- func() error {
			db, err := importSection(f, hdr.Sections[1+n+i], r.emb)
			if err != nil {
				return err
			}
			r.shards[i], err = newArticleShard(db, emb)
			if err != nil {
				return err
			}
			r.arts[i], err = listStored(ctx, r.shards[i].arts, 0, hdr.Dim)
			if err != nil {
				return fmt.Errorf("shard %d: %w", i, err)
			}
			return nil
		}
	}
	close(tasks)
	var mu sync.Mutex
	fail := func(err error) {
		mu.Lock()
		r.err = cmpErr(r.err, err)
		mu.Unlock()
		r.stop.Store(true)
	}
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	go func() {
		for t := range tasks {
			g.Go(func() error {
				defer func() {
					// Decoding a damaged file must never take the process down.
					if p := recover(); p != nil {
						fail(fmt.Errorf("decode index: panic: %v", p))
					}
				}()
				if !r.stop.Load() {
					if err := t(); err != nil {
						fail(err)
					}
				}
				return nil
			})
		}
		_ = g.Wait() // errors go to fail
		close(r.done)
	}()
	return r, nil
}

// cancel stops the background work early and closes the file once it is
// done; finish must not be called.
func (r *indexRead) cancel() {
	r.stop.Store(true)
	go func() {
		<-r.done
		r.close()
	}()
}

// close closes the index file, once finish has returned or cancel was
// called.
func (r *indexRead) close() { r.closeOnce.Do(func() { r.f.Close() }) }

// finish waits for the background work, checks the index against want and
// hands it its article vectors. It returns errIndexStale (wrapped) when
// the index was built from another corpus or ledger. The shards it returns
// have no chunk vectors yet: readChunks reads them.
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
	for k, want := range want.counts {
		if got := hdr.Counts[k]; got != want {
			return loadedIndex{}, fmt.Errorf("index header counts %d %s vectors, want %d", got, k, want)
		}
	}
	lex, err := r.lex.bind(want.chunk, want.order)
	if err != nil {
		return loadedIndex{}, err
	}
	for n, c := range r.arts {
		for i, id := range c.ids {
			if err := want.vector(n, hdr.Shards, 0, id, c.vecs[i]); err != nil {
				return loadedIndex{}, fmt.Errorf("shard %d: %w", n, err)
			}
		}
	}
	return loadedIndex{hdr: hdr, vec: &vectorIndex{emb: want.emb, shards: r.shards}, lex: lex}, nil
}

// cmpErr keeps the first error.
func cmpErr(first, err error) error {
	if first != nil {
		return first
	}
	return err
}

// readChunks imports the chunk vectors of shard n and lists them. It may
// run on several shards at once.
func (r *indexRead) readChunks(ctx context.Context, n int) (*chromem.DB, map[chunkKind]*chromem.Collection, []storedCollection, error) {
	db, err := importSection(r.f, r.hdr.Sections[1+n], r.emb)
	if err != nil {
		return nil, nil, nil, err
	}
	cols, err := chunkCollections(db, r.emb)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("import vectors of shard %d: %w", n, err)
	}
	var out []storedCollection
	for _, k := range kinds {
		sc, err := listStored(ctx, cols[k], k, r.hdr.Dim)
		if err != nil {
			return nil, nil, nil, fmt.Errorf("shard %d: %w", n, err)
		}
		out = append(out, sc)
	}
	return db, cols, out, nil
}

// importSection imports section s into a new chromem-go DB. chromem-go
// reads the section straight from the file, and its CRC is checked as it
// goes: a damaged section is rejected however far the import got. Every
// collection must be emb's.
func importSection(f *os.File, s indexSection, emb Embedder) (*chromem.DB, error) {
	r := newCRCSectionReader(f, s)
	db := chromem.NewDB()
	if err := db.ImportFromReader(r, ""); err != nil {
		if cerr := r.check(); cerr != nil {
			return nil, cerr
		}
		return nil, fmt.Errorf("import vectors of %s: %w", s.Name, err)
	}
	if err := r.check(); err != nil {
		return nil, err
	}
	prefix := emb.Name() + "/"
	for name := range db.ListCollections() {
		if !strings.HasPrefix(name, prefix) {
			return nil, fmt.Errorf("import vectors of %s: unexpected collection %q", s.Name, name)
		}
	}
	return db, nil
}

// listStored lists every vector of c, of kind k.
func listStored(ctx context.Context, c *chromem.Collection, k chunkKind, dim int) (storedCollection, error) {
	res, err := storedVectors(ctx, c, dim)
	if err != nil {
		return storedCollection{}, err
	}
	sc := storedCollection{kind: k, ids: make([]string, len(res)), vecs: make([][]float32, len(res))}
	for i, r := range res {
		sc.ids[i], sc.vecs[i] = r.ID, r.Embedding
	}
	return sc, nil
}

// readSnapshot reads and decodes the corpus sections secs (one per shard of
// shards, in order, as readIndex checked) on all CPUs and returns the saved
// sources by file name.
func readSnapshot(f *os.File, secs []indexSection, shards int) (map[string]*corpus.Source, error) {
	parts := make([][]*corpus.Source, len(secs))
	errs := make([]error, len(secs))
	// The sources' text is a view of the sections as read: one buffer
	// holds them all.
	var total int64
	for _, s := range secs {
		total += s.Length
	}
	buf := bigBuffer(int(total))
	bufs := make([][]byte, len(secs))
	for i, s := range secs {
		bufs[i], buf = buf[:s.Length:s.Length], buf[s.Length:]
	}
	pool.Each(runtime.GOMAXPROCS(0), len(secs), func(i int) {
		defer func() {
			if p := recover(); p != nil {
				errs[i] = fmt.Errorf("decode corpus snapshot: panic: %v", p)
			}
		}()
		err := readSectionInto(f, secs[i], bufs[i])
		if err == nil {
			parts[i], err = decodeSources(bufs[i])
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
	out := make(map[string]*corpus.Source, n)
	for _, p := range parts {
		for _, s := range p {
			out[s.Name] = s
		}
	}
	return out, nil
}
