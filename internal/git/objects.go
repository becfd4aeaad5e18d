package git

import (
	"bufio"
	"bytes"
	"compress/zlib"
	"crypto/sha1"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/dop2i/fairmeta/internal/safefile"
)

// ObjectID returns the git object ID (lower-case hexadecimal SHA-1) of an object of the given type ("blob", "tree",
// "commit", "tag") and body.
func ObjectID(kind string, body []byte) string {
	h := sha1.New()
	writeHeader(h, kind, int64(len(body)))
	h.Write(body)
	return hex.EncodeToString(h.Sum(nil))
}

func writeHeader(h hash.Hash, kind string, size int64) {
	h.Write([]byte(kind))
	h.Write([]byte{' '})
	h.Write(strconv.AppendInt(nil, size, 10))
	h.Write([]byte{0})
}

// hashBufSize is the read size used when hashing files: large enough that system calls cost nothing next to SHA-1.
const hashBufSize = 1 << 20

// HashStream returns the ID of the object of the given type whose body is the size bytes read from r. It fails when
// r gives fewer or more bytes than size, since the size is part of what is hashed.
func HashStream(kind string, r io.Reader, size int64) (string, error) {
	h := sha1.New()
	writeHeader(h, kind, size)
	buf := make([]byte, hashBufSize)
	n, err := io.CopyBuffer(h, io.LimitReader(r, size), buf)
	if err != nil {
		return "", fmt.Errorf("git: hashing content: %w", err)
	}
	if n != size {
		return "", fmt.Errorf("git: hashing content: read %d bytes, expected %d", n, size)
	}
	if extra, _ := r.Read(buf[:1]); extra > 0 {
		return "", fmt.Errorf("git: hashing content: more than the expected %d bytes", size)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// NotFileError reports a path HashFile cannot hash: a directory or a special file.
type NotFileError struct {
	Path string
	Mode fs.FileMode // the file's type bits
}

// Error names the path and what it is.
func (e *NotFileError) Error() string {
	if e.Mode.IsDir() {
		return "git: " + e.Path + " is a directory"
	}
	return fmt.Sprintf("git: %s is a %v, neither a file, a symbolic link nor a directory", e.Path, e.Mode.Type())
}

// HashFile returns the blob ID of a regular file or symbolic link (the blob of its target's text, not followed) and
// its git mode. Another kind of path gives a *NotFileError.
func HashFile(path string) (string, string, error) {
	fi, err := os.Lstat(path)
	if err != nil {
		return "", "", err
	}
	switch {
	case fi.Mode()&fs.ModeSymlink != 0:
		target, err := os.Readlink(path)
		if err != nil {
			return "", "", err
		}
		return ObjectID("blob", []byte(target)), ModeSymlink, nil
	case fi.Mode().IsRegular():
		f, err := safefile.OpenNoFollow(path) // a FIFO put in its place since the Lstat does not block it
		if err != nil {
			return "", "", err
		}
		defer f.Close()
		sum, err := HashStream("blob", f, fi.Size())
		if err != nil {
			return "", "", fmt.Errorf("%s: %w", path, err)
		}
		mode := ModeFile
		if fi.Mode().Perm()&0o100 != 0 { // git records only the owner's execute bit
			mode = ModeExec
		}
		return sum, mode, nil
	default:
		return "", "", &NotFileError{Path: path, Mode: fi.Mode().Type()}
	}
}

// maxObjectSize caps the size of a git object read into memory (metadata work reads commits and tags), and
// maxObjectWork the bytes one ReadObject call may inflate and produce by deltas, the whole delta chain included: a
// small crafted file can claim (and inflate to) gigabytes, and a pack can chain a thousand deltas.
const (
	maxObjectSize = 16 << 20
	maxObjectWork = 64 << 20
)

// ErrTooMuchWork is matched by the error of an object that would take more than the inflation and delta work
// allowed for one object.
var ErrTooMuchWork = fmt.Errorf("git: object needs more than %d MiB of inflation and delta work", maxObjectWork>>20)

// ReadObject returns the type ("commit", "tree", "blob", "tag") and body of the object id, from the loose objects or
// the pack files.
func (r *Repo) ReadObject(id string) (string, []byte, error) {
	if !IsObjectID(id) {
		return "", nil, errorf("objects", "%q is not an object ID", id)
	}
	f, err := safefile.Open(r.CommonDir, filepath.Join("objects", id[:2], id[2:]))
	if err == nil {
		defer f.Close()
		kind, body, err := ParseLooseObject(f)
		if err != nil {
			return "", nil, errorf("objects/"+id[:2]+"/"+id[2:], "%v", err)
		}
		return kind, body, nil
	}
	if !errors.Is(err, fs.ErrNotExist) {
		return "", nil, err
	}
	idxs, _ := filepath.Glob(filepath.Join(r.CommonDir, "objects", "pack", "pack-*.idx"))
	for _, idx := range idxs {
		kind, body, err := readPacked(idx, id)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		return kind, body, err
	}
	return "", nil, fmt.Errorf("git: object %s: %w", id, fs.ErrNotExist)
}

// ParseLooseObject reads a zlib-compressed loose object: "TYPE SIZE\x00BODY".
func ParseLooseObject(r io.Reader) (string, []byte, error) {
	zr, err := zlib.NewReader(r)
	if err != nil {
		return "", nil, err
	}
	defer zr.Close()
	br := bufio.NewReader(zr)
	var hb []byte
	for {
		c, err := br.ReadByte()
		if err != nil || len(hb) > 32 {
			return "", nil, errors.New("no object header")
		}
		if c == 0 {
			break
		}
		hb = append(hb, c)
	}
	head := string(hb)
	kind, sizeText, ok := strings.Cut(head, " ")
	size, serr := strconv.ParseInt(sizeText, 10, 64)
	if !ok || serr != nil || size < 0 || size > maxObjectSize {
		return "", nil, fmt.Errorf("bad object header %q", head)
	}
	switch kind {
	case "commit", "tree", "blob", "tag":
	default:
		return "", nil, fmt.Errorf("unknown object type %q", kind)
	}
	body, err := io.ReadAll(io.LimitReader(br, size+1))
	if err != nil {
		return "", nil, err
	}
	if int64(len(body)) != size {
		return "", nil, fmt.Errorf("object body has %d bytes, header says %d", len(body), size)
	}
	return kind, body, nil
}

// readPacked looks id up in a pack index (version 2) and reads the object from the pack beside it, applying
// deltas. It returns an error matching fs.ErrNotExist when the pack does not hold id.
func readPacked(idxPath, id string) (string, []byte, error) {
	dir := filepath.Dir(idxPath)
	idx, err := safefile.ReadFile(dir, filepath.Base(idxPath), maxPackIndex)
	if err != nil {
		return "", nil, err
	}
	off, err := packIndexLookup(idx, id)
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			err = errorf(filepath.Base(idxPath), "%v", err)
		}
		return "", nil, err
	}
	pack, err := safefile.Open(dir, strings.TrimSuffix(filepath.Base(idxPath), ".idx")+".pack")
	if err != nil {
		return "", nil, err
	}
	defer pack.Close()
	p := &packReader{f: pack, idx: idx, work: maxObjectWork}
	kind, body, err := p.object(off, 0)
	if err != nil {
		return "", nil, errorf(filepath.Base(idxPath), "object %s: %v", id, err)
	}
	return kind, body, nil
}

