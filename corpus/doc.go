// Package corpus is the article as stored: its bytes, its id (the file
// stem), its metadata header or byline, and its paragraphs, and how a
// directory or an [fs.FS] of article files is read into a [Corpus].
//
// Every offset elsewhere in privacybot (a quotation, a search chunk, a
// citation) indexes the Text of a [Source], which holds the file byte for
// byte. A file's [Stamp] lets a later load take the source it parsed
// before instead of reading an unchanged file again.
//
// The package reads files and returns errors and warnings; it does not log,
// nothing it starts (a load reads on all CPUs) outlives the call that
// started it, and it knows nothing of quotations or search.
package corpus
