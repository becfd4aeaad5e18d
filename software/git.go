package software

import (
	"bufio"
	"bytes"
	"compress/zlib"
	"crypto/sha1"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// A git repository read directly from its files (.git/HEAD, refs, packed-refs, config, index, loose and packed
// objects), without running git: pipelines on compute nodes often have no git binary, and the facts needed (the
// commit checked out, its tag, the remote, whether the tree is modified) are all in those files.

// ErrNoRepo is returned by [OpenRepo] when no git repository contains the directory.
var ErrNoRepo = errors.New("software: not inside a git repository")

// GitError reports a malformed git file: which file and what is wrong.
type GitError struct {
	File   string // the file, e.g. ".git/packed-refs"
	Reason string // what is wrong
}

// Error names the file and what is wrong with it.
func (e *GitError) Error() string { return "software: git: " + e.File + ": " + e.Reason }

func gitErr(file, format string, args ...any) error {
	return &GitError{File: file, Reason: fmt.Sprintf(format, args...)}
}

// Repo is a git working tree and its repository files.
type Repo struct {
	// WorkTree is the top directory of the checked-out files.
	WorkTree string
	// GitDir is the repository directory of this working tree (".git", or ".git/worktrees/NAME" for a linked
	// worktree).
	GitDir string
	// CommonDir is the directory holding objects, refs and config shared by all worktrees (GitDir for a plain
	// checkout).
	CommonDir string
}

// OpenRepo finds the git repository containing dir, looking in dir and its parents for ".git" (a directory, or a
// file "gitdir: PATH" as linked worktrees and submodules have). It returns [ErrNoRepo] when there is none.
func OpenRepo(dir string) (*Repo, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("software: %w", err)
	}
	for d := abs; ; {
		p := filepath.Join(d, ".git")
		if fi, err := os.Stat(p); err == nil {
			r := &Repo{WorkTree: d, GitDir: p}
			if !fi.IsDir() {
				data, err := os.ReadFile(p)
				if err != nil {
					return nil, fmt.Errorf("software: %w", err)
				}
				rest, ok := strings.CutPrefix(strings.TrimSpace(string(data)), "gitdir:")
				if !ok {
					return nil, gitErr(p, "is a file without a gitdir: line")
				}
				g := strings.TrimSpace(rest)
				if !filepath.IsAbs(g) {
					g = filepath.Join(d, g)
				}
				r.GitDir = filepath.Clean(g)
			}
			r.CommonDir = r.GitDir
			if data, err := os.ReadFile(filepath.Join(r.GitDir, "commondir")); err == nil {
				c := strings.TrimSpace(string(data))
				if !filepath.IsAbs(c) {
					c = filepath.Join(r.GitDir, c)
				}
				r.CommonDir = filepath.Clean(c)
			}
			if _, err := os.Stat(filepath.Join(r.GitDir, "HEAD")); err != nil {
				return nil, gitErr(r.GitDir, "has no HEAD")
			}
			if cfg, err := r.Config(); err == nil {
				if f := cfg["extensions.objectformat"]; len(f) > 0 && !strings.EqualFold(f[0], "sha1") {
					return nil, gitErr(filepath.Join(r.CommonDir, "config"), "object format %s is not supported: SWHIDs and this reader use SHA-1 object IDs", f[0])
				}
			}
			return r, nil
		}
		parent := filepath.Dir(d)
		if parent == d {
			return nil, ErrNoRepo
		}
		d = parent
	}
}

// Head is what HEAD points at.
type Head struct {
	// Ref is the branch HEAD refers to, e.g. "refs/heads/main"; empty when HEAD is detached.
	Ref string
	// Commit is the commit ID checked out; empty on an unborn branch (a repository without commits).
	Commit string
}

