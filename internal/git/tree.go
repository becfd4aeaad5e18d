package git

import (
	"bytes"
	"crypto/sha1"
	"encoding/hex"
	"fmt"
	"sort"
	"strings"
)

// Git tree entry modes, as git writes them in tree objects (octal, without leading zero).
const (
	ModeFile    = "100644"
	ModeExec    = "100755"
	ModeSymlink = "120000"
	ModeDir     = "40000"
	ModeGitlink = "160000"
)

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
			return nil, fmt.Errorf("git: tree entry %q: object ID %q is not 40 hexadecimal digits", e.Name, e.ID)
		}
		if e.Name == "" || bytes.ContainsAny([]byte(e.Name), "/\x00") {
			return nil, fmt.Errorf("git: tree entry name %q is empty or contains / or NUL", e.Name)
		}
		if i > 0 && es[i-1].Name == e.Name {
			return nil, fmt.Errorf("git: tree entry %q appears twice", e.Name)
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
	if e.Mode == ModeDir {
		return e.Name + "/"
	}
	return e.Name
}

// TreeFromPaths builds the tree objects of a flat list of slash-separated paths (as the index holds them) and
// returns the root tree ID, as "git write-tree" does.
func TreeFromPaths(files []TreeEntry) (string, error) {
	type node struct {
		files []TreeEntry
		dirs  map[string]*node
	}
	root := &node{dirs: map[string]*node{}}
	for _, f := range files {
		n := root
		parts := strings.Split(f.Name, "/")
		for _, d := range parts[:len(parts)-1] {
			c := n.dirs[d]
			if c == nil {
				c = &node{dirs: map[string]*node{}}
				n.dirs[d] = c
			}
			n = c
		}
		n.files = append(n.files, TreeEntry{Mode: f.Mode, Name: parts[len(parts)-1], ID: f.ID})
	}
	var write func(n *node) (string, error)
	write = func(n *node) (string, error) {
		es := append([]TreeEntry(nil), n.files...)
		for name, c := range n.dirs {
			id, err := write(c)
			if err != nil {
				return "", err
			}
			es = append(es, TreeEntry{Mode: ModeDir, Name: name, ID: id})
		}
		body, err := TreeObject(es)
		if err != nil {
			return "", err
		}
		return ObjectID("tree", body), nil
	}
	return write(root)
}
