package inspire_test

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/dop2i/fairmeta/datacite"
	"github.com/dop2i/fairmeta/hal"
	"github.com/dop2i/fairmeta/inspire"
)

// collaborationPaper generates an INSPIRE record of a collaboration paper with n authors, each with identifiers,
// two affiliations (institution records) and raw affiliation strings, as INSPIRE holds ATLAS and CMS papers, and
// 150 references.
func collaborationPaper(n int) []byte {
	var b strings.Builder
	b.WriteString(`{"$schema": "https://inspirehep.net/schemas/records/hep.json", "control_number": 9000001,` +
		`"document_type": ["article"], "titles": [{"source": "arXiv", "title": "Measurement of a cross-section with the ATLAS detector"}],` +
		`"collaborations": [{"value": "ATLAS", "record": {"$ref": "https://inspirehep.net/api/experiments/1108541"}}],` +
		`"dois": [{"value": "10.1140/epjc/s10052-026-00001-1"}], "arxiv_eprints": [{"value": "2601.00001", "categories": ["hep-ex"]}],` +
		`"report_numbers": [{"value": "CERN-EP-2026-001"}], "texkeys": ["ATLAS:2026abc"],` +
		`"publication_info": [{"journal_title": "Eur.Phys.J.C", "journal_volume": "86", "artid": "12", "page_start": "12", "year": 2026}],` +
		`"abstracts": [{"source": "arXiv", "value": "A measurement is presented."}], "authors": [`)
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		inst := 902700 + i%180
		fmt.Fprintf(&b, `{"full_name": "Müller-Łukasiewicz%d, Jean-Étienne", "uuid": "%08x-9ec5-4a49-9d4b-d46d8fb5d5b9", "signature_block": "MALARj%d",`+
			`"ids": [{"schema": "INSPIRE BAI", "value": "J.E.Muller.%d"}, {"schema": "INSPIRE ID", "value": "INSPIRE-%08d"}%s],`+
			`"record": {"$ref": "https://inspirehep.net/api/authors/%d"}, "curated_relation": true,`+
			`"affiliations": [{"value": "Inst%d", "record": {"$ref": "https://inspirehep.net/api/institutions/%d"}}, {"value": "CERN", "record": {"$ref": "https://inspirehep.net/api/institutions/902725"}}],`+
			`"raw_affiliations": [{"value": "Laboratoire de Physique %d, Université Paris-Saclay, CNRS/IN2P3, 91405 Orsay, France"}, {"value": "CERN, Geneva, Switzerland"}]}`,
			i, i, i, i+1, i, orcid(i), 1000000+i, inst, inst, i%180)
	}
	b.WriteString(`], "references": [`)
	for i := range 150 {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"record": {"$ref": "https://inspirehep.net/api/literature/%d"}, "reference": {"dois": ["10.1103/PhysRevD.%d.0001"],`+
			`"arxiv_eprint": "1205.%04d", "authors": [{"full_name": "Aad, G."}], "collaborations": ["ATLAS"], "label": "%d",`+
			`"publication_info": {"journal_title": "Phys.Rev.D", "journal_volume": "%d", "artid": "0001", "year": 2012}}}`, 100000+i, i, i+1, i, i)
	}
	b.WriteString(`]}`)
	return []byte(b.String())
}

func orcid(i int) string {
	if i%3 != 0 {
		return ""
	}
	return `, {"schema": "ORCID", "value": "0000-0002-1825-0097"}`
}

func TestCollaborationPaper(t *testing.T) {
	data := collaborationPaper(3000)
	recs, _, err := inspire.Read(data)
	if err != nil {
		t.Fatal(err)
	}
	r := recs[0]
	if len(r.Creators) != 3001 || r.Creators[0].Name != "ATLAS" || r.Creators[3000].Name != "Müller-Łukasiewicz2999, Jean-Étienne" {
		t.Fatalf("%d creators, first %q", len(r.Creators), r.Creators[0].Name)
	}
	if c := r.Creators[1]; len(c.NameIdentifiers) != 4 || len(c.Affiliations) != 2 || len(c.RawAffiliations) != 2 {
		t.Errorf("first author: %+v", c)
	}
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		t.Fatalf("the generated record is not JSON: %v", err)
	}
}

// BenchmarkCollaborationPaper converts a generated 3,000-author INSPIRE record (about 2.4 MB) to a fair.Resource,
// to DataCite XML and to a HAL deposit (AOfr TEI, every affiliation kept as a named structure), and decodes the
// same bytes with encoding/json into an any for comparison, interleaved in each iteration so that the machine's
// load hits all alike. It reports each wall-clock time per record (a conversion's includes the read), the CPU
// time of the read and of the conversion to HAL TEI, and the ratios to encoding/json (below 1: faster than decoding the JSON alone):
//
//	go test ./inspire -run '^$' -bench CollaborationPaper -cpu 1 -benchtime 20x
func BenchmarkCollaborationPaper(b *testing.B) {
	data := collaborationPaper(3000)
	var tRead, tXML, tHAL, tJSON, cpuRead, cpuHAL time.Duration
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		c0 := cpuTime()
		t0 := time.Now()
		recs, _, err := inspire.Read(data)
		if err != nil {
			b.Fatal(err)
		}
		t1 := time.Now()
		cpuRead += cpuTime() - c0
		_ = datacite.FromResource(recs[0]).MarshalXMLBytes()
		t2 := time.Now()
		var v any
		if err := json.Unmarshal(data, &v); err != nil {
			b.Fatal(err)
		}
		t3 := time.Now()
		c1 := cpuTime()
		if _, err := hal.Write(io.Discard, recs[0]); err != nil {
			b.Fatal(err)
		}
		t4 := time.Now()
		cpuHAL += cpuTime() - c1
		tRead += t1.Sub(t0)
		tXML += t2.Sub(t0)
		tJSON += t3.Sub(t2)
		tHAL += t1.Sub(t0) + t4.Sub(t3)
	}
	n := float64(b.N)
	b.ReportMetric(float64(tRead.Microseconds())/1000/n, "read-ms")
	b.ReportMetric(float64(cpuRead.Microseconds())/1000/n, "read-cpu-ms")
	b.ReportMetric(float64(tXML.Microseconds())/1000/n, "to-datacite-xml-ms")
	b.ReportMetric(float64(tHAL.Microseconds())/1000/n, "to-hal-tei-ms")
	b.ReportMetric(float64((cpuRead+cpuHAL).Microseconds())/1000/n, "to-hal-tei-cpu-ms")
	b.ReportMetric(float64(tJSON.Microseconds())/1000/n, "encoding/json-ms")
	b.ReportMetric(float64(tRead)/float64(tJSON), "read/json")
	b.ReportMetric(float64(tXML)/float64(tJSON), "to-xml/json")
	b.ReportMetric(float64(tHAL)/float64(tJSON), "to-hal/json")
}
