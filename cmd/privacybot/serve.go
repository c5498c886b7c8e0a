package main

import (
	"context"
	"errors"
)

// runServe runs the Slack bot. (Being built: see issue 3.)
func (a *App) runServe(ctx context.Context, args []string) error {
	return errors.New("serve: the Slack adapter is not built yet")
}
