package feedback

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"
)

func TestRecordReadBack(t *testing.T) {
	f := NewFile(t.TempDir())
	t0 := time.Date(2026, 12, 6, 10, 0, 0, 0, time.UTC)
	want := []Feedback{
		{AnswerID: "a1", Question: "What did JPMorgan say?", Mode: "extractive", User: "U1", Value: Up, Time: t0},
		{AnswerID: "a2", Question: "Who fined Clearview?\nTwo lines & <tags>", Mode: "llm", User: "U2", Value: Down, Time: t0.Add(time.Hour)},
	}
	for _, fb := range want {
		if err := f.Record(context.Background(), fb); err != nil {
			t.Fatal(err)
		}
	}
	got, skipped, err := f.Read()
	if err != nil || skipped != 0 {
		t.Fatalf("Read: %v, %d skipped", err, skipped)
	}
	if len(got) != len(want) {
		t.Fatalf("read %d votes, want %d", len(got), len(want))
	}
	for i := range want {
		g := got[i]
		if !g.Time.Equal(want[i].Time) {
			t.Errorf("vote %d time = %v, want %v", i, g.Time, want[i].Time)
		}
		g.Time = want[i].Time
		if g != want[i] {
			t.Errorf("vote %d = %+v, want %+v", i, got[i], want[i])
		}
	}
	if err := f.Record(context.Background(), Feedback{AnswerID: "x", Value: "meh"}); err == nil {
		t.Error("a vote that is neither up nor down was recorded")
	}
}

func TestPartialLastLineSkipped(t *testing.T) {
	dir := t.TempDir()
	f := NewFile(dir)
	ctx := context.Background()
	if err := f.Record(ctx, Feedback{AnswerID: "a1", Value: Up, Time: time.Now()}); err != nil {
		t.Fatal(err)
	}
	// A crash in the middle of a write leaves half a line.
	fh, err := os.OpenFile(f.Path(), os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		t.Fatal(err)
	}
	fh.WriteString(`{"answer_id":"cut","question":"half a`)
	fh.Close()
	votes, skipped, err := f.Read()
	if err != nil || len(votes) != 1 || skipped != 1 {
		t.Fatalf("after a crash: %d votes, %d skipped, %v; want 1, 1", len(votes), skipped, err)
	}
	// The next vote starts on a line of its own and is read whole.
	if err := f.Record(ctx, Feedback{AnswerID: "a2", Value: Down, Question: "next", Time: time.Now()}); err != nil {
		t.Fatal(err)
	}
	votes, skipped, err = f.Read()
	if err != nil || len(votes) != 2 || skipped != 1 || votes[1].AnswerID != "a2" {
		t.Fatalf("after the next vote: %+v, %d skipped, %v", votes, skipped, err)
	}
}

// TestConcurrentAppends has two processes and several goroutines in each
// append at once: every vote must be read back whole.
func TestConcurrentAppends(t *testing.T) {
	if dir := os.Getenv("FEEDBACK_TEST_CHILD_DIR"); dir != "" {
		appendMany(t, dir, os.Getenv("FEEDBACK_TEST_CHILD_NAME"))
		return
	}
	dir := t.TempDir()
	var cmds []*exec.Cmd
	for i := range 2 {
		cmd := exec.Command(os.Args[0], "-test.run=^TestConcurrentAppends$")
		cmd.Env = append(os.Environ(), "FEEDBACK_TEST_CHILD_DIR="+dir, "FEEDBACK_TEST_CHILD_NAME=p"+strconv.Itoa(i))
		cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		cmds = append(cmds, cmd)
	}
	appendMany(t, dir, "parent")
	for _, c := range cmds {
		if err := c.Wait(); err != nil {
			t.Fatalf("child: %v", err)
		}
	}
	votes, skipped, err := NewFile(dir).Read()
	if err != nil || skipped != 0 {
		t.Fatalf("Read: %v, %d lines skipped", err, skipped)
	}
	seen := map[string]bool{}
	for _, v := range votes {
		seen[v.AnswerID] = true
	}
	if want := 3 * 4 * 50; len(votes) != want || len(seen) != want {
		t.Fatalf("read %d votes (%d distinct), want %d", len(votes), len(seen), want)
	}
	if _, err := os.Stat(filepath.Join(dir, FileName)); err != nil {
		t.Fatal(err)
	}
}

// appendMany records 4×50 votes from 4 goroutines, each with a long
// question so that a torn write would show.
func appendMany(t *testing.T, dir, name string) {
	f := NewFile(dir)
	q := fmt.Sprintf("%0900d", 7)
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			for i := range 50 {
				fb := Feedback{AnswerID: fmt.Sprintf("%s-%d-%d", name, g, i), Question: q, User: "U1", Value: Down, Time: time.Now()}
				if err := f.Record(context.Background(), fb); err != nil {
					t.Error(err)
					return
				}
			}
		})
	}
	wg.Wait()
}

func TestSummarize(t *testing.T) {
	t0 := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	votes := []Feedback{
		{AnswerID: "old", Value: Down, Question: "old question", Time: t0},
		{AnswerID: "a", Value: Up, Time: t0.Add(48 * time.Hour)},
		{AnswerID: "b", Value: Down, Question: "first bad", Time: t0.Add(49 * time.Hour)},
		{AnswerID: "c", Value: Down, Question: "second bad", Time: t0.Add(50 * time.Hour)},
	}
	s := Summarize(votes, t0.Add(24*time.Hour))
	if s.Up != 1 || s.Down != 2 || len(s.Disliked) != 2 {
		t.Fatalf("summary = %+v", s)
	}
	if s.Disliked[0].Question != "second bad" || s.Disliked[1].Question != "first bad" {
		t.Errorf("disliked not newest first: %+v", s.Disliked)
	}
	if all := Summarize(votes, time.Time{}); all.Down != 3 || all.Up != 1 {
		t.Errorf("all-time summary = %+v", all)
	}
}
