package retrieval

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime"
	"sync"
	"time"

	"github.com/philippgille/chromem-go"
	"github.com/privacybot/privacybot/internal/pool"
)

// Chunk vectors load after Open returns. Importing a large index's chunk
// vectors is most of what a cold Open costs (chromem-go decodes every float
// of millions of vectors from gob), yet a search reads only the chunk
// vectors of the articles its first stage keeps. So when the search has
// two stages, Open returns once the corpus, the ledger, the BM25 index and
// the article vectors are in, and the chunk vectors follow shard by shard
// on all CPUs but one, leaving one for the searches that arrive meanwhile.
// A search that needs a chunk vector whose shard is not in yet computes it
// again, when the embedder is the local one: that is deterministic, so it
// gives the stored vector bit for bit and the search the same answer. With
// any other embedder the search waits for that shard. A shard that fails
// to load is embedded again, reported in the Warnings and the log, and the
// index is saved. Add, Remove and an exhaustive search wait for every
// shard. All of it runs on the library's context: Close stops it, leaving
// the shards not yet loaded unloaded and the saved index as it was.

// testBeforeShard, when set by a test, is called before each shard loads
// in the background, with the context of that load.
var testBeforeShard func(ctx context.Context, n int)

// shardChunkCounts returns the number of chunks in each of n shards.
func (l *Library) shardChunkCounts(n int) []int {
	out := make([]int, n)
	for id, cs := range l.bySource {
		out[shardFor(id, n)] += len(cs)
	}
	return out
}

// loadShard imports the chunk vectors of shard n from r into v, checks that
// they are exactly the want chunks of that shard, and hands them to their
// chunks. It closes the shard's loaded channel only when it succeeds.
func (l *Library) loadShard(ctx context.Context, r *indexRead, v *vectorIndex, n, want int) (err error) {
	defer func() {
		// Decoding a damaged file must never take the process down.
		if p := recover(); p != nil {
			err = fmt.Errorf("decode vectors of shard %d: panic: %v", n, p)
		}
	}()
	db, cols, stored, err := r.readChunks(ctx, n)
	if err != nil {
		return err
	}
	shards := len(v.shards)
	cs := make([]*chunk, 0, want)
	for _, sc := range stored {
		for _, id := range sc.ids {
			c := l.chunks[id]
			if c == nil || c.kind != sc.kind || shardFor(c.source.ID, shards) != n {
				return fmt.Errorf("shard %d: unexpected %s vector %q", n, sc.kind, id)
			}
			cs = append(cs, c)
		}
	}
	if len(cs) != want {
		return fmt.Errorf("shard %d holds %d chunk vectors, want %d", n, len(cs), want)
	}
	i := 0
	for _, sc := range stored {
		for _, vec := range sc.vecs {
			cs[i].vec = vec
			i++
		}
	}
	s := v.shards[n]
	s.db, s.cols = db, cols
	close(s.loaded)
	return nil
}

// repairShard embeds the chunks of shard n of v again into a new DB, after
// its saved vectors failed to load.
func (l *Library) repairShard(ctx context.Context, v *vectorIndex, n int) error {
	var cs []*chunk
	for id, srcChunks := range l.bySource {
		if shardFor(id, len(v.shards)) == n {
			cs = append(cs, srcChunks...)
		}
	}
	texts := make([]string, len(cs))
	for i, c := range cs {
		texts[i] = c.indexText()
	}
	vecs, err := embedAll(ctx, l.emb, texts)
	if err != nil {
		return err
	}
	if err := l.checkVectors(vecs); err != nil {
		return err
	}
	s := v.shards[n]
	s.db = chromem.NewDB()
	if s.cols, err = chunkCollections(s.db, l.emb); err != nil {
		return err
	}
	if err := v.addChunks(ctx, cs, vecs); err != nil {
		return err
	}
	close(s.loaded)
	return nil
}

