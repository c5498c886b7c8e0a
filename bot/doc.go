// Package bot is privacybot's answer engine. [Engine.Answer] takes a
// question (with any earlier turns of the conversation) and returns an
// [Answer] built only from the sources: verbatim quotes with their speakers
// and citations, supporting sentences for facts, or a plain statement that
// the sources do not say. It knows nothing of Slack or the command line;
// both use it the same way.
package bot
