// Package gittest writes git repositories for tests without a git binary: a small valid one to start from, and the
// crafted variants a security review of a repository reader tries (zlib bombs, chains of deltas, files replaced by
// devices, FIFOs or links out of the tree, index entries naming paths outside it).
package gittest

import (
	"bytes"
	"compress/zlib"
	"crypto/sha1"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"syscall"
	"testing"

	"github.com/dop2i/fairmeta/internal/git"
)

// Repo is a repository written by [New].
type Repo struct {
	Dir    string // the working tree
	GitDir string // Dir/.git
	Commit string // the commit checked out on refs/heads/main
}

func write(tb testing.TB, path string, data []byte) {
	tb.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		tb.Fatal(err)
	}
}

// New writes a repository in dir: one file (README.md) committed on main, staged in the index, and a remote.
func New(tb testing.TB, dir string) *Repo {
	tb.Helper()
	r := &Repo{Dir: dir, GitDir: filepath.Join(dir, ".git")}
	readme := []byte("# tool\n")
	write(tb, filepath.Join(dir, "README.md"), readme)
	blob := r.Loose(tb, "blob", readme)
	tree, err := git.TreeObject([]git.TreeEntry{{Mode: git.ModeFile, Name: "README.md", ID: blob}})
	if err != nil {
		tb.Fatal(err)
	}
	treeID := r.Loose(tb, "tree", tree)
	r.Commit = r.Loose(tb, "commit", fmt.Appendf(nil, "tree %s\nauthor A <a@e.org> 1700000000 +0000\ncommitter A <a@e.org> 1700000000 +0000\n\nfirst\n", treeID))
	write(tb, filepath.Join(r.GitDir, "HEAD"), []byte("ref: refs/heads/main\n"))
	write(tb, filepath.Join(r.GitDir, "refs", "heads", "main"), []byte(r.Commit+"\n"))
	write(tb, filepath.Join(r.GitDir, "config"), []byte("[core]\n\trepositoryformatversion = 0\n[remote \"origin\"]\n\turl = https://gitlab.example.org/g/tool.git\n"))
	r.Index(tb, IndexEntry{Path: "README.md", ID: blob, Size: uint32(len(readme))})
	return r
}

// Loose writes a loose object and returns its ID.
func (r *Repo) Loose(tb testing.TB, kind string, body []byte) string {
	tb.Helper()
	id := git.ObjectID(kind, body)
	var b bytes.Buffer
	zw := zlib.NewWriter(&b)
	fmt.Fprintf(zw, "%s %d\x00", kind, len(body))
	zw.Write(body)
	zw.Close()
	write(tb, filepath.Join(r.GitDir, "objects", id[:2], id[2:]), b.Bytes())
	return id
}

// zlibZeros returns a zlib stream of header and n zero bytes (n a multiple of 1 MiB), built fast: once the
// compressor's window holds only zeros, each further MiB of zeros compresses to the same bytes (a block ended by a
// sync flush), which are repeated. The checksum of zeros is computed directly.
func zlibZeros(header string, n int64) []byte {
	var b bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&b, zlib.BestCompression)
	zw.Write([]byte(header))
	mib := make([]byte, 1<<20)
	zw.Write(mib)
	zw.Flush()
	zw.Write(mib)
	zw.Flush()
	start := b.Len()
	zw.Write(mib)
	zw.Flush()
	block := bytes.Clone(b.Bytes()[start:])
	for i := int64(3); i < n>>20; i++ {
		b.Write(block)
	}
	b.Write([]byte{3, 0}) // an empty final block with fixed Huffman codes
	// Adler-32 of header and zeros: zeros add nothing to a, and a to b once per byte.
	const mod = 65521
	a, s := uint32(1), uint32(0)
	for _, c := range []byte(header) {
		a = (a + uint32(c)) % mod
		s = (s + a) % mod
	}
	s = uint32((uint64(s) + uint64(a)*uint64(n%mod)) % mod)
	binary.Write(&b, binary.BigEndian, s<<16|a)
	return b.Bytes()
}

// LooseBomb replaces the object id (a commit of the repository, say) by a zlib bomb: header, then n zero bytes
// (a multiple of 1 MiB), about a thousand to one. With header "" the stream is n bytes without a header end. It
// returns the size of the object file.
func (r *Repo) LooseBomb(tb testing.TB, id, header string, n int64) int64 {
	tb.Helper()
	var data []byte
	if header == "" {
		// No NUL anywhere: a reader looking for the end of the header reads the whole stream.
		var b bytes.Buffer
		zw, _ := zlib.NewWriterLevel(&b, zlib.BestCompression)
		buf := bytes.Repeat([]byte("a"), 1<<20)
		for m := n; m > 0; m -= int64(len(buf)) {
			zw.Write(buf[:min(m, int64(len(buf)))])
		}
		zw.Close()
		data = b.Bytes()
	} else {
		data = zlibZeros(header, n)
	}
	path := filepath.Join(r.GitDir, "objects", id[:2], id[2:])
	os.Remove(path)
	write(tb, path, data)
	return int64(len(data))
}

