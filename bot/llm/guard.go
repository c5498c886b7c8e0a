package llm

import (
	"regexp"
	"strings"
	"unicode"
)

// leakShingle is how many words in a row a reply may share with the
// system prompt before it counts as repeating it.
const leakShingle = 8

// instructionTalk finds a reply talking about its instructions or prompt
// rather than the news: the mark of a prompt injection that worked. It
// avoids phrases such as "these rules" that privacy news uses itself.
var instructionTalk = regexp.MustCompile(`(?i)\bsystem\s+prompt\b|\b(my|your)\s+(instructions|rules|guidelines)\b|\bignore\s+(all\s+|any\s+|the\s+|your\s+|my\s+)?(previous\s+|prior\s+|above\s+)?instructions\b|</?(excerpt|question)\b|\b(BEGIN|END)\s+DATA\b`)

// thinkingRe finds the reasoning some local models (DeepSeek-R1, Qwen3
// through Ollama) write before their answer.
var thinkingRe = regexp.MustCompile(`(?s)<think>.*?</think>`)

// stripThinking removes reasoning blocks, which are not part of the answer
// and are not verified. An unclosed block leaves nothing.
func stripThinking(reply string) string {
	reply = thinkingRe.ReplaceAllString(reply, "")
	if i := strings.Index(reply, "<think>"); i >= 0 {
		reply = reply[:i]
	}
	return strings.TrimSpace(reply)
}

// injected reports why a reply must not be shown at all, or "" when it may
// go on to verification: it repeats the system prompt (any run of
// [leakShingle] words), carries the data fence, or talks about its
// instructions, as a reply does when a question or an article has
// hijacked the model.
func injected(reply, system, fence string) string {
	if fence != "" && strings.Contains(reply, fence) {
		return "the reply repeats the data fence"
	}
	if instructionTalk.MatchString(reply) {
		return "the reply talks about its instructions"
	}
	sw := leakWords(system)
	seen := make(map[string]bool, len(sw))
	for i := 0; i+leakShingle <= len(sw); i++ {
		seen[strings.Join(sw[i:i+leakShingle], " ")] = true
	}
	rw := leakWords(reply)
	for i := 0; i+leakShingle <= len(rw); i++ {
		if seen[strings.Join(rw[i:i+leakShingle], " ")] {
			return "the reply repeats the system prompt"
		}
	}
	return ""
}

// leakWords splits s into lower-case words of letters and digits.
func leakWords(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}
