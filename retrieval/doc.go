// Package retrieval finds the passages and quotes that bear on a question.
// It splits the articles of a corpus (package corpus) and the quotations
// of its ledger (package quote) into chunks, scores them with BM25 and with
// local embeddings in chromem-go fused together, and saves that index, the
// corpus snapshot and the ledger next to each other so that a restart does
// not rebuild them. It knows nothing of Slack, chat models or the answer
// engine.
//
// The package returns errors rather than logging them. What Open, Add or
// Remove could not do but worked around (an unreadable file skipped, a
// damaged index rebuilt, an index that could not be saved) is kept in
// [Library.Warnings] for the caller to log. Only the work that goes on
// after Open has returned, and so has no caller to return to, writes to a
// log: the [Options.Logger] it is given (nil discards it). That work is
// the background loading of the chunk vectors of a large saved index, and
// the embedding again of any shard of them that could not be read; it
// logs when the load is done, and a warning for each shard embedded again
// (also kept in the Warnings) or save that failed.
//
// That background work runs on a context the [Library] owns, not on the
// one given to Open, which may end as soon as Open returns.
// [Library.Close] cancels it and waits for it; whoever opens a Library
// closes it. After Close, searching and writing fail with [ErrClosed].
package retrieval