// DeltaChainPack writes a pack and its index holding id as the end of a chain of levels ofs-deltas over a blob of
// 64 KiB: each delta makes a target of size bytes by copying its base again and again, so that the chain inflates
// to levels × size bytes from a pack of a few kilobytes per level. It removes the loose object id, so readers find
// it in the pack. It returns the size of the pack.
func (r *Repo) DeltaChainPack(tb testing.TB, id string, levels int, size int64) int64 {
	tb.Helper()
	var pack bytes.Buffer
	pack.WriteString("PACK")
	binary.Write(&pack, binary.BigEndian, uint32(2))
	binary.Write(&pack, binary.BigEndian, uint32(levels+1))
	objHeader := func(typ byte, size int64) {
		c := typ<<4 | byte(size&15)
		size >>= 4
		for size > 0 {
			pack.WriteByte(c | 0x80)
			c = byte(size & 0x7f)
			size >>= 7
		}
		pack.WriteByte(c)
	}
	zw, _ := zlib.NewWriterLevel(&pack, zlib.BestCompression)
	compress := func(data []byte) {
		zw.Reset(&pack)
		zw.Write(data)
		zw.Close()
	}
	varint := func(b []byte, v int64) []byte {
		for v >= 0x80 {
			b = append(b, byte(v)|0x80)
			v >>= 7
		}
		return append(b, byte(v))
	}
	const baseSize = 1 << 16
	off := int64(pack.Len())
	objHeader(3, baseSize)
	compress(make([]byte, baseSize))
	prevSize := int64(baseSize)
	for i := 0; i < levels; i++ {
		delta := varint(varint(nil, prevSize), size)
		for done := int64(0); done < size; {
			n := min(size-done, 0x10000, prevSize)
			// copy offset 0, n bytes (n = 0x10000 is written as no size bytes)
			if n == 0x10000 {
				delta = append(delta, 0x80)
			} else {
				delta = append(delta, 0x80|0x10|0x20, byte(n), byte(n>>8))
			}
			done += n
		}
		here := int64(pack.Len())
		objHeader(6, int64(len(delta)))
		rel := here - off
		enc := []byte{byte(rel & 0x7f)}
		for rel >>= 7; rel > 0; rel >>= 7 {
			rel--
			enc = append([]byte{byte(0x80 | rel&0x7f)}, enc...)
		}
		pack.Write(enc)
		compress(delta)
		off, prevSize = here, size
	}
	sum := sha1.Sum(pack.Bytes())
	pack.Write(sum[:])

	// A version 2 index with the one object id at the last delta's offset.
	raw, _ := hex.DecodeString(id)
	var idx bytes.Buffer
	idx.WriteString("\xfftOc")
	binary.Write(&idx, binary.BigEndian, uint32(2))
	for i := 0; i < 256; i++ {
		n := uint32(0)
		if i >= int(raw[0]) {
			n = 1
		}
		binary.Write(&idx, binary.BigEndian, n)
	}
	idx.Write(raw)
	binary.Write(&idx, binary.BigEndian, uint32(0)) // CRC, not checked
	binary.Write(&idx, binary.BigEndian, uint32(off))
	idx.Write(sum[:])
	isum := sha1.Sum(idx.Bytes())
	idx.Write(isum[:])

	name := "pack-" + hex.EncodeToString(sum[:])
	write(tb, filepath.Join(r.GitDir, "objects", "pack", name+".pack"), pack.Bytes())
	write(tb, filepath.Join(r.GitDir, "objects", "pack", name+".idx"), idx.Bytes())
	os.Remove(filepath.Join(r.GitDir, "objects", id[:2], id[2:]))
	return int64(pack.Len())
}

// Symlink replaces the repository file rel (slash-separated, under .git) by a symbolic link to target.
func (r *Repo) Symlink(tb testing.TB, rel, target string) {
	tb.Helper()
	p := filepath.Join(r.GitDir, filepath.FromSlash(rel))
	os.Remove(p)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		tb.Fatal(err)
	}
	if err := os.Symlink(target, p); err != nil {
		tb.Fatal(err)
	}
}

// FIFO replaces the repository file rel by a FIFO, whose open blocks until a writer comes.
func (r *Repo) FIFO(tb testing.TB, rel string) {
	tb.Helper()
	p := filepath.Join(r.GitDir, filepath.FromSlash(rel))
	os.Remove(p)
	if err := syscall.Mkfifo(p, 0o644); err != nil {
		tb.Fatal(err)
	}
}

// IndexEntry is an entry of the index [Repo.Index] writes.
type IndexEntry struct {
	Path string
	ID   string
	Size uint32
}

// Index writes a version 2 index of regular files.
func (r *Repo) Index(tb testing.TB, entries ...IndexEntry) {
	tb.Helper()
	sort.Slice(entries, func(i, j int) bool { return entries[i].Path < entries[j].Path })
	var b bytes.Buffer
	b.WriteString("DIRC")
	binary.Write(&b, binary.BigEndian, uint32(2))
	binary.Write(&b, binary.BigEndian, uint32(len(entries)))
	for _, e := range entries {
		start := b.Len()
		var fixed [62]byte
		binary.BigEndian.PutUint32(fixed[24:], 0o100644)
		binary.BigEndian.PutUint32(fixed[36:], e.Size)
		raw, _ := hex.DecodeString(e.ID)
		copy(fixed[40:60], raw)
		binary.BigEndian.PutUint16(fixed[60:], uint16(min(len(e.Path), 0xfff)))
		b.Write(fixed[:])
		b.WriteString(e.Path)
		b.WriteByte(0)
		for (b.Len()-start)%8 != 0 {
			b.WriteByte(0)
		}
	}
	sum := sha1.Sum(b.Bytes())
	b.Write(sum[:])
	p := filepath.Join(r.GitDir, "index")
	os.Remove(p)
	write(tb, p, b.Bytes())
}
