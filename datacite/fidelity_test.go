package datacite_test

import (
	"bytes"
	"encoding/base64"
	"encoding/xml"
	"fmt"
	"io"
	"math/rand"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/quick"

	"github.com/dop2i/fairmeta/datacite"
	"github.com/dop2i/fairmeta/fair"
	"github.com/dop2i/fairmeta/internal/testenv"
)

// The fidelity tests take every XSD-valid DataCite 4.x record of the shared data — the official examples, the
// Invenio converter's fixtures, the XML the REST API stores for its records and the REST records' JSON written as
// XML — and variants of each re-indented another way, and check that XML → XML and XML → JSON → XML give back the
// same tree, text included: whitespace is text, a <br/> is a <br/>.

// corpusRecord is one XML document of the corpus.
type corpusRecord struct {
	name string
	xml  []byte
}

// restXML returns the XML the REST API stored for the shared REST records (their base64 "xml" attribute).
func restXML(t *testing.T) []corpusRecord {
	t.Helper()
	var out []corpusRecord
	for _, f := range sharedGlob(t, "rest", "*.json") {
		doc := decodeJSON(t, readFile(t, f)).(map[string]any)
		var items []any
		switch d := doc["data"].(type) {
		case []any:
			items = d
		case map[string]any:
			items = []any{d}
		}
		for i, it := range items {
			attrs, _ := it.(map[string]any)["attributes"].(map[string]any)
			s, _ := attrs["xml"].(string)
			if s == "" {
				continue
			}
			b, err := base64.StdEncoding.DecodeString(s)
			if err != nil {
				t.Fatalf("%s[%d]: xml attribute: %v", f, i, err)
			}
			out = append(out, corpusRecord{fmt.Sprintf("rest-xml-%s-%d", filepath.Base(f), i), b})
		}
	}
	return out
}

// fidelityCorpus returns every XSD-valid DataCite 4.x record of the shared data as XML, with variants of each whose
// layout differs (tabs, CRLF, no indentation, descriptions folded over lines), each variant itself XSD-valid.
func fidelityCorpus(t *testing.T) []corpusRecord {
	t.Helper()
	var cands []corpusRecord
	for _, f := range append(sharedGlob(t, "examples/kernel-4.6", "*.xml"), sharedGlob(t, "invenio-pairs/4.5", "*.xml")...) {
		cands = append(cands, corpusRecord{filepath.Base(filepath.Dir(f)) + "-" + filepath.Base(f), readFile(t, f)})
	}
	cands = append(cands, restXML(t)...)
	recs, _, names := restRecords(t)
	for i, rec := range recs {
		cands = append(cands, corpusRecord{"rest-json-" + names[i], rec.MarshalXMLBytes()})
	}
	var all []corpusRecord
	for _, c := range cands {
		all = append(all, c)
		for _, v := range layoutVariants(t, c.xml) {
			all = append(all, corpusRecord{c.name + "~" + v.name, v.xml})
		}
	}
	dir := t.TempDir()
	paths := make([]string, len(all))
	for i, c := range all {
		paths[i] = filepath.Join(dir, fmt.Sprintf("%04d.xml", i))
		if err := os.WriteFile(paths[i], c.xml, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	verdict := testenv.DataCiteXSD(t, paths...)
	var valid []corpusRecord
	for i, c := range all {
		if verdict[paths[i]] == "" {
			valid = append(valid, c)
		}
	}
	return valid
}

// layoutVariants re-serialises an XML document with other layouts of the same content: what differs is only the
// whitespace between elements, except in descriptions, whose text a second variant folds over indented lines (the
// way an editor or a pretty-printer leaves it).
func layoutVariants(t *testing.T, data []byte) []corpusRecord {
	t.Helper()
	var out []corpusRecord
	for _, v := range []struct {
		name, indent, eol string
		fold              bool
	}{
		{"tabs-crlf", "\t", "\r\n", false},
		{"flat", "", "", false},
		{"folded", "    ", "\n", true},
	} {
		b, err := relayout(data, v.indent, v.eol, v.fold)
		if err != nil {
			t.Fatalf("relayout: %v", err)
		}
		out = append(out, corpusRecord{v.name, b})
	}
	return out
}

// relayout writes data again with the given indentation and line end between elements. Text of elements without
// children is kept as it is; with fold, the words of each description are put on lines of at most 60 characters,
// indented, with the <br/> elements where they were.
func relayout(data []byte, indent, eol string, fold bool) ([]byte, error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.CharsetReader = func(label string, r io.Reader) (io.Reader, error) { return r, nil }
	var b bytes.Buffer
	type frame struct {
		name    string
		kids    bool
		text    []byte
		inDescr bool
	}
	var stack []*frame
	depth := 0
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + eol)
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		switch tk := tok.(type) {
		case xml.StartElement:
			if len(stack) > 0 && stack[len(stack)-1].inDescr && tk.Name.Local == "br" {
				p := stack[len(stack)-1]
				p.text = append(p.text, 0) // marks a <br/>
				stack = append(stack, &frame{name: "br"})
				continue
			}
			if len(stack) > 0 {
				p := stack[len(stack)-1]
				if !p.kids {
					p.kids = true
				}
				b.WriteString(eol)
			}
			b.WriteString(strings.Repeat(indent, depth))
			b.WriteString("<" + qname(tk.Name))
			for _, a := range tk.Attr {
				b.WriteString(" " + qname(a.Name) + `="`)
				xml.EscapeText(&b, []byte(a.Value))
				b.WriteString(`"`)
			}
			b.WriteString(">")
			stack = append(stack, &frame{name: tk.Name.Local, inDescr: tk.Name.Local == "description"})
			depth++
		case xml.CharData:
			if len(stack) > 0 && stack[len(stack)-1].name != "br" {
				p := stack[len(stack)-1]
				p.text = append(p.text, tk...)
			}
		case xml.EndElement:
			f := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if f.name == "br" {
				continue
			}
			depth--
			switch {
			case f.kids:
				b.WriteString(eol + strings.Repeat(indent, depth))
			case f.inDescr && fold:
				writeFolded(&b, f.text, eol+strings.Repeat("  ", depth+1))
			default:
				writeDescrText(&b, f.text)
			}
			b.WriteString("</" + qname(tk.Name) + ">")
		}
	}
	b.WriteString(eol)
	return b.Bytes(), nil
}

