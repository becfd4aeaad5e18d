package hal

import (
	"bytes"
	"context"
	"encoding/xml"
	"os"
	"path/filepath"
	"testing"

	"github.com/dop2i/fairmeta/internal/testenv"
)

// FuzzRead feeds the reader anything: it never panics, an error comes without records, and what it reads can be
// written as a deposit and read again.
func FuzzRead(f *testing.F) {
	if d, ok := testenv.SharedDataDir(); ok {
		for _, sub := range []string{"tei", "sword"} {
			files, _ := filepath.Glob(filepath.Join(d, "publications", "hal", sub, "*.xml"))
			for _, p := range files {
				if data, err := os.ReadFile(p); err == nil {
					f.Add(data)
				}
			}
		}
	}
	f.Add([]byte(`<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><listBibl><biblFull/></listBibl></body></text></TEI>`))
	f.Add([]byte(`<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><listBibl><biblFull><sourceDesc><biblStruct><analytic><author role="aut"><affiliation ref="#struct-1"/></author></analytic></biblStruct></sourceDesc></biblFull></listBibl></body><back><listOrg type="structures"><org xml:id="struct-1" type="laboratory"><listRelation><relation active="#struct-1"/></listRelation></org></listOrg></back></text></TEI>`))
	f.Fuzz(checkReadInput)
}

// checkReadInput is FuzzRead's check of one input.
func checkReadInput(t *testing.T, data []byte) {
	{
		recs, _, err := Read(data)
		if err != nil {
			if recs != nil {
				t.Fatal("records with an error")
			}
			return
		}
		for _, r := range recs {
			dep, err := (&Writer{}).Document(context.Background(), r)
			if err != nil {
				t.Fatal(err)
			}
			var b bytes.Buffer
			if err := dep.Document.Encode(&b); err != nil {
				t.Fatal(err)
			}
			if _, _, err := Decode(b.Bytes(), Limits{}); err != nil {
				t.Fatalf("a written deposit does not read back: %v\n%s", err, b.Bytes())
			}
			Check(dep.Document)
		}
	}
}

// Inputs past the limits are refused with ErrLimit, whatever their shape.
func TestReadLimits(t *testing.T) {
	deep := bytes.Repeat([]byte("<a>"), 100)
	cases := map[string]struct {
		data []byte
		lim  Limits
	}{
		"too deep":  {append([]byte(`<TEI xmlns="http://www.tei-c.org/ns/1.0">`), deep...), Limits{}},
		"too large": {bytes.Repeat([]byte(" "), 2048), Limits{MaxBytes: 1024}},
		"too many":  {[]byte(`<TEI><a/><a/><a/><a/></TEI>`), Limits{MaxElements: 3}},
	}
	for name, tc := range cases {
		_, _, err := Decode(tc.data, tc.lim)
		var re *ReadError
		if !errorsAs(err, &re) || !errorsIs(err, ErrLimit) {
			t.Errorf("%s: err = %v, want a *ReadError wrapping ErrLimit", name, err)
		}
	}
	for _, bad := range []string{"", "<x/>", "<TEI", `<!DOCTYPE TEI [<!ENTITY a "aaaa">]><TEI/>`, `<TEI xmlns="http://www.tei-c.org/ns/1.0"/>`} {
		if _, _, err := Decode([]byte(bad), Limits{}); err == nil {
			t.Errorf("Decode(%q) gave no error", bad)
		}
	}
}

// The writer escapes text exactly as encoding/xml does, on text with and without anything to escape.
func TestEscapeAsEncodingXML(t *testing.T) {
	for _, s := range []string{"", "plain", "Müller-Łukasiewicz, Jean-Étienne", "a & b", "<x>", `"q" 'a'`, "tab\there",
		"line\nbreak\r", "bad \xff byte", "é\xc3", "nonchar \uFFFE \uFFFF", "ok \uFFFD", "ctl \x01", "日本語 & <tag>", "end é&"} {
		var w writer
		w.escape(s)
		var want bytes.Buffer
		xml.EscapeText(&want, []byte(s))
		if w.b.String() != want.String() {
			t.Errorf("escape(%q) = %q, want %q", s, w.b.String(), want.String())
		}
	}
}