// Head reads HEAD and resolves it to a commit.
func (r *Repo) Head() (Head, error) {
	data, err := os.ReadFile(filepath.Join(r.GitDir, "HEAD"))
	if err != nil {
		return Head{}, fmt.Errorf("software: %w", err)
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
	if !isHexID(s) {
		return Head{}, gitErr("HEAD", "%q is neither a ref nor an object ID", s)
	}
	return Head{Commit: s}, nil
}

func isHexID(s string) bool {
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
			return "", gitErr(name, "is not a valid ref name")
		}
		var data []byte
		var err error
		for _, dir := range []string{r.GitDir, r.CommonDir} {
			data, err = os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
			if err == nil {
				break
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
			return "", fmt.Errorf("software: git ref %s: %w", name, fs.ErrNotExist)
		}
		s := strings.TrimSpace(string(data))
		if target, ok := strings.CutPrefix(s, "ref:"); ok {
			name = strings.TrimSpace(target)
			continue
		}
		if !isHexID(s) {
			return "", gitErr(name, "%q is not an object ID", s)
		}
		return s, nil
	}
	return "", gitErr(name, "symbolic refs nest too deep")
}

// PackedRef is a line of packed-refs: the object a ref points at and, for an annotated tag, the commit it peels to.
type PackedRef struct {
	ID     string // the object the ref points at
	Peeled string // the object an annotated tag points at ("^" line), or ""
}