func qname(n xml.Name) string {
	if n.Space != "" {
		return n.Space + ":" + n.Local
	}
	return n.Local
}

// writeDescrText escapes text, writing each NUL mark as <br/>. Carriage returns are written as references so that
// they survive line-end normalisation.
func writeDescrText(b *bytes.Buffer, text []byte) {
	for i, part := range bytes.Split(text, []byte{0}) {
		if i > 0 {
			b.WriteString("<br/>")
		}
		xml.EscapeText(b, part)
	}
}

// writeFolded writes the words of text on lines of at most 60 characters, each line starting with lead; NUL marks
// (<br/>) stay between the words they were between.
func writeFolded(b *bytes.Buffer, text []byte, lead string) {
	col := 0
	for i, seg := range bytes.Split(text, []byte{0}) {
		if i > 0 {
			b.WriteString("<br/>")
		}
		for _, w := range strings.Fields(string(seg)) {
			if col == 0 || col+len(w) > 60 {
				b.WriteString(lead)
				col = 0
			} else {
				b.WriteString(" ")
			}
			xml.EscapeText(b, []byte(w))
			col += len(w) + 1
		}
	}
	b.WriteString(lead[:len(lead)-2])
}

// xmlToXML is XML → Record → Resource → Record → XML.
func xmlToXML(t *testing.T, in []byte) []byte {
	rec, _, err := datacite.ReadXML(in)
	if err != nil {
		t.Fatalf("ReadXML: %v", err)
	}
	return datacite.FromResource(datacite.ToResource(rec)).MarshalXMLBytes()
}

// xmlToJSONToXML is XML → Resource → DataCite JSON → Resource → XML.
func xmlToJSONToXML(t *testing.T, in []byte) []byte {
	rec, _, err := datacite.ReadXML(in)
	if err != nil {
		t.Fatalf("ReadXML: %v", err)
	}
	j, err := datacite.FromResource(datacite.ToResource(rec)).MarshalJSONAPI()
	if err != nil {
		t.Fatalf("MarshalJSONAPI: %v", err)
	}
	back, _, err := datacite.ReadJSONRecord(j)
	if err != nil {
		t.Fatalf("ReadJSONRecord: %v", err)
	}
	return datacite.FromResource(datacite.ToResource(back)).MarshalXMLBytes()
}

