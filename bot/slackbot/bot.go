package slackbot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/slack-go/slack"

	"github.com/privacybot/privacybot/bot"
)

// Engine answers questions and looks up sources and quotes. *bot.Engine
// satisfies it.
type Engine interface {
	Answer(ctx context.Context, q bot.Question) (bot.Answer, error)
	Sources() []bot.SourceInfo
	Source(ref string) (bot.SourceDetail, error)
	QuotesBy(name string) []bot.SpeakerGroup
}

var _ Engine = (*bot.Engine)(nil)

// Config configures a [Bot]. BotToken is always required; AppToken is
// required for Socket Mode and SigningSecret for HTTP mode.
type Config struct {
	// BotToken is the bot user OAuth token (xoxb-…).
	BotToken Secret
	// AppToken is the app-level token (xapp-…) with connections:write,
	// for Socket Mode.
	AppToken Secret
	// SigningSecret verifies requests in HTTP mode.
	SigningSecret Secret
	// APIURL overrides the Web API base URL, e.g. for a test server. It
	// must end with "/". Empty means https://slack.com/api/.
	APIURL string
	// RateLimit is how many questions each user may ask a minute; zero
	// means [DefaultRateLimit].
	RateLimit int
	// Logger receives the bot's logs; nil discards them.
	Logger *slog.Logger
	// HTTPClient calls Slack; nil means a client with a 30 s timeout.
	HTTPClient *http.Client
	// Now is the clock, for the signature window and rate limits; nil
	// means time.Now. A request's timestamp must also be fresh by the
	// process clock, which slack-go's verifier reads.
	Now func() time.Time
	// AnswerTimeout bounds the work on one answer; zero means 2 minutes.
	AnswerTimeout time.Duration
	// PingInterval is how long the Socket Mode client waits for Slack's
	// websocket ping before reconnecting; zero means slack-go's default.
	PingInterval time.Duration
	// MaxRetries is how often a rate-limited Web API call is retried;
	// zero means 3, a negative value none.
	MaxRetries int
	// MaxConcurrent bounds how many events, commands and clicks are
	// handled at once; the rest wait their turn in a queue. Zero means
	// [DefaultMaxConcurrent]. A bound leaves the CPU free to acknowledge
	// new events at once during a burst.
	MaxConcurrent int
	// Ingest adds and removes articles for /privacy add and /privacy
	// remove; nil turns both subcommands off.
	Ingest Ingester
	// Admins is the PRIVACYBOT_ADMINS policy: who may remove articles, and
	// who alone may add them when any admin is set.
	Admins Admins
	// AddTimeout bounds one /privacy add or remove (fetching the page and
	// indexing it); zero means [DefaultAddTimeout].
	AddTimeout time.Duration
	// Feedback stores the 👍/👎 votes; nil only logs them.
	Feedback FeedbackStore
	// Claims, RateLimiter and Threads share event dedupe, the per-user
	// rate limit (which must allow [Config.RateLimit] a minute) and thread
	// memory between replicas; nil keeps each in this process's memory.
	// See shared.go.
	Claims      EventClaims
	RateLimiter RateLimiter
	Threads     ThreadMemory
	// ClaimLease is how long a claim on an event whose answer is under
	// way is kept without being renewed, when Claims implements
	// [ClaimLeases]: the replica answering renews it every third of
	// that, so a claim outlives it only when its replica has died, and a
	// later retry is then answered by another. Zero means
	// [DefaultClaimLease].
	ClaimLease time.Duration
	// Database is the shared database, whose state /healthz and /readyz
	// report; nil when there is none.
	Database Pinger
}

// DefaultMaxConcurrent is how many answers are worked out at once when
// [Config.MaxConcurrent] is not set.
const DefaultMaxConcurrent = 4

// Bot is the Slack adapter. Create one with [New]; it is safe for
// concurrent use.
type Bot struct {
	eng        Engine
	api        webAPI
	client     *slack.Client
	cfg        Config
	log        *slog.Logger
	now        func() time.Time
	httpClient *http.Client
	maxRetries int
	timeout    time.Duration
	addTimeout time.Duration
	rateLimit  int

	dedupe  *deduper
	acks    *ackClock
	leases  leaseHolder
	limiter *userLimiter
	convs   *conversations

	idMu      sync.RWMutex
	selfUsers map[string]bool
	selfBotID string

	// Answers under way run on work, which outlives the run context so
	// that a shutdown can let them finish.
	work       context.Context
	cancelWork context.CancelFunc
	mu         sync.Mutex
	closing    bool
	inflight   sync.WaitGroup
	// slots holds a token for each answer being worked out.
	slots chan struct{}
}

