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
		switch {
		case d.Replace != nil && isLocalPath(d.Replace.Path):
			// A replace directive naming a directory: the module is still d.Path, built from a local copy whose
			// version nobody can know. The directory is a path of the build machine and must not be published.
			m = &debug.Module{Path: d.Path, Version: "(devel)"}
		case d.Replace != nil:
			m = d.Replace
		}
		r.Dependencies = append(r.Dependencies, fair.Requirement{Name: m.Path, Version: m.Version})
	}
	return r
}

// isLocalPath reports whether the target of a replace directive is a directory rather than a module path: go.mod
// requires such targets to start with "./", "../" or be absolute.
func isLocalPath(p string) bool {
	return strings.HasPrefix(p, "./") || strings.HasPrefix(p, "../") || strings.HasPrefix(p, "/") ||
		strings.HasPrefix(p, `.\`) || strings.HasPrefix(p, `..\`) || strings.HasPrefix(p, `\`) ||
		len(p) >= 3 && p[1] == ':' && (p[2] == '\\' || p[2] == '/') || p == "." || p == ".."
}

// SelfDescribed describes the running program as [Self] does, completed with what the program says about itself
// in its CodeMeta document (its codemeta.json, typically embedded with //go:embed): the build information gives
// what only the build knows — version, commit, Go version, platform and dependencies — and the CodeMeta document
// what no build can know: the name, description, authors, licence, keywords and repository. The DOI and SWHID of
// the document are taken only when it names no version or the build's version (they identify one version). What
// the document holds that a release has no place for comes back in notRead. fairmeta's own
// "fairmeta software describe -self" is SelfDescribed with the project's codemeta.json.
func SelfDescribed(codemeta []byte) (r *Release, notRead fair.Notes, err error) {
	r, err = Self()
	if err != nil {
		return nil, nil, err
	}
	res, notRead, err := ReadCodeMeta(codemeta)
	if err != nil {
		return nil, nil, err
	}
	r.completeFrom(ReleaseFromResource(res))
	return r, notRead, nil
}

// completeFrom takes from about, a description of the same software, what a build cannot know (see
// [SelfDescribed]).
func (r *Release) completeFrom(about *Release) {
	pick := func(dst *string, v string) {
		if v != "" {
			*dst = v
		}
	}
	pick(&r.Name, about.Name)
	pick(&r.Description, about.Description)
	pick(&r.Repository, about.Repository)
	pick(&r.URL, about.URL)
	pick(&r.License, about.License)
	pick(&r.ConceptDOI, about.ConceptDOI)
	if len(about.Authors) > 0 {
		r.Authors = about.Authors
	}
	if len(about.Keywords) > 0 {
		r.Keywords = about.Keywords
	}
	if len(r.ProgrammingLanguages) == 0 {
		r.ProgrammingLanguages = about.ProgrammingLanguages
	}
	if about.Version == "" || strings.TrimPrefix(about.Version, "v") == strings.TrimPrefix(r.Version, "v") {
		pick(&r.DOI, about.DOI)
		pick(&r.SWHID, about.SWHID)
		if r.Released.IsZero() {
			r.Released = about.Released
		}
	}
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
