package bot

import "testing"

// "protect" asked, "safe and secure" or "safeguarding" written: the
// related-terms table joins them, so a speaker's assurance answers how it
// will protect something.
func TestProtectRelatesToSafeguards(t *testing.T) {
	for _, text := range []string{
		"Keeping riders' information safe and secure is our priority.",
		"Safeguarding the security of our customers' data is paramount.",
	} {
		if !relatedIn("protect", termSet(text)) {
			t.Errorf("relatedIn(protect, %q) = false", text)
		}
	}
	if relatedIn("protect", termSet("The app shares trip histories with insurers.")) {
		t.Error("protect related to a sentence with no safeguard word")
	}
}
