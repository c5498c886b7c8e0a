// Package bench measures privacybot at scale on synthetic corpora (see
// internal/synth): index build rate and peak memory, the size of the saved
// index, cold load time, Answer latency for who-said-what, fact and
// no-answer questions, and the vector part of a query against chromem-go's
// own QueryEmbedding and a plain dot-product scan over the same vectors,
// the memory-bandwidth floor.
//
// The command line runs each phase in a fresh process so that peak RSS is
// per phase (privacybot bench); the Go benchmarks in this package run the
// same code in-process:
//
//	go test -run '^$' -bench . -benchtime=1x ./internal/bench              # 1k smoke
//	go test -run '^$' -bench . -benchtime=20x ./internal/bench -args -sizes 1000,10000
package bench
