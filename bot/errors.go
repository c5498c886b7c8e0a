package bot

import "github.com/privacybot/privacybot/corpus"

// Errors from [Engine.Source] and from removing a source, for callers such
// as the Slack adapter that should not import the corpus package. They are
// the corpus package's own values, so errors.Is matches them whether an
// error came through the engine or from adding and removing articles.
var (
	// ErrUnknownSource means an id matches no source.
	ErrUnknownSource = corpus.ErrUnknownSource
	// ErrAmbiguousSource means an id prefix matches several sources.
	ErrAmbiguousSource = corpus.ErrAmbiguousSource
)