// packIndexLookup returns the pack offset of id from a version 2 pack index.
func packIndexLookup(idx []byte, id string) (int64, error) {
	want, err := hex.DecodeString(id)
	if err != nil || len(want) != 20 {
		return 0, fmt.Errorf("bad object ID %q", id)
	}
	if len(idx) < 8+256*4 || !bytes.Equal(idx[:4], []byte("\xfftOc")) || binary.BigEndian.Uint32(idx[4:8]) != 2 {
		return 0, errors.New("not a version 2 pack index")
	}
	fan := idx[8 : 8+256*4]
	n := int(binary.BigEndian.Uint32(fan[255*4:]))
	namesAt := 8 + 256*4
	crcAt := namesAt + 20*n
	offAt := crcAt + 4*n
	largeAt := offAt + 4*n
	if n < 0 || largeAt > len(idx) {
		return 0, errors.New("truncated pack index")
	}
	lo := 0
	if want[0] > 0 {
		lo = int(binary.BigEndian.Uint32(fan[(int(want[0])-1)*4:]))
	}
	hi := int(binary.BigEndian.Uint32(fan[int(want[0])*4:]))
	if lo > hi || hi > n {
		return 0, errors.New("inconsistent fan-out table")
	}
	i := lo + sort.Search(hi-lo, func(k int) bool { return bytes.Compare(idx[namesAt+20*(lo+k):namesAt+20*(lo+k)+20], want) >= 0 })
	if i >= hi || !bytes.Equal(idx[namesAt+20*i:namesAt+20*i+20], want) {
		return 0, fs.ErrNotExist
	}
	o := binary.BigEndian.Uint32(idx[offAt+4*i:])
	if o&0x80000000 == 0 {
		return int64(o), nil
	}
	k := int(o & 0x7fffffff)
	if largeAt+8*k+8 > len(idx) {
		return 0, errors.New("large offset out of range")
	}
	return int64(binary.BigEndian.Uint64(idx[largeAt+8*k:])), nil
}

