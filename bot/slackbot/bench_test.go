package slackbot

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/privacybot/privacybot/bot/slackbot/slackfake"
	"github.com/privacybot/privacybot/internal/testkit/testengine"
)

// ackConcurrency is how many events arrive at once in BenchmarkAck.
const ackConcurrency = 50

// benchEvent is a distinct mention from a distinct user.
func benchEvent(i int) []byte {
	return fmt.Appendf(nil, `{"type":"event_callback","team_id":"T0TEST","event_id":"EvBench%08d","event_time":1700000000,`+
		`"event":{"type":"app_mention","user":"UBENCH%05d","text":"<@UBOTPRIVACY> What did JPMorgan say?","ts":"1700000000.%06d","channel":"CBENCH","event_ts":"1700000000.%06d"}}`,
		i, i%1000, i, i)
}

func benchBot(b *testing.B, fake *slackfake.Server) *Bot {
	b.Helper()
	bot, err := New(testengine.Seeds(b), Config{
		BotToken: slackfake.BotToken, AppToken: slackfake.AppToken, SigningSecret: testSigningSecret,
		APIURL: fake.URL, RateLimit: 1 << 20, Logger: slog.New(slog.DiscardHandler), PingInterval: 5 * time.Second,
	})
	if err != nil {
		b.Fatal(err)
	}
	if err := bot.Start(context.Background()); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = bot.Shutdown(context.Background()) })
	return bot
}

// reportPercentiles reports the median and 99th percentile of ds in ms.
func reportPercentiles(b *testing.B, ds []time.Duration) {
	slices.Sort(ds)
	pct := func(p float64) float64 {
		i := int(p*float64(len(ds)-1) + 0.5)
		return float64(ds[i]) / float64(time.Millisecond)
	}
	b.ReportMetric(pct(0.50), "p50-ms")
	b.ReportMetric(pct(0.99), "p99-ms")
	b.ReportMetric(float64(ds[len(ds)-1])/float64(time.Millisecond), "max-ms")
}

// measureBatches runs batch once to warm up (connections to the Web API,
// the engine) and waits for the bot's answers to finish, then runs it in
// the benchmark loop and reports the percentiles of the latencies the
// measured batches return.
func measureBatches(b *testing.B, bot *Bot, batch func() []time.Duration) {
	b.Helper()
	batch()
	bot.waitIdle()
	var lat []time.Duration
	for b.Loop() {
		lat = append(lat, batch()...)
	}
	b.StopTimer()
	reportPercentiles(b, lat)
}

// BenchmarkAck measures the time from an event reaching the bot to its
// acknowledgement, with 50 events arriving at once (each then answered in
// the background by the real engine): over Socket Mode, from the fake
// Slack sending the envelope to it reading the ack; over HTTP, the
// request's round trip.
func BenchmarkAck(b *testing.B) {
	b.Run("socket", func(b *testing.B) {
		fake := slackfake.New(b)
		bot := benchBot(b, fake)
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error, 1)
		go func() { done <- bot.RunSocketMode(ctx) }()
		defer func() { cancel(); <-done }()
		fake.Wait(b, waitTimeout, "socket connection", fake.Connected)
		n := 0
		batch := func() []time.Duration {
			ids := make([]string, ackConcurrency)
			var wg sync.WaitGroup
			for i := range ackConcurrency {
				ev := benchEvent(n + i)
				wg.Go(func() {
					id, err := fake.SendEnvelope("events_api", json.RawMessage(ev), 0)
					if err != nil {
						b.Error(err)
					}
					ids[i] = id
				})
			}
			wg.Wait()
			n += ackConcurrency
			fake.Wait(b, waitTimeout, "acks", func() bool {
				for _, id := range ids {
					if _, ok := fake.Acked(id); !ok {
						return false
					}
				}
				return true
			})
			lat := make([]time.Duration, 0, len(ids))
			for _, id := range ids {
				d, _ := fake.AckLatency(id)
				lat = append(lat, d)
			}
			return lat
		}
		measureBatches(b, bot, batch)
	})

	b.Run("http", func(b *testing.B) {
		fake := slackfake.New(b)
		bot := benchBot(b, fake)
		srv := httptest.NewServer(bot.Handler())
		defer srv.Close()
		client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: ackConcurrency}}
		n := 0
		batch := func() []time.Duration {
			var mu sync.Mutex
			lat := make([]time.Duration, 0, ackConcurrency)
			var wg sync.WaitGroup
			for i := range ackConcurrency {
				body := benchEvent(n + i)
				wg.Go(func() {
					ts := strconv.FormatInt(time.Now().Unix(), 10)
					req, _ := http.NewRequest(http.MethodPost, srv.URL+PathEvents, bytes.NewReader(body))
					req.Header.Set("Content-Type", "application/json")
					req.Header.Set(headerTimestamp, ts)
					req.Header.Set(headerSignature, Sign(testSigningSecret, ts, body))
					start := time.Now()
					res, err := client.Do(req)
					if err != nil {
						b.Error(err)
						return
					}
					_, _ = io.Copy(io.Discard, res.Body)
					res.Body.Close()
					d := time.Since(start)
					if res.StatusCode != http.StatusOK {
						b.Errorf("status %d", res.StatusCode)
					}
					mu.Lock()
					lat = append(lat, d)
					mu.Unlock()
				})
			}
			wg.Wait()
			n += ackConcurrency
			return lat
		}
		measureBatches(b, bot, batch)
	})
}
