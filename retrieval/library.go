package retrieval

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sync"

	"github.com/privacybot/privacybot/corpus"
	"github.com/privacybot/privacybot/internal/pool"
	"github.com/privacybot/privacybot/quote"
)

// Options configures [Open].
type Options struct {
	// FS is the corpus directory: every .txt and .md file at its root is a
	// source (see [corpus.LoadFS]). It is required; callers pass seeds.FS for the
	// built-in seeds.
	FS fs.FS
	// DataDir is where the index is saved, created if missing. "" keeps
	// the index in memory only, so every Open embeds the whole corpus.
	DataDir string
	// Embedder embeds chunks and queries. nil means a [LocalEmbedder]. Open
	// fits or restores a [FittedEmbedder], so one must not be shared by two
	// Libraries.
	Embedder Embedder
	// Progress, when not nil, is told how far Open has got with the work
	// that grows with the corpus, stage by stage (see [Progress]), so that
	// a caller can show it: on a large corpus a first index takes minutes.
	// Open calls it from one goroutine at a time, often (once an article or
	// a batch of chunks), so it should return quickly. The package itself
	// never prints.
	Progress func(Progress)
	// Aliases canonicalizes speaker and organization names. nil means
	// [quote.DefaultAliases].
	Aliases *quote.Aliases
	// Logger receives what happens after Open returns, and only that: the
	// chunk vectors of a large saved index finishing loading, any shard of
	// them that had to be embedded again, and a failure to save the index
	// after that (both of which also go to the Warnings). nil discards it.
	// Nothing else in the package logs.
	Logger *slog.Logger
}

// Library ties together a corpus, its quote ledger and a search index over
// both (vectors in chromem-go and BM25). It is safe for concurrent use:
// many Searches run at once, and Add and Remove are serialized with each
// other and wait only briefly for Searches in flight. Whoever opens a
// Library closes it (see [Library.Close]) to stop its background work.
type Library struct {
	emb     Embedder
	aliases *quote.Aliases
	log     *slog.Logger
	path    string // saved index file; "" when in memory only
	dataDir string // "" when in memory only
	// ownAliases is whether the library was opened with its own aliases,
	// so that its ledger is not the program's for the same corpus.
	ownAliases bool

	writeMu sync.Mutex // serializes Add and Remove, including their save

	mu        sync.RWMutex // guards everything below
	corpus    *corpus.Corpus
	ledger    *quote.Ledger
	chunks    map[string]*chunk
	bySource  map[string][]*chunk
	bySpeaker map[string][]*chunk // lowercased Speaker or Organization → quote chunks
	lex       *bm25
	vec       *vectorIndex
	dim       int // vector length; 0 until known
	warnings  []string
	rebuilt   string // why a saved index was out of date and rebuilt

	// loading, when not nil, is closed when the background load of the
	// chunk vectors (see vector_background.go) has finished.
	loading chan struct{}

	// ctx is the library's own context, on which its background work runs;
	// Close cancels it with stop, and waits for bg, the background work,
	// and for reading, when not nil, the end of the decoding of a saved
	// index that Open gave up on (see library_close.go).
	ctx     context.Context
	stop    context.CancelCauseFunc
	bg      sync.WaitGroup
	reading <-chan struct{}

	// savedID is the SaveID of the index file this library last wrote or
	// read, and dirty the shards changed since; both are guarded by
	// writeMu (or belong to Open).
	savedID string
	dirty   map[int]bool
}

// Open loads the corpus in o.FS, extracts its quote ledger and builds or
// loads the search index. With a DataDir, a saved index is reused when it
// was built by the same embedder from the same corpus; otherwise, or when
// the saved file is damaged, the index is rebuilt and saved, and Warnings
// says why. Files of the corpus that cannot be read are skipped and listed
// in Warnings too. Open fails only when the corpus directory cannot be
// listed, DataDir cannot be created, embedding fails or ctx is done.
func Open(ctx context.Context, o Options) (*Library, error) {
	if o.FS == nil {
		return nil, errors.New("open library: Options.FS is nil")
	}
	l := &Library{emb: o.Embedder, aliases: o.Aliases, log: o.Logger, dataDir: o.DataDir, ownAliases: o.Aliases != nil}
	// The background work outlives Open, so it runs not on ctx but on a
	// context of the library's own (keeping ctx's values), which Close
	// cancels.
	l.ctx, l.stop = context.WithCancelCause(context.WithoutCancel(ctx))
	if err := l.open(ctx, o); err != nil {
		l.Close()
		return nil, err
	}
	return l, nil
}

