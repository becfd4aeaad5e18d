package git

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/dop2i/fairmeta/internal/safefile"
)

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
	// Files are looked at through the working tree's root: a path of the index cannot lead outside it, even through
	// a symbolic link to a directory.
	root, err := os.OpenRoot(r.WorkTree)
	if err != nil {
		return st, err
	}
	defer root.Close()
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
		if e.SkipWorktree || e.Mode == ModeGitlink {
			continue
		}
		if changed, err := fileChanged(root, e, indexTime); err != nil {
			return st, err
		} else if changed {
			st.Modified = append(st.Modified, e.Path)
		}
	}
	head, err := r.Head()
	if err != nil {
		return st, err
	}
	indexTree, err := TreeFromPaths(staged)
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
	tree, ok := HeaderField(body, "tree")
	if kind != "commit" || !ok {
		return st, errorf("objects/"+head.Commit, "HEAD is not a commit with a tree")
	}
	if tree != indexTree {
		st.Staged = true
	}
	return st, nil
}

func fileChanged(root *os.Root, e IndexEntry, indexTime int64) (bool, error) {
	name := filepath.FromSlash(e.Path)
	fi, err := root.Lstat(name)
	if errors.Is(err, fs.ErrNotExist) {
		return true, nil
	}
	if err != nil {
		// A path through a symbolic link out of the tree: git sees no file there either.
		return true, nil
	}
	isLink := fi.Mode()&fs.ModeSymlink != 0
	switch {
	case e.Mode == ModeSymlink && !isLink, e.Mode != ModeSymlink && (isLink || !fi.Mode().IsRegular()):
		return true, nil
	case e.Mode == ModeExec && fi.Mode().Perm()&0o100 == 0, e.Mode == ModeFile && fi.Mode().Perm()&0o100 != 0:
		return true, nil
	}
	if !isLink && uint32(fi.Size()) != e.Size {
		return true, nil
	}
	mt := fi.ModTime()
	if mt.UnixNano() == e.MTime && mt.Unix() < indexTime {
		return false, nil // stat data match and the file is older than the index: not racily clean
	}
	var id string
	if isLink {
		target, err := root.Readlink(name)
		if err != nil {
			return false, err
		}
		id = ObjectID("blob", []byte(target))
	} else {
		f, err := safefile.OpenIn(root, name)
		if err != nil {
			return true, nil // no longer a regular file, or through a link out of the tree
		}
		defer f.Close()
		if id, err = HashStream("blob", f, fi.Size()); err != nil {
			return true, nil // changed while being read
		}
	}
	return id != e.ID, nil
}
