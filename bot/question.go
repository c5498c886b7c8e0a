package bot

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxQuestionLen is the longest question, in characters, the engine accepts.
const MaxQuestionLen = 2000

// ErrBadQuestion is wrapped by every error about a question that cannot be
// answered as asked: empty, too long, or holding binary data. Its message is
// fit to show the user.
var ErrBadQuestion = errors.New("bad question")

// Turn is one earlier exchange in a conversation.
type Turn struct {
	// Question is what the user asked.
	Question string
	// Answer is the answer's plain text, as shown.
	Answer string
}

// Question is what a user asks, with the conversation so far.
type Question struct {
	// Text is the question as typed.
	Text string
	// History holds the earlier turns of the conversation, oldest first.
	// Follow-ups such as "and Citigroup?" are read against it.
	History []Turn
}

// Validate checks the question text and returns it trimmed. The error wraps
// [ErrBadQuestion] and says what is wrong in words a user understands.
func Validate(text string) (string, error) {
	if !utf8.ValidString(text) {
		return "", fmt.Errorf("%w: the question is not valid UTF-8 text", ErrBadQuestion)
	}
	for _, r := range text {
		if r == '\n' || r == '\t' || r == '\r' {
			continue
		}
		if unicode.IsControl(r) || r == utf8.RuneError {
			return "", fmt.Errorf("%w: the question holds control characters; please type it as plain text", ErrBadQuestion)
		}
	}
	text = strings.TrimSpace(text)
	if text == "" {
		return "", fmt.Errorf("%w: the question is empty; ask something like \"What did JPMorgan say?\"", ErrBadQuestion)
	}
	if n := utf8.RuneCountInString(text); n > MaxQuestionLen {
		return "", fmt.Errorf("%w: the question is %d characters long; please keep it under %d", ErrBadQuestion, n, MaxQuestionLen)
	}
	return text, nil
}