// PackedRefs reads the packed-refs file; a repository without one has none.
func (r *Repo) PackedRefs() (map[string]PackedRef, error) {
	data, err := os.ReadFile(filepath.Join(r.CommonDir, "packed-refs"))
	if errors.Is(err, fs.ErrNotExist) {
		return map[string]PackedRef{}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("software: %w", err)
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
			if last == "" || !isHexID(id) {
				return nil, gitErr("packed-refs", "line %d: peeled line %q without a valid ref before it", n+1, line)
			}
			p := out[last]
			p.Peeled = id
			out[last] = p
		default:
			id, name, ok := strings.Cut(line, " ")
			if !ok || !isHexID(id) || name == "" {
				return nil, gitErr("packed-refs", "line %d: %q is not \"ID REFNAME\"", n+1, line)
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
		data, err := os.ReadFile(p)
		if err != nil {
			return nil
		}
		if id := strings.TrimSpace(string(data)); isHexID(id) {
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
		obj, ok := headerField(body, "object")
		if !ok || !isHexID(obj) {
			return "", gitErr("objects/"+id, "tag object without an object line")
		}
		id = obj
	}
	return "", gitErr("objects/"+id, "tags nest too deep")
}

// headerField returns the value of the first "key value" line of a commit or tag header.
func headerField(body []byte, key string) (string, bool) {
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

// Config reads the repository's config file into "section.subsection.key" (section and key in lower case, the
// subsection as written) → values, in file order. Includes are not followed.
func (r *Repo) Config() (map[string][]string, error) {
	data, err := os.ReadFile(filepath.Join(r.CommonDir, "config"))
	if errors.Is(err, fs.ErrNotExist) {
		return map[string][]string{}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("software: %w", err)
	}
	return ParseGitConfig(data)
}

// ParseGitConfig parses git's config file syntax: [section] and [section "subsection"] headers, key = value lines,
// comments after ; or #, double-quoted values with \" \\ \n \t escapes, and lines continued with a backslash.
func ParseGitConfig(data []byte) (map[string][]string, error) {
	out := map[string][]string{}
	section := ""
	lines := strings.Split(strings.ReplaceAll(string(data), "\r\n", "\n"), "\n")
	for n := 0; n < len(lines); n++ {
		line := strings.TrimSpace(lines[n])
		for strings.HasSuffix(line, "\\") && n+1 < len(lines) {
			n++
			line = line[:len(line)-1] + lines[n]
		}
		if line == "" || line[0] == '#' || line[0] == ';' {
			continue
		}
		if line[0] == '[' {
			end := strings.LastIndexByte(line, ']')
			if end < 0 {
				return nil, gitErr("config", "line %d: section header without ]", n+1)
			}
			head := strings.TrimSpace(line[1:end])
			name, sub, hasSub := strings.Cut(head, " ")
			section = strings.ToLower(name)
			if hasSub {
				sub = strings.TrimSpace(sub)
				if len(sub) < 2 || sub[0] != '"' || sub[len(sub)-1] != '"' {
					return nil, gitErr("config", "line %d: subsection %s is not quoted", n+1, sub)
				}
				section += "." + strings.NewReplacer(`\"`, `"`, `\\`, `\`).Replace(sub[1:len(sub)-1])
			} else if i := strings.IndexByte(name, '.'); i >= 0 { // old [section.subsection] form
				section = strings.ToLower(name[:i]) + "." + name[i+1:]
			}
			continue
		}
		if section == "" {
			return nil, gitErr("config", "line %d: key outside any section", n+1)
		}
		key, val, hasVal := strings.Cut(line, "=")
		key = strings.ToLower(strings.TrimSpace(key))
		if key == "" {
			return nil, gitErr("config", "line %d: empty key", n+1)
		}
		v := "true" // a key without "=" is a boolean true
		if hasVal {
			v = configValue(strings.TrimSpace(val))
		}
		out[section+"."+key] = append(out[section+"."+key], v)
	}
	return out, nil
}

// configValue unquotes a config value and removes a trailing comment.
func configValue(s string) string {
	var b strings.Builder
	quoted := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"':
			quoted = !quoted
		case c == '\\' && i+1 < len(s):
			i++
			switch s[i] {
			case 'n':
				b.WriteByte('\n')
			case 't':
				b.WriteByte('\t')
			default:
				b.WriteByte(s[i])
			}
		case (c == '#' || c == ';') && !quoted:
			return strings.TrimSpace(b.String())
		default:
			b.WriteByte(c)
		}
	}
	return strings.TrimSpace(b.String())
}

// RemoteURL returns the URL of the named remote ("origin") as a web address without credentials (see [WebURL]),
// or "" when the remote is not configured.
func (r *Repo) RemoteURL(name string) (string, error) {
	cfg, err := r.Config()
	if err != nil {
		return "", err
	}
	urls := cfg["remote."+name+".url"]
	if len(urls) == 0 {
		return "", nil
	}
	return WebURL(urls[0]), nil
}

// WebURL turns a git remote address into the web address of the repository: "git@host:group/tool.git" and
// "ssh://git@host/group/tool.git" become "https://host/group/tool", a trailing ".git" is removed, and any user name
// or password in the address is dropped so that no credential leaks into metadata. Local paths are returned as
// they are.
func WebURL(remote string) string {
	s := strings.TrimSpace(remote)
	if !strings.Contains(s, "://") {
		// scp-like syntax: [user@]host:path, where host has no slash before the colon.
		if at := strings.IndexByte(s, ':'); at > 0 && !strings.ContainsAny(s[:at], "/\\") {
			host := s[:at]
			if i := strings.LastIndexByte(host, '@'); i >= 0 {
				host = host[i+1:]
			}
			return "https://" + host + "/" + strings.TrimSuffix(strings.TrimPrefix(s[at+1:], "/"), ".git")
		}
		return s
	}
	u, err := url.Parse(s)
	if err != nil {
		return ""
	}
	u.User = nil
	switch u.Scheme {
	case "ssh", "git", "git+ssh", "ssh+git":
		u.Scheme = "https"
		u.Host = u.Hostname()
	case "file":
		return s
	}
	u.Path = strings.TrimSuffix(u.Path, ".git")
	u.RawPath = ""
	return u.String()
}

// maxObjectSize caps the size of a git object read into memory (metadata work reads commits and tags).
const maxObjectSize = 1 << 30

// ReadObject returns the type ("commit", "tree", "blob", "tag") and body of the object id, from the loose objects or
// the pack files.
func (r *Repo) ReadObject(id string) (string, []byte, error) {
	if !isHexID(id) {
		return "", nil, gitErr("objects", "%q is not an object ID", id)
	}
	f, err := os.Open(filepath.Join(r.CommonDir, "objects", id[:2], id[2:]))
	if err == nil {
		defer f.Close()
		kind, body, err := ParseLooseObject(f)
		if err != nil {
			return "", nil, gitErr("objects/"+id[:2]+"/"+id[2:], "%v", err)
		}
		return kind, body, nil
	}
	if !errors.Is(err, fs.ErrNotExist) {
		return "", nil, fmt.Errorf("software: %w", err)
	}
	idxs, _ := filepath.Glob(filepath.Join(r.CommonDir, "objects", "pack", "pack-*.idx"))
	for _, idx := range idxs {
		kind, body, err := readPacked(idx, id)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		return kind, body, err
	}
	return "", nil, fmt.Errorf("software: git object %s: %w", id, fs.ErrNotExist)
}

// ParseLooseObject reads a zlib-compressed loose object: "TYPE SIZE\x00BODY".
func ParseLooseObject(r io.Reader) (string, []byte, error) {
	zr, err := zlib.NewReader(r)
	if err != nil {
		return "", nil, err
	}
	defer zr.Close()
	br := bufio.NewReader(zr)
	head, err := br.ReadString(0)
	if err != nil || len(head) > 32 {
		return "", nil, errors.New("no object header")
	}
	kind, sizeText, ok := strings.Cut(strings.TrimSuffix(head, "\x00"), " ")
	size, serr := strconv.ParseInt(sizeText, 10, 64)
	if !ok || serr != nil || size < 0 || size > maxObjectSize {
		return "", nil, fmt.Errorf("bad object header %q", head)
	}
	switch kind {
	case "commit", "tree", "blob", "tag":
	default:
		return "", nil, fmt.Errorf("unknown object type %q", kind)
	}
	body, err := io.ReadAll(io.LimitReader(br, size+1))
	if err != nil {
		return "", nil, err
	}
	if int64(len(body)) != size {
		return "", nil, fmt.Errorf("object body has %d bytes, header says %d", len(body), size)
	}
	return kind, body, nil
}

// readPacked looks id up in a pack index (version 2) and reads the object from the pack beside it, applying
// deltas. It returns an error matching fs.ErrNotExist when the pack does not hold id.
func readPacked(idxPath, id string) (string, []byte, error) {
	idx, err := os.ReadFile(idxPath)
	if err != nil {
		return "", nil, fmt.Errorf("software: %w", err)
	}
	off, err := packIndexLookup(idx, id)
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			err = gitErr(filepath.Base(idxPath), "%v", err)
		}
		return "", nil, err
	}
	pack, err := os.Open(strings.TrimSuffix(idxPath, ".idx") + ".pack")
	if err != nil {
		return "", nil, fmt.Errorf("software: %w", err)
	}
	defer pack.Close()
	p := &packReader{f: pack, idx: idx}
	kind, body, err := p.object(off, 0)
	if err != nil {
		return "", nil, gitErr(filepath.Base(idxPath), "object %s: %v", id, err)
	}
	return kind, body, nil
}

// packIndexLookup returns the pack offset of id from a version 2 pack index.
func packIndexLookup(idx []byte, id string) (int64, error) {
	want, err := hex.DecodeString(id)
	if err != nil || len(want) != 20 {
		return 0, fmt.Errorf("bad object ID %q", id)
	}
	if len(idx) < 8+256*4 || !bytes.Equal(idx[:4], []byte("\xfftOc")) || binary.BigEndian.Uint32(idx[4:8]) != 2 {
		return 0, errors.New("not a version 2 pack index")
	}
	fan := idx[8 : 8+256*4]
	n := int(binary.BigEndian.Uint32(fan[255*4:]))
	namesAt := 8 + 256*4
	crcAt := namesAt + 20*n
	offAt := crcAt + 4*n
	largeAt := offAt + 4*n
	if n < 0 || largeAt > len(idx) {
		return 0, errors.New("truncated pack index")
	}
	lo := 0
	if want[0] > 0 {
		lo = int(binary.BigEndian.Uint32(fan[(int(want[0])-1)*4:]))
	}
	hi := int(binary.BigEndian.Uint32(fan[int(want[0])*4:]))
	if lo > hi || hi > n {
		return 0, errors.New("inconsistent fan-out table")
	}
	i := lo + sort.Search(hi-lo, func(k int) bool { return bytes.Compare(idx[namesAt+20*(lo+k):namesAt+20*(lo+k)+20], want) >= 0 })
	if i >= hi || !bytes.Equal(idx[namesAt+20*i:namesAt+20*i+20], want) {
		return 0, fs.ErrNotExist
	}
	o := binary.BigEndian.Uint32(idx[offAt+4*i:])
	if o&0x80000000 == 0 {
		return int64(o), nil
	}
	k := int(o & 0x7fffffff)
	if largeAt+8*k+8 > len(idx) {
		return 0, errors.New("large offset out of range")
	}
	return int64(binary.BigEndian.Uint64(idx[largeAt+8*k:])), nil
}

type packReader struct {
	f   *os.File
	idx []byte
}

var packTypes = map[byte]string{1: "commit", 2: "tree", 3: "blob", 4: "tag"}

// maxDeltaDepth bounds delta chains (git's default maximum is 50).
const maxDeltaDepth = 1000

func (p *packReader) object(off int64, depth int) (string, []byte, error) {
	if depth > maxDeltaDepth {
		return "", nil, errors.New("delta chain too long")
	}
	if off < 12 {
		return "", nil, fmt.Errorf("offset %d inside the pack header", off)
	}
	br := bufio.NewReader(io.NewSectionReader(p.f, off, 1<<62))
	c, err := br.ReadByte()
	if err != nil {
		return "", nil, err
	}
	typ := (c >> 4) & 7
	size := int64(c & 15)
	shift := uint(4)
	for c&0x80 != 0 {
		if c, err = br.ReadByte(); err != nil {
			return "", nil, err
		}
		if shift > 56 {
			return "", nil, errors.New("object size too large")
		}
		size |= int64(c&0x7f) << shift
		shift += 7
	}
	if size > maxObjectSize {
		return "", nil, errors.New("object too large")
	}
	switch typ {
	case 1, 2, 3, 4:
		body, err := inflate(br, size)
		return packTypes[typ], body, err
	case 6: // ofs_delta: base at a negative offset
		c, err := br.ReadByte()
		if err != nil {
			return "", nil, err
		}
		rel := int64(c & 0x7f)
		for c&0x80 != 0 {
			if c, err = br.ReadByte(); err != nil {
				return "", nil, err
			}
			if rel > 1<<48 {
				return "", nil, errors.New("delta offset too large")
			}
			rel = ((rel + 1) << 7) | int64(c&0x7f)
		}
		delta, err := inflate(br, size)
		if err != nil {
			return "", nil, err
		}
		if rel <= 0 || rel > off {
			return "", nil, errors.New("delta base offset out of range")
		}
		kind, base, err := p.object(off-rel, depth+1)
		if err != nil {
			return "", nil, err
		}
		body, err := ApplyDelta(base, delta)
		return kind, body, err
	case 7: // ref_delta: base named by ID
		var raw [20]byte
		if _, err := io.ReadFull(br, raw[:]); err != nil {
			return "", nil, err
		}
		delta, err := inflate(br, size)
		if err != nil {
			return "", nil, err
		}
		baseOff, err := packIndexLookup(p.idx, hex.EncodeToString(raw[:]))
		if err != nil {
			return "", nil, fmt.Errorf("delta base %x: %v", raw, err)
		}
		kind, base, err := p.object(baseOff, depth+1)
		if err != nil {
			return "", nil, err
		}
		body, err := ApplyDelta(base, delta)
		return kind, body, err
	default:
		return "", nil, fmt.Errorf("unknown pack object type %d", typ)
	}
}

func inflate(r io.Reader, size int64) ([]byte, error) {
	zr, err := zlib.NewReader(r)
	if err != nil {
		return nil, err
	}
	defer zr.Close()
	body, err := io.ReadAll(io.LimitReader(zr, size+1))
	if err != nil {
		return nil, err
	}
	if int64(len(body)) != size {
		return nil, fmt.Errorf("inflated %d bytes, header says %d", len(body), size)
	}
	return body, nil
}

// ApplyDelta applies a git pack delta (source size, target size, then copy and insert instructions) to base.
func ApplyDelta(base, delta []byte) ([]byte, error) {
	varint := func() (int64, error) {
		var v int64
		for shift := uint(0); ; shift += 7 {
			if len(delta) == 0 || shift > 56 {
				return 0, errors.New("truncated delta size")
			}
			c := delta[0]
			delta = delta[1:]
			v |= int64(c&0x7f) << shift
			if c&0x80 == 0 {
				return v, nil
			}
		}
	}
	src, err := varint()
	if err != nil {
		return nil, err
	}
	dst, err := varint()
	if err != nil {
		return nil, err
	}
	if src != int64(len(base)) {
		return nil, fmt.Errorf("delta expects a %d-byte base, got %d", src, len(base))
	}
	if dst > maxObjectSize {
		return nil, errors.New("delta target too large")
	}
	// The header's size is a claim: allocate for it only up to what the delta can plausibly produce, grow beyond.
	out := make([]byte, 0, min(dst, int64(len(base))+int64(len(delta))+1<<16))
	for len(delta) > 0 {
		op := delta[0]
		delta = delta[1:]
		switch {
		case op&0x80 != 0:
			var offset, n int64
			for i := uint(0); i < 7; i++ {
				if op&(1<<i) == 0 {
					continue
				}
				if len(delta) == 0 {
					return nil, errors.New("truncated copy instruction")
				}
				if i < 4 {
					offset |= int64(delta[0]) << (8 * i)
				} else {
					n |= int64(delta[0]) << (8 * (i - 4))
				}
				delta = delta[1:]
			}
			if n == 0 {
				n = 0x10000
			}
			if offset+n > int64(len(base)) || int64(len(out))+n > dst {
				return nil, errors.New("copy instruction out of range")
			}
			out = append(out, base[offset:offset+n]...)
		case op != 0:
			n := int(op)
			if n > len(delta) || int64(len(out)+n) > dst {
				return nil, errors.New("insert instruction out of range")
			}
			out = append(out, delta[:n]...)
			delta = delta[n:]
		default:
			return nil, errors.New("reserved delta instruction 0")
		}
	}
	if int64(len(out)) != dst {
		return nil, fmt.Errorf("delta produced %d bytes, expected %d", len(out), dst)
	}
	return out, nil
}

// IndexEntry is a file recorded in the git index (the staging area).
type IndexEntry struct {
	Path  string // slash-separated path from the top of the working tree
	Mode  string // git tree mode: "100644", "100755", "120000" or "160000"
	ID    string // blob (or submodule commit) ID
	Size  uint32 // file size when staged (low 32 bits)
	MTime int64  // modification time when staged, in nanoseconds since the Unix epoch
	Stage int    // 0, or 1-3 for the sides of a merge conflict
	// SkipWorktree marks a file outside a sparse checkout; IntentToAdd one added with "git add -N".
	SkipWorktree, IntentToAdd bool
}

// Index reads the repository's index file. A repository without one (no file ever staged) has no entries.
func (r *Repo) Index() ([]IndexEntry, error) {
	data, err := os.ReadFile(filepath.Join(r.GitDir, "index"))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("software: %w", err)
	}
	return ParseIndex(data)
}

// ParseIndex parses a git index file, versions 2, 3 and 4 (path prefix compression), checking its trailing SHA-1
// unless it is all zeros (index.skipHash). Extensions are skipped.
func ParseIndex(data []byte) ([]IndexEntry, error) {
	if len(data) < 12+20 || string(data[:4]) != "DIRC" {
		return nil, gitErr("index", "no DIRC signature")
	}
	body, trailer := data[:len(data)-20], data[len(data)-20:]
	if !bytes.Equal(trailer, make([]byte, 20)) {
		if sum := sha1.Sum(body); !bytes.Equal(sum[:], trailer) {
			return nil, gitErr("index", "checksum mismatch")
		}
	}
	version := binary.BigEndian.Uint32(data[4:8])
	if version < 2 || version > 4 {
		return nil, gitErr("index", "unsupported version %d", version)
	}
	count := binary.BigEndian.Uint32(data[8:12])
	if int64(count) > int64(len(body))/62 {
		return nil, gitErr("index", "claims %d entries in %d bytes", count, len(body))
	}
	entries := make([]IndexEntry, 0, count)
	pos := 12
	prev := ""
	for i := uint32(0); i < count; i++ {
		start := pos
		if pos+62 > len(body) {
			return nil, gitErr("index", "entry %d truncated", i)
		}
		e := body[pos:]
		mtime := int64(binary.BigEndian.Uint32(e[8:]))*1e9 + int64(binary.BigEndian.Uint32(e[12:]))
		mode := binary.BigEndian.Uint32(e[24:])
		size := binary.BigEndian.Uint32(e[36:])
		id := hex.EncodeToString(e[40:60])
		flags := binary.BigEndian.Uint16(e[60:])
		pos += 62
		ent := IndexEntry{ID: id, Size: size, MTime: mtime, Stage: int(flags>>12) & 3}
		if flags&0x4000 != 0 {
			if version < 3 || pos+2 > len(body) {
				return nil, gitErr("index", "entry %d: bad extended flags", i)
			}
			ext := binary.BigEndian.Uint16(body[pos:])
			ent.SkipWorktree = ext&0x4000 != 0
			ent.IntentToAdd = ext&0x2000 != 0
			pos += 2
		}
		switch mode >> 12 {
		case 0b1000:
			ent.Mode = modeFile
			if mode&0o100 != 0 {
				ent.Mode = modeExec
			}
		case 0b1010:
			ent.Mode = modeSymlink
		case 0b1110:
			ent.Mode = modeGitlink
		default:
			return nil, gitErr("index", "entry %d: unknown mode %o", i, mode)
		}
		if version == 4 {
			strip, n := indexVarint(body[pos:])
			if n == 0 || strip > uint64(len(prev)) {
				return nil, gitErr("index", "entry %d: bad path prefix length", i)
			}
			pos += n
			end := bytes.IndexByte(body[pos:], 0)
			if end < 0 {
				return nil, gitErr("index", "entry %d: path not terminated", i)
			}
			ent.Path = prev[:len(prev)-int(strip)] + string(body[pos:pos+end])
			pos += end + 1
		} else {
			end := bytes.IndexByte(body[pos:], 0)
			if end < 0 {
				return nil, gitErr("index", "entry %d: path not terminated", i)
			}
			ent.Path = string(body[pos : pos+end])
			pos += end + 1
			// Entries are padded with NULs to a multiple of 8 bytes (the terminating NUL counts).
			for (pos-start)%8 != 0 {
				pos++
			}
			if pos > len(body) {
				return nil, gitErr("index", "entry %d: padding truncated", i)
			}
		}
		if ent.Path == "" {
			return nil, gitErr("index", "entry %d: empty path", i)
		}
		prev = ent.Path
		entries = append(entries, ent)
	}
	return entries, nil
}

// indexVarint decodes the offset encoding of index version 4; n is 0 on malformed input.
func indexVarint(b []byte) (v uint64, n int) {
	if len(b) == 0 {
		return 0, 0
	}
	c := b[0]
	n = 1
	v = uint64(c & 0x7f)
	for c&0x80 != 0 {
		if n >= len(b) || n > 9 {
			return 0, 0
		}
		c = b[n]
		n++
		v = ((v + 1) << 7) | uint64(c&0x7f)
	}
	return v, n
}

// Status says how a working tree differs from its last commit.
type Status struct {
	// Modified lists tracked files whose content, type or executable bit differs from the index, or that were
	// deleted, as slash-separated paths.
	Modified []string
	// Staged reports that the index differs from the commit checked out (changes added but not committed).
	Staged bool
	// Conflicted reports unresolved merge conflicts in the index.
	Conflicted bool
}

// Dirty reports whether the working tree has uncommitted changes to tracked files.
func (s Status) Dirty() bool { return len(s.Modified) > 0 || s.Staged || s.Conflicted }

// Status compares the working tree with the index, and the index with the commit checked out, as "git status"
// does for tracked files. A file whose size and modification time match the index is taken as unchanged unless it
// was modified in the same second the index was written; others are hashed. Untracked files are not considered:
// telling them from ignored ones needs the .gitignore rules, and they are not part of any commit.
func (r *Repo) Status() (Status, error) {
	var st Status
	entries, err := r.Index()
	if err != nil {
		return st, err
	}
	var indexTime int64
	if fi, err := os.Stat(filepath.Join(r.GitDir, "index")); err == nil {
		indexTime = fi.ModTime().Unix()
	}
	var staged []TreeEntry
	var paths []string
	for _, e := range entries {
		if e.Stage != 0 {
			st.Conflicted = true
			continue
		}
		if e.IntentToAdd {
			st.Staged = true
			continue
		}
		staged = append(staged, TreeEntry{Mode: e.Mode, Name: e.Path, ID: e.ID})
		paths = append(paths, e.Path)
		if e.SkipWorktree || e.Mode == modeGitlink {
			continue
		}
		if changed, err := r.fileChanged(e, indexTime); err != nil {
			return st, err
		} else if changed {
			st.Modified = append(st.Modified, e.Path)
		}
	}
	head, err := r.Head()
	if err != nil {
		return st, err
	}
	indexTree, err := treeFromPaths(staged)
	if err != nil {
		return st, err
	}
	if head.Commit == "" {
		st.Staged = st.Staged || len(staged) > 0
		return st, nil
	}
	kind, body, err := r.ReadObject(head.Commit)
	if err != nil {
		return st, err
	}
	tree, ok := headerField(body, "tree")
	if kind != "commit" || !ok {
		return st, gitErr("objects/"+head.Commit, "HEAD is not a commit with a tree")
	}
	if tree != indexTree {
		st.Staged = true
	}
	return st, nil
}

func (r *Repo) fileChanged(e IndexEntry, indexTime int64) (bool, error) {
	p := filepath.Join(r.WorkTree, filepath.FromSlash(e.Path))
	fi, err := os.Lstat(p)
	if errors.Is(err, fs.ErrNotExist) {
		return true, nil
	}
	if err != nil {
		return false, fmt.Errorf("software: %w", err)
	}
	isLink := fi.Mode()&fs.ModeSymlink != 0
	switch {
	case e.Mode == modeSymlink && !isLink, e.Mode != modeSymlink && (isLink || !fi.Mode().IsRegular()):
		return true, nil
	case e.Mode == modeExec && fi.Mode().Perm()&0o100 == 0, e.Mode == modeFile && fi.Mode().Perm()&0o100 != 0:
		return true, nil
	}
	if !isLink && uint32(fi.Size()) != e.Size {
		return true, nil
	}
	mt := fi.ModTime()
	if mt.UnixNano() == e.MTime && mt.Unix() < indexTime {
		return false, nil // stat data match and the file is older than the index: not racily clean
	}
	id, _, err := hashFile(p)
	if err != nil {
		return false, err
	}
	return id != e.ID, nil
}

// treeFromPaths builds the tree objects of a flat list of slash-separated paths (as the index holds them) and
// returns the root tree ID, as "git write-tree" does.
func treeFromPaths(files []TreeEntry) (string, error) {
	type node struct {
		files []TreeEntry
		dirs  map[string]*node
	}
	root := &node{dirs: map[string]*node{}}
	for _, f := range files {
		n := root
		parts := strings.Split(f.Name, "/")
		for _, d := range parts[:len(parts)-1] {
			c := n.dirs[d]
			if c == nil {
				c = &node{dirs: map[string]*node{}}
				n.dirs[d] = c
			}
			n = c
		}
		n.files = append(n.files, TreeEntry{Mode: f.Mode, Name: parts[len(parts)-1], ID: f.ID})
	}
	var write func(n *node) (string, error)
	write = func(n *node) (string, error) {
		es := append([]TreeEntry(nil), n.files...)
		for name, c := range n.dirs {
			id, err := write(c)
			if err != nil {
				return "", err
			}
			es = append(es, TreeEntry{Mode: modeDir, Name: name, ID: id})
		}
		body, err := TreeObject(es)
		if err != nil {
			return "", err
		}
		return ObjectID("tree", body), nil
	}
	return write(root)
}
