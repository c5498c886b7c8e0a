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
