package retrieval

import (
	"fmt"
	"os"
	"testing"
)

func TestDumpArticles(t *testing.T) {
	if os.Getenv("DUMP") == "" {
		t.Skip()
	}
	c, _, _ := LoadFS(os.DirFS(os.Getenv("DUMP")))
	l := BuildLedger(c, nil)
	for _, q := range l.Quotes {
		fmt.Printf("%s Q %q | %s | %s | %s | %s\n", q.Source[:3], q.Text, q.Speaker, q.Role, q.Organization, q.Verb)
	}
	for _, q := range l.Silences {
		fmt.Printf("%s S %q | %s | %s | %s | %s\n", q.Source[:3], q.Text, q.Speaker, q.Role, q.Organization, q.Kind)
	}
}
