package slackbot

import (
	"fmt"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// DefaultRateLimit is how many questions a user may ask a minute when
// [Config.RateLimit] is not set.
const DefaultRateLimit = 10

// userLimiter gives each user their own allowance of questions a minute,
// so one busy user never slows the others. It is safe for concurrent use.
type userLimiter struct {
	mu       sync.Mutex
	perMin   int
	now      func() time.Time
	limiters map[string]*userAllowance
}

type userAllowance struct {
	lim  *rate.Limiter
	last time.Time
}

func newUserLimiter(perMinute int, now func() time.Time) *userLimiter {
	return &userLimiter{perMin: perMinute, now: now, limiters: map[string]*userAllowance{}}
}

// allow takes one question from user's allowance. When none is left it
// returns false and how long until the next question is allowed.
func (l *userLimiter) allow(user string) (bool, time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	if len(l.limiters) > 10000 {
		for u, a := range l.limiters {
			if now.Sub(a.last) > time.Minute {
				delete(l.limiters, u)
			}
		}
	}
	a, ok := l.limiters[user]
	if !ok {
		a = &userAllowance{lim: rate.NewLimiter(rate.Limit(float64(l.perMin)/60), l.perMin)}
		l.limiters[user] = a
	}
	a.last = now
	if a.lim.AllowN(now, 1) {
		return true, 0
	}
	r := a.lim.ReserveN(now, 1)
	wait := r.DelayFrom(now)
	r.CancelAt(now)
	return false, wait
}

// rateLimitText is the polite reply to a user past their allowance.
func rateLimitText(perMinute int, wait time.Duration) string {
	secs := int(wait.Round(time.Second) / time.Second)
	if secs < 1 {
		secs = 1
	}
	unit := "seconds"
	if secs == 1 {
		unit = "second"
	}
	return fmt.Sprintf("You've asked a lot of questions in the last minute: I answer up to %d a minute for each person, to keep things fair. Please try again in %d %s. :hourglass_flowing_sand:", perMinute, secs, unit)
}
