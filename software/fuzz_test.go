package software

import (
	"bytes"
	"compress/zlib"
	"crypto/sha1"
	"encoding/binary"
	"strings"
	"sync"
	"testing"
)

const fuzzCFF = `cff-version: 1.2.0
message: Please cite.
title: shower-calib
version: 2.1.0
authors:
  - given-names: Camille
    family-names: Lefèvre
    orcid: https://orcid.org/0000-0002-1825-0097
  - name: CC-IN2P3
identifiers:
  - type: doi
    value: 10.5281/zenodo.1234567
license: [MIT, Apache-2.0]
references:
  - type: article
    title: x
    authors: [{name: a}]
    year: 2014
`

// FuzzReadCFF: validation and reading never panic, and what we read and write reads again.
func FuzzReadCFF(f *testing.F) {
	f.Add(fuzzCFF)
	f.Add("cff-version: 1.2.0\n")
	f.Add("a: &a [*a]\n")
	f.Add("- - - x\n")
	f.Fuzz(func(t *testing.T, s string) {
		ValidateCFF([]byte(s))
		r, err := ReadCFF([]byte(s))
		if err != nil && !IsDropped(err) {
			return
		}
		var buf bytes.Buffer
		if err := WriteCFF(&buf, r); err != nil {
			return // a record CFF cannot hold (a value the writer may not shorten) is reported, not written
		}
		if _, err := ReadCFF(buf.Bytes()); err != nil && !IsDropped(err) {
			t.Fatalf("our own output does not read: %v\n%s", err, buf.String())
		}
	})
}

// FuzzReadCodeMeta: reading never panics, and our output of what we read reads again without loss.
func FuzzReadCodeMeta(f *testing.F) {
	f.Add(`{"@context": "https://w3id.org/codemeta/3.0", "@type": "SoftwareSourceCode", "name": "x",
	  "author": [{"@type": "Person", "givenName": "A", "familyName": "B", "@id": "https://orcid.org/0000-0002-1825-0097",
	  "affiliation": {"name": "IJCLab", "@id": "https://ror.org/03gc1p724"}}], "identifier": ["10.5281/zenodo.1", {"propertyID": "commit", "value": "abc"}],
	  "license": "https://spdx.org/licenses/MIT", "softwareRequirements": [{"name": "a", "version": "1"}, "b"], "keywords": "a, b",
	  "funding": [{"@type": "Grant", "identifier": "g", "funder": {"name": "ANR"}}], "citation": "10.1/x", "maintainer": {"name": "m"}}`)
	f.Add(`{"@graph": [{"@type": "SoftwareApplication", "name": "y"}]}`)
	f.Add(`[]`)
	f.Fuzz(func(t *testing.T, s string) {
		r, err := ReadCodeMeta([]byte(s))
		if err != nil && !IsDropped(err) {
			return
		}
		var buf bytes.Buffer
		if err := WriteCodeMeta(&buf, r); err != nil {
			return
		}
		if _, err := ReadCodeMeta(buf.Bytes()); err != nil {
			t.Fatalf("our own output does not read back whole: %v\n%s", err, buf.String())
		}
	})
}

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
		ParseGitConfig([]byte(s))
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

// FuzzReadRunCrate: reading any JSON as a crate never panics.
func FuzzReadRunCrate(f *testing.F) {
	f.Add(`{"@graph": [{"@id": "#r", "@type": "CreateAction", "instrument": {"@id": "#s"}, "object": [{"@id": "#p"}, "x"],
	  "result": {"@id": "o"}, "agent": {"@id": "#a"}, "startTime": "2026-11-02T10:00:00Z"},
	  {"@id": "#s", "@type": "SoftwareApplication", "softwareRequirements": {"@id": "#d"}, "identifier": [{"propertyID": "commit"}]},
	  {"@id": "#p", "@type": "PropertyValue", "name": "n", "value": 1}, {"@id": "#a", "@type": "Person", "affiliation": [{"name": "x"}, "y"]},
	  {"@id": "o", "@type": "File", "contentSize": "12", "sha256": "ab"}]}`)
	f.Fuzz(func(t *testing.T, s string) {
		ReadRunCrate([]byte(s))
	})
}
