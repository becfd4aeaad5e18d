package format_test

import (
	"bytes"
	stdjson "encoding/json"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/dop2i/fairmeta/datacite"
	"github.com/dop2i/fairmeta/fair"
	"github.com/dop2i/fairmeta/format"
	"github.com/dop2i/fairmeta/internal/testdiff"
	"github.com/dop2i/fairmeta/internal/testenv"
)

// sample is an input and the format that must claim it ("" for none of the registry's formats).
type sample struct {
	name string
	data []byte
	want string
}

// inlineSamples are small inputs of each format in the forms people give them.
func inlineSamples() []sample {
	xml := `<?xml version="1.0" encoding="UTF-8"?>
<resource xmlns="http://datacite.org/schema/kernel-4"><identifier identifierType="DOI">10.82433/B09Z-4K37</identifier>
<creators><creator><creatorName>Lefèvre, Camille</creatorName></creator></creators><titles><title>Run 4271</title></titles>
<publisher>CC-IN2P3</publisher><publicationYear>2026</publicationYear><resourceType resourceTypeGeneral="Dataset"/></resource>`
	u16 := []byte{0xFF, 0xFE}
	for _, r := range strings.Replace(xml, `encoding="UTF-8"`, `encoding="UTF-16"`, 1) {
		u16 = append(u16, byte(r), byte(r>>8))
	}
	return []sample{
		{"DataCite XML", []byte(xml), "datacite-xml"},
		{"DataCite XML, UTF-16", u16, "datacite-xml"},
		{"DataCite XML, kernel-3 with a byte-order mark", []byte("\xef\xbb\xbf" + strings.Replace(xml, "kernel-4", "kernel-3", 1)), "datacite-xml"},
		{"DataCite JSON attributes", []byte(`{"doi":"10.82433/x","types":{"resourceTypeGeneral":"Dataset"},"titles":[{"title":"T"}]}`), "datacite-json"},
		{"DataCite JSON:API", []byte(`{"data":{"id":"10.82433/x","type":"dois","attributes":{"titles":[{"title":"T"}]}}}`), "datacite-json"},
		{"DataCite JSON:API list", []byte(`{"data":[{"id":"10.82433/x","type":"dois","attributes":{"titles":[{"title":"T"}]}}]}`), "datacite-json"},
		{"fairmeta JSON", []byte(`{"titles":[{"title":"Events"}],"resourceType":{"general":"Dataset"}}`), "fair"},
		{"fairmeta JSON list", []byte(`[{"titles":[{"title":"Events"}],"resourceType":{"general":"Dataset"}}]`), "fair"},
		{"schema.org JSON-LD", []byte(`{"@context": "https://schema.org/", "@type": "Dataset", "name": "N"}`), "schemaorg"},
		{"HTML landing page", []byte(`<!DOCTYPE html><html><head><script type="application/ld+json">{"@context": "https://schema.org", "@type": "Dataset", "name": "N"}</script></head></html>`), "schemaorg"},
		{"CodeMeta 3.0", []byte(`{"@context": "https://w3id.org/codemeta/3.0", "@type": "SoftwareSourceCode", "name": "x"}`), "codemeta"},
		{"CFF", []byte("# citation\ncff-version: 1.2.0\nmessage: m\ntitle: t\nauthors:\n  - name: A\n"), "cff"},
		{".zenodo.json", []byte(`{"title": "t", "upload_type": "software", "creators": [{"name": "A"}]}`), "zenodo"},
		{"maDMP 1.2", []byte(`{"dmp": {"title": "Plan", "dataset": [{"title": "D"}]}}`), "madmp"},
		{"maDMP with $schema", []byte(`{"$schema": "./JSON-schema/1.2/maDMP-schema-1.2.json", "dmp": {"title": "Plan"}}`), "madmp"},
		{"DMP OPIDoR plan", []byte(`{"meta": {"title": "PGD"}, "project": {"title": "P"}, "researchOutput": []}`), "dmp-opidor"},
		{"CSL-JSON array", []byte(`[{"id": "ITEM-1", "type": "dataset", "title": "Run 4271", "author": [{"family": "Lefèvre", "given": "Camille"}]}]`), "csl-json"},
		{"CSL-JSON item", []byte(`{"id": 1, "type": "article-journal", "title": "T", "issued": {"date-parts": [[2026]]}}`), "csl-json"},
		{"CSL-JSON item with a DOI and a container", []byte(`{"type": "post-weblog", "id": "https://doi.org/10.5072/x", "DOI": "10.5072/x", "title": "T", "container-title": "Blog", "author": [{"family": "Roe"}]}`), "csl-json"},
		{"Crossref bare work", []byte(`{"DOI": "10.5072/x", "type": "journal-article", "title": ["T"], "container-title": ["J"], "indexed": {"date-parts": [[2026, 1, 2]]}}`), "crossref"},
		{"BibTeX", []byte("% exported\n\n@article{Aad:2012tfa,\n    title = \"{T}\"\n}\n"), "bibtex"},
		{"BibTeX with a macro first", []byte("@string{PRL = \"Phys. Rev. Lett.\"}\n@article{k, journal = PRL}"), "bibtex"},
		{"RIS", []byte("TY  - JOUR\r\nTI  - T\r\nER  - \r\n"), "ris"},
		{"plain text", []byte("hello"), ""},
		{"text with an address", []byte("Write to contact@example.org {soon}"), ""},
		{"JSON array of other objects", []byte(`[{"id": 1, "type": "thing"}]`), ""},
		{"JSON of no format", []byte(`{"a": 1}`), ""},
		{"XML of another schema", []byte(`<?xml version="1.0"?><record xmlns="http://www.loc.gov/MARC21/slim"/>`), ""},
	}
}

