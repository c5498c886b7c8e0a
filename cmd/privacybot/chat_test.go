package main

import (
	"bufio"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/privacybot/privacybot/bot"
)

func TestChatAnswersOnAfterLineOver1MiB(t *testing.T) {
	long := strings.Repeat("a", 1049000)
	code, out, errs := runApp(t, long+"\nWhat did JPMorgan say?\n", nil, "chat")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	_, err := bot.ParseQuestion(long)
	if want := userMessage(err); !strings.HasPrefix(out, want+"\n") {
		t.Errorf("over-long line: want %q, got:\n%.300s", want, out)
	}
	i := strings.Index(out, "> What did JPMorgan say?")
	if i < 0 || !strings.Contains(out[i:], "JPMorgan Chase") {
		t.Errorf("next question not answered:\n%.500s", out)
	}
}

func TestReadLineIsBounded(t *testing.T) {
	const max = 8
	in := "12345678\n" + // at the limit: kept
		"123456789\n" + // one byte over: counted
		"ééééé\r\n" + // 10 bytes, 5 characters
		strings.Repeat("x", 100) + "\n" + // longer than the reader's buffer
		"\r\n" +
		"last"
	br := bufio.NewReaderSize(strings.NewReader(in), 16)
	want := []chatLine{{text: "12345678"}, {chars: 9}, {chars: 5}, {chars: 100}, {text: ""}, {text: "last"}}
	for i, w := range want {
		got := readLine(br, max)
		if got != w {
			t.Errorf("line %d: got %+v, want %+v", i, got, w)
		}
	}
	if got := readLine(br, max); !errors.Is(got.err, io.EOF) {
		t.Errorf("after the last line: got %+v, want io.EOF", got)
	}
}
