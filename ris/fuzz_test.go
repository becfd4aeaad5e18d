package ris_test

import (
	"io"
	"testing"

	"github.com/dop2i/fairmeta/ris"
)

// FuzzRead: Read never panics, returns records or an error (never both), and what it reads can be written again.
// go test ./ris -run '^$' -fuzz FuzzRead -fuzztime 60s
func FuzzRead(f *testing.F) {
	for _, s := range []string{
		"TY  - JOUR\r\nAU  - Aad, Georges\r\nAU  - ATLAS\r\nTI  - T\r\nT2  - Phys. Lett. B\r\nPY  - 2012/07/31/\r\nDA  - 2012/07//\r\nVL  - 716\r\nSP  - 1-29\r\nDO  - 10.1/x\r\nAN  - arXiv:1207.7214\r\nN1  - Report number: R-1\r\nER  - \r\n",
		"TY  - CHAP\nA1  - Smith, John, Jr.\nED  - Doe\nBT  - Book\nSN  - 978-3-16-148410-0\nAB  - a\n\n b\nER\n",
		"TY  - RPRT\nSN  - R-2\nPY  - x\n", "junk\nAU  - x\nTY - GEN\nER  -", "TY  - \n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		recs, notes, err := ris.Read(data)
		if err != nil {
			if len(recs) > 0 || len(notes) > 0 {
				t.Fatalf("records or notes beside the error %v", err)
			}
			return
		}
		if len(recs) == 0 {
			t.Fatal("no record and no error")
		}
		if _, err := ris.WriteList(io.Discard, recs); err != nil {
			t.Fatalf("writing what was read: %v", err)
		}
	})
}
