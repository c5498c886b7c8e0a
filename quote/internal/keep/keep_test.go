package keep

import "testing"

// TestEmptyModelLeavesTheRules checks that without weights every span
// keeps the rules' decision, so that a missing weights file changes
// nothing.
func TestEmptyModelLeavesTheRules(t *testing.T) {
	m := Parse("")
	for _, rule := range []bool{true, false} {
		if got := m.Keep([]string{"bias", "len1"}, rule); got != rule {
			t.Errorf("rule %v: empty model decided %v", rule, got)
		}
	}
}

// TestThresholds checks that a span the rules kept is dropped below the
// threshold and one they dropped is kept from the rescue probability up.
func TestThresholds(t *testing.T) {
	m := Parse("#threshold 0.5\n#rescue 0.8\nbias 0\nspeech 3\nscare -3\nmid 1\n")
	cases := []struct {
		feats      []string
		rule, want bool
	}{
		{[]string{"bias", "scare"}, true, false},
		{[]string{"bias", "speech"}, true, true},
		{[]string{"bias", "speech"}, false, true},
		{[]string{"bias", "mid"}, false, false}, // p 0.73 < 0.8
		{[]string{"bias", "mid"}, true, true},
	}
	for _, c := range cases {
		if got := m.Keep(c.feats, c.rule); got != c.want {
			t.Errorf("%v rule %v: got %v, want %v", c.feats, c.rule, got, c.want)
		}
	}
}

// TestDefaultLoads checks that the embedded weights parse into a usable
// model.
func TestDefaultLoads(t *testing.T) {
	if len(Default.W) == 0 || Default.Threshold <= 0 || Default.Threshold >= 1 {
		t.Fatalf("embedded model: %d weights, threshold %v", len(Default.W), Default.Threshold)
	}
}