// TestFidelityCorpus checks both round trips on every XSD-valid record of the corpus, comparing parsed trees text
// included, and that the XML written validates.
func TestFidelityCorpus(t *testing.T) {
	corpus := fidelityCorpus(t)
	if len(corpus) < 100 {
		t.Fatalf("only %d XSD-valid records in the corpus", len(corpus))
	}
	dir := t.TempDir()
	var written []string
	same := map[string]int{}
	for i, c := range corpus {
		want := parseXMLTree(t, c.xml)
		for _, trip := range []struct {
			name string
			f    func(*testing.T, []byte) []byte
		}{{"XML→XML", xmlToXML}, {"XML→JSON→XML", xmlToJSONToXML}} {
			out := trip.f(t, c.xml)
			got := parseXMLTree(t, out)
			kind := "source"
			if strings.Contains(c.name, "~") {
				kind = "variant"
			}
			same[kind]++
			if reflect.DeepEqual(want, got) {
				same[kind+" "+trip.name]++
			} else {
				t.Errorf("%s %s: trees differ: %s", c.name, trip.name, diffLines(want.String(), got.String()))
			}
			p := filepath.Join(dir, fmt.Sprintf("%04d-%d.xml", i, len(written)))
			if err := os.WriteFile(p, out, 0o644); err != nil {
				t.Fatal(err)
			}
			written = append(written, p)
		}
	}
	for _, kind := range []string{"source", "variant"} {
		t.Logf("%d XSD-valid %s records: XML→XML unchanged %d, XML→JSON→XML unchanged %d", same[kind]/2, kind,
			same[kind+" XML→XML"], same[kind+" XML→JSON→XML"])
	}
	if msg := xmllint(t, written...); msg != "" {
		t.Errorf("written XML does not validate against the 4.7 XSD:\n%s", msg)
	}
}

// descrText is a description made of words, spaces, tabs, newlines, carriage returns and <br/> in any mix, for
// testing/quick: src is how an XML file writes it, text what the record must hold.
type descrText struct{ src, text string }

// Generate makes a descrText of up to size pieces.
func (descrText) Generate(r *rand.Rand, size int) reflect.Value {
	pieces := []struct{ src, text string }{
		{" ", " "}, {"  ", "  "}, {"\t", "\t"}, {"\n", "\n"}, {"\n    ", "\n    "}, {"&#xD;\n", "\r\n"},
		{"<br/>", fair.LineBreak}, {"<br></br>", fair.LineBreak}, {"<br/>\n  ", fair.LineBreak + "\n  "},
		{"run", "run"}, {"énergie", "énergie"}, {"&lt;b&gt;", "<b>"}, {"a&amp;b", "a&b"}, {"4271.", "4271."},
	}
	var d descrText
	for n := r.Intn(size + 1); n > 0; n-- {
		p := pieces[r.Intn(len(pieces))]
		d.src += p.src
		d.text += p.text
	}
	return reflect.ValueOf(d)
}

// TestDescriptionWhitespaceProperty: a description with any mix of whitespace and <br/> reads as the text it is,
// and XML → XML, XML → JSON → XML and the same through fair.Resource give it back unchanged.
func TestDescriptionWhitespaceProperty(t *testing.T) {
	const head = `<?xml version="1.0" encoding="UTF-8"?>
<resource xmlns="http://datacite.org/schema/kernel-4">
  <identifier identifierType="DOI">10.82433/B09Z-4K37</identifier>
  <creators><creator><creatorName>Lefèvre, Camille</creatorName></creator></creators>
  <titles><title>Air-shower events</title></titles>
  <publisher>CC-IN2P3</publisher>
  <publicationYear>2026</publicationYear>
  <resourceType resourceTypeGeneral="Dataset"/>
  <descriptions><description descriptionType="Abstract">`
	const tail = "</description></descriptions>\n</resource>\n"
	prop := func(d descrText) bool {
		in := []byte(head + d.src + tail)
		rec, _, err := datacite.ReadXML(in)
		if err != nil {
			t.Logf("ReadXML(%q): %v", d.src, err)
			return false
		}
		if got := rec.Descriptions[0].Description; got != d.text {
			t.Logf("%q read as %q, want %q", d.src, got, d.text)
			return false
		}
		for _, out := range [][]byte{rec.MarshalXMLBytes(), xmlToXML(t, in), xmlToJSONToXML(t, in)} {
			back, _, err := datacite.ReadXML(out)
			if err != nil || len(back.Descriptions) != 1 || back.Descriptions[0].Description != d.text {
				t.Logf("%q came back from\n%s", d.text, out)
				return false
			}
			if !reflect.DeepEqual(parseXMLTree(t, in), parseXMLTree(t, out)) {
				t.Logf("trees differ for %q", d.src)
				return false
			}
		}
		return true
	}
	cfg := &quick.Config{MaxCount: 2000, Rand: rand.New(rand.NewSource(12))}
	if err := quick.Check(prop, cfg); err != nil {
		t.Error(err)
	}
}
