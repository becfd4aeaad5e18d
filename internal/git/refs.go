package git

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/dop2i/fairmeta/internal/safefile"
)

// Head is what HEAD points at.
type Head struct {
	// Ref is the branch HEAD refers to, e.g. "refs/heads/main"; empty when HEAD is detached.
	Ref string
	// Commit is the commit ID checked out; empty on an unborn branch (a repository without commits).
	Commit string
}

// Head reads HEAD and resolves it to a commit.
func (r *Repo) Head() (Head, error) {
	data, err := safefile.ReadFile(r.GitDir, "HEAD", maxRefFile)
	if err != nil {
		return Head{}, err
	}
	s := strings.TrimSpace(string(data))
	if ref, ok := strings.CutPrefix(s, "ref:"); ok {
		ref = strings.TrimSpace(ref)
		id, err := r.ResolveRef(ref)
		if errors.Is(err, fs.ErrNotExist) {
			return Head{Ref: ref}, nil
		}
		return Head{Ref: ref, Commit: id}, err
	}
	if !IsObjectID(s) {
		return Head{}, errorf("HEAD", "%q is neither a ref nor an object ID", s)
	}
	return Head{Commit: s}, nil
}

// IsObjectID reports whether s is a SHA-1 object ID: 40 lower-case hexadecimal digits.
func IsObjectID(s string) bool {
	if len(s) != 40 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !(s[i] >= '0' && s[i] <= '9' || s[i] >= 'a' && s[i] <= 'f') {
			return false
		}
	}
	return true
}

// ResolveRef returns the object ID a ref ("refs/heads/main", "HEAD", "refs/tags/v1.0") points at, following
// symbolic refs, from the loose ref files first and then packed-refs. A missing ref gives an error matching
// fs.ErrNotExist.
func (r *Repo) ResolveRef(name string) (string, error) {
	for depth := 0; depth < 10; depth++ {
		if name == "" || strings.Contains(name, "..") || strings.HasPrefix(name, "/") {
			return "", errorf(name, "is not a valid ref name")
		}
		var data []byte
		var err error
		for _, dir := range []string{r.GitDir, r.CommonDir} {
			data, err = safefile.ReadFile(dir, filepath.FromSlash(name), maxRefFile)
			if err == nil {
				break
			}
			if !errors.Is(err, fs.ErrNotExist) {
				return "", err
			}
		}
		if err != nil {
			packed, perr := r.PackedRefs()
			if perr != nil {
				return "", perr
			}
			if p, ok := packed[name]; ok {
				return p.ID, nil
			}
			return "", fmt.Errorf("git: ref %s: %w", name, fs.ErrNotExist)
		}
		s := strings.TrimSpace(string(data))
		if target, ok := strings.CutPrefix(s, "ref:"); ok {
			name = strings.TrimSpace(target)
			continue
		}
		if !IsObjectID(s) {
			return "", errorf(name, "%q is not an object ID", s)
		}
		return s, nil
	}
	return "", errorf(name, "symbolic refs nest too deep")
}

// PackedRef is a line of packed-refs: the object a ref points at and, for an annotated tag, the commit it peels to.
type PackedRef struct {
	ID     string // the object the ref points at
	Peeled string // the object an annotated tag points at ("^" line), or ""
}

// PackedRefs reads the packed-refs file; a repository without one has none.
func (r *Repo) PackedRefs() (map[string]PackedRef, error) {
	data, err := safefile.ReadFile(r.CommonDir, "packed-refs", maxPackedRefs)
	if errors.Is(err, fs.ErrNotExist) {
		return map[string]PackedRef{}, nil
	}
	if err != nil {
		return nil, err
	}
	return ParsePackedRefs(data)
}

