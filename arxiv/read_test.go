package arxiv_test

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dop2i/fairmeta/arxiv"
	"github.com/dop2i/fairmeta/fair"
	"github.com/dop2i/fairmeta/format"
	"github.com/dop2i/fairmeta/internal/pubtest"
)

func read(t *testing.T, name string) ([]*fair.Resource, fair.Notes) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	f, recs, notes, err := format.Default().Read("", b)
	if err != nil {
		t.Fatal(err)
	}
	if f.Name != "arxiv" {
		t.Fatalf("%s detected as %s", name, f.Name)
	}
	return recs, notes
}

func jsonOf(v any) string { b, _ := json.Marshal(v); return string(b) }

type check struct {
	name      string
	got, want any
}

func run(t *testing.T, checks []check) {
	t.Helper()
	for _, c := range checks {
		if g, w := jsonOf(c.got), jsonOf(c.want); g != w {
			t.Errorf("%s:\n got %s\nwant %s", c.name, g, w)
		}
	}
}

func TestReadAPIFeed(t *testing.T) {
	recs, notes := read(t, "api-feed.xml")
	if len(recs) != 2 {
		t.Fatalf("%d records", len(recs))
	}
	r, old := recs[0], recs[1]
	run(t, []check{
		{"identifier", r.Identifier, fair.Identifier{Value: "10.48550/arXiv.2101.00001", Type: "DOI"}},
		{"arXiv id", r.ArXivID(), "2101.00001"},
		{"version", r.Version, "v2"},
		{"journal DOI", r.AlternateIdentifiersOf("DOI"), []string{"10.1103/physrevd.103.000001"}},
		{"type", r.ResourceType.General, fair.ResourceTypePreprint},
		{"title", r.MainTitle(), "A synthetic measurement of a cross-section"},
		{"creators", []string{r.Creators[0].Name, r.Creators[1].Name, r.Creators[2].Name}, []string{"Dupont, Marie", "van der Berg, Jan", "SYNTH Collaboration"}},
		{"collaboration", r.Creators[2].NameType, fair.NameOrganizational},
		{"affiliation", r.Creators[0].Affiliations, []fair.Affiliation{{Name: "IJCLab, Université Paris-Saclay, CNRS/IN2P3, Orsay, France"}}},
		{"primary category", r.ArXivPrimaryCategory(), "hep-ex"},
		{"subjects", r.Subjects, []fair.Subject{{Subject: "hep-ex", Scheme: "arXiv", SchemeURI: fair.SubjectSchemeURIArXiv},
			{Subject: "astro-ph.HE", Scheme: "arXiv", SchemeURI: fair.SubjectSchemeURIArXiv}, {Subject: "81T13", Scheme: "MSC"}}},
		{"dates", r.Dates, []fair.Date{{Date: "2021-03-15", Type: fair.DateUpdated, Information: "v2"}, {Date: "2021-01-01", Type: fair.DateIssued, Information: "v1"}}},
		{"year", r.PublicationYear, 2021},
		{"journal ref", r.Descriptions[2], fair.Description{Description: "Phys. Rev. D 103, 000001 (2021)", Type: fair.DescriptionSeriesInformation}},
		{"pdf", r.Distributions, []fair.Distribution{{Name: "pdf", ContentURL: "http://arxiv.org/pdf/2101.00001v2", MediaType: "application/pdf"}}},
		{"url", r.URL, "https://arxiv.org/abs/2101.00001"},
		{"old style", [3]string{old.ArXivID(), old.Identifier.Value, old.Version}, [3]string{"hep-th/9901001", "10.48550/arXiv.hep-th/9901001", "v1"}},
		{"TeX accent", old.Creators[0].Name, "Jiménez, Ana"},
	})
	var feedNotes int
	for _, n := range notes {
		if strings.HasPrefix(n.Path, "feed/") {
			feedNotes++
		}
	}
	if feedNotes != 7 { // link, title, id, updated and the three opensearch counts
		t.Errorf("%d notes on the feed's envelope, want 7: %v", feedNotes, notes)
	}
}

func TestReadOAIArXiv(t *testing.T) {
	recs, _ := read(t, "oai-arXiv.xml")
	r := recs[0]
	run(t, []check{
		{"identifier", r.Identifier.Value, "10.48550/arXiv.0704.0001"},
		{"creators", r.Creators, []fair.Creator{
			{Name: "Balázs, Csaba", NameType: fair.NamePersonal, GivenName: "Csaba", FamilyName: "Balázs", Affiliations: []fair.Affiliation{{Name: "Argonne National Laboratory"}}},
			{Name: "Lefèvre, Camille", NameType: fair.NamePersonal, GivenName: "Camille", FamilyName: "Lefèvre", Affiliations: []fair.Affiliation{{Name: "LAPP, Annecy"}, {Name: "CNRS/IN2P3"}}},
			{Name: "Smith, John, Jr", NameType: fair.NamePersonal, GivenName: "John", FamilyName: "Smith Jr"}}},
		{"categories", []string{r.Subjects[0].Subject, r.Subjects[1].Subject}, []string{"hep-ph", "astro-ph.CO"}},
		{"msc", []string{r.Subjects[2].Scheme + " " + r.Subjects[2].Subject, r.Subjects[3].Subject}, []string{"MSC 81T13", "81V05"}},
		{"report numbers", r.AlternateIdentifiersOf(fair.AltIDReportNumber), []string{"ANL-HEP-PR-07-12", "LAPTH-0001"}},
		{"doi", r.AlternateIdentifiersOf("DOI"), []string{"10.1103/physrevd.76.013009"}},
		{"licence", r.Rights, []fair.Rights{{URI: "http://arxiv.org/licenses/nonexclusive-distrib/1.0/"}}},
		{"dates", r.Dates, []fair.Date{{Date: "2007-04-02", Type: fair.DateIssued, Information: "v1"}, {Date: "2007-07-24", Type: fair.DateUpdated}}},
		{"title", r.MainTitle(), "An invented calculation of diphoton production"},
	})
}

