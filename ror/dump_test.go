package ror_test

import (
	"archive/zip"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dop2i/fairmeta/ror"
)

const rec1 = `{"id":"https://ror.org/01ggx4157","names":[{"value":"CERN","types":["acronym"]},{"value":"European Organization for Nuclear Research","types":["ror_display","label"],"lang":"en"}],"status":"active","types":["facility"],"locations":[{"geonames_id":2660646,"geonames_details":{"country_code":"CH","country_name":"Switzerland","name":"Geneva","lat":46.2,"lng":6.1}}]}`
const rec2 = `{"id":"https://ror.org/01js2sh04","names":[{"value":"DESY","types":["acronym"]},{"value":"Deutsches Elektronen-Synchrotron DESY","types":["ror_display","label"],"lang":"de"}],"status":"active","types":["facility"],"locations":[{"geonames_id":2911298,"geonames_details":{"country_code":"DE","country_name":"Germany","name":"Hamburg"}}]}`

func gz(b []byte) []byte {
	var buf bytes.Buffer
	w := gzip.NewWriter(&buf)
	w.Write(b)
	w.Close()
	return buf.Bytes()
}

func zipped(name string, b []byte) []byte {
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	f, _ := w.Create(name)
	f.Write(b)
	other, _ := w.Create("v9.9-ror-data.csv")
	other.Write([]byte("id,name\n"))
	w.Close()
	return buf.Bytes()
}

// TestReadDumpForms reads the same two records from every form a ROR dump comes in.
func TestReadDumpForms(t *testing.T) {
	array := []byte("\ufeff[\n" + rec1 + ",\n" + rec2 + "\n]\n")
	lines := []byte(rec1 + "\n" + rec2 + "\n")
	forms := map[string][]byte{
		"json":            array,
		"jsonl":           lines,
		"json.gz":         gz(array),
		"jsonl.gz":        gz(lines),
		"zip":             zipped("v9.9-2026-01-01-ror-data.json", array),
		"zip with schema": zipped("v1.9-2024-01-01-ror-data_schema_v2.json", lines),
	}
	dir := t.TempDir()
	for name, data := range forms {
		t.Run(name, func(t *testing.T) {
			p := filepath.Join(dir, strings.ReplaceAll(name, " ", "_"))
			if err := os.WriteFile(p, data, 0o644); err != nil {
				t.Fatal(err)
			}
			var ids []string
			err := ror.ReadDumpFile(context.Background(), p, func(o *ror.Organization) error {
				ids = append(ids, string(o.ID)+" "+o.DisplayName()+" "+o.CountryCode())
				return nil
			})
			want := "01ggx4157 European Organization for Nuclear Research CH|01js2sh04 Deutsches Elektronen-Synchrotron DESY DE"
			if err != nil || strings.Join(ids, "|") != want {
				t.Errorf("got %q, %v; want %q", strings.Join(ids, "|"), err, want)
			}
		})
	}
}

func TestReadDumpErrors(t *testing.T) {
	cases := map[string]struct {
		in      string
		record  int
		wantErr string
	}{
		"bad json in record 2": {rec1 + "\n{\"id\": ", 2, "unexpected end of JSON input"},
		"v1 record":            {`{"id":"https://ror.org/01ggx4157","name":"CERN"}`, 1, "not in the ROR v2 schema"},
		"bad id":               {`{"id":"https://ror.org/01ggx4158","names":[]}`, 1, "wrong checksum"},
		"no id":                {`{"names":[]}`, 1, "no id"},
		"unclosed array":       {"[" + rec1 + ",", 2, "unexpected EOF"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			err := ror.ReadDump(context.Background(), strings.NewReader(c.in), func(*ror.Organization) error { return nil })
			var de *ror.DumpError
			if !errors.As(err, &de) || de.Record != c.record || !strings.Contains(err.Error(), c.wantErr) {
				t.Errorf("error %v; want a *DumpError at record %d saying %q", err, c.record, c.wantErr)
			}
		})
	}
	if err := ror.ReadDump(context.Background(), strings.NewReader(""), func(*ror.Organization) error { return nil }); err != nil {
		t.Errorf("an empty dump: %v", err)
	}
	stop := errors.New("stop")
	if err := ror.ReadDump(context.Background(), strings.NewReader(rec1), func(*ror.Organization) error { return stop }); err != stop {
		t.Errorf("fn's error: got %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := ror.ReadDump(ctx, strings.NewReader(rec1), func(*ror.Organization) error { return nil }); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: got %v", err)
	}
}

// TestLoadSharedDump loads the shared 51,370-record dump and checks records the issue names.
func TestLoadSharedDump(t *testing.T) {
	ix := loadFull(t)
	if ix.Len() != 51370 {
		t.Errorf("Len = %d, want 51370", ix.Len())
	}
	o, ok := ix.Get("02feahw73")
	if !ok || o.DisplayName() != "Centre National de la Recherche Scientifique" || o.CountryCode() != "FR" || !o.Active() {
		t.Errorf("CNRS: %+v, %v", o, ok)
	}
}

// TestCuratedAgreesWithDump checks the embedded curated set against the shared dump: same names, status and
// country for every organisation.
func TestCuratedAgreesWithDump(t *testing.T) {
	full := loadFull(t)
	n := 0
	for c := range ror.Default().All() {
		n++
		o, ok := full.Get(c.ID)
		if !ok {
			t.Errorf("%s (%s) is not in the dump", c.ID, c.DisplayName())
			continue
		}
		if c.DisplayName() != o.DisplayName() || c.Status != o.Status || c.CountryCode() != o.CountryCode() || len(c.Names) != len(o.Names) {
			t.Errorf("%s: curated %q %s %s %d names; dump %q %s %s %d names", c.ID, c.DisplayName(), c.Status, c.CountryCode(), len(c.Names),
				o.DisplayName(), o.Status, o.CountryCode(), len(o.Names))
		}
	}
	if n < 50 {
		t.Errorf("curated set has %d organisations, want at least 50", n)
	}
}

func FuzzReadDump(f *testing.F) {
	f.Add([]byte(rec1 + "\n" + rec2))
	f.Add([]byte("[" + rec1 + "]"))
	f.Add(gz([]byte(rec2)))
	f.Add(zipped("x.json", []byte(rec1)))
	f.Fuzz(func(t *testing.T, b []byte) {
		n := 0
		err := ror.ReadDump(context.Background(), bytes.NewReader(b), func(o *ror.Organization) error {
			n++
			if o.ID == "" {
				t.Fatal("a record without an ID was accepted")
			}
			return nil
		})
		var de *ror.DumpError
		if err != nil && !errors.As(err, &de) {
			t.Fatalf("error %v is not a *DumpError", err)
		}
	})
}

// TestIndexRefusesEmptyDumps: a dump with no organisation (empty, spaces, a gzip of spaces, an empty array) is an
// error, not an index that silently matches nothing.
func TestIndexRefusesEmptyDumps(t *testing.T) {
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(bytes.Repeat([]byte(" "), 1<<20))
	zw.Close()
	for name, data := range map[string][]byte{"empty": nil, "spaces": []byte("  \n\n "), "gzip of spaces": gz.Bytes(), "empty array": []byte("[]")} {
		ix, err := ror.ReadIndex(context.Background(), bytes.NewReader(data))
		var de *ror.DumpError
		if !errors.Is(err, ror.ErrNoOrganizations) || !errors.As(err, &de) {
			t.Errorf("%s: ReadIndex = %v, %v; want a *ror.DumpError matching ErrNoOrganizations", name, ix, err)
		}
	}
}
