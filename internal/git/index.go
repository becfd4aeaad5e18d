package git

import (
	"bytes"
	"crypto/sha1"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"io/fs"
	"strings"

	"github.com/dop2i/fairmeta/internal/safefile"
)

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
	data, err := safefile.ReadFile(r.GitDir, "index", maxIndex)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return ParseIndex(data)
}

// ParseIndex parses a git index file, versions 2, 3 and 4 (path prefix compression), checking its trailing SHA-1
// unless it is all zeros (index.skipHash). Extensions are skipped.
func ParseIndex(data []byte) ([]IndexEntry, error) {
	if len(data) < 12+20 || string(data[:4]) != "DIRC" {
		return nil, errorf("index", "no DIRC signature")
	}
	body, trailer := data[:len(data)-20], data[len(data)-20:]
	if !bytes.Equal(trailer, make([]byte, 20)) {
		if sum := sha1.Sum(body); !bytes.Equal(sum[:], trailer) {
			return nil, errorf("index", "checksum mismatch")
		}
	}
	version := binary.BigEndian.Uint32(data[4:8])
	if version < 2 || version > 4 {
		return nil, errorf("index", "unsupported version %d", version)
	}
	count := binary.BigEndian.Uint32(data[8:12])
	if int64(count) > int64(len(body))/62 {
		return nil, errorf("index", "claims %d entries in %d bytes", count, len(body))
	}
	entries := make([]IndexEntry, 0, count)
	pos := 12
	prev := ""
	for i := uint32(0); i < count; i++ {
		start := pos
		if pos+62 > len(body) {
			return nil, errorf("index", "entry %d truncated", i)
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
				return nil, errorf("index", "entry %d: bad extended flags", i)
			}
			ext := binary.BigEndian.Uint16(body[pos:])
			ent.SkipWorktree = ext&0x4000 != 0
			ent.IntentToAdd = ext&0x2000 != 0
			pos += 2
		}
		switch mode >> 12 {
		case 0b1000:
			ent.Mode = ModeFile
			if mode&0o100 != 0 {
				ent.Mode = ModeExec
			}
		case 0b1010:
			ent.Mode = ModeSymlink
		case 0b1110:
			ent.Mode = ModeGitlink
		default:
			return nil, errorf("index", "entry %d: unknown mode %o", i, mode)
		}
		if version == 4 {
			strip, n := indexVarint(body[pos:])
			if n == 0 || strip > uint64(len(prev)) {
				return nil, errorf("index", "entry %d: bad path prefix length", i)
			}
			pos += n
			end := bytes.IndexByte(body[pos:], 0)
			if end < 0 {
				return nil, errorf("index", "entry %d: path not terminated", i)
			}
			ent.Path = prev[:len(prev)-int(strip)] + string(body[pos:pos+end])
			pos += end + 1
		} else {
			end := bytes.IndexByte(body[pos:], 0)
			if end < 0 {
				return nil, errorf("index", "entry %d: path not terminated", i)
			}
			ent.Path = string(body[pos : pos+end])
			pos += end + 1
			// Entries are padded with NULs to a multiple of 8 bytes (the terminating NUL counts).
			for (pos-start)%8 != 0 {
				pos++
			}
			if pos > len(body) {
				return nil, errorf("index", "entry %d: padding truncated", i)
			}
		}
		if len(ent.Path) > maxIndexPath {
			return nil, errorf("index", "entry %d: path longer than %d bytes", i, maxIndexPath)
		}
		if !insideTree(ent.Path) {
			return nil, errorf("index", "entry %d: %q is not a path inside the working tree", i, ent.Path)
		}
		prev = ent.Path
		entries = append(entries, ent)
	}
	return entries, nil
}

// maxIndexPath bounds an entry's path: version 4 builds each path on the one before, so without a bound a small
// index could make its paths, and the memory they take, grow quadratically.
const maxIndexPath = 4096

// insideTree reports whether a path of the index names a file inside the working tree, as git's verify_path
// requires: relative, slash-separated, without empty, "." or ".." components, and not inside .git.
func insideTree(p string) bool {
	if p == "" {
		return false
	}
	for _, c := range strings.Split(p, "/") {
		if c == "" || c == "." || c == ".." || strings.EqualFold(c, ".git") || strings.ContainsRune(c, 0) {
			return false
		}
	}
	return true
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
