package main

import (
	"os/exec"
	"regexp"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"
)

// The version line carries the module version, the VCS revision (12
// digits) and whether the tree was modified, the Go version and the
// platform; without VCS stamping or build info it still prints a line.
func TestVersionLine(t *testing.T) {
	platform := runtime.GOOS + "/" + runtime.GOARCH
	rev := "1a2b3c4d5e6f7a8b9c0d1a2b3c4d5e6f7a8b9c0d"
	stamped := &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Path: "github.com/privacybot/privacybot", Version: "(devel)"},
		Settings: []debug.BuildSetting{{Key: "vcs", Value: "git"}, {Key: "vcs.revision", Value: rev}, {Key: "vcs.modified", Value: "true"}}}
	clean := &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "v1.2.0"},
		Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: rev}, {Key: "vcs.modified", Value: "false"}}}
	for _, tt := range []struct {
		info *debug.BuildInfo
		want string
	}{
		{stamped, "privacybot (devel) rev 1a2b3c4d5e6f (modified) go1.26.8 " + platform},
		{clean, "privacybot v1.2.0 rev 1a2b3c4d5e6f go1.26.8 " + platform},
		{&debug.BuildInfo{GoVersion: "go1.26.8"}, "privacybot (devel) go1.26.8 " + platform},
		{nil, "privacybot (unknown version) " + runtime.Version() + " " + platform},
	} {
		if got := versionLine(tt.info); got != tt.want {
			t.Errorf("versionLine = %q, want %q", got, tt.want)
		}
	}
}

var versionRe = regexp.MustCompile(`^privacybot \S+( rev [0-9a-f]{12}( \(modified\))?)? go1\.\S+ \S+/\S+\n$`)

// privacybot --version and privacybot version print the same line on
// stdout and exit 0, from the test binary (no VCS stamp) and from a built
// one; the built one's revision, when Go stamped one, is the one go
// version -m reads from it.
func TestVersionCommand(t *testing.T) {
	for _, args := range [][]string{{"--version"}, {"version"}} {
		code, out, errs := runApp(t, "", nil, args...)
		if code != 0 || errs != "" || !versionRe.MatchString(out) {
			t.Errorf("%q in process: exit %d, stdout %q, stderr %q", args, code, out, errs)
		}
	}
	if code, _, errs := runApp(t, "", nil, "version", "extra"); code != 2 || errs == "" {
		t.Errorf("version extra: exit %d", code)
	}

	bin := buildBinary(t)
	var lines []string
	for _, args := range [][]string{{"--version"}, {"version"}} {
		out, errs := runOK(t, bin, nil, args...)
		if errs != "" || !versionRe.MatchString(out) {
			t.Errorf("%q: stdout %q, stderr %q", args, out, errs)
		}
		lines = append(lines, out)
	}
	if lines[0] != lines[1] {
		t.Errorf("--version %q and version %q differ", lines[0], lines[1])
	}
	meta, err := exec.Command("go", "version", "-m", bin).Output()
	if err != nil {
		t.Fatal(err)
	}
	if m := regexp.MustCompile(`vcs\.revision=([0-9a-f]+)`).FindSubmatch(meta); m != nil {
		if !strings.Contains(lines[0], " rev "+string(m[1][:12])) {
			t.Errorf("version %q lacks the stamped revision %s", lines[0], m[1])
		}
	} else if strings.Contains(lines[0], " rev ") {
		t.Errorf("version %q shows a revision the binary was not stamped with", lines[0])
	}
}
