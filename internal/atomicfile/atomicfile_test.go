package atomicfile

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

func TestWriteFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "report.html")
	write := func(s string) func(io.Writer) error {
		return func(w io.Writer) error { _, err := io.WriteString(w, s); return err }
	}
	if err := WriteFile(path, 0o640, write("first")); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(path); string(b) != "first" {
		t.Errorf("new file holds %q", b)
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o640 {
		t.Errorf("new file mode %v, want 0640", fi.Mode().Perm())
	}
	// A write that fails half-way leaves the old file whole, and no temporary file behind.
	boom := errors.New("boom")
	err := WriteFile(path, 0o644, func(w io.Writer) error {
		io.WriteString(w, "half")
		return boom
	})
	if !errors.Is(err, boom) {
		t.Errorf("WriteFile: %v, want the writer's error", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "first" {
		t.Errorf("after a failed write the file holds %q, want the old content", b)
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 1 {
		t.Errorf("directory holds %d entries after a failed write, want 1", len(ents))
	}
	// A symbolic link keeps its link; the file it points to is replaced, with its mode.
	link := filepath.Join(dir, "link.html")
	if err := os.Symlink(path, link); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(link, 0o600, write("second")); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link was replaced: %v %v", fi.Mode(), err)
	}
	if b, _ := os.ReadFile(path); string(b) != "second" {
		t.Errorf("the link's target holds %q", b)
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o640 {
		t.Errorf("the replaced file's mode %v, want its own 0640", fi.Mode().Perm())
	}
	if !IsTemp(tempPrefix+"x-1") || IsTemp("report.html") {
		t.Errorf("IsTemp does not tell temporary files")
	}
	// A device is written in place, never renamed over.
	if runtime.GOOS != "windows" {
		if err := WriteFile(os.DevNull, 0o644, write("discarded")); err != nil {
			t.Errorf("WriteFile(%s): %v", os.DevNull, err)
		}
		if fi, err := os.Stat(os.DevNull); err != nil || fi.Mode().IsRegular() {
			t.Errorf("%s was replaced by a regular file", os.DevNull)
		}
	}
}
