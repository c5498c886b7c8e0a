package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
	"strings"
)

// runVersion prints the version: privacybot version, or privacybot
// --version.
func (a *App) runVersion(_ context.Context, args []string) error {
	fs := flag.NewFlagSet("version", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("version takes no arguments")
	}
	info, _ := debug.ReadBuildInfo()
	_, err = fmt.Fprintln(a.Stdout, versionLine(info))
	return err
}

// versionLine describes the build info of the running program in one
// line: the module version, the VCS revision and whether the tree had
// changes, the Go version and the platform, like
//
//	privacybot v1.2.0 rev 1a2b3c4d5e6f go1.26.8 linux/amd64
//	privacybot (devel) rev 1a2b3c4d5e6f (modified) go1.26.8 linux/amd64
//
// A binary built without VCS stamping (go run, go test, -buildvcs=false)
// has no revision, and one with no build info at all (info nil) says its
// version is unknown.
func versionLine(info *debug.BuildInfo) string {
	platform := runtime.GOOS + "/" + runtime.GOARCH
	if info == nil {
		return fmt.Sprintf("privacybot (unknown version) %s %s", runtime.Version(), platform)
	}
	parts := []string{"privacybot"}
	v := info.Main.Version
	if v == "" {
		v = "(devel)"
	}
	parts = append(parts, v)
	var rev, modified string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			modified = s.Value
		}
	}
	if rev != "" {
		parts = append(parts, "rev", rev[:min(12, len(rev))])
		if modified == "true" {
			parts = append(parts, "(modified)")
		}
	}
	gov := info.GoVersion
	if gov == "" {
		gov = runtime.Version()
	}
	return strings.Join(append(parts, gov, platform), " ")
}