// ParsePackedRefs parses the text of a packed-refs file: "# pack-refs with: ..." header, "ID REFNAME" lines and
// "^ID" lines giving the peeled target of the annotated tag on the line before.
func ParsePackedRefs(data []byte) (map[string]PackedRef, error) {
	out := map[string]PackedRef{}
	last := ""
	for n, line := range strings.Split(string(data), "\n") {
		line = strings.TrimRight(line, "\r")
		switch {
		case line == "" || strings.HasPrefix(line, "#"):
			continue
		case strings.HasPrefix(line, "^"):
			id := line[1:]
			if last == "" || !IsObjectID(id) {
				return nil, errorf("packed-refs", "line %d: peeled line %q without a valid ref before it", n+1, line)
			}
			p := out[last]
			p.Peeled = id
			out[last] = p
		default:
			id, name, ok := strings.Cut(line, " ")
			if !ok || !IsObjectID(id) || name == "" {
				return nil, errorf("packed-refs", "line %d: %q is not \"ID REFNAME\"", n+1, line)
			}
			out[name] = PackedRef{ID: id}
			last = name
		}
	}
	return out, nil
}

// TagsAt returns the tags (short names, "v1.4.0") that point at commit, directly or through an annotated tag,
// sorted with the highest version last.
func (r *Repo) TagsAt(commit string) ([]string, error) {
	if commit == "" {
		return nil, nil
	}
	packed, err := r.PackedRefs()
	if err != nil {
		return nil, err
	}
	targets := map[string]string{} // tag name -> commit
	for name, p := range packed {
		if short, ok := strings.CutPrefix(name, "refs/tags/"); ok {
			targets[short] = p.ID
			if p.Peeled != "" {
				targets[short] = p.Peeled
			}
		}
	}
	tagDir := filepath.Join(r.CommonDir, "refs", "tags")
	_ = filepath.WalkDir(tagDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		rel, _ := filepath.Rel(tagDir, p)
		data, err := safefile.ReadFile(tagDir, rel, maxRefFile)
		if err != nil {
			return nil
		}
		if id := strings.TrimSpace(string(data)); IsObjectID(id) {
			targets[filepath.ToSlash(rel)] = id
		}
		return nil
	})
	var tags []string
	for name, id := range targets {
		if id != commit {
			peeled, err := r.peel(id)
			if err != nil || peeled != commit {
				continue
			}
		}
		tags = append(tags, name)
	}
	sort.Slice(tags, func(i, j int) bool { return versionLess(tags[i], tags[j]) })
	return tags, nil
}

// peel follows annotated tag objects to the object they tag.
func (r *Repo) peel(id string) (string, error) {
	for depth := 0; depth < 10; depth++ {
		kind, body, err := r.ReadObject(id)
		if err != nil {
			return "", err
		}
		if kind != "tag" {
			return id, nil
		}
		obj, ok := HeaderField(body, "object")
		if !ok || !IsObjectID(obj) {
			return "", errorf("objects/"+id, "tag object without an object line")
		}
		id = obj
	}
	return "", errorf("objects/"+id, "tags nest too deep")
}

// HeaderField returns the value of the first "key value" line of a commit or tag header.
func HeaderField(body []byte, key string) (string, bool) {
	for _, line := range strings.Split(string(body), "\n") {
		if line == "" {
			break
		}
		if v, ok := strings.CutPrefix(line, key+" "); ok {
			return v, true
		}
	}
	return "", false
}

// versionLess orders tag names so that numeric parts compare as numbers ("v1.10.0" after "v1.9.0").
func versionLess(a, b string) bool {
	for a != "" && b != "" {
		da, ra := leadingDigits(a)
		db, rb := leadingDigits(b)
		if da != "" && db != "" {
			na, _ := strconv.ParseUint(da, 10, 64)
			nb, _ := strconv.ParseUint(db, 10, 64)
			if na != nb {
				return na < nb
			}
			a, b = ra, rb
			continue
		}
		if a[0] != b[0] {
			return a[0] < b[0]
		}
		a, b = a[1:], b[1:]
	}
	return len(a) < len(b)
}

func leadingDigits(s string) (string, string) {
	i := 0
	for i < len(s) && i < 18 && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return s[:i], s[i:]
}
