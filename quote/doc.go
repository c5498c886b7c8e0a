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
// Which quoted words are speech is decided by rules and, where they are
// unsure (a short phrase that may be a scare quote, a long passage with no
// one said to say it), by a learned keep model (internal/keep, weights
// embedded and rebuilt by the same command); it never turns a title-case
// name of a work into a quotation.
//
// Who spoke is decided by a learned ranker (internal/rank, weights
// embedded, rebuilt by `go generate ./quote` from the attribution training
// set): it scores the attribution the rules read and the people and
// organizations in view, and abstains when none is likely enough, since a
// wrong name is worse than none. An unattributed quote is still returned,
// with empty Speaker, Role and Organization (callers show it as
// unattributed); a quote whose speaker the text leaves unnamed ("a source
// said") has only Role.
//
// The package returns errors; it does not log, and nothing it starts
// (BuildLedger extracts on all CPUs) outlives the call that started it.
package quote
