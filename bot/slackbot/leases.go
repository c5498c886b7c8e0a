package slackbot

import (
	"context"
	"log/slog"
	"sync"
	"time"
)

// DefaultClaimLease is [Config.ClaimLease] when it is not set: Slack
// retries an unacknowledged event after about one minute and five
// minutes, so a replica that dies mid-answer has its event answered by
// another at the first retry that comes more than this after its last
// renewal.
const DefaultClaimLease = 30 * time.Second

// ClaimLeases is what [EventClaims] may also do, so that an event claimed
// by a replica that died before answering is answered by another: a
// claim neither finished nor renewed within a lease is taken over by a
// later retry. *pgstate.Store does it.
type ClaimLeases interface {
	// Reclaim takes over the claim on key if it was made or renewed
	// longer than lease ago and is not finished; only one caller gets
	// true.
	Reclaim(ctx context.Context, key string, lease time.Duration) (bool, error)
	// Renew renews this process's unfinished claims on keys.
	Renew(ctx context.Context, keys []string) error
	// Finish marks the claim on key finished.
	Finish(ctx context.Context, key string) error
}

// leaseHolder is the set of claims whose answers are under way in this
// process, which a goroutine renews while the set is not empty.
type leaseHolder struct {
	mu      sync.Mutex
	keys    map[string]int
	running bool
}

// lease is how long an unrenewed claim is kept.
func (b *Bot) lease() time.Duration {
	if b.cfg.ClaimLease > 0 {
		return b.cfg.ClaimLease
	}
	return DefaultClaimLease
}

// claimEvent claims key for an event delivery; a retry (retry > 0) may
// take over a claim its replica neither finished nor renewed within the
// lease.
func (b *Bot) claimEvent(log *slog.Logger, key string, retry int) bool {
	return b.claim(log, key) || b.reclaim(log, key, retry)
}

// reclaim takes over the claim on key, for a retry (retry > 0), if its
// replica neither finished nor renewed it within the lease.
func (b *Bot) reclaim(log *slog.Logger, key string, retry int) bool {
	l, ok := b.cfg.Claims.(ClaimLeases)
	if retry == 0 || !ok {
		return false
	}
	ctx, cancel := context.WithTimeout(b.work, claimTimeout)
	defer cancel()
	taken, err := l.Reclaim(ctx, key, b.lease())
	if err != nil {
		log.Warn("could not check for an abandoned claim", "err", err)
		return false
	}
	if taken {
		log.Info("taking over an event its replica claimed but never finished", "key", key)
	}
	return taken
}

// PairClaims is what [EventClaims] may also do to save a round trip on
// the path of an acknowledgement: claim an event and its message
// together. *pgstate.Store does it.
type PairClaims interface {
	// ClaimPair claims first and, only if it got first, second, as two
	// calls of Claim would.
	ClaimPair(ctx context.Context, first, second string) (gotFirst, gotSecond bool, err error)
}

// claimOutcome is what claiming a delivery came to.
type claimOutcome int

const (
	claimed     claimOutcome = iota // this process answers it
	lostEvent                       // the event is another delivery's
	lostMessage                     // the message is another event's
)

// claimDelivery claims an event (when it has an id) and its message
// (msgKey), in one round trip when the claims allow it; a retry may take
// over either claim if abandoned (see [Bot.claimEvent]).
func (b *Bot) claimDelivery(log *slog.Logger, eventID, msgKey string, retry int) claimOutcome {
	p, ok := b.cfg.Claims.(PairClaims)
	if eventID == "" || !ok {
		if eventID != "" && !b.claimEvent(log, "event:"+eventID, retry) {
			return lostEvent
		}
		if !b.claimEvent(log, msgKey, retry) {
			return lostMessage
		}
		return claimed
	}
	eventKey := "event:" + eventID
	ctx, cancel := context.WithTimeout(b.work, claimTimeout)
	gotEvent, gotMsg, err := p.ClaimPair(ctx, eventKey, msgKey)
	cancel()
	if err != nil {
		log.Warn("shared event claims unavailable; deduplicating in this process only", "err", err)
		switch {
		case !b.dedupe.claim(eventKey):
			return lostEvent
		case !b.dedupe.claim(msgKey):
			return lostMessage
		}
		return claimed
	}
	if !gotEvent {
		if !b.reclaim(log, eventKey, retry) {
			return lostEvent
		}
		gotMsg = b.claimEvent(log, msgKey, retry)
	} else if !gotMsg {
		gotMsg = b.reclaim(log, msgKey, retry)
	}
	if !gotMsg {
		return lostMessage
	}
	return claimed
}

// claimKeys are the claims an answer to q holds.
func claimKeys(q question) []string {
	keys := []string{"msg:" + q.channel + ":" + q.ts}
	if q.eventID != "" {
		keys = append(keys, "event:"+q.eventID)
	}
	return keys
}

// holdClaims keeps the claims of keys renewed until [Bot.finishClaims].
func (b *Bot) holdClaims(keys []string) {
	if _, ok := b.cfg.Claims.(ClaimLeases); !ok {
		return
	}
	h := &b.leases
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.keys == nil {
		h.keys = map[string]int{}
	}
	for _, k := range keys {
		h.keys[k]++
	}
	if !h.running {
		h.running = true
		go b.renewClaims()
	}
}

// renewClaims renews the held claims every third of the lease, until
// none is held or the bot's work ends.
func (b *Bot) renewClaims() {
	l := b.cfg.Claims.(ClaimLeases)
	h := &b.leases
	tick := time.NewTicker(b.lease() / 3)
	defer tick.Stop()
	for {
		select {
		case <-tick.C:
		case <-b.work.Done():
			h.mu.Lock()
			h.running = false
			h.mu.Unlock()
			return
		}
		h.mu.Lock()
		keys := make([]string, 0, len(h.keys))
		for k := range h.keys {
			keys = append(keys, k)
		}
		if len(keys) == 0 {
			h.running = false
			h.mu.Unlock()
			return
		}
		h.mu.Unlock()
		ctx, cancel := context.WithTimeout(b.work, sharedTimeout)
		if err := l.Renew(ctx, keys); err != nil {
			b.log.Warn("could not renew the claims of the answers under way", "claims", len(keys), "err", err)
		}
		cancel()
	}
}

// finishClaims marks the claims of keys finished, so no retry takes them
// over, and stops renewing them.
func (b *Bot) finishClaims(log *slog.Logger, keys []string) {
	l, ok := b.cfg.Claims.(ClaimLeases)
	if !ok {
		return
	}
	b.releaseClaims(keys)
	ctx, cancel := context.WithTimeout(context.WithoutCancel(b.work), sharedTimeout)
	defer cancel()
	for _, k := range keys {
		if err := l.Finish(ctx, k); err != nil {
			log.Warn("could not mark the event answered", "err", err)
		}
	}
}

// releaseClaims stops renewing the claims of keys, leaving them to be
// taken over once their lease runs out.
func (b *Bot) releaseClaims(keys []string) {
	h := &b.leases
	h.mu.Lock()
	defer h.mu.Unlock()
	for _, k := range keys {
		if h.keys[k] <= 1 {
			delete(h.keys, k) // a no-op on a nil map
			continue
		}
		h.keys[k]--
	}
}
