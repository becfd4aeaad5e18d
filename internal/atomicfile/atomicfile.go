// Package atomicfile writes output files so that a reader — or the next run — sees either the old file or the whole
// new one, never a truncated or half-written one: the content goes to a temporary file in the same directory, is
// synced, and is renamed over the target. A crash or an error leaves the old file as it was.
//
// A target that exists and is not a regular file (/dev/stdout, a FIFO, a terminal) is written in place, since a
// rename would replace the device's name instead of writing to it. A symbolic link to a regular file keeps its link:
// the file it points to is replaced.
package atomicfile

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// tempPrefix starts the name of every temporary file, so that a directory walk can skip one a crash left behind.
const tempPrefix = ".fairmeta-tmp-"

// IsTemp reports whether a file name (a base name) is one of this package's temporary files.
func IsTemp(name string) bool { return strings.HasPrefix(name, tempPrefix) }

// WriteFile writes path through write, as the package describes, with permission perm for a new file (an existing
// file keeps its own). An error from write, or from writing, syncing or renaming, leaves path untouched and removes
// the temporary file.
func WriteFile(path string, perm fs.FileMode, write func(io.Writer) error) (err error) {
	if write == nil {
		return fmt.Errorf("atomicfile: WriteFile(%q, nil)", path)
	}
	target := path
	if fi, err := os.Stat(path); err == nil {
		if !fi.Mode().IsRegular() {
			return writeInPlace(path, perm, write)
		}
		perm = fi.Mode().Perm()
		if target, err = filepath.EvalSymlinks(path); err != nil {
			return err
		}
	}
	f, err := os.CreateTemp(filepath.Dir(target), tempPrefix+filepath.Base(target)+"-*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	if err = write(f); err != nil {
		return err
	}
	if err = f.Chmod(perm); err != nil {
		return err
	}
	if err = f.Sync(); err != nil {
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	return os.Rename(f.Name(), target)
}

func writeInPlace(path string, perm fs.FileMode, write func(io.Writer) error) error {
	f, err := os.OpenFile(path, os.O_WRONLY, perm)
	if err != nil {
		return err
	}
	if err := write(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
