package software

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/dop2i/fairmeta/internal/git"
)

// The facts of a git checkout — the commit checked out, its tag, the remote, whether the tree is modified — read
// from the repository's files without running git (pipelines on compute nodes often have no git binary). The
// reader itself is internal; this is what describing a release needs.

// ErrNoRepo is returned by [OpenRepo] when no git repository contains the directory.
var ErrNoRepo = errors.New("software: not inside a git repository")

// GitError reports a malformed git file: which file and what is wrong.
type GitError struct {
	File   string // the file, e.g. ".git/packed-refs"
	Reason string // what is wrong
}

// Error names the file and what is wrong with it.
func (e *GitError) Error() string { return "software: git: " + e.File + ": " + e.Reason }

// gitError gives an error of the internal reader the package's types: *GitError, ErrNoRepo, or the error wrapped.
func gitError(err error) error {
	var ge *git.Error
	switch {
	case err == nil:
		return nil
	case errors.Is(err, git.ErrNoRepo):
		return ErrNoRepo
	case errors.As(err, &ge):
		return &GitError{File: ge.File, Reason: ge.Reason}
	}
	return fmt.Errorf("software: %w", err)
}

// Repo is a git working tree and its repository files.
type Repo struct {
	// WorkTree is the top directory of the checked-out files.
	WorkTree string
	r        *git.Repo
}

// OpenRepo finds the git repository containing dir, looking in dir and its parents for ".git" (a directory, or a
// file "gitdir: PATH" as linked worktrees and submodules have). It returns [ErrNoRepo] when there is none, and a
// *GitError for a repository it cannot read (a SHA-256 repository, a .git file without a gitdir line).
func OpenRepo(dir string) (*Repo, error) {
	r, err := git.Open(dir)
	if err != nil {
		return nil, gitError(err)
	}
	return &Repo{WorkTree: r.WorkTree, r: r}, nil
}

// GitInfo is what a git checkout says about the release it holds.
type GitInfo struct {
	Commit     string    // the commit checked out; empty before the first commit
	CommitTime time.Time // the committer time of Commit
	Tag        string    // the highest-version tag pointing at Commit, or ""
	Remote     string    // the web address of the "origin" remote, without credentials, or ""
	Status     Status    // how the working tree differs from Commit
}

// Status says how a working tree differs from its last commit, for tracked files (as "git status" does; untracked
// files are not part of any commit and are not considered).
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

// Git reads the facts of the checkout: commit, commit time, tag, remote and status.
func (r *Repo) Git() (GitInfo, error) {
	var g GitInfo
	if r == nil || r.r == nil {
		return g, errors.New("software: Git on a nil or zero Repo; use OpenRepo")
	}
	head, err := r.r.Head()
	if err != nil {
		return g, gitError(err)
	}
	g.Commit = head.Commit
	if g.Commit != "" {
		if _, body, err := r.r.ReadObject(g.Commit); err == nil {
			g.CommitTime = committerTime(body)
		}
		tags, err := r.r.TagsAt(g.Commit)
		if err != nil {
			return g, gitError(err)
		}
		if len(tags) > 0 {
			g.Tag = tags[len(tags)-1]
		}
	}
	if g.Remote, err = r.r.RemoteURL("origin"); err != nil {
		return g, gitError(err)
	}
	st, err := r.r.Status()
	g.Status = Status{Modified: st.Modified, Staged: st.Staged, Conflicted: st.Conflicted}
	return g, gitError(err)
}

// committerTime reads the time of the "committer NAME <EMAIL> SECONDS ZONE" line of a commit.
func committerTime(body []byte) time.Time {
	line, ok := git.HeaderField(body, "committer")
	if !ok {
		return time.Time{}
	}
	f := strings.Fields(line)
	if len(f) < 2 {
		return time.Time{}
	}
	var sec int64
	if _, err := fmt.Sscan(f[len(f)-2], &sec); err != nil {
		return time.Time{}
	}
	return time.Unix(sec, 0).UTC()
}