// sharedSamples are the files of the shared reference data, each named by the format its file name says; formats
// the registry does not hold yet (BibTeX, RIS) must be claimed by none of its formats.
func sharedSamples(t *testing.T) []sample {
	byName := map[string]string{"CITATION.cff": "cff", "codemeta.json": "codemeta", "schemaorg.json": "schemaorg",
		".zenodo.json": "zenodo", "bibtex.bib": "bibtex", "ris.txt": "ris", "endnote.enw": "", "apalike.txt": ""}
	var out []sample
	add := func(path, want string) {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, sample{filepath.Base(filepath.Dir(path)) + "/" + filepath.Base(path), b, want})
	}
	err := filepath.WalkDir(testenv.SharedData(t, "software", "cffconvert"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		want, ok := byName[d.Name()]
		if !ok {
			t.Fatalf("no format known for %s", p)
		}
		add(p, want)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, dir := range []struct{ rel, want string }{
		{"datacite/examples/kernel-4.6", "datacite-xml"},
		{"datacite/rest", "datacite-json"},
		{"schemaorg/landing", "schemaorg"},
		{"dmp/examples", "madmp"},
		{"dmp/real", "madmp"},
		{"publications/hal/tei", "hal-tei"},
	} {
		files, err := filepath.Glob(filepath.Join(testenv.SharedData(t, strings.Split(dir.rel, "/")...), "*"))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			add(f, dir.want)
		}
	}
	return out
}

// TestDetect: every sample is claimed by exactly the Detect of its own format (so detection does not depend on the
// list order), and Registry.Detect names it.
func TestDetect(t *testing.T) {
	reg := format.Default()
	samples := append(inlineSamples(), sharedSamples(t)...)
	for _, s := range samples {
		t.Run(s.name, func(t *testing.T) {
			var claimed []string
			for _, f := range reg.Formats() {
				if f.Detect != nil && f.Detect(s.data) {
					claimed = append(claimed, f.Name)
				}
			}
			want := s.want
			if _, known := reg.Lookup(want); !known {
				want = "" // a format still to come
			}
			if want == "" {
				if len(claimed) != 0 {
					t.Errorf("claimed by %v, want by none", claimed)
				}
				var ue *format.UnknownFormatError
				if _, err := reg.Detect(s.data); !errors.As(err, &ue) || ue.Name != "" || !strings.Contains(err.Error(), "cannot tell") {
					t.Errorf("Detect error %v, want an *UnknownFormatError that cannot tell", err)
				}
				return
			}
			if len(claimed) != 1 || claimed[0] != want {
				t.Errorf("claimed by %v, want by %s alone", claimed, want)
			}
			if f, err := reg.Detect(s.data); err != nil || f.Name != want {
				t.Errorf("Detect = %q, %v; want %s", f.Name, err, want)
			}
		})
	}
}

