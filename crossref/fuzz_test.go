package crossref_test

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/dop2i/fairmeta/crossref"
	"github.com/dop2i/fairmeta/internal/testenv"
)

func check(t *testing.T, data []byte, read func([]byte) (recsLen int, reasons []string, err error)) {
	n, reasons, err := read(data)
	if err != nil {
		var re *crossref.ReadError
		if !errors.As(err, &re) || n != 0 {
			t.Fatalf("error %T %v with %d records", err, err, n)
		}
		return
	}
	if n == 0 {
		t.Fatal("no record and no error")
	}
	for _, r := range reasons {
		if r == "" {
			t.Fatal("a note without reason")
		}
	}
}

func seeds(f *testing.F, glob string) {
	if dir, ok := testenv.SharedDataDir(); ok {
		files, _ := filepath.Glob(filepath.Join(dir, "publications", "crossref", glob))
		for i, name := range files {
			if i%4 == 0 { // a few real records; the fuzzer mutates from there
				if b, err := os.ReadFile(name); err == nil {
					f.Add(b)
				}
			}
		}
	}
}

// FuzzReadJSON: any input gives works or a *ReadError, never a panic.
func FuzzReadJSON(f *testing.F) {
	f.Add([]byte(`{"message-type": "work", "message": {"DOI": "10.1/x", "type": "journal-article", "author": [{"given": "A", "family": "B", "affiliation": [{"name": "CERN", "id": [{"id": "https://ror.org/01ggx4157", "id-type": "ROR"}]}]}], "page": "1-2", "issued": {"date-parts": [[2020, 1]]}}}`))
	f.Add([]byte(`{"message-type": "work-list", "message": {"items": [{"DOI": "10.1/y", "event": {"name": "C", "start": {"date-parts": [[2019]]}}}]}}`))
	seeds(f, "commonmeta-py-*.json")
	f.Fuzz(func(t *testing.T, data []byte) {
		check(t, data, func(b []byte) (int, []string, error) {
			recs, notes, err := crossref.ReadJSON(b)
			var rs []string
			for _, n := range notes {
				rs = append(rs, n.Reason)
			}
			return len(recs), rs, err
		})
	})
}

// FuzzReadXML: any input gives works or a *ReadError, never a panic.
func FuzzReadXML(f *testing.F) {
	f.Add([]byte(`<doi_records><doi_record><crossref xmlns="http://www.crossref.org/xschema/1.1"><journal><journal_metadata><full_title>J</full_title><issn media_type="print">1234-5678</issn></journal_metadata><journal_article><titles><title>T</title></titles><contributors><person_name sequence="first" contributor_role="author"><given_name>A</given_name><surname>B</surname></person_name></contributors><pages><first_page>1</first_page></pages><doi_data><doi>10.1/x</doi></doi_data></journal_article></journal></crossref></doi_record></doi_records>`))
	seeds(f, "bolognese-*.xml")
	f.Fuzz(func(t *testing.T, data []byte) {
		check(t, data, func(b []byte) (int, []string, error) {
			recs, notes, err := crossref.ReadXML(b)
			var rs []string
			for _, n := range notes {
				rs = append(rs, n.Reason)
			}
			return len(recs), rs, err
		})
	})
}
