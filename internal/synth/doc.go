// Package synth generates a deterministic synthetic news corpus for
// benchmarks: articles with a metadata header, 6 to 20 paragraphs, named
// speakers from a pool of thousands, organizations with aliases, direct
// quotes attributed in varied patterns, declined-to-comment lines and a
// Zipfian vocabulary of privacy, finance and technology words.
//
// Article i depends only on the seed and i, so a corpus of N articles is
// the first N articles of any larger one, and the same N always yields the
// same bytes. The corpus can be written to a directory ([WriteDir]) or read
// lazily through an [fs.FS] ([Corpus.FS]) without touching the disk.
package synth
