// Package git reads a git repository directly from its files (.git/HEAD, refs, packed-refs, config, index, loose
// and packed objects), without running git: pipelines on compute nodes often have no git binary, and the facts
// needed to describe a release (the commit checked out, its tag, the remote, whether the tree is modified) are all
// in those files. It also computes git object IDs, which are the SHA-1 intrinsic identifiers (SWHIDs) of files,
// directories and commits.
//
// It is internal: package software exposes what users need (software.OpenRepo, Repo.Git, the SWHID functions).
// Everything here is safe for concurrent use; a Repo holds only paths.
package git

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/dop2i/fairmeta/internal/safefile"
)

// Limits of the repository files read whole: a file beyond its limit is refused (a *safefile.Error). Every file is
// opened by package safefile: a regular file inside its directory, never a device or a FIFO.
const (
	maxRefFile    = 64 << 10  // HEAD, a loose ref, commondir, a .git file
	maxPackedRefs = 256 << 20 // packed-refs: about 100 bytes per ref
	maxConfig     = 16 << 20
	maxIndex      = 256 << 20 // about 100 bytes per tracked file
	maxPackIndex  = 1 << 30   // about 30 bytes per object
)

// ErrNoRepo is returned by [Open] when no git repository contains the directory.
var ErrNoRepo = errors.New("git: not inside a git repository")

// Error reports a malformed git file: which file and what is wrong.
type Error struct {
	File   string // the file, e.g. ".git/packed-refs"
	Reason string // what is wrong
}

// Error names the file and what is wrong with it.
func (e *Error) Error() string { return "git: " + e.File + ": " + e.Reason }

func errorf(file, format string, args ...any) error {
	return &Error{File: file, Reason: fmt.Sprintf(format, args...)}
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

// Open finds the git repository containing dir, looking in dir and its parents for ".git" (a directory, or a
// file "gitdir: PATH" as linked worktrees and submodules have). It returns [ErrNoRepo] when there is none.
func Open(dir string) (*Repo, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	for d := abs; ; {
		p := filepath.Join(d, ".git")
		if fi, err := os.Stat(p); err == nil {
			r := &Repo{WorkTree: d, GitDir: p}
			if !fi.IsDir() {
				data, err := safefile.ReadFile(d, ".git", maxRefFile)
				if err != nil {
					return nil, err
				}
				rest, ok := strings.CutPrefix(strings.TrimSpace(string(data)), "gitdir:")
				if !ok {
					return nil, errorf(p, "is a file without a gitdir: line")
				}
				g := strings.TrimSpace(rest)
				if !filepath.IsAbs(g) {
					g = filepath.Join(d, g)
				}
				r.GitDir = filepath.Clean(g)
			}
			r.CommonDir = r.GitDir
			if data, err := safefile.ReadFile(r.GitDir, "commondir", maxRefFile); err == nil {
				c := strings.TrimSpace(string(data))
				if !filepath.IsAbs(c) {
					c = filepath.Join(r.GitDir, c)
				}
				r.CommonDir = filepath.Clean(c)
			}
			if _, err := os.Stat(filepath.Join(r.GitDir, "HEAD")); err != nil {
				return nil, errorf(r.GitDir, "has no HEAD")
			}
			if cfg, err := r.Config(); err == nil {
				if f := cfg["extensions.objectformat"]; len(f) > 0 && !strings.EqualFold(f[0], "sha1") {
					return nil, errorf(filepath.Join(r.CommonDir, "config"), "object format %s is not supported: SWHIDs and this reader use SHA-1 object IDs", f[0])
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
