package retrieval

import (
	"context"
	"errors"
	"fmt"
)

// ErrClosed is returned, wrapped, by the methods of a [Library] that search
// or write once [Library.Close] has been called.
var ErrClosed = errors.New("library closed")

// Close stops the work a Library does in the background, the loading of
// the chunk vectors of a large saved index and the embedding again of any
// shard of them that could not be read, and waits for it, and for an Add
// or Remove under way, to stop or finish. A load stopped that way saves
// nothing: the saved index stays as it was, and the next Open reads it.
//
// After Close, Search, Add, Remove and WaitVectors return an error
// wrapping [ErrClosed], and those under way are cancelled. Corpus,
// Ledger, Warnings, Rebuilt and CacheFile still answer. Close may be
// called more than once, and from several goroutines; it always returns
// nil (it has the signature of an [io.Closer]).
func (l *Library) Close() error {
	l.stop(ErrClosed)
	l.bg.Wait()
	if l.reading != nil {
		<-l.reading
	}
	// An Add or Remove that holds writeMu finishes its save, or gives up;
	// any that takes it after this sees the library closed.
	l.writeMu.Lock()
	defer l.writeMu.Unlock()
	return nil
}

// use returns ctx, cancelled also by Close, for a method that searches or
// writes, and the function that releases it; it fails once Close has been
// called. what names the method in the error.
func (l *Library) use(ctx context.Context, what string) (context.Context, func(), error) {
	if l.ctx.Err() != nil {
		return nil, nil, fmt.Errorf("%s: %w", what, ErrClosed)
	}
	ctx, cancel := context.WithCancelCause(ctx)
	stop := context.AfterFunc(l.ctx, func() { cancel(ErrClosed) })
	return ctx, func() {
		stop()
		cancel(nil)
	}, nil
}

// closed returns an error wrapping ErrClosed once Close has been called,
// and nil before. what names the method in the error.
func (l *Library) closed(what string) error {
	if l.ctx.Err() != nil {
		return fmt.Errorf("%s: %w", what, ErrClosed)
	}
	return nil
}
