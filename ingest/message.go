package ingest

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/privacybot/privacybot/corpus"
)

// UserMessage is what to tell a user (in Slack, say) when an add or remove
// fails: a short sentence without URLs of internal hosts, addresses or
// file paths. Log the error itself for the operator.
func UserMessage(err error) string {
	var se *StatusError
	switch {
	case err == nil:
		return ""
	case errors.As(err, &se):
		return fmt.Sprintf("The page answered %d %s.", se.Code, http.StatusText(se.Code))
	case errors.Is(err, ErrBlockedAddress):
		return "That address is not on the public internet."
	case errors.Is(err, ErrTooLarge):
		return "The page is too large (over 5 MB)."
	case errors.Is(err, ErrContentType):
		return "That link is not a web page."
	case errors.Is(err, ErrTooManyRedirects):
		return "The page redirects too many times."
	case errors.Is(err, ErrNoArticle):
		return "I found no article text on that page."
	case errors.Is(err, ErrBadURL):
		return "That is not an http or https link."
	case errors.Is(err, corpus.ErrUnknownSource):
		return "No source has that id."
	case errors.Is(err, corpus.ErrAmbiguousSource):
		return "That id matches several sources; give more of it."
	case errors.Is(err, ErrNotAdded):
		return "Only articles added at run time can be removed; that one is part of the corpus."
	case errors.Is(err, ErrTimeout), errors.Is(err, context.DeadlineExceeded):
		return "The page took too long to answer."
	}
	return "Something went wrong; the operator's log has the details."
}
