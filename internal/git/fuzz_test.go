package git

import (
	"bytes"
	"compress/zlib"
	"crypto/sha1"
	"encoding/binary"
	"strings"
	"sync"
	"testing"
)

var zlibWriters = sync.Pool{New: func() any { w, _ := zlib.NewWriterLevel(nil, zlib.BestSpeed); return w }}

func zlibBytes(b []byte) []byte {
	var buf bytes.Buffer
	w := zlibWriters.Get().(*zlib.Writer)
	defer zlibWriters.Put(w)
	w.Reset(&buf)
	w.Write(b)
	w.Close()
	return buf.Bytes()
}

// FuzzGitObjects: loose objects, deltas and pack index lookups never panic on any bytes.
func FuzzGitObjects(f *testing.F) {
	f.Add(zlibBytes([]byte("blob 5\x00hello")), []byte{5, 5, 0x90, 5}, "hello")
	f.Add(zlibBytes([]byte("commit 3\x00abc")), []byte{5, 8, 0x91, 1, 3, 2, 'x', 'y'}, "hello")
	f.Add([]byte("not zlib"), []byte{0x80}, "")
	f.Fuzz(func(t *testing.T, loose, delta []byte, base string) {
		ParseLooseObject(bytes.NewReader(loose))
		ParseLooseObject(bytes.NewReader(zlibBytes(loose)))
		if out, err := ApplyDelta([]byte(base), delta); err == nil && len(out) > len(base)+len(delta)*0x10000 {
			t.Fatalf("delta of %d bytes made %d bytes from %d", len(delta), len(out), len(base))
		}
		// A pack index built around the fuzz bytes.
		idx := append([]byte("\xfftOc\x00\x00\x00\x02"), make([]byte, 256*4)...)
		binary.BigEndian.PutUint32(idx[8+255*4:], uint32(len(delta)%7))
		idx = append(idx, delta...)
		packIndexLookup(idx, strings.Repeat("ab", 20))
	})
}

// FuzzGitRefs: packed-refs, config and index parsing never panic.
func FuzzGitRefs(f *testing.F) {
	a := strings.Repeat("a", 40)
	f.Add("# pack-refs with: peeled\n" + a + " refs/heads/main\n^" + a + "\n")
	f.Add("[remote \"origin\"]\n\turl = \"git@host:a/b.git\" ; c\n[core]\nbare\n")
	f.Add("DIRC\x00\x00\x00\x02\x00\x00\x00\x01")
	f.Fuzz(func(t *testing.T, s string) {
		ParsePackedRefs([]byte(s))
		ParseConfig([]byte(s))
		WebURL(s)
		ParseIndex([]byte(s))
		// With a valid checksum, so the entries themselves are parsed.
		sum := sha1.Sum([]byte(s))
		ParseIndex(append([]byte(s), sum[:]...))
		if len(s) >= 12 {
			raw := []byte("DIRC\x00\x00\x00\x04" + s[8:])
			sum := sha1.Sum(raw)
			ParseIndex(append(raw, sum[:]...))
		}
	})
}
