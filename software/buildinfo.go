package software

import (
	"errors"
	"path"
	"runtime/debug"
	"strings"
	"time"

	"github.com/dop2i/fairmeta/fair"
)

// ErrNoBuildInfo is returned by [Self] when the program carries no Go build information (a binary built without
// module support).
var ErrNoBuildInfo = errors.New("software: the program has no Go build information")

// Self describes the running program from the build information the Go toolchain embeds in every binary: the main
// module path and version, the version-control revision, time and modified flag (when built from a checkout with
// -buildvcs, the default for "go build"), the Go version, target platform and every dependency module with its
// version. A pipeline calls it once to say exactly which build produced its outputs.
func Self() (*Release, error) {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return nil, ErrNoBuildInfo
	}
	return FromBuildInfo(bi), nil
}

// FromBuildInfo describes the program whose build information is bi; see [Self]. Use it with
// [debug.ParseBuildInfo] to describe another binary from "go version -m" output. A nil bi gives nil.
func FromBuildInfo(bi *debug.BuildInfo) *Release {
	if bi == nil {
		return nil
	}
	r := &Release{ProgrammingLanguages: []string{"Go"}}
	prog := bi.Path
	if prog == "" {
		prog = bi.Main.Path
	}
	r.Name = path.Base(prog)
	if r.Name == "." || r.Name == "/" {
		r.Name = ""
	}
	if bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		r.Version = bi.Main.Version
		if isTagVersion(r.Version) {
			r.Tag = r.Version
		}
	}
	r.Repository = moduleRepository(bi.Main.Path)
	if bi.GoVersion != "" {
		r.RuntimePlatforms = []string{bi.GoVersion}
	}
	var goos, goarch string
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			r.Commit = s.Value
		case "vcs.time":
			if t, err := time.Parse(time.RFC3339, s.Value); err == nil {
				r.CommitTime = t.UTC()
			}
		case "vcs.modified":
			if s.Value == "true" && !r.Modified() {
				if r.Version == "" {
					r.Version = "(devel)"
				}
				r.Version += "+dirty"
			}
		case "GOOS":
			goos = s.Value
		case "GOARCH":
			goarch = s.Value
		}
	}
	if goos != "" {
		r.OperatingSystems = []string{strings.TrimSuffix(goos+"/"+goarch, "/")}
	}
	for _, d := range bi.Deps {
		m := d
		if d.Replace != nil {
			m = d.Replace
		}
		r.Dependencies = append(r.Dependencies, fair.Requirement{Name: m.Path, Version: m.Version})
	}
	return r
}

// isTagVersion reports whether a module version is a release tag rather than a pseudo-version
// (v0.0.0-20260101120000-abcdef123456).
func isTagVersion(v string) bool {
	base, _, _ := strings.Cut(v, "+")
	parts := strings.Split(base, "-")
	if len(parts) >= 3 && len(parts[len(parts)-1]) == 12 && len(parts[len(parts)-2]) >= 14 {
		return false
	}
	if strings.Contains(base, ".0-") && strings.Count(base, ".") >= 3 { // vX.Y.Z-pre.0.yyyymmddhhmmss-abcdef
		return false
	}
	return strings.HasPrefix(v, "v") && !strings.Contains(v, "+")
}

// codeHosts are the hosts whose module paths are repository addresses ("github.com/org/repo").
var codeHosts = []string{"github.com", "gitlab.com", "bitbucket.org", "codeberg.org", "gitlab.in2p3.fr", "git.sr.ht"}

// moduleRepository returns the repository address of a module on a known code host, or "".
func moduleRepository(mod string) string {
	host, rest, ok := strings.Cut(mod, "/")
	if !ok {
		return ""
	}
	for _, h := range codeHosts {
		if host == h {
			parts := strings.Split(rest, "/")
			if len(parts) < 2 {
				return ""
			}
			if host == "github.com" || host == "bitbucket.org" || host == "codeberg.org" {
				parts = parts[:2] // github.com/org/repo/sub/module lives in github.com/org/repo
			}
			return "https://" + host + "/" + strings.Join(parts, "/")
		}
	}
	return ""
}
