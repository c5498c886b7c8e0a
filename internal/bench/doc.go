// Package bench measures privacybot at scale on synthetic corpora (see
// internal/synth) through the public API of retrieval and bot: index build
// rate and peak memory, the size of the saved index, cold load time, and
// Answer latency for who-said-what, fact and no-answer questions.
//
// cmd/privacybot-bench runs each phase in a fresh process so that peak RSS
// is per phase; the Go benchmarks in this package run the same code
// in-process:
//
//	go test -run '^$' -bench . -benchtime=1x ./internal/bench              # 1k smoke
//	go test -run '^$' -bench . -benchtime=20x ./internal/bench -args -sizes 1000,10000
//
// The vector part of a query, against chromem-go's own QueryEmbedding and a
// plain dot-product scan over the same vectors (the memory-bandwidth
// floor), needs the library's internals; it is measured beside the code, by
// retrieval's BenchmarkVectorStage and BenchmarkImportVectors.
package bench
