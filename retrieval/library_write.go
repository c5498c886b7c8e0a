package retrieval

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"

	"github.com/privacybot/privacybot/corpus"
	"github.com/privacybot/privacybot/quote"
)

// Add indexes src, replacing any source with the same id: it extracts the
// source's quotes into the ledger and embeds and BM25-indexes only this
// source's paragraphs and quotes, using the embedder's saved statistics.
// With a DataDir, the index is saved before Add returns; at scale that
// rewrite is the slow part. Searches keep running while src is embedded.
// After [Library.Close] it returns an error wrapping [ErrClosed].
func (l *Library) Add(ctx context.Context, src *corpus.Source) error {
	if src == nil || src.ID == "" {
		return errors.New("add source: no source or empty id")
	}
	ctx, done, err := l.use(ctx, "add source "+src.ID)
	if err != nil {
		return err
	}
	defer done()
	qs, ss := quote.Extract(src, l.aliases)
	cs := sourceChunks(src, qs)
	texts := make([]string, len(cs))
	terms := make([][]string, len(cs))
	for i, c := range cs {
		texts[i] = c.indexText()
		terms[i] = Tokenize(texts[i])
		c.numeric = statesNumber(c.text(), terms[i])
	}
	vecs, err := embedAll(ctx, l.emb, texts)
	if err != nil {
		return fmt.Errorf("add source %s: %w", src.ID, err)
	}

	l.writeMu.Lock()
	defer l.writeMu.Unlock()
	if err := l.closed("add source " + src.ID); err != nil {
		return err
	}
	if err := l.vec.waitAll(ctx); err != nil {
		return fmt.Errorf("add source %s: %w", src.ID, err)
	}
	l.mu.Lock()
	if err := l.checkVectors(vecs); err != nil {
		l.mu.Unlock()
		return fmt.Errorf("add source %s: %w", src.ID, err)
	}
	// From here on nothing may stop halfway.
	mctx := context.WithoutCancel(ctx)
	l.markDirty(src.ID)
	err = l.drop(mctx, src.ID)
	if err == nil {
		err = l.vec.add(mctx, cs, vecs)
	}
	if err != nil {
		l.mu.Unlock()
		return fmt.Errorf("add source %s: %w", src.ID, err)
	}
	for i, c := range cs {
		l.lex.add(c.id, c.kind, terms[i])
	}
	l.link(src.ID, cs)
	srcs := slices.DeleteFunc(slices.Clone(l.corpus.Sources), func(s *corpus.Source) bool { return s.ID == src.ID })
	l.corpus, _ = corpus.NewCorpus(append(srcs, src))
	l.ledger = replaceInLedger(l.ledger, src.ID, qs, ss)
	l.mu.Unlock()
	return l.saveAfterWrite("add source " + src.ID)
}

// Remove takes the source with exactly this id out of the corpus, the
// ledger and the index, and saves the index when there is a DataDir. It
// returns an error wrapping [corpus.ErrUnknownSource] when no source has the id,
// and after [Library.Close] one wrapping [ErrClosed].
func (l *Library) Remove(ctx context.Context, id string) error {
	ctx, done, err := l.use(ctx, "remove source "+id)
	if err != nil {
		return err
	}
	defer done()
	l.writeMu.Lock()
	defer l.writeMu.Unlock()
	if err := l.closed("remove source " + id); err != nil {
		return err
	}
	if err := l.vec.waitAll(ctx); err != nil {
		return fmt.Errorf("remove source %s: %w", id, err)
	}
	l.mu.Lock()
	if _, ok := l.corpus.ByID(id); !ok {
		l.mu.Unlock()
		return fmt.Errorf("remove source: %w: %q", corpus.ErrUnknownSource, id)
	}
	l.markDirty(id)
	if err := l.drop(context.WithoutCancel(ctx), id); err != nil {
		l.mu.Unlock()
		return fmt.Errorf("remove source %s: %w", id, err)
	}
	l.corpus, _ = corpus.NewCorpus(slices.DeleteFunc(slices.Clone(l.corpus.Sources), func(s *corpus.Source) bool { return s.ID == id }))
	l.ledger = replaceInLedger(l.ledger, id, nil, nil)
	l.mu.Unlock()
	return l.saveAfterWrite("remove source " + id)
}

// markDirty records that the shard of source id changed since the last
// save. The caller holds l.writeMu.
func (l *Library) markDirty(id string) { l.markShardDirty(l.vec.shardIndex(id)) }

// markShardDirty records that shard n changed since the last save. The
// caller holds l.writeMu.
func (l *Library) markShardDirty(n int) {
	if l.dirty == nil {
		l.dirty = map[int]bool{}
	}
	l.dirty[n] = true
}

// drop removes the chunks of source id from the vector and BM25 indexes.
// The caller holds l.mu for writing.
func (l *Library) drop(ctx context.Context, id string) error {
	old := l.bySource[id]
	if len(old) == 0 {
		return nil
	}
	if err := l.vec.remove(ctx, old); err != nil {
		return err
	}
	for _, c := range old {
		l.lex.remove(c.id, Tokenize(c.indexText()))
	}
	l.unlink(id)
	return nil
}

// saveAfterWrite saves the index after Add or Remove. The caller holds
// l.writeMu, so no other writer runs meanwhile; Searches may.
func (l *Library) saveAfterWrite(what string) error {
	if l.path == "" {
		return nil
	}
	l.mu.RLock()
	defer l.mu.RUnlock()
	if err := l.save(); err != nil {
		return fmt.Errorf("%s: indexed, but couldn't save the index: %w", what, err)
	}
	return nil
}

// replaceInLedger returns a copy of led in which the quotes and silences of
// source id are qs and ss, kept in source order.
func replaceInLedger(led *quote.Ledger, id string, qs []quote.Quote, ss []quote.Silence) *quote.Ledger {
	out := &quote.Ledger{
		Quotes:   slices.DeleteFunc(slices.Clone(led.Quotes), func(q quote.Quote) bool { return q.Source == id }),
		Silences: slices.DeleteFunc(slices.Clone(led.Silences), func(s quote.Silence) bool { return s.Source == id }),
	}
	i := sort.Search(len(out.Quotes), func(i int) bool { return out.Quotes[i].Source > id })
	out.Quotes = slices.Insert(out.Quotes, i, qs...)
	j := sort.Search(len(out.Silences), func(i int) bool { return out.Silences[i].Source > id })
	out.Silences = slices.Insert(out.Silences, j, ss...)
	return out
}