type packReader struct {
	f    *os.File
	idx  []byte
	work int64 // bytes this read may still inflate or produce by deltas
}

// spend takes n bytes of work from the read's budget.
func (p *packReader) spend(n int64) error {
	if n > p.work {
		return ErrTooMuchWork
	}
	p.work -= n
	return nil
}

var packTypes = map[byte]string{1: "commit", 2: "tree", 3: "blob", 4: "tag"}

// maxDeltaDepth bounds delta chains (git's default maximum is 50).
const maxDeltaDepth = 1000

func (p *packReader) object(off int64, depth int) (string, []byte, error) {
	if depth > maxDeltaDepth {
		return "", nil, errors.New("delta chain too long")
	}
	if off < 12 {
		return "", nil, fmt.Errorf("offset %d inside the pack header", off)
	}
	br := bufio.NewReader(io.NewSectionReader(p.f, off, 1<<62))
	c, err := br.ReadByte()
	if err != nil {
		return "", nil, err
	}
	typ := (c >> 4) & 7
	size := int64(c & 15)
	shift := uint(4)
	for c&0x80 != 0 {
		if c, err = br.ReadByte(); err != nil {
			return "", nil, err
		}
		if shift > 56 {
			return "", nil, errors.New("object size too large")
		}
		size |= int64(c&0x7f) << shift
		shift += 7
	}
	if size > maxObjectSize {
		return "", nil, errors.New("object too large")
	}
	switch typ {
	case 1, 2, 3, 4:
		if err := p.spend(size); err != nil {
			return "", nil, err
		}
		body, err := inflate(br, size)
		return packTypes[typ], body, err
	case 6: // ofs_delta: base at a negative offset
		c, err := br.ReadByte()
		if err != nil {
			return "", nil, err
		}
		rel := int64(c & 0x7f)
		for c&0x80 != 0 {
			if c, err = br.ReadByte(); err != nil {
				return "", nil, err
			}
			if rel > 1<<48 {
				return "", nil, errors.New("delta offset too large")
			}
			rel = ((rel + 1) << 7) | int64(c&0x7f)
		}
		if err := p.spend(size); err != nil {
			return "", nil, err
		}
		delta, err := inflate(br, size)
		if err != nil {
			return "", nil, err
		}
		if rel <= 0 || rel > off {
			return "", nil, errors.New("delta base offset out of range")
		}
		kind, base, err := p.object(off-rel, depth+1)
		if err != nil {
			return "", nil, err
		}
		return p.applyDelta(kind, base, delta)
	case 7: // ref_delta: base named by ID
		var raw [20]byte
		if _, err := io.ReadFull(br, raw[:]); err != nil {
			return "", nil, err
		}
		if err := p.spend(size); err != nil {
			return "", nil, err
		}
		delta, err := inflate(br, size)
		if err != nil {
			return "", nil, err
		}
		baseOff, err := packIndexLookup(p.idx, hex.EncodeToString(raw[:]))
		if err != nil {
			return "", nil, fmt.Errorf("delta base %x: %v", raw, err)
		}
		kind, base, err := p.object(baseOff, depth+1)
		if err != nil {
			return "", nil, err
		}
		return p.applyDelta(kind, base, delta)
	default:
		return "", nil, fmt.Errorf("unknown pack object type %d", typ)
	}
}

// applyDelta applies a delta within the read's budget: its target size counts as work before it is built.
func (p *packReader) applyDelta(kind string, base, delta []byte) (string, []byte, error) {
	if dst, ok := deltaTargetSize(delta); ok {
		if err := p.spend(dst); err != nil {
			return "", nil, err
		}
	}
	body, err := ApplyDelta(base, delta)
	return kind, body, err
}

func inflate(r io.Reader, size int64) ([]byte, error) {
	zr, err := zlib.NewReader(r)
	if err != nil {
		return nil, err
	}
	defer zr.Close()
	body, err := io.ReadAll(io.LimitReader(zr, size+1))
	if err != nil {
		return nil, err
	}
	if int64(len(body)) != size {
		return nil, fmt.Errorf("inflated %d bytes, header says %d", len(body), size)
	}
	return body, nil
}
