// Command fakeopenai serves the scripted OpenAI-compatible fake of package
// fakeopenai on a local port, so the real binary can be measured against
// it from the command line:
//
//	go run ./internal/cmd/fakeopenai -addr 127.0.0.1:18080 &
//	OPENAI_BASE_URL=http://127.0.0.1:18080/v1 ../shared/tools/score-eval \
//	    ../shared/eval/seed-questions.jsonl seeds -- ./privacybot ask --json
//
// With -mode alternate (the default), every other reply invents a quotation
// and cites a source that was not retrieved; -mode invent does so in every
// reply, -mode grounded in none.
package main

import (
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"

	"github.com/privacybot/privacybot/internal/fakeopenai"
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
	srv := fakeopenai.New(def)
	defer srv.Close()
	// Serve the fake's handler on the requested address as well.
	log.Printf("fakeopenai: OPENAI_BASE_URL=http://%s/v1 (mode %s)", *addr, *mode)
	log.Fatal(http.ListenAndServe(*addr, srv.Config.Handler))
}
