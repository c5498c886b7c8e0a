// Command attribcli prints the quote ledger of a corpus directory as a JSON
// array, for scoring extraction with score-attribution. It is a development
// tool, not part of the bot.
//
// Usage: attribcli DIR
package main

import (
	"encoding/json"
	"fmt"
	"os"

	"github.com/privacybot/privacybot/retrieval"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: attribcli DIR")
		os.Exit(2)
	}
	c, _, err := retrieval.LoadFS(os.DirFS(os.Args[1]))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	l := retrieval.BuildLedger(c, nil)
	quotes := l.Quotes
	if quotes == nil {
		quotes = []retrieval.Quote{}
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", " ")
	if err := enc.Encode(quotes); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
