package dmp_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/dop2i/fairmeta/dmp"
)

// FuzzRead feeds the readers arbitrary input: nothing panics; what Read accepts, Write gives back as the same
// tree, and the upgraded document writes and reads again; Validate and ReadOPIDoR accept or reject without panic.
func FuzzRead(f *testing.F) {
	for _, s := range []string{
		`{"dmp":{"title":"t","created":"2020-01-01T00:00:00","modified":1612284945000,"contact":{"name":"n","mbox":"m@x.org","contact_id":[{"identifier":"0000-0002-1825-0097","type":"orcid"}],"affiliation":{"name":"a","affiliation_id":{"identifier":"04dcc3438","type":"ror"}}}}}`,
		`{"dmp":{"dataset":[{"title":"d","is_reused":"yes","keyword":"k","distribution":{"title":"x","byte_size":"12","data_access":"open","host":{"title":"h","url":"u","supports_versioning":"yes"}}}]}}`,
		`{"dmp":{"project":[{"title":"p","project_id":"https://x","project_id_type":"URL","start":"2021-09-03T00:00:00Z","funding":[{"funder_id":{"identifier":"501100001665","type":"fundref"},"funder_name":"ANR"}]}]}}`,
		`{"dmp":{"dataset":[{"technical_resource":[{"name":"CC-IN2P3","fairmeta_resource_need":[{"year":2026,"resource":"cpu","amount":"1e6","unit":"core-hours"},{"year":0,"amount":0}]}]}]}}`,
		`{"meta":{"title":"t"},"project":{"startDate":"2019"},"researchOutput":[{"dataStorage":{"estimatedVolume":"3","volumeUnit":"To","facility":[{"title":"f"}]}}]}`,
		`[1, "\ud800", {"a": {"a": {"a": null}}}, 1e400, -0.0]`,
		`{"dmp": {"dmp": {}}, "dmp": 3}`,
	} {
		f.Add([]byte(s))
	}
	for _, dir := range []string{"testdata", "testdata/resources"} {
		m, _ := filepath.Glob(filepath.Join(dir, "*.json"))
		for _, p := range m {
			if data, err := os.ReadFile(p); err == nil {
				f.Add(data)
			}
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		dmp.Validate(data)
		dmp.ReadOPIDoR(data)
		doc, _, err := dmp.Read(data)
		if err != nil {
			return
		}
		var out bytes.Buffer
		if err := doc.Write(&out); err != nil {
			t.Fatal(err)
		}
		again, _, err := dmp.Read(out.Bytes())
		if err != nil {
			t.Fatalf("the written document does not read: %v\n%s", err, out.Bytes())
		}
		var out2 bytes.Buffer
		again.Write(&out2)
		if !bytes.Equal(out.Bytes(), out2.Bytes()) {
			t.Fatalf("writing is not stable:\n%s\n%s", out.Bytes(), out2.Bytes())
		}
		doc.Upgrade()
		out.Reset()
		if err := doc.Write(&out); err != nil {
			t.Fatal(err)
		}
		if _, _, err := dmp.Read(out.Bytes()); err != nil {
			t.Fatalf("the upgraded document does not read: %v", err)
		}
		doc.Demands()
		for i := range doc.DMP.Datasets {
			doc.DatasetResource(i)
		}
		doc.PlanResource()
	})
}
