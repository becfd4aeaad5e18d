package software

import (
	"bytes"
	"crypto/sha1"
	"encoding/hex"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"

	"github.com/dop2i/fairmeta/fair"
)

// Intrinsic identifiers. A Software Heritage core identifier of a file (swh:1:cnt), a directory (swh:1:dir) or a
// commit (swh:1:rev) is the SHA-1 of the object as git stores it: a header "<type> <size>\x00" followed by the
// content. So a file's SWHID is its git blob ID, a directory's is its git tree ID, and a commit's is its git commit
// ID (SWHID specification v1.2, section 5).

// Git tree entry modes, as git writes them in tree objects (octal, without leading zero).
const (
	modeFile    = "100644"
	modeExec    = "100755"
	modeSymlink = "120000"
	modeDir     = "40000"
	modeGitlink = "160000"
)

// ObjectID returns the git object ID (lower-case hexadecimal SHA-1) of an object of the given type ("blob", "tree",
// "commit", "tag") and body.
func ObjectID(kind string, body []byte) string {
	h := sha1.New()
	writeHeader(h, kind, int64(len(body)))
	h.Write(body)
	return hex.EncodeToString(h.Sum(nil))
}

func writeHeader(h hash.Hash, kind string, size int64) {
	h.Write([]byte(kind))
	h.Write([]byte{' '})
	h.Write(strconv.AppendInt(nil, size, 10))
	h.Write([]byte{0})
}

func swhid(kind, hexHash string) fair.SWHID { return fair.SWHID{ObjectType: kind, Hash: hexHash} }

// ContentSWHID returns the swh:1:cnt identifier of data.
func ContentSWHID(data []byte) fair.SWHID { return swhid("cnt", ObjectID("blob", data)) }

// ReaderSWHID returns the swh:1:cnt identifier of the size bytes read from r. It fails when r gives fewer or more
// bytes than size, since the size is part of what is hashed.
func ReaderSWHID(r io.Reader, size int64) (fair.SWHID, error) {
	sum, err := hashStream("blob", r, size)
	if err != nil {
		return fair.SWHID{}, err
	}
	return swhid("cnt", sum), nil
}

// hashBufSize is the read size used when hashing files: large enough that system calls cost nothing next to SHA-1.
const hashBufSize = 1 << 20

