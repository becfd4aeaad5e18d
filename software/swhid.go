package software

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/dop2i/fairmeta/fair"
	"github.com/dop2i/fairmeta/internal/git"
)

// Intrinsic identifiers. A Software Heritage core identifier of a file (swh:1:cnt), a directory (swh:1:dir) or a
// commit (swh:1:rev) is the SHA-1 of the object as git stores it: a header "<type> <size>\x00" followed by the
// content. So a file's SWHID is its git blob ID, a directory's is its git tree ID, and a commit's is its git commit
// ID (SWHID specification v1.2, section 5).

func swhid(kind, hexHash string) fair.SWHID { return fair.SWHID{ObjectType: kind, Hash: hexHash} }

// ContentSWHID returns the swh:1:cnt identifier of data.
func ContentSWHID(data []byte) fair.SWHID { return swhid("cnt", git.ObjectID("blob", data)) }

// ReaderSWHID returns the swh:1:cnt identifier of the size bytes read from r. It fails when r gives fewer or more
// bytes than size, since the size is part of what is hashed.
func ReaderSWHID(r io.Reader, size int64) (fair.SWHID, error) {
	if r == nil {
		return fair.SWHID{}, errors.New("software: ReaderSWHID of a nil io.Reader")
	}
	sum, err := git.HashStream("blob", r, size)
	if err != nil {
		return fair.SWHID{}, fmt.Errorf("software: %w", err)
	}
	return swhid("cnt", sum), nil
}

// hashFile returns the blob ID of a regular file or symbolic link and its git mode.
func hashFile(path string) (string, string, error) {
	id, mode, err := git.HashFile(path)
	var nf *git.NotFileError
	switch {
	case errors.As(err, &nf) && nf.Mode.IsDir():
		return "", "", &PathError{Path: path, Reason: "is a directory; use DirSWHID"}
	case errors.As(err, &nf):
		return "", "", &PathError{Path: path, Reason: fmt.Sprintf("is a %v, neither a file, a symbolic link nor a directory", nf.Mode)}
	case err != nil:
		return "", "", fmt.Errorf("software: %w", err)
	}
	return id, mode, nil
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

// PathError reports a path that cannot be identified.
type PathError struct {
	Path   string // the path as given
	Reason string // what is wrong with it
}

// Error names the path and the reason.
func (e *PathError) Error() string { return "software: " + e.Path + ": " + e.Reason }

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
	entries := make([]git.TreeEntry, 0, len(des))
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
			entries = append(entries, git.TreeEntry{Mode: git.ModeDir, Name: de.Name(), ID: id})
			continue
		}
		id, mode, err := hashFile(p)
		if err != nil {
			return "", err
		}
		entries = append(entries, git.TreeEntry{Mode: mode, Name: de.Name(), ID: id})
	}
	body, err := git.TreeObject(entries)
	if err != nil {
		return "", fmt.Errorf("software: %s: %w", dir, err)
	}
	return git.ObjectID("tree", body), nil
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
func RevisionSWHID(commit []byte) fair.SWHID { return swhid("rev", git.ObjectID("commit", commit)) }

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
	repo, err := git.Open(start)
	if err != nil {
		return id, nil // no repository: the core identifier is all there is
	}
	head, err := repo.Head()
	if err != nil {
		return id, gitError(err) // a repository whose HEAD cannot be read: say so rather than drop the anchor
	}
	if head.Commit == "" {
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