// New returns a bot answering from eng, configured by cfg. It checks the
// configuration but does not contact Slack; call [Bot.Start] next.
func New(eng Engine, cfg Config) (*Bot, error) {
	if eng == nil {
		return nil, errors.New("slackbot: no engine")
	}
	if cfg.BotToken == "" {
		return nil, errors.New("slackbot: no bot token")
	}
	if cfg.APIURL != "" && !strings.HasSuffix(cfg.APIURL, "/") {
		return nil, fmt.Errorf("slackbot: API URL %q must end with /", cfg.APIURL)
	}
	b := &Bot{eng: eng, cfg: cfg, log: cfg.Logger, now: cfg.Now, httpClient: cfg.HTTPClient,
		maxRetries: cfg.MaxRetries, timeout: cfg.AnswerTimeout, rateLimit: cfg.RateLimit,
		selfUsers: map[string]bool{}}
	if b.log == nil {
		b.log = slog.New(slog.DiscardHandler)
	}
	if b.now == nil {
		b.now = time.Now
	}
	if b.httpClient == nil {
		t := http.DefaultTransport.(*http.Transport).Clone()
		t.MaxIdleConnsPerHost = 32 // reuse connections to Slack under load
		b.httpClient = &http.Client{Timeout: 30 * time.Second, Transport: t}
	}
	switch {
	case b.maxRetries == 0:
		b.maxRetries = defaultMaxRetries
	case b.maxRetries < 0:
		b.maxRetries = 0
	}
	if b.timeout <= 0 {
		b.timeout = 2 * time.Minute
	}
	if b.addTimeout = cfg.AddTimeout; b.addTimeout <= 0 {
		b.addTimeout = DefaultAddTimeout
	}
	if b.rateLimit <= 0 {
		b.rateLimit = DefaultRateLimit
	}
	if cfg.MaxConcurrent <= 0 {
		cfg.MaxConcurrent = DefaultMaxConcurrent
	}
	b.slots = make(chan struct{}, cfg.MaxConcurrent)
	opts := []slack.Option{
		slack.OptionHTTPClient(b.httpClient),
		slack.OptionLog(slogWriter{b.log.With("component", "slack-go")}),
	}
	if cfg.AppToken != "" {
		opts = append(opts, slack.OptionAppLevelToken(string(cfg.AppToken)))
	}
	if cfg.APIURL != "" {
		opts = append(opts, slack.OptionAPIURL(cfg.APIURL))
	}
	b.client = slack.New(string(cfg.BotToken), opts...)
	b.api = b.client
	b.dedupe = newDeduper(b.now)
	b.acks = newAckClock()
	b.limiter = newUserLimiter(b.rateLimit, b.now)
	b.convs = newConversations(b.now)
	b.work, b.cancelWork = context.WithCancel(context.Background())
	return b, nil
}

// Start asks Slack who the bot is (auth.test), so that its own messages
// are never answered. It fails if Slack refuses the bot token.
func (b *Bot) Start(ctx context.Context) error {
	var res *slack.AuthTestResponse
	err := b.call(ctx, b.log, "auth.test", func(ctx context.Context) error {
		var err error
		res, err = b.api.AuthTestContext(ctx)
		return err
	})
	if err != nil {
		return fmt.Errorf("slack rejected the bot token or could not be reached: %w", err)
	}
	b.idMu.Lock()
	b.selfUsers[res.UserID] = true
	b.selfBotID = res.BotID
	b.idMu.Unlock()
	b.log.Info("connected to slack", "team", res.Team, "bot_user", res.UserID, "bot_id", res.BotID)
	return nil
}

// isSelf reports whether a user id is the bot's own.
func (b *Bot) isSelf(userID string) bool {
	b.idMu.RLock()
	defer b.idMu.RUnlock()
	return userID != "" && b.selfUsers[userID]
}

// learnSelf records the bot user ids an event's authorizations name.
func (b *Bot) learnSelf(auths []slack.EventAuthorization) {
	for _, a := range auths {
		if a.IsBot && a.UserID != "" && !b.isSelf(a.UserID) {
			b.idMu.Lock()
			b.selfUsers[a.UserID] = true
			b.idMu.Unlock()
		}
	}
}

// isSelfBot reports whether a bot id is the bot's own.
func (b *Bot) isSelfBot(botID string) bool {
	b.idMu.RLock()
	defer b.idMu.RUnlock()
	return botID != "" && botID == b.selfBotID
}

// accepting reports whether the bot still takes new events.
func (b *Bot) accepting() bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	return !b.closing
}

// spawn queues f to run in the background, at most MaxConcurrent at a
// time, with a context bounded by the answer timeout, unless the bot is
// shutting down. It reports whether f will run. (Slack advises handling
// events from a queue, apart from acknowledging them.)
func (b *Bot) spawn(f func(ctx context.Context)) bool {
	return b.track(func() {
		select {
		case b.slots <- struct{}{}:
			defer func() { <-b.slots }()
		case <-b.work.Done():
		}
		ctx, cancel := context.WithTimeout(b.work, b.timeout)
		defer cancel()
		f(ctx)
	})
}

// track runs f in the background unless the bot is shutting down, and
// reports whether it will run; [Bot.Shutdown] waits for it.
func (b *Bot) track(f func()) bool {
	b.mu.Lock()
	if b.closing {
		b.mu.Unlock()
		return false
	}
	b.inflight.Add(1)
	b.mu.Unlock()
	go func() {
		defer b.inflight.Done()
		defer func() {
			if r := recover(); r != nil {
				b.log.Error("panic while handling a slack request", "panic", r)
			}
		}()
		f()
	}()
	return true
}

// Shutdown stops taking new events and waits for the answers under way to
// be posted. If ctx ends first, it cancels them, waits for them to return,
// and returns ctx's error.
func (b *Bot) Shutdown(ctx context.Context) error {
	b.mu.Lock()
	b.closing = true
	b.mu.Unlock()
	done := make(chan struct{})
	go func() {
		b.inflight.Wait()
		close(done)
	}()
	select {
	case <-done:
		b.cancelWork()
		return nil
	case <-ctx.Done():
		b.cancelWork()
		<-done
		return fmt.Errorf("shutdown: answers still under way were cancelled: %w", ctx.Err())
	}
}

// slogWriter passes slack-go's log lines to slog at debug level.
type slogWriter struct{ log *slog.Logger }

func (w slogWriter) Output(_ int, s string) error {
	w.log.Debug(strings.TrimSpace(s))
	return nil
}
