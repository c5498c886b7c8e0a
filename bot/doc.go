// Package bot is privacybot's answer engine. [Engine.Answer] takes a
// question (with any earlier turns of the conversation) and returns an
// [Answer] built only from the sources: verbatim quotes with their speakers
// and citations, supporting sentences for facts, or a plain statement that
// the sources do not say. It knows nothing of Slack or the command line;
// both use it the same way.
//
// The engine reads the library through the small interfaces it declares in
// library.go ([Catalog], [Searcher], [Cache]), one snapshot per answer, and
// has a draft rewritten by a language model through [Composer] (bot/llm).
// cmd/privacybot wires the concrete ones.
package bot
