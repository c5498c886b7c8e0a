package bot

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/privacybot/privacybot/retrieval"
)

func TestZZPlan(t *testing.T) {
	dir := os.Getenv("PLAN_CORPUS")
	if dir == "" {
		t.Skip()
	}
	lib, err := retrieval.Open(context.Background(), retrieval.Options{FS: os.DirFS(dir)})
	if err != nil {
		t.Fatal(err)
	}
	e := New(lib)
	var hist []Turn
	for _, h := range strings.Split(os.Getenv("PLAN_HIST"), "|") {
		if h != "" {
			q, _ := ParseQuestion(h)
			q.History = hist
			a, _ := e.Answer(context.Background(), q)
			hist = append(hist, Turn{Question: h, Answer: a.Text})
		}
	}
	snap := e.snapshot()
	for _, q := range strings.Split(os.Getenv("PLAN_Q"), "|") {
		p := e.understand(snap, q, hist)
		fmt.Printf("%q: %+v\n", q, *p)
	}
	fmt.Println(snap.ledger.Speakers())
}
