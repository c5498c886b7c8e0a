package llm

import (
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"testing"
)

// TestVerifyRandomReplies builds replies from pieces of the excerpts,
// invented words, every kind of quotation mark and citations, and checks
// that whatever verify keeps passes the final check: the verifier and the
// reader agree on what is quoted.
func TestVerifyRandomReplies(t *testing.T) {
	for seed := range uint64(3) {
		verifyRandomReplies(t, seed, 4000)
	}
}

func verifyRandomReplies(t *testing.T, seed uint64, iterations int) {
	set := testSet()
	pieces := []string{
		"we don't use purchase data", "from banks or credit card companies", "We haven’t shared any customer information",
		"Facebook has denied", "it's interested in obtaining", "invented words here", "never said this at all",
		"Facebook's", "users'", "U.S.", "Mr. Smith", "data.", "really?", "no!", "www.usbank.com", "http://evil.example",
	}
	marks := []string{"\"", "“", "”", "'", "‘", "’", "„", ""}
	cites := []string{"[001]", "[004]", "[003_cc]", "[999]", "[001, 999]", "[sic]", "", "", ""}
	seps := []string{" ", " ", ". ", "? ", "\n\n", ", ", "... "}
	rng := rand.New(rand.NewPCG(seed, 2))
	pick := func(xs []string) string { return xs[rng.IntN(len(xs))] }
	kept := 0
	for i := 0; i < iterations; i++ {
		var sb strings.Builder
		for j := rng.IntN(12) + 1; j > 0; j-- {
			sb.WriteString(pick(marks) + pick(pieces) + pick(marks) + " " + pick(cites) + pick(seps))
		}
		reply := sb.String()
		v := verify(reply, set)
		if v.text == "" {
			continue
		}
		kept++
		if bad := finalCheck(v.text, set); bad != "" {
			t.Fatalf("verify kept %q from\n%q\nbut the final check rejects %q", v.text, reply, bad)
		}
		for _, c := range []string{"[999]", "[sic]", "evil.example"} {
			if strings.Contains(v.text, c) {
				t.Fatalf("verify kept %s in %q", c, v.text)
			}
		}
	}
	if kept < 100 {
		t.Errorf("only %d of the random replies kept anything; the test is too weak", kept)
	}
}

// TestVerifyRandomRepliesLong runs many more cases when
// PRIVACYBOT_FUZZ_SEEDS is set to a number of seeds.
func TestVerifyRandomRepliesLong(t *testing.T) {
	n, _ := strconv.Atoi(os.Getenv("PRIVACYBOT_FUZZ_SEEDS"))
	if n == 0 {
		t.Skip("set PRIVACYBOT_FUZZ_SEEDS to run")
	}
	for seed := range uint64(n) {
		verifyRandomReplies(t, 100+seed, 100000)
	}
}
