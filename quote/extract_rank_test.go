package quote

import (
	"strings"
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
// after a sentence about a company, with no speech verb and no name in
// its sentence, is left unattributed: with no attribution in reach the
// ranker names no one (such statements are often another party's, and a
// wrong name is worse than none).
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

// TestRankNeverNamesNonNames: words that are not names (a holiday, a
// section label, a pronoun with a verb, a common word opening a sentence)
// are never given as a quotation's speaker, even where the text reads as
// if they spoke.
func TestRankNeverNamesNonNames(t *testing.T) {
	for _, text := range []string{
		"Storm\n\nOn Christmas Day the town was quiet.\n\n“Nobody came into the shop all afternoon, not a single person,” Christmas Day said.\n",
		"Storm\n\nWATCH: “We are not going anywhere until this is fixed,” the crowd chanted outside.\n",
		"Race\n\nI'm told the vote is close. “It will come down to a few hundred ballots in two counties,” I'm said.\n",
		"Race\n\nKnowing Bardos would run again, the party hedged. “We have a plan for every outcome this fall,” he said.\n",
	} {
		for _, got := range speakers(t, text) {
			if !strings.HasSuffix(got, "=> ") {
				t.Errorf("got %q, want no speaker", got)
			}
		}
	}
}

// TestRankResolvesToTheFullName: a surname with a title, a description
// and a pronoun after a full name all give the full name, so that a
// lookup by either name finds every quotation.
func TestRankResolvesToTheFullName(t *testing.T) {
	got := speakers(t, "Senate\n\nSen. Mark Kelly spoke to reporters on Tuesday.\n\n“We will get this done before the recess,” Kelly said. “And we will do it together,” the senator added.\n\n“Nobody should doubt it,” Mr. Kelly said. “Not one person,” he added.\n")
	if len(got) != 4 {
		t.Fatalf("got %q, want 4 quotes", got)
	}
	for _, g := range got {
		if !strings.HasSuffix(g, "=> Mark Kelly") {
			t.Errorf("got %q, want Mark Kelly", g)
		}
	}
}

// TestRankFillsAPersonStillSpeaking: a quotation standing alone after a
// sentence that names a person, with no speech verb in reach, is that
// person's, whether the name stands in the same paragraph or, by surname,
// after a quotation of theirs in the paragraph before.
func TestRankFillsAPersonStillSpeaking(t *testing.T) {
	for _, text := range []string{
		"Harbor\n\nThe mayor has fought the port plan for a year.\n\nDana Whitfield, who runs the ferry line, has watched the fight from the dock. “We lose a boat every winter and nobody in the city hall seems to notice.”\n",
		"Harbor\n\n“The port is dying,” Dana Whitfield, who runs the ferry line, told reporters.\n\nWhitfield has lost two boats since the spring. “We lose a boat every winter and nobody notices.”\n",
	} {
		got := speakers(t, text)
		if len(got) == 0 || !strings.HasSuffix(got[len(got)-1], "=> Dana Whitfield") {
			t.Errorf("got %q, want the last quotation given to Dana Whitfield", got)
		}
	}
}

// TestRankDoesNotFillAProductOrCompany: with no attribution in reach, a
// statement after a sentence about a company and its product is given to
// neither, though the product's name looks like a person's.
func TestRankDoesNotFillAProductOrCompany(t *testing.T) {
	got := speakers(t, "Payments\n\nAcme has spent years trying to turn its Courier app into a place to shop. “Keeping our shoppers' records safe is our highest priority.”\n")
	if len(got) != 1 || !strings.HasSuffix(got[0], "=> ") {
		t.Fatalf("got %q, want one quotation with no speaker", got)
	}
}
