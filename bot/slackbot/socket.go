package slackbot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/socketmode"
)

// RunSocketMode connects to Slack over Socket Mode and handles events,
// commands and button clicks until ctx ends; then it returns nil. It needs
// [Config.AppToken]. Slack's disconnect requests (refresh_requested,
// warning) and lost connections are followed by a new connection; only a
// token Slack refuses ends it with an error. Call [Bot.Shutdown] afterwards
// to let answers under way finish.
func (b *Bot) RunSocketMode(ctx context.Context) error {
	if b.cfg.AppToken == "" {
		return errors.New("socket mode needs an app-level token")
	}
	opts := []socketmode.Option{socketmode.OptionLog(slogWriter{b.log.With("component", "socketmode")})}
	if b.cfg.PingInterval > 0 {
		opts = append(opts, socketmode.OptionPingInterval(b.cfg.PingInterval))
	}
	smc := socketmode.New(b.client, opts...)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	runErr := make(chan error, 1)
	go func() { runErr <- smc.RunContext(ctx) }()
	for {
		select {
		case <-ctx.Done():
			<-runErr
			return nil
		case err := <-runErr:
			if ctx.Err() != nil {
				return nil
			}
			return fmt.Errorf("socket mode: %w", err)
		case evt := <-smc.Events:
			if err := b.handleSocketEvent(ctx, smc, evt); err != nil {
				cancel()
				<-runErr
				return err
			}
		}
	}
}

// handleSocketEvent acknowledges one Socket Mode event, then hands it on.
// It returns quickly: the work happens in the background.
func (b *Bot) handleSocketEvent(ctx context.Context, smc *socketmode.Client, evt socketmode.Event) error {
	switch evt.Type {
	case socketmode.EventTypeConnecting:
		b.log.Debug("socket mode connecting")
	case socketmode.EventTypeConnected:
		if c, ok := evt.Data.(*socketmode.ConnectedEvent); ok {
			b.log.Info("socket mode connected", "connection", c.ConnectionCount+1)
		}
	case socketmode.EventTypeHello:
		b.log.Debug("socket mode hello")
	case socketmode.EventTypeConnectionError:
		if c, ok := evt.Data.(*slack.ConnectionErrorEvent); ok {
			b.log.Warn("socket mode connection failed; retrying", "attempt", c.Attempt, "backoff", c.Backoff, "err", c.ErrorObj)
		}
	case socketmode.EventTypeInvalidAuth:
		return errors.New("socket mode: slack refused the app-level token")
	case socketmode.EventTypeIncomingError, socketmode.EventTypeErrorWriteFailed:
		b.log.Warn("socket mode transport error", "type", string(evt.Type), "data", fmt.Sprint(evt.Data))
	case socketmode.EventTypeErrorBadMessage:
		// An envelope slack-go cannot parse (an event type it does not
		// know): still acknowledge it, or Slack will redeliver it.
		if bad, ok := evt.Data.(*socketmode.ErrorBadMessage); ok {
			var env struct {
				EnvelopeID string `json:"envelope_id"`
			}
			if json.Unmarshal(bad.Message, &env) == nil && env.EnvelopeID != "" {
				b.ack(ctx, smc, env.EnvelopeID, nil)
			}
			b.log.Debug("unparsed socket mode message acknowledged", "err", bad.Cause)
		}
	case socketmode.EventTypeEventsAPI, socketmode.EventTypeSlashCommand, socketmode.EventTypeInteractive:
		if evt.Request == nil {
			return nil
		}
		if !b.accepting() {
			return nil // not acknowledged: Slack will deliver it again
		}
		b.handleEnvelope(ctx, smc, evt)
	default:
		b.log.Debug("socket mode event ignored", "type", string(evt.Type))
	}
	return nil
}

// handleEnvelope acknowledges an events_api, slash_commands or interactive
// envelope and starts its work.
func (b *Bot) handleEnvelope(ctx context.Context, smc *socketmode.Client, evt socketmode.Event) {
	req := evt.Request
	switch evt.Type {
	case socketmode.EventTypeEventsAPI:
		b.ack(ctx, smc, req.EnvelopeID, nil)
		cb, err := parseEventCallback(req.Payload)
		if err != nil {
			b.log.Warn("unreadable event", "err", err)
			return
		}
		b.handleEventCallback(cb, req.RetryAttempt)
	case socketmode.EventTypeSlashCommand:
		cmd, ok := evt.Data.(slack.SlashCommand)
		if !ok {
			b.ack(ctx, smc, req.EnvelopeID, nil)
			return
		}
		reply := b.handleCommand(cmd)
		if reply != nil && req.AcceptsResponsePayload {
			b.ack(ctx, smc, req.EnvelopeID, reply)
			return
		}
		b.ack(ctx, smc, req.EnvelopeID, nil)
		if reply != nil && cmd.ResponseURL != "" {
			m := message{Text: reply.Text, Blocks: reply.Blocks}
			b.spawn(func(ctx context.Context) { _ = b.respond(ctx, b.log, cmd.ResponseURL, reply.ResponseType, false, m) })
		}
	case socketmode.EventTypeInteractive:
		b.ack(ctx, smc, req.EnvelopeID, nil)
		if cb, ok := evt.Data.(slack.InteractionCallback); ok {
			b.spawn(func(ctx context.Context) { b.handleInteraction(ctx, cb) })
		}
	}
}

// ack acknowledges an envelope, with an optional reply payload.
func (b *Bot) ack(ctx context.Context, smc *socketmode.Client, envelopeID string, payload any) {
	if payload == nil {
		if err := smc.AckCtx(ctx, envelopeID, nil); err != nil {
			b.log.Warn("could not acknowledge", "envelope_id", envelopeID, "err", err)
		}
		return
	}
	if err := smc.AckCtx(ctx, envelopeID, payload); err != nil {
		b.log.Warn("could not acknowledge with a reply; acknowledging without", "envelope_id", envelopeID, "err", err)
		b.ack(ctx, smc, envelopeID, nil)
	}
}
