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
	snap := e.snapshot()
	var hist []Turn
	for _, h := range strings.Split(os.Getenv("PLAN_HIST"), "|") {
		if h != "" {
			hist = append(hist, Turn{Question: h})
		}
	}
	for _, q := range strings.Split(os.Getenv("PLAN_Q"), "|") {
		p := e.understand(snap, q, hist)
		fmt.Printf("%q: %+v\n", q, *p)
	}
	fmt.Println(snap.ledger.Speakers())
}
