// Package retrieval loads the article corpus, extracts its quote ledger
// (who said what, where, byte for byte) and finds the passages and quotes
// that bear on a question, with local embeddings in chromem-go fused with
// BM25. It knows nothing of Slack, chat models or the answer engine, and it
// returns errors rather than logging.
package retrieval
