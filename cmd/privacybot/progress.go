package main

import (
	"fmt"
	"io"
	"log/slog"
	"strconv"
	"sync"
	"time"

	"github.com/privacybot/privacybot/retrieval"
)

// Long work shows its progress. When stderr is a terminal, a status line
// is redrawn in place at most four times a second and replaced by a
// summary at the end; otherwise only the summary is printed. The work
// that shows it is a first index of at least indexProgressMin articles
// and an add of at least addProgressMin files or pages.
const (
	indexProgressMin = 1000
	addProgressMin   = 10
	redrawEvery      = 250 * time.Millisecond
)

// statusLine is a line drawn at the foot of a terminal with \r and
// redrawn in place. Everything else written to that terminal goes through
// wrap, which erases the line first and draws it again after, so log
// lines and output never run into it.
type statusLine struct {
	mu   sync.Mutex
	w    io.Writer
	text string // the line drawn; "" when none
}

// eraseLine moves to the start of the line and clears it.
const eraseLine = "\r\x1b[K"

// set draws text in place of the line.
func (s *statusLine) set(text string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.text = text
	io.WriteString(s.w, eraseLine+text)
}

// note makes text the line without drawing it: it shows when the line
// is next drawn again, after other output.
func (s *statusLine) note(text string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.text != "" {
		s.text = text
	}
}

// clear erases the line.
func (s *statusLine) clear() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.text != "" {
		io.WriteString(s.w, eraseLine)
		s.text = ""
	}
}

// wrap returns w writing around the status line.
func (s *statusLine) wrap(w io.Writer) io.Writer { return statusWriter{s, w} }

type statusWriter struct {
	s *statusLine
	w io.Writer
}

func (sw statusWriter) Write(p []byte) (int, error) {
	s := sw.s
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.text == "" {
		return sw.w.Write(p)
	}
	io.WriteString(s.w, eraseLine)
	n, err := sw.w.Write(p)
	if len(p) > 0 && p[len(p)-1] == '\n' {
		io.WriteString(s.w, s.text)
	} else {
		s.text = "" // not on a line of its own: the next update draws it
	}
	return n, err
}

// meter follows one long job counted in items (articles): it draws its
// progress on the status line, if there is one, and ends with a summary.
type meter struct {
	a     *App
	label string // what is being done, like "indexing 1,200 articles"
	start time.Time

	mu        sync.Mutex
	step      string // the current step, "" for a job of one step
	stepStart time.Time
	lastDrawn time.Time
}

func (a *App) newMeter(label string) *meter {
	now := time.Now()
	return &meter{a: a, label: label, start: now, stepStart: now}
}

// update records that done of total items are done in step and, at most
// every redrawEvery or when the step ends, redraws the status line.
func (m *meter) update(step string, done, total int) {
	m.mu.Lock()
	defer m.mu.Unlock()
	now := time.Now()
	if step != m.step {
		m.step, m.stepStart, m.lastDrawn = step, now, time.Time{}
	}
	if m.a.status == nil {
		return
	}
	line := m.line(now, done, total)
	if done < total && now.Sub(m.lastDrawn) < redrawEvery {
		m.a.status.note(line)
		return
	}
	m.lastDrawn = now
	m.a.status.set(line)
}

// line is the status line: the label, the step, how many are done, the
// rate and the time left in the step.
func (m *meter) line(now time.Time, done, total int) string {
	text := m.label + ":"
	if m.step != "" {
		text += " " + m.step
	}
	text += fmt.Sprintf(" %s/%s", commas(done), commas(total))
	elapsed := now.Sub(m.stepStart)
	if done > 0 && elapsed >= redrawEvery {
		rate := float64(done) / elapsed.Seconds()
		text += ", " + formatRate(rate)
		if done < total {
			left := time.Duration(float64(total-done) / rate * float64(time.Second))
			text += ", " + formatLeft(left) + " left"
		}
	}
	return text
}

