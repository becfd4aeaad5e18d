// Package safefile opens files that others wrote — a repository's .git files, a source tree's metadata files — as
// a reader of hostile input must: only regular files (no device such as /dev/zero, no FIFO, whose open would block
// forever), inside the directory they belong to (a symbolic link is followed only while it stays inside), and read
// with a size limit.
package safefile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
)

// Error reports a file refused: what it is, or that it is too large.
type Error struct {
	Path   string
	Reason string
}

// Error names the file and why it was refused.
func (e *Error) Error() string { return e.Path + ": " + e.Reason }

// check returns f when it is a regular file, else closes it and returns an *Error.
func check(f *os.File, path string) (*os.File, error) {
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		f.Close()
		return nil, &Error{Path: path, Reason: "is " + kind(fi.Mode()) + ", not a regular file"}
	}
	return f, nil
}

func kind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&fs.ModeNamedPipe != 0:
		return "a FIFO"
	case m&fs.ModeDevice != 0, m&fs.ModeCharDevice != 0:
		return "a device"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeSymlink != 0:
		return "a symbolic link"
	}
	return fmt.Sprintf("a %v", m.Type())
}

// Open opens name (slash- or OS-separated, relative) inside dir for reading. Symbolic links are followed only while
// they stay inside dir; anything but a regular file is refused with an *Error, and a FIFO without blocking. A
// missing file gives an error matching fs.ErrNotExist.
func Open(dir, name string) (*os.File, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	defer root.Close()
	return OpenIn(root, name)
}

// OpenIn is [Open] inside an open root, for many files of one directory.
func OpenIn(root *os.Root, name string) (*os.File, error) {
	f, err := root.OpenFile(name, os.O_RDONLY|nonBlock, 0)
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) && !errors.Is(err, fs.ErrPermission) {
			// Escaping the directory, a link loop, ...: say so in one sentence.
			return nil, &Error{Path: root.Name() + string(os.PathSeparator) + name, Reason: "cannot be opened inside " + root.Name() + ": " + err.Error()}
		}
		return nil, err
	}
	return check(f, f.Name())
}

// OpenNoFollow opens path for reading when it is a regular file, not a symbolic link; anything else is refused
// with an *Error, and a FIFO without blocking.
func OpenNoFollow(path string) (*os.File, error) {
	if noFollow == 0 { // no O_NOFOLLOW on this system: look first
		if fi, err := os.Lstat(path); err == nil && fi.Mode()&fs.ModeSymlink != 0 {
			return nil, &Error{Path: path, Reason: "is a symbolic link, not a regular file"}
		}
	}
	f, err := os.OpenFile(path, os.O_RDONLY|nonBlock|noFollow, 0)
	if err != nil {
		if fi, lerr := os.Lstat(path); lerr == nil && fi.Mode()&fs.ModeSymlink != 0 {
			return nil, &Error{Path: path, Reason: "is a symbolic link, not a regular file"}
		}
		return nil, err
	}
	return check(f, path)
}

// ReadFile reads name inside dir as [Open] opens it, at most max bytes: a larger file is an *Error.
func ReadFile(dir, name string, max int64) ([]byte, error) {
	f, err := Open(dir, name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readAll(f, f.Name(), max)
}

func readAll(r io.Reader, path string, max int64) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > max {
		return nil, &Error{Path: path, Reason: fmt.Sprintf("is larger than %d bytes", max)}
	}
	return data, nil
}