// loadInBackground loads the chunk vectors of every shard of v from r on
// all CPUs but one, repairing the shards that fail, then closes r and, if
// it repaired any, saves the index. Open has returned: Add and Remove, the
// only writers of l.chunks and l.bySource, wait for every shard before
// they change them, so reading those here needs no lock. Once ctx is done
// (Close), it loads and repairs no more shards, and saves nothing.
func (l *Library) loadInBackground(ctx context.Context, r *indexRead, v *vectorIndex) {
	defer close(l.loading)
	start := time.Now()
	want := l.shardChunkCounts(len(v.shards))
	var (
		mu       sync.Mutex
		repaired []int
	)
	pool.Each(runtime.GOMAXPROCS(0)-1, len(v.shards), func(n int) {
		if testBeforeShard != nil {
			testBeforeShard(ctx, n)
		}
		if ctx.Err() != nil {
			return
		}
		err := l.loadShard(ctx, r, v, n, want[n])
		if err == nil || ctx.Err() != nil {
			return
		}
		msg := fmt.Sprintf("vectors of shard %d of the saved index could not be read, so they were embedded again: %v", n, err)
		if rerr := l.repairShard(ctx, v, n); rerr != nil {
			if ctx.Err() != nil {
				return
			}
			// Nothing is left to search this shard's chunks with but
			// their text: embedding failed too, so the shard stays empty.
			msg = fmt.Sprintf("vectors of shard %d of the saved index could not be read (%v), nor embedded again: %v", n, err, rerr)
			s := v.shards[n]
			s.db = chromem.NewDB()
			s.cols, _ = chunkCollections(s.db, l.emb)
			close(s.loaded)
		}
		l.log.Warn("vector index", "problem", msg)
		mu.Lock()
		repaired = append(repaired, n)
		mu.Unlock()
		l.mu.Lock()
		l.warnings = append(l.warnings, msg)
		l.mu.Unlock()
	})
	r.close()
	if ctx.Err() != nil {
		return
	}
	v.resident.Store(true)
	l.log.Info("vector index loaded", "shards", len(v.shards), "seconds", time.Since(start).Seconds())
	if len(repaired) == 0 {
		return
	}
	l.writeMu.Lock()
	defer l.writeMu.Unlock()
	for _, n := range repaired {
		l.markShardDirty(n)
	}
	if err := l.saveAfterWrite("save repaired vectors"); err != nil {
		l.log.Warn("vector index", "problem", err.Error())
		l.mu.Lock()
		l.warnings = append(l.warnings, err.Error())
		l.mu.Unlock()
	}
}

// loadAll loads the chunk vectors of every shard of v from r before Open
// returns, on all CPUs: for an index searched exhaustively, whose chunk
// vectors every search reads.
func (l *Library) loadAll(r *indexRead, v *vectorIndex) error {
	want := l.shardChunkCounts(len(v.shards))
	errs := make([]error, len(v.shards))
	pool.Each(runtime.GOMAXPROCS(0), len(v.shards), func(n int) { errs[n] = l.loadShard(l.ctx, r, v, n, want[n]) })
	return errors.Join(errs...)
}

// WaitVectors waits until every vector of the index is in memory, and any
// shard that failed to load has been embedded again and saved. Open
// returns before the chunk vectors of a large saved index are in (searches
// meanwhile give the same results); benchmarks and callers that want a
// steady state call WaitVectors.
func (l *Library) WaitVectors(ctx context.Context) error {
	if err := l.closed("wait for vectors"); err != nil {
		return err
	}
	if l.loading == nil {
		return nil
	}
	if err := waitClosed(ctx, l.loading); err != nil {
		return err
	}
	return l.closed("wait for vectors")
}

// recomputable reports whether the library's embedder gives a chunk's
// stored vector again, bit for bit, at no more cost than some CPU.
func (l *Library) recomputable() (*LocalEmbedder, bool) {
	e, ok := l.emb.(*LocalEmbedder)
	return e, ok
}

// slogDiscard is the logger of a Library opened without one.
var slogDiscard = slog.New(slog.DiscardHandler)
