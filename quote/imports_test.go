package quote

import (
	"os/exec"
	"strings"
	"testing"
)

// corpus and quote stand below the search index and the chat surface: they
// import neither retrieval, bot, ingest nor cmd, so that quotes can be
// extracted without any of them.
func TestImportsStayBelowRetrieval(t *testing.T) {
	goCmd, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command to list the imports with")
	}
	const mod = "github.com/privacybot/privacybot/"
	out, err := exec.Command(goCmd, "list", "-deps", mod+"corpus", mod+"quote").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	for _, pkg := range strings.Fields(string(out)) {
		for _, above := range []string{"retrieval", "bot", "ingest", "cmd"} {
			if pkg == mod+above || strings.HasPrefix(pkg, mod+above+"/") {
				t.Errorf("corpus or quote depends on %s", pkg)
			}
		}
	}
}
