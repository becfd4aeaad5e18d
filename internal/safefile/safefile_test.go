package safefile

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestOpenRefuses(t *testing.T) {
	outside := t.TempDir()
	secret := filepath.Join(outside, "secret.txt")
	os.WriteFile(secret, []byte("secret"), 0o644)
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "ok.txt"), []byte("hello"), 0o644)
	os.MkdirAll(filepath.Join(dir, "sub"), 0o755)
	os.Symlink("../ok.txt", filepath.Join(dir, "sub", "inside"))
	os.Symlink(secret, filepath.Join(dir, "outside"))
	os.Symlink("/dev/zero", filepath.Join(dir, "zero"))
	os.Symlink(outside, filepath.Join(dir, "outdir"))
	if err := syscall.Mkfifo(filepath.Join(dir, "fifo"), 0o644); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "big"), make([]byte, 1000), 0o644)

	for _, tc := range []struct {
		name, want string // want: "" to read "hello", else in the error
	}{
		{"ok.txt", ""},
		{"sub/inside", ""},
		{"outside", "cannot be opened inside"},
		{"outdir/secret.txt", "cannot be opened inside"},
		{"../" + filepath.Base(outside) + "/secret.txt", "cannot be opened inside"},
		{"zero", "cannot be opened inside"},
		{"fifo", "is a FIFO, not a regular file"},
		{"sub", "is a directory"},
		{"big", "is larger than 100 bytes"},
		{"missing", "no such file"},
	} {
		done := make(chan struct{})
		var data []byte
		var err error
		go func() {
			data, err = ReadFile(dir, tc.name, 100)
			close(done)
		}()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Fatalf("ReadFile(%q) blocks", tc.name)
		}
		switch {
		case tc.want == "" && (err != nil || string(data) != "hello"):
			t.Errorf("ReadFile(%q) = %q, %v; want hello", tc.name, data, err)
		case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
			t.Errorf("ReadFile(%q) = %q, %v; want an error saying %q", tc.name, data, err, tc.want)
		}
	}
	if _, err := ReadFile(dir, "missing", 10); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a missing file: %v, want fs.ErrNotExist", err)
	}
	for name, want := range map[string]string{"ok.txt": "", "zero": "symbolic link", "fifo": "FIFO", "sub/inside": "symbolic link"} {
		f, err := OpenNoFollow(filepath.Join(dir, name))
		if want == "" {
			if err != nil {
				t.Errorf("OpenNoFollow(%s): %v", name, err)
			} else {
				f.Close()
			}
			continue
		}
		var e *Error
		if !errors.As(err, &e) || !strings.Contains(err.Error(), want) {
			t.Errorf("OpenNoFollow(%s) = %v, want an *Error saying %q", name, err, want)
		}
	}
}