func hashStream(kind string, r io.Reader, size int64) (string, error) {
	h := sha1.New()
	writeHeader(h, kind, size)
	buf := make([]byte, hashBufSize)
	n, err := io.CopyBuffer(h, io.LimitReader(r, size), buf)
	if err != nil {
		return "", fmt.Errorf("software: hashing content: %w", err)
	}
	if n != size {
		return "", fmt.Errorf("software: hashing content: read %d bytes, expected %d", n, size)
	}
	if extra, _ := r.Read(buf[:1]); extra > 0 {
		return "", fmt.Errorf("software: hashing content: more than the expected %d bytes", size)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// FileSWHID returns the swh:1:cnt identifier of the file at path. A symbolic link is not followed: its identifier is
// that of the link target's path text, as Software Heritage and git record symbolic links.
func FileSWHID(path string) (fair.SWHID, error) {
	sum, _, err := hashFile(path)
	if err != nil {
		return fair.SWHID{}, err
	}
	return swhid("cnt", sum), nil
}

// hashFile returns the blob ID of a regular file or symbolic link and its git mode.
func hashFile(path string) (string, string, error) {
	fi, err := os.Lstat(path)
	if err != nil {
		return "", "", fmt.Errorf("software: %w", err)
	}
	switch {
	case fi.Mode()&fs.ModeSymlink != 0:
		target, err := os.Readlink(path)
		if err != nil {
			return "", "", fmt.Errorf("software: %w", err)
		}
		return ObjectID("blob", []byte(target)), modeSymlink, nil
	case fi.Mode().IsRegular():
		f, err := os.Open(path)
		if err != nil {
			return "", "", fmt.Errorf("software: %w", err)
		}
		defer f.Close()
		sum, err := hashStream("blob", f, fi.Size())
		if err != nil {
			return "", "", fmt.Errorf("software: %s: %w", path, err)
		}
		mode := modeFile
		if fi.Mode().Perm()&0o100 != 0 { // git records only the owner's execute bit
			mode = modeExec
		}
		return sum, mode, nil
	case fi.IsDir():
		return "", "", &PathError{Path: path, Reason: "is a directory; use DirSWHID"}
	default:
		return "", "", &PathError{Path: path, Reason: fmt.Sprintf("is a %v, neither a file, a symbolic link nor a directory", fi.Mode().Type())}
	}
}

// PathError reports a path that cannot be identified.
type PathError struct {
	Path   string // the path as given
	Reason string // what is wrong with it
}

// Error names the path and the reason.
func (e *PathError) Error() string { return "software: " + e.Path + ": " + e.Reason }

// TreeEntry is one entry of a directory (git tree) object.
type TreeEntry struct {
	// Mode is the git mode: "100644" (file), "100755" (executable), "120000" (symbolic link), "40000" (directory)
	// or "160000" (submodule commit).
	Mode string
	// Name is the entry name in bytes as stored (no path separator).
	Name string
	// ID is the object ID of the entry, 40 lower-case hexadecimal digits.
	ID string
}

// TreeObject returns the body of the git tree object listing entries, sorted as git sorts them: by name bytes,
// a directory comparing as if its name ended in "/". It fails on an entry with an invalid ID, an empty name or a
// name with "/" or NUL.
func TreeObject(entries []TreeEntry) ([]byte, error) {
	es := append([]TreeEntry(nil), entries...)
	sort.Slice(es, func(i, j int) bool { return treeKey(es[i]) < treeKey(es[j]) })
	var b bytes.Buffer
	for i, e := range es {
		raw, err := hex.DecodeString(e.ID)
		if err != nil || len(raw) != sha1.Size {
			return nil, fmt.Errorf("software: tree entry %q: object ID %q is not 40 hexadecimal digits", e.Name, e.ID)
		}
		if e.Name == "" || bytes.ContainsAny([]byte(e.Name), "/\x00") {
			return nil, fmt.Errorf("software: tree entry name %q is empty or contains / or NUL", e.Name)
		}
		if i > 0 && es[i-1].Name == e.Name {
			return nil, fmt.Errorf("software: tree entry %q appears twice", e.Name)
		}
		b.WriteString(e.Mode)
		b.WriteByte(' ')
		b.WriteString(e.Name)
		b.WriteByte(0)
		b.Write(raw)
	}
	return b.Bytes(), nil
}

func treeKey(e TreeEntry) string {
	if e.Mode == modeDir {
		return e.Name + "/"
	}
	return e.Name
}

// DirSWHID returns the swh:1:dir identifier of the directory tree at root: the git tree ID of its files (with their
// executable bit), symbolic links (not followed) and subdirectories, recursively. Empty directories are included,
// with the empty tree's ID, as Software Heritage archives them (git cannot store them, so for trees without empty
// directories the result equals "git write-tree" of the same files). Directories named ".git" are skipped: they are
// version-control data, not part of the source tree.
func DirSWHID(root string) (fair.SWHID, error) {
	id, err := hashDir(root)
	if err != nil {
		return fair.SWHID{}, err
	}
	return swhid("dir", id), nil
}

func hashDir(dir string) (string, error) {
	des, err := os.ReadDir(dir)
	if err != nil {
		return "", fmt.Errorf("software: %w", err)
	}
	entries := make([]TreeEntry, 0, len(des))
	for _, de := range des {
		p := filepath.Join(dir, de.Name())
		if de.IsDir() {
			if de.Name() == ".git" {
				continue
			}
			id, err := hashDir(p)
			if err != nil {
				return "", err
			}
			entries = append(entries, TreeEntry{Mode: modeDir, Name: de.Name(), ID: id})
			continue
		}
		id, mode, err := hashFile(p)
		if err != nil {
			return "", err
		}
		entries = append(entries, TreeEntry{Mode: mode, Name: de.Name(), ID: id})
	}
	body, err := TreeObject(entries)
	if err != nil {
		return "", err
	}
	return ObjectID("tree", body), nil
}

// PathSWHID returns the core SWHID of a path: swh:1:dir for a directory, swh:1:cnt for a file or symbolic link.
func PathSWHID(path string) (fair.SWHID, error) {
	fi, err := os.Lstat(path)
	if err != nil {
		return fair.SWHID{}, fmt.Errorf("software: %w", err)
	}
	if fi.IsDir() {
		return DirSWHID(path)
	}
	return FileSWHID(path)
}

// RevisionSWHID returns the swh:1:rev identifier of a git commit object body (the text "tree ...\nparent ...\n
// author ...\ncommitter ...\n\nmessage", as "git cat-file commit" prints it).
func RevisionSWHID(commit []byte) fair.SWHID { return swhid("rev", ObjectID("commit", commit)) }

// QualifiedSWHID returns the SWHID of path with the context qualifiers Software Heritage recommends for citing it
// inside a repository: anchor (the commit checked out, as swh:1:rev), path (from the repository root) and origin
// (the remote URL), read from the git repository that contains path. Without a repository, it returns the core
// SWHID and no error.
func QualifiedSWHID(path string) (fair.SWHID, error) {
	id, err := PathSWHID(path)
	if err != nil {
		return id, err
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return id, fmt.Errorf("software: %w", err)
	}
	start := abs
	if fi, err := os.Stat(abs); err == nil && !fi.IsDir() {
		start = filepath.Dir(abs)
	}
	repo, err := OpenRepo(start)
	if err != nil {
		return id, nil // no repository: the core identifier is all there is
	}
	head, err := repo.Head()
	if err != nil || head.Commit == "" {
		return id, nil
	}
	rel, err := filepath.Rel(repo.WorkTree, abs)
	if err != nil {
		return id, nil
	}
	id.Anchor = "swh:1:rev:" + head.Commit
	if rel != "." {
		id.Path = "/" + filepath.ToSlash(rel)
	}
	if remote, err := repo.RemoteURL("origin"); err == nil && remote != "" {
		id.Origin = remote
	}
	return id, nil
}
