// Package prompts holds the language-model prompts as text/template files
// embedded in the binary. [Render] fills one in. The package knows nothing
// of OpenAI, Slack or the answer engine: callers pass plain data such as
// [AnswerData] and send the resulting text wherever they like.
package prompts
