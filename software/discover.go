package software

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"reflect"
	"strings"
	"time"

	"github.com/dop2i/fairmeta/fair"
	"github.com/dop2i/fairmeta/internal/safefile"
)

// maxMetadataFile caps a metadata file Discover reads, as the command line caps its inputs.
const maxMetadataFile = 64 << 20

// Discover describes the software whose source tree is at dir, from what the tree says about itself:
//
//   - codemeta.json, CITATION.cff and .zenodo.json, in that order of precedence: a fact missing from one is taken
//     from the next;
//   - go.mod: the module name, the Go version and the direct dependencies, and the repository of modules on known
//     code hosts, when the metadata files do not say;
//   - git, read from the repository files without a git binary: the commit checked out and its time, the tag
//     pointing at it (the highest version), the remote "origin" as code repository when none is given, and whether
//     tracked files have uncommitted changes, which adds "+dirty" to the version.
//
// A dir that does not exist or is not a directory gives a *[PathError]; a metadata file that cannot be read gives
// an error naming it. Only regular files inside dir are read, at most 64 MiB each: a metadata file that is a
// symbolic link out of dir, a device or a FIFO is refused with an error, and so are the repository's files. Facts of the files that have no place in the
// record come back in notRead beside the record, each path starting with its file: "CITATION.cff: authors[0].alias".
func Discover(dir string) (r *fair.Resource, notRead fair.Notes, err error) {
	switch fi, err := os.Stat(dir); {
	case errors.Is(err, fs.ErrNotExist):
		return nil, nil, &PathError{Path: dir, Reason: "no such directory"}
	case err != nil:
		return nil, nil, fmt.Errorf("software: %w", err)
	case !fi.IsDir():
		return nil, nil, &PathError{Path: dir, Reason: "is not a directory: give the root of the source tree"}
	}
	r = &fair.Resource{}
	readers := []struct {
		file string
		read func([]byte) (*fair.Resource, fair.Notes, error)
	}{
		{"codemeta.json", ReadCodeMeta},
		{"CITATION.cff", ReadCFF},
		{".zenodo.json", ReadZenodo},
	}
	for _, rd := range readers {
		data, err := safefile.ReadFile(dir, rd.file, maxMetadataFile)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, nil, fmt.Errorf("software: %w", err)
		}
		got, notes, err := rd.read(data)
		if err != nil {
			return nil, nil, fmt.Errorf("software: %s: %w", rd.file, err)
		}
		for _, n := range notes {
			n.Path = rd.file + ": " + n.Path
			notRead = append(notRead, n)
		}
		fillZero(reflect.ValueOf(r).Elem(), reflect.ValueOf(got).Elem())
	}
	if err := discoverGoMod(r, dir); err != nil {
		return nil, nil, err
	}
	if err := discoverGit(r, dir); err != nil {
		return nil, nil, err
	}
	if r.ResourceType.General == "" {
		r.ResourceType.General = fair.ResourceTypeSoftware
	}
	return r, notRead, nil
}

// fillZero copies into dst the fields of src that are zero in dst, descending into nested structs (fair.Software).
func fillZero(dst, src reflect.Value) {
	for i := 0; i < dst.NumField(); i++ {
		d, s := dst.Field(i), src.Field(i)
		switch {
		case d.Kind() == reflect.Struct && !d.IsZero():
			fillZero(d, s)
		case d.IsZero():
			d.Set(s)
		}
	}
}

// discoverGoMod reads the module path, go directive and direct requirements of a go.mod file.
func discoverGoMod(r *fair.Resource, dir string) error {
	data, err := safefile.ReadFile(dir, "go.mod", maxMetadataFile)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("software: %w", err)
	}
	mod, goVersion, reqs, err := ParseGoMod(data)
	if err != nil {
		return err
	}
	if r.MainTitle() == "" && mod != "" {
		r.Titles = []fair.Title{{Title: path.Base(mod)}}
	}
	if r.Software.CodeRepository == "" {
		r.Software.CodeRepository = moduleRepository(mod)
	}
	if len(r.Software.ProgrammingLanguages) == 0 {
		r.Software.ProgrammingLanguages = []string{"Go"}
	}
	if len(r.Software.RuntimePlatforms) == 0 && goVersion != "" {
		r.Software.RuntimePlatforms = []string{"go" + goVersion}
	}
	if len(r.Software.Requirements) == 0 {
		r.Software.Requirements = reqs
	}
	return nil
}

// ParseGoMod reads the module path, the go directive and the direct requirements (those not marked
// "// indirect") of a go.mod file.
func ParseGoMod(data []byte) (module, goVersion string, reqs []fair.Requirement, err error) {
	inRequire := false
	for n, line := range strings.Split(string(data), "\n") {
		indirect := strings.Contains(line, "// indirect")
		if i := strings.Index(line, "//"); i >= 0 {
			line = line[:i]
		}
		f := strings.Fields(line)
		if len(f) == 0 {
			continue
		}
		switch {
		case inRequire && f[0] == ")":
			inRequire = false
		case inRequire:
			if len(f) != 2 {
				return "", "", nil, fmt.Errorf("software: go.mod line %d: %q is not \"path version\"", n+1, strings.TrimSpace(line))
			}
			if !indirect {
				reqs = append(reqs, fair.Requirement{Name: f[0], Version: f[1]})
			}
		case f[0] == "module" && len(f) == 2:
			module = strings.Trim(f[1], `"`)
		case f[0] == "go" && len(f) == 2:
			goVersion = f[1]
		case f[0] == "require" && len(f) == 2 && f[1] == "(":
			inRequire = true
		case f[0] == "require" && len(f) == 3:
			if !indirect {
				reqs = append(reqs, fair.Requirement{Name: f[1], Version: f[2]})
			}
		}
	}
	if module == "" {
		return "", "", nil, errors.New("software: go.mod has no module directive")
	}
	return module, goVersion, reqs, nil
}

func discoverGit(r *fair.Resource, dir string) error {
	repo, err := OpenRepo(dir)
	if errors.Is(err, ErrNoRepo) {
		return nil
	}
	if err != nil {
		return err
	}
	g, err := repo.Git()
	if err != nil {
		return err
	}
	if g.Commit != "" {
		r.Software.Commit = g.Commit
	}
	if g.Tag != "" {
		r.Software.Tag = g.Tag
		if r.Version == "" {
			r.Version = strings.TrimPrefix(g.Tag, "v")
		}
	}
	if r.Software.CodeRepository == "" {
		r.Software.CodeRepository = g.Remote
	}
	if !g.CommitTime.IsZero() {
		r.Dates = append(r.Dates, fair.Date{Date: g.CommitTime.Format(time.RFC3339), Type: fair.DateCreated, Information: commitTimeInfo})
	}
	if g.Status.Dirty() && !strings.HasSuffix(r.Version, "+dirty") {
		if r.Version == "" {
			r.Version = "(devel)"
		}
		r.Version += "+dirty"
	}
	return nil
}