func TestDetectEmpty(t *testing.T) {
	for _, in := range []string{"", " \n\t", "\xef\xbb\xbf\n"} {
		if _, err := format.Default().Detect([]byte(in)); !errors.Is(err, format.ErrEmpty) {
			t.Errorf("Detect(%q) = %v, want ErrEmpty", in, err)
		}
		_, _, _, err := format.Default().Read("datacite-xml", []byte(in))
		if !errors.Is(err, format.ErrEmpty) {
			t.Errorf("Read(datacite-xml, %q) = %v, want ErrEmpty", in, err)
		}
	}
}

// richRecord has facts some formats cannot hold, so that conversions have something to report.
func richRecord() *fair.Resource {
	return &fair.Resource{
		Identifier:      fair.Identifier{Value: "10.82433/b09z-4k37", Type: "DOI"},
		Titles:          []fair.Title{{Title: "Calibrated air-shower events, run 4271"}},
		Creators:        []fair.Creator{{Name: "Lefèvre, Camille", NameType: fair.NamePersonal, GivenName: "Camille", FamilyName: "Lefèvre", Email: "camille@example.org"}},
		Publisher:       fair.Publisher{Name: "CC-IN2P3"},
		PublicationYear: 2026,
		ResourceType:    fair.ResourceType{General: fair.ResourceTypeSoftware},
		Version:         "2.1.0",
		Descriptions:    []fair.Description{{Description: "Calibration of run 4271.", Type: fair.DescriptionAbstract}},
		Rights:          []fair.Rights{{Rights: "Apache License 2.0", URI: "https://www.apache.org/licenses/LICENSE-2.0", Identifier: "Apache-2.0", IdentifierScheme: "SPDX"}},
		Dates:           []fair.Date{{Date: "2026-03-01", Type: fair.DateCollected}},
		Distributions:   []fair.Distribution{{ContentURL: "https://data.example.org/run4271.h5", MediaType: "application/x-hdf5"}},
		Software:        fair.Software{CodeRepository: "https://gitlab.in2p3.fr/dop2i/shower-calib", Tag: "v2.1.0"},
	}
}

// TestConvertEveryPair converts a record written in each format to every other format: each conversion succeeds,
// reports through notes only, and its notWritten are the notes the output format's own Write gives.
func TestConvertEveryPair(t *testing.T) {
	reg := format.Default()
	for _, in := range reg.Formats() {
		if !in.CanRead() || !in.CanWrite() {
			continue
		}
		var doc bytes.Buffer
		if _, err := in.Write(&doc, richRecord()); err != nil {
			t.Fatalf("writing %s: %v", in.Name, err)
		}
		for _, out := range reg.Formats() {
			if !out.CanWrite() {
				continue
			}
			t.Run(in.Name+" to "+out.Name, func(t *testing.T) {
				var got bytes.Buffer
				recs, _, notWritten, err := reg.Convert(&got, doc.Bytes(), "", out.Name)
				if err != nil {
					t.Fatalf("Convert: %v\ninput:\n%s", err, doc.String())
				}
				if len(recs) != 1 || got.Len() == 0 {
					t.Fatalf("%d records, %d bytes written", len(recs), got.Len())
				}
				direct, err := out.Write(io.Discard, recs[0])
				if err != nil {
					t.Fatal(err)
				}
				testdiff.Check(t, "notWritten", notWritten, direct)
			})
		}
	}
}

