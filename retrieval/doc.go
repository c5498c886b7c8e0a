// Package retrieval finds the passages and quotes that bear on a question.
// It splits the articles of a corpus (package corpus) and the quotations
// of its ledger (package quote) into chunks, scores them with BM25 and with
// local embeddings in chromem-go fused together, and saves that index, the
// corpus snapshot and the ledger next to each other so that a restart does
// not rebuild them. It knows nothing of Slack, chat models or the answer
// engine. It returns errors rather than logging them, except the
// background loading of a saved vector index, which reports through the
// Options.Logger it is given.
package retrieval
