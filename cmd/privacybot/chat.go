package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
	"unicode/utf8"

	"github.com/privacybot/privacybot/bot"
)

// maxHistory is how many earlier turns a chat keeps for follow-ups.
const maxHistory = 6

// maxChatLine is the longest line chat keeps, in bytes. A longer line is
// read to its end and thrown away, and answered as a question too long.
const maxChatLine = 1 << 20

// runChat reads questions line by line and answers each, carrying the
// conversation so follow-ups ("and Citigroup?") work. It prompts only when
// stdin is a terminal, so it also works with piped input. It ends at the
// end of its input, or when ctx ends (SIGINT or SIGTERM).
func (a *App) runChat(ctx context.Context, args []string) error {
	fs, cf := a.newFlagSet("chat")
	if _, err := parseArgs(fs, args); err != nil {
		return err
	}
	log := a.logger(slog.LevelWarn)
	eng, lib, err := a.openEngine(ctx, cf, log)
	if err != nil {
		return err
	}
	defer lib.Close()
	interactive := isTerminal(a.Stdin)
	if interactive {
		fmt.Fprintln(a.Stdout, "Ask about the sources; an empty line or Ctrl-D ends.")
	}
	// Lines are read in their own goroutine, so that a signal ends the
	// session while it waits for input.
	lines := make(chan chatLine)
	done := make(chan struct{})
	defer close(done)
	go readChatLines(a.Stdin, lines, done)
	var history []bot.Turn
	for {
		if interactive {
			fmt.Fprint(a.Stdout, "> ")
		}
		var in chatLine
		select {
		case <-ctx.Done():
			if interactive {
				fmt.Fprintln(a.Stdout)
			}
			return nil
		case in = <-lines:
		}
		if errors.Is(in.err, io.EOF) {
			return nil
		}
		if in.err != nil {
			return fmt.Errorf("read questions: %w", in.err)
		}
		if in.chars > 0 {
			fmt.Fprintln(a.Stdout, userMessage(bot.QuestionTooLong(in.chars)))
			continue
		}
		line := strings.TrimSpace(in.text)
		if line == "" {
			if interactive {
				return nil
			}
			continue
		}
		if line == "quit" || line == "exit" {
			return nil
		}
		question, err := bot.ParseQuestion(line)
		if err != nil {
			fmt.Fprintln(a.Stdout, userMessage(err))
			continue
		}
		question.History = history
		ans, err := eng.Answer(ctx, question)
		if err != nil {
			return err
		}
		if !interactive {
			fmt.Fprintf(a.Stdout, "> %s\n", line)
		}
		fmt.Fprintln(a.Stdout, ans.Text)
		history = append(history, bot.Turn{Question: line, Answer: ans.Text})
		if len(history) > maxHistory {
			history = history[len(history)-maxHistory:]
		}
	}
}

// chatLine is one line of chat input: its text, or, for a line over
// maxChatLine bytes, its length in characters; or the error that ended
// the input (io.EOF at its end).
type chatLine struct {
	text  string
	chars int
	err   error
}

// readChatLines sends the lines of r on out until r ends (the last
// message carries the error) or done is closed.
func readChatLines(r io.Reader, out chan<- chatLine, done <-chan struct{}) {
	br := bufio.NewReader(r)
	for {
		l := readLine(br, maxChatLine)
		select {
		case out <- l:
		case <-done:
			return
		}
		if l.err != nil {
			return
		}
	}
}

// readLine reads one line of at most max bytes, without its line ending.
// The rest of a longer line is read and dropped, counting its characters,
// so memory stays bounded whatever the input. A last line without a
// newline is returned as a line; the call after it returns io.EOF.
func readLine(br *bufio.Reader, max int) chatLine {
	var buf []byte
	chars, got := 0, false
	for {
		frag, err := br.ReadSlice('\n')
		got = got || len(frag) > 0
		eol := err == nil
		if eol {
			frag = bytes.TrimSuffix(frag[:len(frag)-1], []byte("\r"))
		}
		switch {
		case chars == 0 && len(buf)+len(frag) <= max:
			buf = append(buf, frag...)
		case chars == 0:
			chars = utf8.RuneCount(buf) + runeStarts(frag)
			buf = nil
		default:
			chars += runeStarts(frag)
		}
		switch {
		case eol, got && errors.Is(err, io.EOF):
			return chatLine{text: strings.TrimSuffix(string(buf), "\r"), chars: chars}
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		default:
			return chatLine{err: err}
		}
	}
}

// runeStarts counts the bytes of b that start a UTF-8 character: its
// characters, even when b begins or ends inside one.
func runeStarts(b []byte) int {
	n := 0
	for _, c := range b {
		if c&0xC0 != 0x80 {
			n++
		}
	}
	return n
}

// isTerminal reports whether r is a character device such as a terminal.
func isTerminal(r any) bool {
	f, ok := r.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}
