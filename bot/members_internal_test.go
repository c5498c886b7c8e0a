package bot

import "testing"

// The names a sentence lists after a group's word ("lenders including
// Brookvale, Harrowgate and Linwood") count as that group, so a sentence
// naming one of them ("Linwood declined to comment") is about the group;
// a name no list holds is not.
func TestGroupMembersFromListings(t *testing.T) {
	sents := []bodySentence{
		{text: "The app has asked lenders including Brookvale, Harrowgate and Linwood to share records."},
		{text: "Analysts at Corvex said the talks were early."},
	}
	m := groupMembers(sents, []string{"lender"})
	for _, name := range []string{"brookvale", "harrowgate", "linwood"} {
		if m[stem(name)] != "lender" {
			t.Errorf("%s: group %q, want lender", name, m[stem(name)])
		}
	}
	if _, ok := m["corvex"]; ok {
		t.Error("corvex counted as a lender")
	}
	if !withMembers(termSet("Linwood declined to comment."), m)["lender"] {
		t.Error("a sentence naming Linwood is not about lenders")
	}
	if withMembers(termSet("Corvex declined to comment."), m)["lender"] {
		t.Error("a sentence naming Corvex is about lenders")
	}
}
