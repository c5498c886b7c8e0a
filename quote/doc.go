// Package quote finds who said what in an article: its direct quotations,
// with the speaker, role and organization each is attributed to, and its
// silences, the sentences that record a non-answer ("declined to
// comment").
//
// [Extract] reads one [corpus.Source]; it needs no search index, so the
// quotes of a string are corpus.ParseSource then Extract. [BuildLedger]
// extracts a whole corpus into a [Ledger], which looks quotes up by the
// name of a person or organization, following [Aliases] ("Citi" is
// Citigroup) and tolerating small typos. A ledger can be saved and read
// back ([WriteLedger], [ReadLedger]) so that a large corpus is not
// extracted again at every start.
//
// The package returns errors; it does not log, and nothing it starts
// (BuildLedger extracts on all CPUs) outlives the call that started it.
package quote
