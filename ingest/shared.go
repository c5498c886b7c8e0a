package ingest

import (
	"context"
	"errors"
	"fmt"

	"github.com/privacybot/privacybot/corpus"
)

// ErrSharedUnavailable means the shared article log (see [ArticleLog])
// could not take an add or a remove, so nothing was changed. Answering
// goes on from what is indexed.
var ErrSharedUnavailable = errors.New("adding and removing articles is unavailable right now: the shared database does not answer")

// ArticleLog is the library shared by several replicas: the source of
// truth for added and removed articles when it is set
// ([Options.Shared]); *pgstate.Store satisfies it. An add or remove is
// committed to it before it is applied here and acknowledged, and the
// other replicas apply it with [Service.ApplyShared].
type ArticleLog interface {
	// PutArticle stores the article file text under id, recording by as
	// who added it, and returns once it is committed.
	PutArticle(ctx context.Context, id string, text []byte, by string) (int64, error)
	// RemoveArticle marks the article id removed and reports whether it
	// was there.
	RemoveArticle(ctx context.Context, id, by string) (bool, error)
}

// shareAdd commits an add to the shared log, if there is one.
func (s *Service) shareAdd(ctx context.Context, id string, text []byte, by string) error {
	if s.shared == nil {
		return nil
	}
	if _, err := s.shared.PutArticle(ctx, id, text, by); err != nil {
		s.log.Warn("shared article log unavailable", "id", id, "err", err)
		return fmt.Errorf("%w (%v)", ErrSharedUnavailable, err)
	}
	return nil
}

// shareRemove commits a removal to the shared log, if there is one.
func (s *Service) shareRemove(ctx context.Context, id, by string) error {
	if s.shared == nil {
		return nil
	}
	if _, err := s.shared.RemoveArticle(ctx, id, by); err != nil {
		s.log.Warn("shared article log unavailable", "id", id, "err", err)
		return fmt.Errorf("%w (%v)", ErrSharedUnavailable, err)
	}
	return nil
}

// ApplyShared applies a change read from the shared article log: the
// article id with file text added (or replaced), or removed. Changes this
// replica made itself, or has applied already, change nothing, so the
// whole log can be applied again at every start.
func (s *Service) ApplyShared(ctx context.Context, id string, text []byte, removed bool) error {
	if !validID(id) {
		return fmt.Errorf("apply shared article: invalid id %q", id)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if removed {
		if !s.store.Has(id) {
			return nil
		}
		if err := s.store.Delete(id); err != nil {
			return fmt.Errorf("apply shared removal of %s: %w", id, err)
		}
		if err := s.lib.Remove(ctx, id); err != nil && !errors.Is(err, corpus.ErrUnknownSource) {
			return fmt.Errorf("apply shared removal of %s: %w", id, err)
		}
		s.forget(id)
		s.log.Info("article removed on another replica", "id", id)
		return nil
	}
	if s.store.Has(id) {
		return nil
	}
	src := corpus.ParseSource(id+".txt", string(text))
	if _, err := s.store.Write(id, text); err != nil {
		return fmt.Errorf("apply shared article %s: %w", id, err)
	}
	if err := s.lib.Add(ctx, src); err != nil {
		if derr := s.store.Delete(id); derr != nil {
			err = errors.Join(err, derr)
		}
		return fmt.Errorf("apply shared article %s: %w", id, err)
	}
	s.remember(src)
	s.log.Info("article added on another replica", "id", id, "title", src.Title)
	return nil
}

// unshare takes back an add committed to the shared log that could not
// be applied here, so the other replicas do not index it either.
func (s *Service) unshare(ctx context.Context, id, by string) {
	if s.shared == nil {
		return
	}
	if _, err := s.shared.RemoveArticle(context.WithoutCancel(ctx), id, by); err != nil {
		s.log.Error("could not take back a shared article", "id", id, "err", err)
	}
}