// open is Open once l holds the options.
func (l *Library) open(ctx context.Context, o Options) error {
	if l.log == nil {
		l.log = slogDiscard
	}
	if l.emb == nil {
		l.emb = NewLocalEmbedder()
	}
	if l.aliases == nil {
		l.aliases = quote.DefaultAliases()
	}
	// A saved index is decoded in the background while the corpus loads.
	var saved *indexRead
	var savedErr error
	if o.DataDir != "" {
		if err := os.MkdirAll(o.DataDir, 0o755); err != nil {
			return fmt.Errorf("open library: create data directory: %w", err)
		}
		l.path = indexFile(o.DataDir, l.emb)
		saved, savedErr = readIndex(l.ctx, l.path, l.emb)
	}
	var snapshot map[string]*corpus.Source
	if saved != nil {
		snapshot = saved.snapshot
	}
	cor, lw, err := corpus.LoadFSReusing(o.FS, snapshot)
	if err != nil {
		if saved != nil {
			saved.cancel()
			l.reading = saved.done
		}
		return fmt.Errorf("open library: %w", err)
	}
	for _, w := range lw {
		l.warnings = append(l.warnings, w.Error())
	}

	l.corpus = cor
	l.ledger = l.openLedger(cor, o.Progress)
	all := l.linkAll(cor)

	if l.path != "" {
		l.load(saved, savedErr, all) // on failure it leaves a warning, unless there was no saved index
	}
	if l.vec == nil {
		if err := l.build(ctx, all, o.Progress); err != nil {
			return fmt.Errorf("open library: %w", err)
		}
		if err := l.buildLexical(ctx, all); err != nil {
			return fmt.Errorf("open library: %w", err)
		}
		if l.path != "" {
			if err := l.save(); err != nil {
				l.warnings = append(l.warnings, "couldn't save the index, so the next start rebuilds it: "+err.Error())
			}
		}
	}
	return nil
}

// load finishes reading the saved index (see readIndex; err is its error)
// into l.vec and l.lex, restoring the embedder's state; order is every
// chunk in corpus order. The chunk vectors of an index searched in two
// stages go on loading in the background (see vector_background.go). It
// reports whether it loaded the index; when it did not for any reason but
// a missing file, it adds a warning.
func (l *Library) load(saved *indexRead, err error, order []*chunk) bool {
	var (
		mu   sync.Mutex
		arts = map[string][]float32{}
	)
	want := indexWant{
		order:      order,
		emb:        l.emb,
		corpusHash: l.corpus.Hash(),
		chunkHash:  chunkSetHash(l.corpus, l.bySource),
		counts:     l.counts(),
		chunk: func(id string, k chunkKind) *chunk {
			if c := l.chunks[id]; c != nil && c.kind == k {
				return c
			}
			return nil
		},
		vector: func(shard, shards int, k chunkKind, id string, vec []float32) error {
			if k != 0 || len(l.bySource[id]) == 0 || shardFor(id, shards) != shard {
				return fmt.Errorf("unexpected article vector %q", id)
			}
			mu.Lock()
			arts[id] = vec
			mu.Unlock()
			return nil
		},
	}
	var li loadedIndex
	if err == nil {
		li, err = saved.finish(want)
	}
	if err == nil {
		n := 0
		for _, cs := range l.bySource {
			if len(cs) > 0 {
				n++
			}
		}
		if len(arts) != n {
			err = fmt.Errorf("index holds %d article vectors, want %d", len(arts), n)
		}
	}
	if err == nil {
		if f, ok := l.emb.(FittedEmbedder); ok {
			if serr := f.UnmarshalState(li.hdr.State); serr != nil {
				err = fmt.Errorf("restore embedder state: %w", serr)
			}
		}
	}
	background := err == nil && len(arts) > stage1Articles
	if err == nil && !background {
		if err = l.loadAll(saved, li.vec); err == nil {
			li.vec.resident.Store(true)
		}
	}
	if saved != nil && !background {
		saved.cancel()
		l.reading = saved.done
	}
	switch {
	case err == nil:
		l.vec, l.lex, l.dim = li.vec, li.lex, li.hdr.Dim
		l.savedID = li.hdr.SaveID
		for id, v := range arts {
			l.vec.artVecs.set(id, v)
		}
		if background {
			l.loading = make(chan struct{})
			vec := l.vec
			l.bg.Go(func() { l.loadInBackground(l.ctx, saved, vec) })
		}
		return true
	case errors.Is(err, errIndexMissing):
	case errors.Is(err, errIndexOlder):
		l.rebuilt = "index rebuilt: " + err.Error()
		l.warnings = append(l.warnings, "the saved index was written by an older version of privacybot and has been rebuilt in this version's format")
	case errors.Is(err, errIndexStale):
		l.rebuilt = "index rebuilt: " + err.Error()
	default:
		l.warnings = append(l.warnings, "index was corrupt and has been rebuilt: "+err.Error())
	}
	return false
}