// TestConvertLoss: what a conversion loses is said, in both directions, and never as an error.
func TestConvertLoss(t *testing.T) {
	reg := format.Default()
	for _, tc := range []struct {
		name, from, to, in string
		check              func(t *testing.T, out string, notRead, notWritten fair.Notes)
	}{
		{"CFF key the record has no field for", "", "fair",
			"cff-version: 1.2.0\nmessage: m\ntitle: showercal\nauthors:\n  - family-names: Curie\n    given-names: Marie\n    post-code: \"75005\"\n",
			func(t *testing.T, out string, notRead, notWritten fair.Notes) {
				testdiff.Check(t, "notRead", notRead, fair.Notes{{Path: "authors[0].post-code", Reason: "no place for it in the record"}})
				if len(notWritten) != 0 || !strings.Contains(out, `"showercal"`) {
					t.Errorf("notWritten %v; output:\n%s", notWritten, out)
				}
			}},
		{"distributions into DataCite", "fair", "datacite-xml",
			`{"titles":[{"title":"Events"}],"resourceType":{"general":"Dataset"},"distributions":[{"contentURL":"https://data.example.org/a.h5"}]}`,
			func(t *testing.T, out string, notRead, notWritten fair.Notes) {
				testdiff.Check(t, "notWritten", notWritten[:1], fair.Notes{{Path: "distributions", Value: "1 distribution", Reason: "DataCite has no property for it"}})
				var missing []string
				for _, n := range notWritten[1:] {
					missing = append(missing, n.Path)
				}
				// The XML lacks the mandatory DOI, creators, publisher and year: the writer says so.
				testdiff.Check(t, "XSD notes", missing, []string{"identifier.value", "creators", "publisher", "publicationYear"})
				if len(notRead) != 0 || !strings.Contains(out, "<title>Events</title>") {
					t.Errorf("notRead %v; output:\n%s", notRead, out)
				}
			}},
		{"unknown DataCite XML element, in and out", "", "datacite-json",
			`<resource xmlns="http://datacite.org/schema/kernel-4"><titles><title>T</title><foo/></titles></resource>`,
			func(t *testing.T, out string, notRead, _ fair.Notes) {
				if len(notRead) == 0 || !strings.HasPrefix(notRead[0].Path, "titles") {
					t.Errorf("notRead %v, want the unknown element", notRead)
				}
			}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out bytes.Buffer
			_, notRead, notWritten, err := reg.Convert(&out, []byte(tc.in), tc.from, tc.to)
			if err != nil {
				t.Fatal(err)
			}
			tc.check(t, out.String(), notRead, notWritten)
		})
	}
}