func TestReadOAIArXivRaw(t *testing.T) {
	recs, notes := read(t, "oai-arXivRaw.xml")
	if len(recs) != 1 {
		t.Fatalf("%d records (one is deleted)", len(recs))
	}
	r := recs[0]
	var names []string
	for _, c := range r.Creators {
		var affs []string
		for _, a := range c.Affiliations {
			affs = append(affs, a.Name)
		}
		names = append(names, c.Name+" | "+strings.Join(affs, "; "))
	}
	run(t, []check{
		{"creators", names, []string{"Dubois, R. | IJCLab, Orsay, France", "Müller, S. | IJCLab, Orsay, France; CERN, Geneva, Switzerland",
			"Šimek, M. | CERN, Geneva, Switzerland", "Kowalski, A. | ", "the SYNTH Collaboration | "}},
		{"version", r.Version, "v2"},
		{"dates", r.Dates, []fair.Date{{Date: "2021-01-02", Type: fair.DateIssued, Information: "v1"}, {Date: "2021-02-01", Type: fair.DateUpdated, Information: "v2"}}},
		{"size", r.Sizes, []string{"530kb"}},
		{"submitter", r.Contributors, []fair.Contributor{{Creator: fair.Creator{Name: "Dubois, René", NameType: fair.NamePersonal, GivenName: "René", FamilyName: "Dubois"}, ContributorType: fair.ContributorContactPerson}}},
		{"title", r.MainTitle(), "An invented Beam test of a über-detector"},
	})
	var deleted, proxy, token bool
	for _, n := range notes {
		deleted = deleted || n.Reason == "a deleted record"
		proxy = proxy || strings.HasSuffix(n.Path, "proxy")
		token = token || strings.Contains(n.Path, "resumptionToken")
	}
	if !deleted || !proxy || !token {
		t.Errorf("notes lack the deleted record, the proxy or the resumption token: %v", notes)
	}
}

func TestDecodeTeX(t *testing.T) {
	for in, want := range map[string]string{
		`Bal\'azs`: "Balázs", `{\"o}`: "ö", `\"{u}ber`: "über", `\v{S}imek`: "Šimek", `Stra\ss e`: "Straße",
		`\c{c}a`: "ça", `\'{\i}`: "í", `{B}eam`: "Beam", `$\alpha$ \cite{x}`: `$\alpha$ \cite{x}`, `\o ster`: "øster", "\\`e": "è",
	} {
		if got := arxiv.DecodeTeXForTest(in); got != want {
			t.Errorf("decodeTeX(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestErrors(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"oai error", `<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><error code="idDoesNotExist">no such id</error></OAI-PMH>`, "idDoesNotExist"},
		{"api error", `<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>http://arxiv.org/api/errors#incorrect_id</id><title>Error</title><summary>incorrect id format</summary></entry></feed>`, "incorrect id format"},
		{"oai_dc", `<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><GetRecord><record><header><identifier>x</identifier></header><metadata><dc/></metadata></record></GetRecord></OAI-PMH>`, "harvest with metadataPrefix"},
		{"bad id", `<arXiv xmlns="http://arxiv.org/OAI/arXiv/"><id>2113.00001</id></arXiv>`, "month"},
		{"not arXiv", `<resource xmlns="http://datacite.org/schema/kernel-4"/>`, "not an arXiv feed"},
		{"not XML", `{"a": 1}`, "no element"},
		{"malformed", `<feed><entry></feed>`, "line 1"},
	} {
		_, _, err := arxiv.Read([]byte(tc.in))
		var re *arxiv.ReadError
		if !errors.As(err, &re) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want a ReadError with %q", tc.name, err, tc.want)
		}
	}
}

// TestSurvivesConversion: arXiv → fair → DataCite XML (XSD-valid) and → schema.org keep authors, affiliations,
// the DOI and the arXiv identifier.
func TestSurvivesConversion(t *testing.T) {
	var names []string
	var recs []*fair.Resource
	for _, f := range []string{"api-feed.xml", "oai-arXiv.xml", "oai-arXivRaw.xml"} {
		rs, _ := read(t, f)
		for i, r := range rs {
			names = append(names, f+"["+string(rune('0'+i))+"]")
			recs = append(recs, r)
		}
	}
	if valid := pubtest.Survives(t, names, recs); valid != len(recs) {
		t.Errorf("%d of %d records are valid DataCite 4.7 XML; an arXiv record has every mandatory property", valid, len(recs))
	}
}
