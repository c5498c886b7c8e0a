package slackbot

import (
	"sync"
	"time"

	"github.com/privacybot/privacybot/bot"
)

// Conversation memory limits.
const (
	// maxTurns is how many earlier turns a follow-up carries.
	maxTurns = 6
	// conversationTTL is how long an idle conversation is remembered.
	conversationTTL = 2 * time.Hour
	// maxConversations bounds the memory; the oldest are dropped first.
	maxConversations = 5000
)

// conversations remembers each thread's questions and answers, so a
// follow-up ("and Citigroup?") can be read against them. It is safe for
// concurrent use. After a restart it is empty; threads are then read back
// with conversations.replies.
type conversations struct {
	mu    sync.Mutex
	now   func() time.Time
	convs map[string]*conversation
}

type conversation struct {
	turns   []bot.Turn
	updated time.Time
}

func newConversations(now func() time.Time) *conversations {
	return &conversations{now: now, convs: map[string]*conversation{}}
}

// conversationKey identifies a thread (or, for a direct message outside a
// thread, the DM itself).
func conversationKey(channel, threadTS string) string { return channel + "/" + threadTS }

// history returns the remembered turns of a conversation, oldest first,
// and whether the conversation is known at all.
func (c *conversations) history(key string) ([]bot.Turn, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	cv, ok := c.convs[key]
	if !ok || c.now().Sub(cv.updated) > conversationTTL {
		return nil, false
	}
	return append([]bot.Turn(nil), cv.turns...), true
}

// add records a turn, keeping the latest maxTurns.
func (c *conversations) add(key string, t bot.Turn) {
	c.mu.Lock()
	defer c.mu.Unlock()
	now := c.now()
	cv, ok := c.convs[key]
	if !ok {
		if len(c.convs) >= maxConversations {
			c.evict(now)
		}
		cv = &conversation{}
		c.convs[key] = cv
	}
	cv.turns = append(cv.turns, t)
	if len(cv.turns) > maxTurns {
		cv.turns = cv.turns[len(cv.turns)-maxTurns:]
	}
	cv.updated = now
}

// evict drops expired conversations, or the oldest one if none expired.
func (c *conversations) evict(now time.Time) {
	var oldest string
	for k, cv := range c.convs {
		if now.Sub(cv.updated) > conversationTTL {
			delete(c.convs, k)
			continue
		}
		if oldest == "" || cv.updated.Before(c.convs[oldest].updated) {
			oldest = k
		}
	}
	if len(c.convs) >= maxConversations && oldest != "" {
		delete(c.convs, oldest)
	}
}
