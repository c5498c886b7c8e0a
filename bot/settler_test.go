package bot_test

import (
	"strings"
	"testing"
)

// A yes/no question about someone it names ("Is Mara Quill a
// Republican?") is led by the sentence that holds what it asks and names
// them, even by surname only — not by a quotation that merely repeats
// their full name.
func TestYesNoLedByWhatItAsksNotByTheName(t *testing.T) {
	eng := smallEngine(t, map[string]string{
		"forum.txt": `Title: Town forum moderator named
Source: Example Ledger
Date: 2025-06-09

The town council named the radio host Mara Quill to moderate Thursday's budget forum.

"I think Mara Quill will run a fair forum," Mayor Tobias Venn said at a briefing on Monday. "People trust her."

Some council members objected. Councillor Irene Dobbs, a Republican, said the choice had been rushed.

Republican members of the council have asked for a second moderator.

The Republican group also wants the forum moved to a larger hall.

Critics accused Quill of being a Republican, though voter records show she has been registered with no party since 2010.
`,
	})
	a := smallAnswer(t, eng, "Is Mara Quill a Republican?")
	if !strings.Contains(a.Lead, "registered with no party") {
		t.Errorf("lead %q: want the sentence on her party", a.Lead)
	}
}

// A yes/no question is settled by a sentence that holds what it asks of
// the subject ("no decision … whether to appeal") while the article's
// headline holds what it is about ("zoning ruling"), with "decided" met
// by "decision".
func TestYesNoSettledInItsArticle(t *testing.T) {
	eng := smallEngine(t, map[string]string{
		"zoning.txt": `Title: Judge upholds zoning ruling against Harbor Gazette warehouse
Source: Example Ledger
Date: 2025-08-20

A county judge on Tuesday upheld a zoning ruling that blocks the Harbor Gazette from turning its old print works into a warehouse.

The judge wrote that the ruling had followed every step the county's rules require and that the newspaper had been heard in full.

Neighbours had opposed the warehouse for two years, citing lorry traffic on the narrow roads around the print works.

A lawyer for the newspaper, Ines Marlow, said no decision had been made about whether to appeal.
`,
		"other.txt": `Title: Harbor Gazette names new editor
Source: Example Ledger
Date: 2025-08-01

The Harbor Gazette has named Paul Okafor as its editor, the paper said on Friday.

"We will keep covering the county without fear," Okafor said.
`,
	})
	a := smallAnswer(t, eng, "Has the Harbor Gazette decided to appeal the zoning ruling?")
	if !strings.Contains(a.Lead, "no decision had been made about whether to appeal") {
		t.Errorf("lead %q: want the lawyer's sentence", a.Lead)
	}
}
