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

// Question is what a user asks, with the conversation so far. It is
// validated once, where it comes in: [ParseQuestion] is the only way to
// give it text, and [Engine.Answer] trusts it.
type Question struct {
	// text is the question as typed, checked and trimmed; "" only in the
	// zero Question.
	text string
	// History holds the earlier turns of the conversation, oldest first.
	// Follow-ups such as "and Citigroup?" are read against it.
	History []Turn
}

// Text returns the question as typed, trimmed.
func (q Question) Text() string { return q.text }

// ParseQuestion checks the text of a question and returns the question,
// trimmed, with no history. The error wraps [ErrBadQuestion] and says what
// is wrong in words a user understands.
func ParseQuestion(text string) (Question, error) {
	if !utf8.ValidString(text) {
		return Question{}, fmt.Errorf("%w: the question is not valid UTF-8 text", ErrBadQuestion)
	}
	for _, r := range text {
		if r == '\n' || r == '\t' || r == '\r' {
			continue
		}
		if unicode.IsControl(r) || r == utf8.RuneError {
			return Question{}, fmt.Errorf("%w: the question holds control characters; please type it as plain text", ErrBadQuestion)
		}
	}
	text = strings.TrimSpace(text)
	if text == "" {
		return Question{}, errEmptyQuestion()
	}
	if n := utf8.RuneCountInString(text); n > MaxQuestionLen {
		return Question{}, QuestionTooLong(n)
	}
	return Question{text: text}, nil
}

// QuestionTooLong is the error [ParseQuestion] gives a question of n
// characters, more than [MaxQuestionLen]; a caller that does not keep so
// long a text (a line too long to read) gives it too.
func QuestionTooLong(n int) error {
	return fmt.Errorf("%w: the question is %d characters long; please keep it under %d", ErrBadQuestion, n, MaxQuestionLen)
}

// errEmptyQuestion is the error of a question with no text.
func errEmptyQuestion() error {
	return fmt.Errorf("%w: the question is empty; ask something like \"What did JPMorgan say?\"", ErrBadQuestion)
}
