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

// TestRankDoesNotFillAStandAloneStatement: a quotation standing alone
// after a sentence about a company, with no speech verb, is left
// unattributed: the ranker may keep, drop or swap a speaker the rules
// found, but never names one where they found none (such statements are
// often another party's, and a wrong name is worse than none).
func TestRankDoesNotFillAStandAloneStatement(t *testing.T) {
	got := speakers(t, "Budget talks\n\nAcme Corp has long wanted to sell insurance to its shoppers. “Keeping our members' records safe is what matters most.”\n")
	want := "Keeping our members' records safe is what matters most. => "
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