// build fits the embedder and embeds every chunk, reporting to progress
// (nil for no reports) as it goes.
func (l *Library) build(ctx context.Context, all []*chunk, progress func(Progress)) error {
	texts := make([]string, len(all))
	for i, c := range all {
		texts[i] = c.indexText()
	}
	if f, ok := l.emb.(FittedEmbedder); ok {
		f.Fit(texts)
	}
	sp := newStageProgress(progress, StageVectors, len(l.corpus.Sources), len(texts))
	vecs, err := embedAllProgress(ctx, l.emb, texts, sp.add)
	if err != nil {
		return fmt.Errorf("build index: %w", err)
	}
	if err := l.checkVectors(vecs); err != nil {
		return fmt.Errorf("build index: %w", err)
	}
	v, err := newVectorIndex(l.emb, shardCount(len(l.corpus.Sources)))
	if err != nil {
		return fmt.Errorf("build index: %w", err)
	}
	if err := v.add(ctx, all, vecs); err != nil {
		return fmt.Errorf("build index: %w", err)
	}
	l.vec = v
	return nil
}

// checkVectors checks that vecs are non-empty and all as long as the
// vectors already indexed, and learns that length if none are.
func (l *Library) checkVectors(vecs [][]float32) error {
	for _, v := range vecs {
		if len(v) == 0 {
			return errEmptyVector
		}
		if l.dim == 0 {
			l.dim = len(v)
		}
		if len(v) != l.dim {
			return fmt.Errorf("embedder %s returned a %d-dimensional vector, want %d", l.emb.Name(), len(v), l.dim)
		}
	}
	return nil
}

// buildLexical tokenizes every chunk on all CPUs, a block at a time so
// that only one block's terms are held at once, and fills the BM25 index.
func (l *Library) buildLexical(ctx context.Context, all []*chunk) error {
	l.lex = newBM25()
	const block = 4096
	workers := runtime.NumCPU()
	terms := make([][]string, block)
	for start := 0; start < len(all); start += block {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("build BM25 index: %w", context.Cause(ctx))
		}
		part := all[start:min(start+block, len(all))]
		pool.Each(workers, len(part), func(i int) {
			terms[i] = Tokenize(part[i].indexText())
			part[i].numeric = statesNumber(part[i].text(), terms[i])
		})
		for i, c := range part {
			l.lex.add(c.id, c.kind, terms[i])
		}
	}
	return nil
}

// save writes the index to l.path. The caller holds l.mu (for reading at
// least) and l.writeMu or is Open.
func (l *Library) save() error {
	hdr := indexHeader{
		Format:     indexFormat,
		Embedder:   l.emb.Name(),
		CorpusHash: l.corpus.Hash(),
		ChunkHash:  chunkSetHash(l.corpus, l.bySource),
		Counts:     l.counts(),
		Dim:        l.dim,
		Shards:     len(l.vec.shards),
	}
	if f, ok := l.emb.(FittedEmbedder); ok {
		st, err := f.MarshalState()
		if err != nil {
			return fmt.Errorf("save embedder state: %w", err)
		}
		hdr.State = st
	}
	// Shards that no Add or Remove touched since the last save are copied
	// from the saved file, if it is still the one this library wrote.
	var old *os.File
	var oldHdr indexHeader
	if l.savedID != "" && len(l.dirty) < len(l.vec.shards) {
		f, h, err := readIndexHeader(l.path)
		if err == nil && h.SaveID == l.savedID && h.Shards == len(l.vec.shards) {
			old, oldHdr = f, h
			defer f.Close()
		} else if err == nil {
			f.Close()
		}
	}
	hdr.SaveID = newSaveID()
	if err := saveIndex(l.path, hdr, l.indexSections(old, oldHdr)); err != nil {
		return err
	}
	l.savedID = hdr.SaveID
	clear(l.dirty)
	return nil
}

// Corpus returns the current corpus. Add and Remove replace it rather than
// change it, so the returned value stays consistent; it must not be
// modified.
func (l *Library) Corpus() *corpus.Corpus {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return l.corpus
}

// Ledger returns the current quote ledger. Like [Library.Corpus], it is
// replaced, not changed, by Add and Remove, and must not be modified.
func (l *Library) Ledger() *quote.Ledger {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return l.ledger
}

// CacheFile returns where a cache called name, derived only from corpus c
// (the library's corpus now or earlier) and its ledger, may be kept: a file
// in the data directory, and a key naming c and the running program, which
// holds the extractor and the aliases. A cache saved under another key is
// stale. Both are "" when the library has no data directory, has aliases of
// its own, or the program cannot be read.
func (l *Library) CacheFile(name string, c *corpus.Corpus) (path, key string) {
	if l.dataDir == "" || l.ownAliases || c == nil {
		return "", ""
	}
	key = quote.LedgerKey(c)
	if key == "" {
		return "", ""
	}
	return filepath.Join(l.dataDir, name), key
}

// Rebuilt says why Open rebuilt a saved index that was out of date (the
// corpus or the embedder changed), or "" when it did not. That is normal
// after an edit to the corpus, so it is not among the Warnings.
func (l *Library) Rebuilt() string {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return l.rebuilt
}

// Warnings returns what Open (and later Add or Remove) could not do but
// worked around: skipped files, an index that was rebuilt and why, an
// index that could not be saved. Callers should log them.
func (l *Library) Warnings() []string {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return slices.Clone(l.warnings)
}
