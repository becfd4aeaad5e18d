package bibtex_test

import (
	"io"
	"testing"

	"github.com/dop2i/fairmeta/bibtex"
)

// FuzzRead: Read never panics, returns records or an error (never both), and what it reads can be written again.
// go test ./bibtex -run '^$' -fuzz FuzzRead -fuzztime 60s
func FuzzRead(f *testing.F) {
	for _, s := range []string{
		"@article{Aad:2012tfa,\n    author = \"Aad, Georges and others\",\n    collaboration = \"ATLAS\",\n    title = \"{Observation of $H\\to\\gamma\\gamma$}\",\n    eprint = \"1207.7214\",\n    archivePrefix = \"arXiv\",\n    primaryClass = \"hep-ex\",\n    doi = \"10.1016/j.physletb.2012.08.020\",\n    journal = \"Phys. Lett. B\",\n    volume = \"716\",\n    pages = \"1--29\",\n    year = \"2012\"\n}\n",
		"@string{prl = \"Phys. Rev. Lett.\"} @misc(k, author = {{CERN} and G{\\'e}rard, Pawe{\\l} and King, Jr., M.}, journal = prl # { X}, month = jul, year = 2020)",
		"% comment\n@comment{x} @preamble{\"\\noop\"} @book{b, title = {A {B} \\ensuremath{\\Phi}}, series = {S}, edition = 2}",
		"@article{k, title = {unclosed", "@{", "@x{k, a = }", "@article{k, author = { and and }}",
		"@online{o, date = {2021-03-04/2021-05}, url = {http://x}, eprinttype = {arxiv}, eprint = {hep-th/9901001v2}}",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		recs, notes, err := bibtex.Read(data)
		if err != nil {
			if len(recs) > 0 || len(notes) > 0 {
				t.Fatalf("records or notes beside the error %v", err)
			}
			return
		}
		if len(recs) == 0 {
			t.Fatal("no record and no error")
		}
		if _, err := (bibtex.Writer{MaxAuthors: 3, KeepAuthors: 1}).WriteList(io.Discard, recs); err != nil {
			t.Fatalf("writing what was read: %v", err)
		}
	})
}
