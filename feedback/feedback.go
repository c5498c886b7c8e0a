// Package feedback keeps what readers think of the answers: each 👍 or 👎
// with the answer it is about. [File] stores it as JSON lines in the data
// directory; a shared database can take its place behind the same
// Record method when several replicas run.
package feedback

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"time"

	"github.com/privacybot/privacybot/internal/flatfile"
)

// Values of [Feedback.Value].
const (
	Up   = "up"
	Down = "down"
)

// FileName is the name of the feedback file in the data directory.
const FileName = "feedback.jsonl"

// Feedback is one vote on one answer.
type Feedback struct {
	// AnswerID identifies the answer voted on.
	AnswerID string `json:"answer_id"`
	// Question is the question the answer was for.
	Question string `json:"question"`
	// Mode is how the answer was made ("extractive" or "llm"); "" when
	// not known.
	Mode string `json:"mode,omitempty"`
	// User is who voted, such as a Slack user id.
	User string `json:"user"`
	// Value is [Up] or [Down].
	Value string `json:"value"`
	// Time is when the vote was cast.
	Time time.Time `json:"time"`
}

// File stores feedback in a file of JSON lines, one vote a line. It is
// safe for concurrent use, also by several processes on one machine.
type File struct {
	path string
}

// NewFile returns the store kept in [FileName] in dir, which must exist
// when the first vote is recorded.
func NewFile(dir string) *File { return &File{path: filepath.Join(dir, FileName)} }

// Path returns the file's path.
func (f *File) Path() string { return f.path }

// Record appends fb as one line, atomically (see
// [flatfile.AppendLine]), and returns once it is on disk.
func (f *File) Record(ctx context.Context, fb Feedback) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("record feedback: %w", err)
	}
	if fb.Value != Up && fb.Value != Down {
		return fmt.Errorf("record feedback: value %q is neither %q nor %q", fb.Value, Up, Down)
	}
	line, err := json.Marshal(fb)
	if err != nil {
		return fmt.Errorf("record feedback: %w", err)
	}
	if err := flatfile.AppendLine(f.path, line); err != nil {
		return fmt.Errorf("record feedback: %w", err)
	}
	return nil
}

// Read returns every vote in the file, oldest first as written, and how
// many lines it skipped: a partial last line (a write cut short by a
// crash) or a line that is not a vote. A missing file holds no votes.
func (f *File) Read() (votes []Feedback, skipped int, err error) {
	file, err := os.Open(f.path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, 0, nil
	}
	if err != nil {
		return nil, 0, fmt.Errorf("read feedback: %w", err)
	}
	defer file.Close()
	r := bufio.NewReader(file)
	for {
		line, err := r.ReadBytes('\n')
		if errors.Is(err, io.EOF) {
			if len(line) > 0 {
				skipped++ // no newline: cut short
			}
			return votes, skipped, nil
		}
		if err != nil {
			return nil, 0, fmt.Errorf("read feedback: %w", err)
		}
		var fb Feedback
		if json.Unmarshal(line, &fb) != nil || (fb.Value != Up && fb.Value != Down) {
			if len(line) > 1 {
				skipped++
			}
			continue
		}
		votes = append(votes, fb)
	}
}

// Summary is what the votes since a time say.
type Summary struct {
	// Since is the start of the period; zero for all time.
	Since time.Time `json:"since,omitzero"`
	// Up and Down count the votes of each kind.
	Up   int `json:"up"`
	Down int `json:"down"`
	// Disliked lists the votes marked [Down], newest first.
	Disliked []Feedback `json:"disliked"`
	// Skipped counts the lines of the file that could not be read.
	Skipped int `json:"skipped,omitempty"`
}

// Summarize counts the votes cast at or after since (all of them when
// since is zero) and lists the 👎 ones, newest first.
func Summarize(votes []Feedback, since time.Time) Summary {
	s := Summary{Since: since, Disliked: []Feedback{}}
	for _, v := range votes {
		if !since.IsZero() && v.Time.Before(since) {
			continue
		}
		switch v.Value {
		case Up:
			s.Up++
		case Down:
			s.Down++
			s.Disliked = append(s.Disliked, v)
		}
	}
	sort.SliceStable(s.Disliked, func(i, j int) bool { return s.Disliked[i].Time.After(s.Disliked[j].Time) })
	return s
}
