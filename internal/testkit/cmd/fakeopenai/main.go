// Command fakeopenai serves the scripted OpenAI-compatible fake of package
// fakeopenai on a local port, so the real binary can be measured against
// it from the command line:
//
//	go run ./internal/testkit/cmd/fakeopenai -addr 127.0.0.1:18080 &
//	OPENAI_BASE_URL=http://127.0.0.1:18080/v1 ../shared/tools/score-eval \
//	    ../shared/eval/seed-questions.jsonl seeds -- ./privacybot ask --json
//
// With -mode alternate (the default), every other reply invents a quotation
// and cites a source that was not retrieved; -mode invent does so in every
// reply, -mode grounded in none.
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"net"
	"os"
	"os/signal"
	"syscall"

	"github.com/privacybot/privacybot/internal/testkit/fakeopenai"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:18080", "listen on `ADDR` (loopback only)")
	mode := flag.String("mode", "alternate", "grounded, invent or alternate")
	flag.Parse()
	var def func(int) fakeopenai.Reply
	switch *mode {
	case "grounded":
		def = func(int) fakeopenai.Reply { return fakeopenai.Reply{Respond: fakeopenai.Grounded(false)} }
	case "invent":
		def = func(int) fakeopenai.Reply { return fakeopenai.Reply{Respond: fakeopenai.Grounded(true)} }
	case "alternate":
		def = func(n int) fakeopenai.Reply { return fakeopenai.Reply{Respond: fakeopenai.Grounded(n%2 == 0)} }
	default:
		fmt.Fprintln(os.Stderr, "fakeopenai: -mode must be grounded, invent or alternate")
		os.Exit(2)
	}
	host, _, err := net.SplitHostPort(*addr)
	if err != nil || !net.ParseIP(host).IsLoopback() {
		fmt.Fprintln(os.Stderr, "fakeopenai: -addr must be a loopback address such as 127.0.0.1:18080")
		os.Exit(2)
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatalf("fakeopenai: %v", err)
	}
	srv := fakeopenai.NewUnstarted(def)
	srv.Listener.Close()
	srv.Listener = ln
	srv.Start()
	defer srv.Close()
	log.Printf("fakeopenai: serving; OPENAI_BASE_URL=%s (mode %s); Ctrl-C stops", srv.BaseURL(), *mode)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	<-ctx.Done()
}