func TestConvertErrors(t *testing.T) {
	reg := format.Default()
	empty := fair.Format{Name: "empty", Read: func([]byte) ([]*fair.Resource, fair.Notes, error) { return nil, nil, nil }}
	if err := reg.Add(empty); err != nil {
		t.Fatal(err)
	}
	list, err := os.ReadFile(testenv.SharedData(t, "datacite", "rest", "sample.json"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, from, to string
		in             []byte
		check          func(t *testing.T, err error)
	}{
		{"unknown output", "", "marc", list, func(t *testing.T, err error) {
			var ue *format.UnknownFormatError
			if !errors.As(err, &ue) || ue.Name != "marc" || len(ue.Known) == 0 {
				t.Errorf("err = %v, want an *UnknownFormatError naming marc", err)
			}
		}},
		{"unknown input", "marc", "fair", list, func(t *testing.T, err error) {
			var ue *format.UnknownFormatError
			if !errors.As(err, &ue) || ue.Name != "marc" {
				t.Errorf("err = %v, want an *UnknownFormatError naming marc", err)
			}
		}},
		{"several records into a one-record format", "", "datacite-xml", list, func(t *testing.T, err error) {
			var oe *format.OneRecordError
			if !errors.As(err, &oe) || oe.Records != 100 || oe.Format != "datacite-xml" {
				t.Errorf("err = %v, want a *OneRecordError of 100 records", err)
			}
		}},
		{"malformed input", "datacite-xml", "fair", []byte("<resource"), func(t *testing.T, err error) {
			var re *format.ReadError
			var de *datacite.ReadError
			if !errors.As(err, &re) || re.Format != "datacite-xml" || !errors.As(err, &de) {
				t.Errorf("err = %v, want a *format.ReadError wrapping a *datacite.ReadError", err)
			}
		}},
		{"no record", "datacite-json", "fair", []byte(`{"data": []}`), func(t *testing.T, err error) {
			var re *format.ReadError
			if !errors.As(err, &re) || !strings.Contains(err.Error(), "no record") {
				t.Errorf("err = %v, want a *ReadError saying there is no record", err)
			}
		}},
		{"a reader of one's own that finds no record", "empty", "fair", []byte("x"), func(t *testing.T, err error) {
			if !errors.Is(err, format.ErrNoRecord) {
				t.Errorf("err = %v, want ErrNoRecord", err)
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out bytes.Buffer
			recs, notRead, notWritten, err := reg.Convert(&out, tc.in, tc.from, tc.to)
			if err == nil {
				t.Fatal("no error")
			}
			var oe *format.OneRecordError
			if !errors.As(err, &oe) && (recs != nil || notRead != nil || notWritten != nil || out.Len() != 0) {
				t.Errorf("records, notes or output beside the error: %d records, %v, %v, %q", len(recs), notRead, notWritten, out.String())
			}
			tc.check(t, err)
		})
	}
}

func TestRegistry(t *testing.T) {
	reg := format.Default()
	names := reg.Names()
	for _, want := range []string{"datacite-xml", "datacite-json", "schemaorg", "codemeta", "cff", "zenodo", "csl-json", "bibtex", "ris"} {
		if !slices.Contains(names, want) {
			t.Errorf("Default names %v: no %s", names, want)
		}
	}
	if names[0] != "fair" {
		t.Errorf("Default names %v: fair is not first", names)
	}
	// Each call gives a new registry: adding to one leaves the others alone.
	upper := fair.Format{Name: "upper", Read: func(data []byte) ([]*fair.Resource, fair.Notes, error) {
		return []*fair.Resource{{Titles: []fair.Title{{Title: strings.ToUpper(string(data))}}}}, nil, nil
	}, Detect: func(data []byte) bool { return bytes.HasPrefix(data, []byte("UPPER:")) }}
	if err := reg.Add(upper); err != nil {
		t.Fatal(err)
	}
	if _, ok := format.Default().Lookup("upper"); ok {
		t.Error("Add to one registry changed Default")
	}
	if _, recs, _, err := reg.Read("", []byte("UPPER:run")); err != nil || recs[0].MainTitle() != "UPPER:RUN" {
		t.Errorf("a format of one's own: %v %+v", err, recs)
	}
	for _, tc := range []struct {
		name string
		f    fair.Format
	}{
		{"no name", fair.Format{Read: upper.Read}},
		{"upper case", fair.Format{Name: "Upper2", Read: upper.Read}},
		{"space", fair.Format{Name: "up per", Read: upper.Read}},
		{"taken", upper},
		{"neither reader nor writer", fair.Format{Name: "nothing"}},
	} {
		if err := reg.Add(tc.f); err == nil {
			t.Errorf("%s: Add accepted it", tc.name)
		}
	}
	if _, err := format.New(upper, upper); err == nil {
		t.Error("New accepted a name twice")
	}
	// The zero value is an empty registry, ready for Add.
	var zero format.Registry
	if _, err := zero.Detect([]byte("UPPER:x")); err == nil {
		t.Error("an empty registry detected a format")
	}
	if err := zero.Add(upper); err != nil {
		t.Fatal(err)
	}
	if f, err := zero.Detect([]byte("UPPER:x")); err != nil || f.Name != "upper" {
		t.Errorf("zero value after Add: %q %v", f.Name, err)
	}
	// A read-only format cannot be written.
	var ce *format.CapabilityError
	if _, err := zero.Write(io.Discard, "upper", nil); !errors.As(err, &ce) || ce.Op != "write" {
		t.Errorf("Write of a read-only format: %v", err)
	}
}

func TestWriteLines(t *testing.T) {
	reg := format.Default()
	recs := []*fair.Resource{richRecord(), richRecord()}
	var out bytes.Buffer
	notWritten, err := reg.WriteLines(&out, "datacite-json", recs)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	if len(lines) != 2 {
		t.Fatalf("%d lines for 2 records", len(lines))
	}
	for _, l := range lines {
		if _, _, err := datacite.ReadJSONRecord([]byte(l)); err != nil {
			t.Errorf("line is not one DataCite record: %v", err)
		}
	}
	if len(notWritten) == 0 || !strings.HasPrefix(notWritten[0].Path, "[0].") || !strings.HasPrefix(notWritten[len(notWritten)-1].Path, "[1].") {
		t.Errorf("notes %v, want them prefixed by the record's position", notWritten)
	}
	var ce *format.CapabilityError
	if _, err := reg.WriteLines(&out, "datacite-xml", recs); !errors.As(err, &ce) {
		t.Errorf("XML has no line form: %v", err)
	}
}

// DetectMedia takes the format the Content-Type names when its detector agrees, and the content's otherwise.
func TestDetectMedia(t *testing.T) {
	reg := format.Default()
	dcXML := []byte(`<resource xmlns="http://datacite.org/schema/kernel-4"><identifier identifierType="DOI">10.5072/x</identifier></resource>`)
	dcJSON := []byte(`{"data":{"type":"dois","attributes":{"doi":"10.5072/x","titles":[{"title":"T"}]}}}`)
	schema := []byte(`{"@context":"http://schema.org","@type":"Dataset","name":"T"}`)
	for _, c := range []struct {
		ctype string
		data  []byte
		want  string
	}{
		{"application/vnd.datacite.datacite+xml; charset=utf-8", dcXML, "datacite-xml"},
		{"Application/Vnd.DataCite.DataCite+XML", dcXML, "datacite-xml"},
		{"application/xml", dcXML, "datacite-xml"},                      // a generic type several formats list
		{"application/vnd.schemaorg.ld+json", schema, "schemaorg"},      // a type no format lists
		{"application/vnd.datacite.datacite+json", schema, "schemaorg"}, // a wrong type: the content decides
		{"text/plain", dcJSON, "datacite-json"},
		{"", dcJSON, "datacite-json"},
		{"not a media type;;", dcXML, "datacite-xml"},
	} {
		f, err := reg.DetectMedia(c.ctype, c.data)
		if err != nil || f.Name != c.want {
			t.Errorf("DetectMedia(%q): %s, %v; want %s", c.ctype, f.Name, err, c.want)
		}
	}
	if _, err := reg.DetectMedia("application/vnd.datacite.datacite+xml", []byte(" \n")); !errors.Is(err, format.ErrEmpty) {
		t.Errorf("empty input: %v, want ErrEmpty", err)
	}
	var ue *format.UnknownFormatError
	if _, err := reg.DetectMedia("text/html", []byte("plain words")); !errors.As(err, &ue) {
		t.Errorf("undetectable input: %v, want *UnknownFormatError", err)
	}
}

// Every format that writes JSON writes one record per line, with its one-line form or its document compacted;
// the others say they cannot.
func TestWriteLinesEveryJSONFormat(t *testing.T) {
	reg := format.Default()
	recs := []*fair.Resource{
		{Identifier: fair.Identifier{Value: "10.5072/one", Type: "DOI"}, Titles: []fair.Title{{Title: "Run one"}}, PublicationYear: 2026,
			Creators: []fair.Creator{{Name: "Lefèvre, Camille", NameType: fair.NamePersonal}}},
		{Identifier: fair.Identifier{Value: "10.5072/two", Type: "DOI"}, Titles: []fair.Title{{Title: "Run two"}}, PublicationYear: 2025,
			Creators: []fair.Creator{{Name: "CC-IN2P3", NameType: fair.NameOrganizational}}},
	}
	for _, f := range reg.Formats() {
		if !f.CanWrite() {
			continue
		}
		isJSON := slices.ContainsFunc(f.MediaTypes, func(t string) bool { return strings.HasSuffix(t, "json") })
		_, lwErr := reg.LineWriter(f.Name)
		var buf bytes.Buffer
		_, err := reg.WriteLines(&buf, f.Name, recs)
		if !isJSON && f.WriteLine == nil {
			var ce *format.CapabilityError
			if !errors.As(err, &ce) || !errors.As(lwErr, &ce) || buf.Len() != 0 {
				t.Errorf("%s writes no JSON: WriteLines %v, LineWriter %v, wrote %q; want a *CapabilityError each", f.Name, err, lwErr, buf.String())
			}
			continue
		}
		if err != nil || lwErr != nil {
			t.Errorf("%s: WriteLines %v, LineWriter %v", f.Name, err, lwErr)
			continue
		}
		lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
		if len(lines) != len(recs) {
			t.Errorf("%s: %d lines for %d records:\n%s", f.Name, len(lines), len(recs), buf.String())
			continue
		}
		for i, l := range lines {
			// Each line is the record's JSON: the one-line form, or the document compacted.
			if !stdjson.Valid([]byte(l)) || !strings.Contains(l, recs[i].Titles[0].Title) {
				t.Errorf("%s line %d is not record %d in JSON:\n%s", f.Name, i+1, i, l)
			}
			if f.WriteLine == nil {
				var doc, want bytes.Buffer
				if _, err := f.Write(&doc, recs[i]); err != nil {
					t.Fatal(err)
				}
				stdjson.Compact(&want, doc.Bytes())
				if l != want.String() {
					t.Errorf("%s line %d is not the document compacted:\n%s\nwant\n%s", f.Name, i+1, l, want.String())
				}
			}
		}
	}
}
