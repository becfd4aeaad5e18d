package dmp_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/dop2i/fairmeta/dmp"
)

// base is a valid 1.2 plan with one dataset; each case changes one thing with %s.
const base = `{"dmp": {"title": "P", "language": "eng", "created": %q, "modified": "2024-01-02T00:00:00Z",
  "ethical_issues_exist": "no", "dmp_id": {"identifier": "10.5072/p", "type": "doi"},
  "contact": {"name": "C", "mbox": %q, "contact_id": {"identifier": %q, "type": "orcid"},
    "affiliation": [{"name": "A", "affiliation_id": {"identifier": %q, "type": "ror"}}]},
  "cost": [{"title": "storage", "currency_code": %q}],
  "project": [{"title": "P", "start": "2024-01-01", "end": %q,
    "funding": [{"funder_id": {"identifier": %q, "type": "fundref"}}]}],
  "dataset": [{"title": "D", "personal_data": "no", "sensitive_data": "no", "dataset_id": {"identifier": %q, "type": "doi"},
    "distribution": [{"title": "d", "data_access": "open", "download_url": %q,
      "host": {"title": "H", "url": "https://h.example.org", "host_id": [{"identifier": %q, "type": "re3data"}]}}]}]}}`

type fields struct{ created, mbox, orcid, ror, currency, end, funder, doi, download, re3data string }

func (f fields) doc() []byte {
	return []byte(fmt.Sprintf(base, f.created, f.mbox, f.orcid, f.ror, f.currency, f.end, f.funder, f.doi, f.download, f.re3data))
}

func good() fields {
	return fields{"2024-01-01T00:00:00Z", "c@example.org", "0000-0002-1825-0097", "https://ror.org/04dcc3438", "EUR", "2025-12-31",
		"501100001665", "10.5072/d", "https://h.example.org/d.fits", "r3d100010468"}
}

func TestValidateWarnings(t *testing.T) {
	rep, err := dmp.Validate(good().doc())
	if err != nil || len(rep) != 0 {
		t.Fatalf("the base document: %v %v", rep, err)
	}
	tests := []struct {
		name   string
		change func(*fields)
		path   string
		say    string
	}{
		{"ORCID check digit", func(f *fields) { f.orcid = "0000-0002-1825-0098" }, "dmp.contact.contact_id.identifier", "wrong check character"},
		{"ROR checksum", func(f *fields) { f.ror = "04dcc3439" }, "dmp.contact.affiliation[0].affiliation_id.identifier", "checksum"},
		{"withdrawn currency", func(f *fields) { f.currency = "HRK" }, "dmp.cost[0].currency_code", "Croatia uses EUR"},
		{"project ends before it starts", func(f *fields) { f.end = "2023-12-31" }, "dmp.project[0].end", "before it starts"},
		{"date-time as date", func(f *fields) { f.end = "2025-12-31T00:00:00Z" }, "dmp.project[0].end", "not an ISO 8601 date"},
		{"crossref funder id", func(f *fields) { f.funder = "ANR" }, "dmp.project[0].funding[0].funder_id.identifier", "Crossref Funder Registry"},
		{"DOI syntax", func(f *fields) { f.doi = "10.5072" }, "dmp.dataset[0].dataset_id.identifier", "DOI"},
		{"re3data id", func(f *fields) { f.re3data = "zenodo" }, "dmp.dataset[0].distribution[0].host.host_id[0].identifier", "re3data"},
		{"email", func(f *fields) { f.mbox = "c at example.org" }, "dmp.contact.mbox", "e-mail"},
		{"url", func(f *fields) { f.download = "d.fits" }, "dmp.dataset[0].distribution[0].download_url", "absolute URL"},
		{"date-time without zone", func(f *fields) { f.created = "2024-01-01T00:00:00" }, "dmp.created", "without a time zone"},
		{"modified before created", func(f *fields) { f.created = "2024-02-01T00:00:00Z" }, "dmp.modified", "before created"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := good()
			tt.change(&f)
			rep, err := dmp.Validate(f.doc())
			if err != nil {
				t.Fatal(err)
			}
			if rep.HasErrors() {
				t.Errorf("a warning case has errors: %v", rep.Errors())
			}
			if len(rep) != 1 || rep[0].Path != tt.path || !strings.Contains(rep[0].Message, tt.say) {
				t.Errorf("got %v, want one warning at %s saying %q", rep, tt.path, tt.say)
			}
		})
	}
	f := good()
	f.funder = "https://doi.org/10.13039/501100001665"
	if rep, _ := dmp.Validate(f.doc()); len(rep) != 0 {
		t.Errorf("a funder DOI URL: %v", rep)
	}
}

func TestValidateSyntaxError(t *testing.T) {
	_, err := dmp.Validate([]byte("{\n  \"dmp\": {\n    \"title\": \"x\",\n  }\n}"))
	var se *dmp.SyntaxError
	if !errors.As(err, &se) || se.Line != 4 || se.Column != 3 {
		t.Fatalf("got %v, want a *SyntaxError at line 4, column 3", err)
	}
	deep := strings.Repeat("[", dmp.MaxDepth+1) + strings.Repeat("]", dmp.MaxDepth+1)
	if _, err := dmp.Validate([]byte(deep)); !errors.As(err, &se) {
		t.Errorf("nesting beyond MaxDepth: %v", err)
	}
}
