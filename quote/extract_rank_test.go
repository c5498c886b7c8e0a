package quote

import (
	"testing"

	"github.com/privacybot/privacybot/corpus"
)

// speakers extracts text and returns each quote's speaker or
// organization, in order.
func speakers(t *testing.T, text string) []string {
	t.Helper()
	qs, _ := Extract(corpus.ParseSource("r.txt", text), nil)
	var out []string
	for _, q := range qs {
		s := q.Speaker
		if s == "" {
			s = q.Organization
		}
		out = append(out, q.Text+" => "+s)
	}
	return out
}

// TestRankNamesTheSubjectOfTheParagraph: a quotation right after a
// sentence about a named person, with no speech verb, is hers (the rules
// alone left it unattributed; the learned ranker names her).
func TestRankNamesTheSubjectOfTheParagraph(t *testing.T) {
	got := speakers(t, "Budget talks\n\nSenator Jane Roe, a Democrat from Ohio, spoke to reporters on Monday after the vote. “We will pass the bill this week. The votes are there.”\n")
	want := "We will pass the bill this week. The votes are there. => Jane Roe"
	if len(got) != 1 || got[0] != want {
		t.Fatalf("got %q, want [%q]", got, want)
	}
}

// TestRankKeepsAnUnnamedSpeaker: a speaker the text leaves unnamed ("a
// source said") is not traded for a name in view.
func TestRankKeepsAnUnnamedSpeaker(t *testing.T) {
	qs, _ := Extract(corpus.ParseSource("r.txt", "Deal\n\nJane Roe met the bank on Monday.\n\nThe plan “could cost billions,” a source said.\n"), nil)
	if len(qs) != 1 || qs[0].Speaker != "" || qs[0].Role != "source" {
		t.Fatalf("got %+v, want one quote by an unnamed source", qs)
	}
}
