package prompts

import "errors"

// ErrUnknown is wrapped by [Render] when no template has the given name.
var ErrUnknown = errors.New("no such prompt template")