// finish erases the status line and writes summary, a line, on stderr;
// or, with JSON logs, logs it at info level on log, so that stderr stays
// JSON lines.
func (m *meter) finish(summary string, log *slog.Logger) {
	if m.a.status != nil {
		m.a.status.clear()
	}
	if jsonLogs(m.a.Getenv) {
		log.Info(summary)
		return
	}
	fmt.Fprintln(m.a.Stderr, "privacybot: "+summary)
}

// took is the time since the job started, rounded for a person.
func (m *meter) took() string {
	d := time.Since(m.start)
	if d < 10*time.Second {
		return d.Round(100 * time.Millisecond).String()
	}
	return d.Round(time.Second).String()
}

// indexMeter follows retrieval.Open: it shows progress when Open builds
// the index (or extracts the quotes) of at least indexProgressMin
// articles, and nothing when it loads what is saved or the corpus is
// small.
type indexMeter struct {
	m     *meter
	a     *App
	once  sync.Once
	total int
}

// indexMeter returns a meter for retrieval.Options.Progress.
func (a *App) indexMeter() *indexMeter { return &indexMeter{a: a} }

// steps name the stages of a build on the status line.
var steps = map[string]string{
	retrieval.StageQuotes:  "extracting quotes",
	retrieval.StageVectors: "embedding",
}

// report is a retrieval.Options.Progress.
func (im *indexMeter) report(p retrieval.Progress) {
	if p.Total < indexProgressMin {
		return
	}
	im.once.Do(func() {
		im.total = p.Total
		im.m = im.a.newMeter("indexing " + commas(p.Total) + " articles")
	})
	im.m.update(steps[p.Stage], p.Done, p.Total)
}

// finish ends the meter after Open: with a summary if Open built the
// index (ok) and the line erased either way.
func (im *indexMeter) finish(ok bool, log *slog.Logger) {
	if im.m == nil {
		return
	}
	if !ok {
		if im.a.status != nil {
			im.a.status.clear()
		}
		return
	}
	im.m.finish(fmt.Sprintf("indexed %s articles in %s", commas(im.total), im.m.took()), log)
}

// commas writes n with thousands separators: 1,200.
func commas(n int) string {
	s := strconv.Itoa(n)
	neg := n < 0
	if neg {
		s = s[1:]
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	if neg {
		s = "-" + s
	}
	return s
}

func formatRate(r float64) string {
	if r >= 10 {
		return fmt.Sprintf("%.0f/s", r)
	}
	return fmt.Sprintf("%.1f/s", r)
}

func formatLeft(d time.Duration) string {
	if d < time.Second {
		return "<1s"
	}
	return d.Round(time.Second).String()
}

// addMeter follows add over n files or pages; it shows nothing for fewer
// than addProgressMin.
type addMeter struct {
	m *meter
	n int
}

func (a *App) addMeter(n int) *addMeter {
	if n < addProgressMin {
		return &addMeter{n: n}
	}
	return &addMeter{m: a.newMeter("adding " + commas(n) + " articles"), n: n}
}

// update records that done arguments are done.
func (am *addMeter) update(done int) {
	if am.m != nil {
		am.m.update("", done, am.n)
	}
}

// finish ends the meter with a summary of outs.
func (am *addMeter) finish(outs []addOutcome, log *slog.Logger) {
	if am.m == nil {
		return
	}
	added, dups, failed := 0, 0, 0
	for _, o := range outs {
		switch {
		case o.Error != "":
			failed++
		case o.Result != nil && o.Result.Duplicate:
			dups++
		default:
			added++
		}
	}
	s := fmt.Sprintf("added %d of %d articles in %s", added, am.n, am.m.took())
	if dups > 0 {
		s += fmt.Sprintf(", %d already there", dups)
	}
	if failed > 0 {
		s += fmt.Sprintf(", %d failed", failed)
	}
	if skipped := am.n - len(outs); skipped > 0 {
		s += fmt.Sprintf(", %d not tried (interrupted)", skipped)
	}
	am.m.finish(s, log)
}
