package gittest

import (
	"bytes"
	"compress/zlib"
	"io"
	"testing"
)

// TestZlibZeros: the fast bomb is a valid zlib stream of the header and the zeros, checksum included.
func TestZlibZeros(t *testing.T) {
	const n = 8 << 20
	b := zlibZeros("commit 100\x00", n)
	zr, err := zlib.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	got, err := io.ReadAll(zr)
	if err != nil || len(got) != len("commit 100\x00")+n || string(got[:11]) != "commit 100\x00" || bytes.Count(got[11:], []byte{0}) != n {
		t.Errorf("inflated %d bytes, %v; want the header and %d zeros", len(got), err, n)
	}
	if len(b) > n/500 {
		t.Errorf("%d bytes compressed, want about a thousandth of %d", len(b), n)
	}
}
