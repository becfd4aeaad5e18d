package assess

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/dop2i/fairmeta/doi"
	"github.com/dop2i/fairmeta/fair"
)

// fullDataset is a dataset record that passes every offline test of the data metrics: a record that has applied
// every fix the assessment asks for.
func fullDataset() *fair.Resource {
	return &fair.Resource{
		Identifier: fair.Identifier{Value: "10.5281/zenodo.4271", Type: "DOI"},
		Creators: []fair.Creator{{Name: "Lefèvre, Camille", NameType: fair.NamePersonal, GivenName: "Camille", FamilyName: "Lefèvre",
			NameIdentifiers: []fair.NameIdentifier{{Value: "https://orcid.org/0000-0002-1825-0097", Scheme: "ORCID"}}}},
		Titles:          []fair.Title{{Title: "Calibrated air-shower events, run 4271"}},
		Publisher:       fair.Publisher{Name: "CC-IN2P3", Identifier: "https://ror.org/04dcc3438", IdentifierScheme: "ROR"},
		PublicationYear: 2026,
		ResourceType:    fair.ResourceType{General: fair.ResourceTypeDataset, Type: "Calibrated event list"},
		Subjects: []fair.Subject{{Subject: "Physical sciences", Scheme: "Fields of Science and Technology (FOS)",
			SchemeURI: "http://www.oecd.org/science/inno/38235147.pdf", ClassificationCode: "1.3"}},
		Keywords:     []string{"cosmic rays"},
		Contributors: []fair.Contributor{{Creator: fair.Creator{Name: "CC-IN2P3", NameType: fair.NameOrganizational}, ContributorType: fair.ContributorHostingInstitution}},
		Dates:        []fair.Date{{Date: "2026-11-02", Type: fair.DateCreated}},
		Formats:      []string{"application/x-hdf5"},
		Sizes:        []string{"6 GB"},
		Rights: []fair.Rights{{Rights: "Creative Commons Attribution 4.0 International", Identifier: "CC-BY-4.0", IdentifierScheme: "SPDX",
			URI: "https://creativecommons.org/licenses/by/4.0/legalcode"}},
		AccessRights: fair.AccessOpen,
		Descriptions: []fair.Description{
			{Type: fair.DescriptionAbstract, Description: "Air-shower events of run 4271."},
			{Type: fair.DescriptionTechnicalInfo, Description: "Variables: energy (EeV), zenith angle (deg), core position (m)."},
		},
		RelatedIdentifiers: []fair.RelatedIdentifier{
			{Identifier: "swh:1:rev:309cf2674ee7a0749978cf8265ab91a60aea0f7d", IdentifierType: fair.IDTypeSWHID, RelationType: fair.RelIsCompiledBy},
			{Identifier: "10.5281/zenodo.1234567", IdentifierType: fair.IDTypeDOI, RelationType: fair.RelIsDerivedFrom},
			{Identifier: "https://data.example.org/runs/4271/prov.jsonld", IdentifierType: fair.IDTypeURL, RelationType: fair.RelHasMetadata,
				RelatedMetadataScheme: "PROV-O", SchemeURI: "http://www.w3.org/ns/prov#"},
			{Identifier: "https://data.example.org/runs/4271/voresource.xml", IdentifierType: fair.IDTypeURL, RelationType: fair.RelHasMetadata,
				RelatedMetadataScheme: "VOResource", SchemeURI: "http://www.ivoa.net/xml/VORegistry/v1.0"},
		},
		URL: "https://data.example.org/runs/4271",
		Distributions: []fair.Distribution{{Name: "run4271.h5", ContentURL: "https://doi.org/10.5281/zenodo.4272",
			MediaType: "application/x-hdf5", Size: 6_442_450_944}},
	}
}

// fullSoftware is a software release that passes every offline test of the software metrics.
func fullSoftware() *fair.Resource {
	return &fair.Resource{
		Identifier:           fair.Identifier{Value: "10.5281/zenodo.8000001", Type: "DOI"},
		AlternateIdentifiers: []fair.Identifier{{Value: "swh:1:rel:22ece559cc7cc2364edc5e5593d63ae8bd229f9f", Type: "SWHID"}},
		Creators: []fair.Creator{
			{Name: "Lefèvre, Camille", NameType: fair.NamePersonal, Email: "camille@example.org",
				NameIdentifiers: []fair.NameIdentifier{{Value: "https://orcid.org/0000-0002-1825-0097", Scheme: "ORCID"}}},
			{Name: "IJCLab", NameType: fair.NameOrganizational},
		},
		Contributors: []fair.Contributor{{Creator: fair.Creator{Name: "IJCLab", NameType: fair.NameOrganizational}, ContributorType: fair.ContributorRightsHolder}},
		Titles:       []fair.Title{{Title: "showercal"}},
		Publisher:    fair.Publisher{Name: "Zenodo"}, PublicationYear: 2026,
		ResourceType:      fair.ResourceType{General: fair.ResourceTypeSoftware},
		Subjects:          []fair.Subject{{Subject: "Astroparticle physics"}},
		Keywords:          []string{"calibration"},
		FundingReferences: []fair.FundingReference{{FunderName: "CNRS"}},
		Dates:             []fair.Date{{Date: "2024-01-10", Type: fair.DateCreated}},
		Version:           "1.4.0",
		Formats:           []string{"application/x-hdf5", "application/fits"},
		Rights:            []fair.Rights{{Rights: "Apache License 2.0", Identifier: "Apache-2.0", IdentifierScheme: "SPDX", URI: "https://spdx.org/licenses/Apache-2.0.html"}},
		Descriptions: []fair.Description{
			{Type: fair.DescriptionAbstract, Description: "Calibrates air-shower events."},
			{Type: fair.DescriptionTechnicalInfo, Description: "Install with go install; run showercal -run 4271."},
		},
		RelatedIdentifiers: []fair.RelatedIdentifier{
			{Identifier: "10.5281/zenodo.8000000", IdentifierType: fair.IDTypeDOI, RelationType: fair.RelIsVersionOf},
			{Identifier: "10.5281/zenodo.8000002", IdentifierType: fair.IDTypeDOI, RelationType: fair.RelHasPart},
			{Identifier: "10.5281/zenodo.8000003", IdentifierType: fair.IDTypeDOI, RelationType: fair.RelHasPart},
			{Identifier: "https://showercal.example.org/docs", IdentifierType: fair.IDTypeURL, RelationType: fair.RelIsDocumentedBy},
			{Identifier: "10.1234/article.5", IdentifierType: fair.IDTypeDOI, RelationType: fair.RelIsDescribedBy, ResourceTypeGeneral: fair.ResourceTypeJournalArticle},
			{Identifier: "https://www.hdfgroup.org/solutions/hdf5/", IdentifierType: fair.IDTypeURL, RelationType: fair.RelReferences, ResourceTypeGeneral: fair.ResourceTypeStandard},
			{Identifier: "https://showercal.example.org/prov/1.4.0.jsonld", IdentifierType: fair.IDTypeURL, RelationType: fair.RelHasMetadata,
				RelatedMetadataScheme: "PROV-O", SchemeURI: "http://www.w3.org/ns/prov#"},
		},
		Software: fair.Software{
			CodeRepository: "https://gitlab.in2p3.fr/showers/showercal", ProgrammingLanguages: []string{"Go"},
			Requirements: []fair.Requirement{{Name: "gonum.org/v1/gonum", Version: "v0.15.0"}}, IssueTracker: "https://gitlab.in2p3.fr/showers/showercal/-/issues",
			ContinuousIntegration: "https://gitlab.in2p3.fr/showers/showercal/-/pipelines", DevelopmentStatus: "active",
			Commit: "309cf2674ee7a0749978cf8265ab91a60aea0f7d", Tag: "v1.4.0",
		},
	}
}

func assess(t *testing.T, r *fair.Resource, opts ...Option) *Result {
	t.Helper()
	rep, err := Assess(context.Background(), r, opts...)
	if err != nil {
		t.Fatalf("Assess: %v", err)
	}
	return rep
}

// breakers make one offline test fail on the full record (dataset or software, by the test's metric set). Each
// is the smallest change that takes away what the test looks for.
var breakers = map[string]func(r *fair.Resource){
	"FsF-F1-01MD-1": func(r *fair.Resource) { r.Identifier = fair.Identifier{Value: "run 4271"}; r.URL = "" },
	"FsF-F1-01MD-2": func(r *fair.Resource) { r.Distributions[0].ContentURL = "run4271.h5" },
	"FsF-F1-02MD-1": func(r *fair.Resource) {
		r.Identifier = fair.Identifier{Value: "https://data.example.org/runs/4271", Type: "URL"}
	},
	"FsF-F1-02MD-4": func(r *fair.Resource) { r.Distributions[0].ContentURL = "https://data.example.org/runs/4271.h5" },
	"FsF-F2-01M-2":  func(r *fair.Resource) { r.Publisher = fair.Publisher{} },
	"FsF-F2-01M-3":  func(r *fair.Resource) { r.Keywords, r.Subjects = nil, nil },
	"FsF-F3-01M-2":  func(r *fair.Resource) { r.Distributions = nil },
	"FsF-A1-01M-1":  func(r *fair.Resource) { r.AccessRights = "" },
	"FsF-A1.1-01MD-1": func(r *fair.Resource) {
		r.Identifier = fair.Identifier{Value: "gopher://data.example.org/4271"}
		r.URL = ""
	},
	"FsF-A1.1-01MD-2": func(r *fair.Resource) { r.Distributions[0].ContentURL = "gopher://data.example.org/4271.h5" },
	"FsF-A1.2-01MD-1": func(r *fair.Resource) {
		r.Identifier = fair.Identifier{Value: "telnet://data.example.org/4271"}
		r.URL = ""
	},
	"FsF-A1.2-01MD-2": func(r *fair.Resource) { r.Distributions[0].ContentURL = "ws://data.example.org/4271.h5" },
	"FsF-I2-01M-2":    func(r *fair.Resource) { r.Subjects = []fair.Subject{{Subject: "cosmic rays"}} },
	"FsF-I3-01M-1":    func(r *fair.Resource) { r.RelatedIdentifiers, r.RelatedItems, r.References = nil, nil, nil },
	"FsF-I3-01M-2": func(r *fair.Resource) {
		r.RelatedIdentifiers = nil
		r.References = []fair.RelatedItem{{Type: fair.ResourceTypeJournalArticle, RelationType: fair.RelIsCitedBy, Titles: []fair.Title{{Title: "A paper"}}}}
	},
	"FsF-R1-01M-1":   func(r *fair.Resource) { r.ResourceType = fair.ResourceType{General: "Data"} },
	"FsF-R1-01M-2":   func(r *fair.Resource) { r.Sizes = nil; r.Distributions[0].Size = 0 },
	"FsF-R1-01M-3":   func(r *fair.Resource) { r.Descriptions = r.Descriptions[:1] },
	"FsF-R1.1-01M-1": func(r *fair.Resource) { r.Rights = []fair.Rights{{Rights: "info:eu-repo/semantics/openAccess"}} },
	"FsF-R1.2-01M-1": func(r *fair.Resource) {
		r.Contributors, r.Publisher, r.Dates, r.PublicationYear, r.RelatedIdentifiers = nil, fair.Publisher{}, nil, 0, r.RelatedIdentifiers[:1]
	},
	"FsF-R1.2-01M-2": func(r *fair.Resource) { r.RelatedIdentifiers = r.RelatedIdentifiers[:2] },
	"FsF-R1.3-01M-1": func(r *fair.Resource) { r.RelatedIdentifiers = r.RelatedIdentifiers[:3] },
	"FsF-R1.3-01M-3": func(r *fair.Resource) { // no DOI for DataCite, and no linked PROV record (PROV is a generic standard too)
		r.Identifier = fair.Identifier{Value: "https://data.example.org/runs/4271", Type: "URL"}
		r.RelatedIdentifiers = r.RelatedIdentifiers[:2]
	},
	"FsF-R1.3-02D-1": func(r *fair.Resource) {
		r.Formats = []string{"application/x-acme-binary"}
		r.Distributions[0].MediaType, r.Distributions[0].Name = "", "run4271.acme"
		r.Distributions[0].ContentURL = "https://doi.org/10.5281/zenodo.4272"
	},

	"FRSM-01-F1-2": func(r *fair.Resource) {
		r.Identifier = fair.Identifier{Value: "https://showercal.example.org/1.4.0", Type: "URL"}
		r.AlternateIdentifiers = nil
	},
	"FRSM-01-F1-3": func(r *fair.Resource) {
		r.Identifier = fair.Identifier{Value: "hdl:20.500.12345/showercal-1.4.0", Type: "Handle"}
		r.AlternateIdentifiers = nil
	},
	"FRSM-02-F1.1-1": func(r *fair.Resource) { r.RelatedIdentifiers[2].Identifier = r.RelatedIdentifiers[1].Identifier },
	"FRSM-02-F1.1-2": func(r *fair.Resource) { r.RelatedIdentifiers = r.RelatedIdentifiers[3:] },
	"FRSM-03-F1.2-1": func(r *fair.Resource) { r.RelatedIdentifiers[0].Identifier = r.Identifier.Value },
	"FRSM-03-F1.2-2": func(r *fair.Resource) { r.RelatedIdentifiers = r.RelatedIdentifiers[1:] },
	"FRSM-03-F1.2-3": func(r *fair.Resource) { r.Version = "" },
	"FRSM-04-F2-1":   func(r *fair.Resource) { r.Descriptions = r.Descriptions[1:] },
	"FRSM-04-F2-2":   func(r *fair.Resource) { r.Subjects, r.FundingReferences, r.Dates = nil, nil, nil },
	"FRSM-04-F2-3":   func(r *fair.Resource) { r.Software.ProgrammingLanguages = nil },
	"FRSM-05-R1-1": func(r *fair.Resource) {
		r.Creators[0].Email, r.Software.IssueTracker = "", ""
	},
	"FRSM-05-R1-2": func(r *fair.Resource) { r.Software.DevelopmentStatus = "" },
	"FRSM-05-R1-3": func(r *fair.Resource) { r.Software.IssueTracker, r.Software.ContinuousIntegration = "", "" },
	"FRSM-06-F2-1": func(r *fair.Resource) { r.Creators, r.Contributors = nil, nil },
	"FRSM-06-F2-2": func(r *fair.Resource) {
		r.Creators = append(r.Creators, fair.Creator{Name: "Rossi, Paolo", NameType: fair.NamePersonal})
	},
	"FRSM-07-F3-1": func(r *fair.Resource) { r.Identifier, r.AlternateIdentifiers = fair.Identifier{}, nil },
	"FRSM-08-F4-1": func(r *fair.Resource) {
		r.Identifier = fair.Identifier{Value: "https://showercal.example.org", Type: "URL"}
		r.AlternateIdentifiers = nil
	},
	"FRSM-08-F4-3": func(r *fair.Resource) { r.AlternateIdentifiers = nil },
	"FRSM-09-A1-1": func(r *fair.Resource) { r.Software.CodeRepository = "gitlab.in2p3.fr/showers/showercal" },
	"FRSM-09-A1-2": func(r *fair.Resource) { r.Software.CodeRepository = "telnet://gitlab.in2p3.fr/showers/showercal" },
	"FRSM-10-I1-1": func(r *fair.Resource) { r.Formats = nil },
	"FRSM-10-I1-2": func(r *fair.Resource) { r.Formats = []string{"application/x-acme-binary"} },
	"FRSM-10-I1-3": func(r *fair.Resource) { r.RelatedIdentifiers[5].ResourceTypeGeneral = fair.ResourceTypeText },
	"FRSM-12-I2-1": func(r *fair.Resource) { r.RelatedIdentifiers = r.RelatedIdentifiers[:3] },
	"FRSM-13-R1-1": func(r *fair.Resource) {
		r.Descriptions = r.Descriptions[:1]
		r.RelatedIdentifiers = r.RelatedIdentifiers[:3]
	},
	"FRSM-13-R1-2": func(r *fair.Resource) { r.Software.Requirements = nil },
	"FRSM-15-R1.1-3": func(r *fair.Resource) {
		r.Rights = []fair.Rights{{Rights: "Proprietary licence of IJCLab", URI: "https://ijclab.example.org/licence"}}
	},
	"FRSM-16-R1.1-1": func(r *fair.Resource) { r.Contributors = nil },
	"FRSM-16-R1.1-2": func(r *fair.Resource) { r.Rights = []fair.Rights{{Rights: "Proprietary licence of IJCLab"}} },
	"FRSM-17-R1.2-1": func(r *fair.Resource) { r.Software.Commit, r.Software.Tag = "", "" },
	"FRSM-17-R1.2-3": func(r *fair.Resource) { r.RelatedIdentifiers = r.RelatedIdentifiers[:6] },
}

// TestEveryOfflineTestPassesAndFails checks, for every offline test of both metric sets, a record that passes it
// (the full record) and one that fails it (the full record with one breaker applied), and that the failure comes
// with a fix.
func TestEveryOfflineTestPassesAndFails(t *testing.T) {
	for _, set := range []struct {
		name string
		defs []metricDef
		full func() *fair.Resource
		opt  Option
	}{{"data", dataMetrics, fullDataset, WithMetricSet(MetricsData)}, {"software", softwareMetrics, fullSoftware, WithMetricSet(MetricsSoftware)}} {
		good := assess(t, set.full(), set.opt)
		for _, m := range set.defs {
			for _, td := range m.tests {
				if checks[td.id].kind != kindOffline {
					continue
				}
				t.Run(td.id, func(t *testing.T) {
					if got, _ := good.Test(td.id); got.Outcome != OutcomePass {
						t.Errorf("full %s record: %s %s (%s), want pass", set.name, td.id, got.Outcome, got.Detail)
					}
					brk, ok := breakers[td.id]
					if !ok {
						t.Fatalf("no failing record for %s", td.id)
					}
					r := set.full()
					brk(r)
					got, _ := assess(t, r, set.opt).Test(td.id)
					if got.Outcome != OutcomeFail {
						t.Errorf("broken record: %s %s (%s), want fail", td.id, got.Outcome, got.Detail)
					}
					if len(got.Fixes) == 0 || got.Detail == "" {
						t.Errorf("broken record: %s failed without detail or fix: %+v", td.id, got)
					}
				})
			}
		}
	}
}

// TestRepositoryTestsNeverRun checks that the tests needing the source repository are reported as not run, with
// their reason, even with an HTTP client.
func TestRepositoryTestsNeverRun(t *testing.T) {
	for _, opts := range [][]Option{nil, {WithHTTPClient(&http.Client{Transport: refuseTransport{}})}} {
		rep := assess(t, fullSoftware(), opts...)
		n := 0
		for _, m := range rep.Metrics {
			for _, tr := range m.Tests {
				if checks[tr.ID].kind == kindRepository {
					n++
					if tr.Outcome != OutcomeNotRun || tr.Earned != 0 || !strings.Contains(tr.Detail, "source repository") {
						t.Errorf("%s: %s, earned %v, detail %q; want not run with the reason", tr.ID, tr.Outcome, tr.Earned, tr.Detail)
					}
				}
			}
		}
		if n != 11 {
			t.Errorf("%d repository tests, want 11", n)
		}
	}
}

// refuseTransport fails every request: a network that is down.
type refuseTransport struct{}

func (refuseTransport) RoundTrip(*http.Request) (*http.Response, error) {
	return nil, errors.New("connection refused")
}

// noNameLookups is a client on a machine whose DNS server cannot be reached: Go's own resolver, dialing a server
// that is not there, so every host name fails to resolve with a *net.DNSError.
func noNameLookups() *http.Client {
	r := &net.Resolver{PreferGo: true, Dial: func(context.Context, string, string) (net.Conn, error) {
		return nil, errors.New("no DNS server on this network")
	}}
	return &http.Client{Transport: &http.Transport{DialContext: (&net.Dialer{Resolver: r}).DialContext}}
}

// TestFullRecordsReachOfflineMaximum checks that a record that fixes every reported problem reaches the maximum
// offline checking allows, and reports nothing left to fix offline.
func TestFullRecordsReachOfflineMaximum(t *testing.T) {
	for name, r := range map[string]*fair.Resource{"dataset": fullDataset(), "software": fullSoftware()} {
		rep := assess(t, r)
		if rep.Overall.Earned != rep.Reachable {
			t.Errorf("%s: earned %v, want the offline maximum %v", name, rep.Overall.Earned, rep.Reachable)
		}
		if f := rep.FailedTests(); len(f) > 0 {
			t.Errorf("%s: %d tests fail, first %s: %s", name, len(f), f[0].ID, f[0].Detail)
		}
		if len(rep.Fixes) != 0 {
			t.Errorf("%s: fixes left: %v", name, rep.Fixes)
		}
	}
	// The maxima follow from the definitions: the sum over metrics of the offline tests' points, capped at each
	// metric's total. Data: 26 points less FsF-F1-02MD-2 (0.5), F4-01M (2), A1-02MD (2) and I1-01M (2). Software:
	// 45 points less FRSM-01-F1-1, 07-F3-2, 08-F4-2 (network, 3) and the 11 points of the repository tests.
	for _, c := range []struct {
		r    *fair.Resource
		want float64
	}{{fullDataset(), 19.5}, {fullSoftware(), 31}} {
		if got := assess(t, c.r).Reachable; got != c.want {
			t.Errorf("%s: reachable offline %v, want %v", c.r.MainTitle(), got, c.want)
		}
	}
}

// TestMinimalRecord checks the fixes for a record with only the DataCite mandatory properties.
func TestMinimalRecord(t *testing.T) {
	rep := assess(t, minimalRecord())
	full := assess(t, fullDataset())
	if rep.Overall.Earned >= full.Overall.Earned {
		t.Errorf("minimal record scores %v, full %v", rep.Overall.Earned, full.Overall.Earned)
	}
	var all []string
	for _, f := range rep.Fixes {
		all = append(all, f.Text)
	}
	text := strings.Join(all, "\n")
	for _, want := range []string{`add a licence: add to rights an entry with an SPDX identifier, e.g. {"rights": `, "state the access level", fixAddDistribution} {
		if !strings.Contains(text, want) {
			t.Errorf("fixes do not say %q:\n%s", want, text)
		}
	}
}

func minimalRecord() *fair.Resource {
	return &fair.Resource{
		Identifier:      fair.Identifier{Value: "10.5281/zenodo.4271", Type: "DOI"},
		Creators:        []fair.Creator{{Name: "Lefèvre, Camille"}},
		Titles:          []fair.Title{{Title: "Calibrated air-shower events, run 4271"}},
		Publisher:       fair.Publisher{Name: "CC-IN2P3"},
		PublicationYear: 2026,
		ResourceType:    fair.ResourceType{General: fair.ResourceTypeDataset},
	}
}

// TestAccessInformation checks the forms of access information FsF-A1-01M-1 accepts, and that a licence is not one.
func TestAccessInformation(t *testing.T) {
	for _, c := range []struct {
		name   string
		set    func(r *fair.Resource)
		passes bool
	}{
		{"COAR term", func(r *fair.Resource) { r.AccessRights = fair.AccessEmbargoed }, true},
		{"EU authority URI in rights", func(r *fair.Resource) {
			r.Rights = append(r.Rights, fair.Rights{URI: "http://publications.europa.eu/resource/authority/access-right/RESTRICTED"})
		}, true},
		{"OpenAIRE term in rights", func(r *fair.Resource) {
			r.Rights = append(r.Rights, fair.Rights{Rights: "info:eu-repo/semantics/openAccess"})
		}, true},
		{"free-text conditions", func(r *fair.Resource) { r.AccessConditions = "On request to the collaboration's data officer" }, true},
		{"free-text rights", func(r *fair.Resource) {
			r.Rights = append(r.Rights, fair.Rights{Rights: "Available to collaboration members only"})
		}, true},
		{"a licence only", func(r *fair.Resource) {}, false},
		{"a bespoke licence only", func(r *fair.Resource) { r.Rights = []fair.Rights{{Rights: "IJCLab data licence v2"}} }, false},
	} {
		r := fullDataset()
		r.AccessRights = ""
		c.set(r)
		got, _ := assess(t, r).Test("FsF-A1-01M-1")
		if (got.Outcome == OutcomePass) != c.passes {
			t.Errorf("%s: %s (%s), want pass %v", c.name, got.Outcome, got.Detail, c.passes)
		}
	}
}

func TestFixNamesTheRelatedSoftware(t *testing.T) {
	r := fullDataset()
	r.RelatedIdentifiers = nil
	r.RelatedItems = []fair.RelatedItem{{Type: fair.ResourceTypeSoftware, RelationType: fair.RelIsCompiledBy, Titles: []fair.Title{{Title: "showercal"}}}}
	got, _ := assess(t, r).Test("FsF-I3-01M-2")
	want := `relatedItems[0] (the related software "showercal") has no persistent identifier`
	if got.Outcome != OutcomeFail || len(got.Fixes) != 1 || !strings.HasPrefix(got.Fixes[0], want) {
		t.Errorf("%s, fixes %q, want one starting %q", got.Outcome, got.Fixes, want)
	}
}

func TestFixNamesThePerson(t *testing.T) {
	r := fullSoftware()
	r.Creators = append(r.Creators, fair.Creator{Name: "Rossi, Paolo", NameType: fair.NamePersonal})
	got, _ := assess(t, r).Test("FRSM-06-F2-2")
	want := `creators[2] "Rossi, Paolo" has no ORCID: add to creators[2].nameIdentifiers {"value": "https://orcid.org/...", "scheme": "ORCID"}`
	if len(got.Fixes) != 1 || !strings.HasPrefix(got.Fixes[0], want) {
		t.Errorf("fixes %q, want one starting %q", got.Fixes, want)
	}
}

// TestSummary checks the aggregation against F-UJI's rules on hand-computed results.
func TestSummary(t *testing.T) {
	rep := &Result{Metrics: []MetricResult{
		{ID: "FsF-F1-01MD", Principle: "F1", Earned: 1, Total: 1, Maturity: 3, Status: OutcomePass},
		{ID: "FsF-F1-02MD", Principle: "F1", Earned: 0.5, Total: 1, Maturity: 1, Status: OutcomePass},
		{ID: "FsF-F2-01M", Principle: "F2", Earned: 0, Total: 2, Maturity: 0, Status: OutcomeFail},
		{ID: "FsF-A1-01M", Principle: "A1", Earned: 0, Total: 1, Maturity: 0, Status: OutcomeFail},
		{ID: "FsF-A1.1-01MD", Principle: "A1.1", Earned: 1, Total: 2, Maturity: 1, Status: OutcomePass},
		{ID: "FsF-I1-01M", Principle: "I1", Earned: 2, Total: 2, Maturity: 3, Status: OutcomePass},
		{ID: "FsF-I2-01M", Principle: "I2", Earned: 2, Total: 2, Maturity: 2, Status: OutcomePass},
		{ID: "FsF-R1-01M", Principle: "R1", Earned: 0, Total: 2, Maturity: 0, Status: OutcomeFail},
	}}
	rep.summarise()
	for _, c := range []struct {
		key  string
		got  Score
		want Score
	}{
		// F: maturity mean (3+1+0)/3 = 1.33 → 1; 1.5 of 4 points.
		{"F", rep.Categories["F"], Score{Earned: 1.5, Total: 4, Percent: 37.5, Maturity: 1, Passed: 2, Metrics: 3}},
		// A: mean 0.5 is strictly between 0 and 1 → 1.
		{"A", rep.Categories["A"], Score{Earned: 1, Total: 3, Percent: 33.33, Maturity: 1, Passed: 1, Metrics: 2}},
		// I: mean 2.5 rounds half to even → 2.
		{"I", rep.Categories["I"], Score{Earned: 4, Total: 4, Percent: 100, Maturity: 2, Passed: 2, Metrics: 2}},
		{"R", rep.Categories["R"], Score{Earned: 0, Total: 2, Percent: 0, Maturity: 0, Passed: 0, Metrics: 1}},
		{"F1", rep.Principles["F1"], Score{Earned: 1.5, Total: 2, Percent: 75, Maturity: 2, Passed: 2, Metrics: 2}},
		// Overall maturity: (1+1+2+0)/4 = 1.
		{"FAIR", rep.Overall, Score{Earned: 6.5, Total: 13, Percent: 50, Maturity: 1, Passed: 5, Metrics: 8}},
	} {
		if c.got != c.want {
			t.Errorf("%s: %+v, want %+v", c.key, c.got, c.want)
		}
	}
}

func TestPrincipleOf(t *testing.T) {
	for id, want := range map[string]string{"FsF-F1-01MD": "F1", "FsF-A1.1-01MD": "A1.1", "FsF-R1.3-02D": "R1.3", "FRSM-02-F1.1": "F1.1",
		"FRSM-09-A1": "A1", "FsF-F4-01M": "F4", "nonsense": ""} {
		if got := principleOf(id); got != want {
			t.Errorf("principleOf(%q) = %q, want %q", id, got, want)
		}
	}
}

func TestAssessErrors(t *testing.T) {
	if _, err := Assess(context.Background(), nil); !errors.Is(err, ErrNilResource) {
		t.Errorf("nil record: %v", err)
	}
	for _, o := range []Option{nil, WithHTTPClient(nil), WithDOIResolver(nil), WithMetricSet("fsf-0.5")} {
		if _, err := Assess(context.Background(), fullDataset(), o); !errors.Is(err, ErrInvalidOption) {
			t.Errorf("option %v: error %v, want ErrInvalidOption", o, err)
		}
	}
}

func TestMetricSetChoice(t *testing.T) {
	for _, c := range []struct {
		r    *fair.Resource
		want MetricSet
	}{
		{fullDataset(), MetricsData},
		{fullSoftware(), MetricsSoftware},
		{&fair.Resource{Software: fair.Software{CodeRepository: "https://example.org/x"}}, MetricsSoftware},
		{&fair.Resource{}, MetricsData},
	} {
		if got := assess(t, c.r).MetricSet; got != c.want {
			t.Errorf("%+v: metric set %s, want %s", c.r.ResourceType, got, c.want)
		}
	}
	if got := assess(t, fullSoftware(), WithMetricSet(MetricsData)).MetricSet; got != MetricsData {
		t.Errorf("WithMetricSet ignored: %s", got)
	}
}

// TestOfflineNetworkTestsNotRun checks that without a client every network test is not run and earns nothing.
func TestOfflineNetworkTestsNotRun(t *testing.T) {
	for _, r := range []*fair.Resource{fullDataset(), fullSoftware()} {
		rep := assess(t, r)
		for _, m := range rep.Metrics {
			for _, tr := range m.Tests {
				if checks[tr.ID].kind == kindNetwork && (tr.Outcome != OutcomeNotRun || tr.Earned != 0 || !tr.Network) {
					t.Errorf("%s offline: %+v", tr.ID, tr)
				}
			}
		}
		if rep.Network {
			t.Error("report says the network tests ran")
		}
	}
}

func TestResultJSON(t *testing.T) {
	rep := assess(t, minimalRecord())
	b, err := json.Marshal(rep)
	if err != nil {
		t.Fatal(err)
	}
	var back Result
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if back.Overall != rep.Overall || len(back.Metrics) != len(rep.Metrics) || len(back.Fixes) != len(rep.Fixes) ||
		back.Categories["R"] != rep.Categories["R"] {
		t.Errorf("JSON round trip changed the report")
	}
	if !strings.Contains(string(b), `"outcome":"not run"`) {
		t.Errorf("JSON has no not-run outcome:\n%s", b)
	}
}

func TestResultText(t *testing.T) {
	var b strings.Builder
	if err := assess(t, minimalRecord()).WriteText(&b); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"FAIR assessment of Calibrated air-shower events, run 4271 (10.5281/zenodo.4271)",
		"network tests not run", "FsF-R1.1-01M ", "fail    FsF-R1.1-01M-1", "How to fix", "[FsF-R1.1-01M-1] add a licence"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("text report lacks %q:\n%s", want, b.String())
		}
	}
}

func TestResultHTML(t *testing.T) {
	r := minimalRecord()
	r.Titles[0].Title = `Events <script>alert("x")</script> & more`
	var b strings.Builder
	if err := assess(t, r).WriteHTML(&b); err != nil {
		t.Fatal(err)
	}
	h := b.String()
	for _, want := range []string{"<!DOCTYPE html>", `<svg id="chart"`, `data-category="F"`, `data-category="R"`, "&lt;script&gt;", `id="FsF-R1.1-01M-1"`} {
		if !strings.Contains(h, want) {
			t.Errorf("HTML lacks %q", want)
		}
	}
	for _, bad := range []string{"<script>alert", "<script", " src=", "<link", "@import", "url("} {
		if strings.Contains(h, bad) {
			t.Errorf("HTML contains %q: not self-contained or not escaped", bad)
		}
	}
}

// loopback rewrites every request to the test server, keeping the original host in the Host header, so that
// records can name https://doi.org/... and https://data.example.org/... while the test never leaves the machine.
type loopback struct{ srv *httptest.Server }

func (l loopback) RoundTrip(req *http.Request) (*http.Response, error) {
	u, _ := url.Parse(l.srv.URL)
	r := req.Clone(req.Context())
	r.Host = req.URL.Host
	r.URL.Scheme, r.URL.Host = "http", u.Host
	return http.DefaultTransport.RoundTrip(r)
}

// fakeWeb serves doi.org (a redirect for registered DOIs), a landing page with or without JSON-LD, content
// negotiation, and data files.
func fakeWeb(t *testing.T, good bool) *http.Client {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		handle, isAPI := strings.CutPrefix(r.URL.Path, "/api/handles/")
		switch {
		case r.Host == "doi.org" && isAPI && good: // the Handle API of the DOI proxy
			w.Header().Set("Content-Type", "application/json")
			fmt.Fprintf(w, `{"responseCode":1,"handle":%q,"values":[{"index":1,"type":"URL","data":{"format":"string","value":"https://data.example.org/landing/%s"}}]}`, handle, handle)
		case r.Host == "doi.org" && isAPI:
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusNotFound)
			fmt.Fprintf(w, `{"responseCode":100,"handle":%q}`, handle)
		case r.Host == "doi.org" && good && r.Header.Get("Accept") == "application/vnd.schemaorg.ld+json": // content negotiation
			w.Header().Set("Content-Type", "application/vnd.schemaorg.ld+json")
			fmt.Fprint(w, `{"@context": "https://schema.org", "@type": "Dataset", "name": "Calibrated air-shower events, run 4271", "version": "1.4.0"}`)
		case r.Host == "doi.org" && good:
			http.Redirect(w, r, "https://data.example.org/landing"+r.URL.Path, http.StatusFound)
		case r.Host == "doi.org":
			http.NotFound(w, r)
		case r.Host == "data.example.org" && strings.HasPrefix(r.URL.Path, "/landing"):
			if strings.Contains(r.Header.Get("Accept"), "application/ld+json") && !strings.Contains(r.Header.Get("Accept"), "text/html") {
				w.Header().Set("Content-Type", "application/ld+json")
				fmt.Fprint(w, `{"@context": "https://schema.org", "@type": "Dataset", "name": "Calibrated air-shower events, run 4271", "version": "1.4.0"}`)
				return
			}
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, `<html><head><title>Run 4271</title>`)
			if good {
				fmt.Fprint(w, `<script type="application/ld+json">{"@context": "https://schema.org", "@type": "Dataset", "name": "Calibrated air-shower events, run 4271", "version": "1.4.0"}</script>`)
			}
			fmt.Fprint(w, `</head><body>Run 4271</body></html>`)
		case r.Host == "data.example.org" && good:
			w.Header().Set("Content-Type", "application/x-hdf5")
			fmt.Fprint(w, "HDF")
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(srv.Close)
	return &http.Client{Transport: loopback{srv}}
}

// TestNetworkTests checks every network test against a loopback web where the record's identifiers resolve and its
// pages carry structured metadata, and one where they do not.
func TestNetworkTests(t *testing.T) {
	dataset := func() *fair.Resource {
		r := fullDataset()
		r.URL = ""
		r.Distributions[0].ContentURL = "https://doi.org/10.5281/zenodo.4272"
		return r
	}
	software := func() *fair.Resource {
		r := fullSoftware()
		return r
	}
	for _, set := range []struct {
		name string
		defs []metricDef
		rec  func() *fair.Resource
	}{{"data", dataMetrics, dataset}, {"software", softwareMetrics, software}} {
		good := assess(t, set.rec(), WithHTTPClient(fakeWeb(t, true)))
		bad := assess(t, set.rec(), WithHTTPClient(fakeWeb(t, false)))
		down := assess(t, set.rec(), WithHTTPClient(&http.Client{Transport: refuseTransport{}}))
		noDNS := assess(t, set.rec(), WithHTTPClient(noNameLookups()))
		if !good.Network {
			t.Error("report does not say the network tests ran")
		}
		// DOIs go through the doi resolver: the Handle API for registration, content negotiation for JSON-LD.
		for id, want := range map[string]string{"FsF-F1-02MD-2": "the Handle system resolves it to https://data.example.org/landing/10.5281/zenodo.4271",
			"FsF-I1-01M-2": "content negotiation for DOI 10.5281/zenodo.4271 gives application/vnd.schemaorg.ld+json"} {
			if got, ok := good.Test(id); ok && !strings.Contains(got.Detail, want) {
				t.Errorf("%s: detail %q, want it to say %q", id, got.Detail, want)
			}
		}
		for _, m := range set.defs {
			for _, td := range m.tests {
				if checks[td.id].kind != kindNetwork {
					continue
				}
				if g, _ := good.Test(td.id); g.Outcome != OutcomePass {
					t.Errorf("%s, resolving web: %s (%s), want pass", td.id, g.Outcome, g.Detail)
				}
				for name, rep := range map[string]*Result{"web without metadata": bad, "network down": down} {
					if b, _ := rep.Test(td.id); b.Outcome != OutcomeFail || len(b.Fixes) == 0 {
						t.Errorf("%s, %s: %s (%s) fixes %q, want fail with a fix", td.id, name, b.Outcome, b.Detail, b.Fixes)
					}
				}
				if b, _ := noDNS.Test(td.id); b.Outcome != OutcomeNotChecked || len(b.Fixes) != 0 || b.Earned != 0 ||
					!strings.Contains(b.Detail, "could not check: ") || !strings.Contains(b.Detail, "no DNS server") {
					t.Errorf("%s, no name lookups: %s (%s) fixes %q, want %q without a fix, naming the lookup", td.id, b.Outcome, b.Detail, b.Fixes, OutcomeNotChecked)
				}
			}
		}
		if good.Overall.Earned != good.Overall.Total-offlineShortfall(set.name) {
			t.Errorf("%s with the network: earned %v of %v", set.name, good.Overall.Earned, good.Overall.Total)
		}
		if good.Reachable != good.Overall.Total-offlineShortfall(set.name) {
			t.Errorf("%s: reachable with the network %v, total %v", set.name, good.Reachable, good.Overall.Total)
		}
	}
}

// offlineShortfall is the points no record can earn from fairmeta: none for the data metrics, and for the
// software metrics those of the repository tests that no other test of their metric makes up.
func offlineShortfall(set string) float64 {
	if set == "data" {
		return 0
	}
	short := 0.0
	for _, m := range softwareMetrics {
		can := 0.0
		for _, td := range m.tests {
			if checks[td.id].kind != kindRepository {
				can += td.points
			}
		}
		short += m.total - math.Min(can, m.total)
	}
	return short
}

func TestNetworkCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := Assess(ctx, fullDataset(), WithHTTPClient(fakeWeb(t, true)))
	if !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled context: %v, want context.Canceled", err)
	}
}

// TestWithDOIResolver points the DOI resolution at a loopback resolver, as a pipeline's own tests do.
func TestWithDOIResolver(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if h, ok := strings.CutPrefix(r.URL.Path, "/api/handles/"); ok && h == "10.5281/zenodo.4271" {
			fmt.Fprintf(w, `{"responseCode":1,"handle":%q,"values":[{"index":1,"type":"URL","data":{"format":"string","value":"https://data.example.org/runs/4271"}}]}`, h)
			return
		}
		http.NotFound(w, r)
	}))
	defer srv.Close()
	res, err := doi.NewResolver(doi.WithBaseURL(srv.URL), doi.WithHTTPClient(srv.Client()))
	if err != nil {
		t.Fatal(err)
	}
	opts := []Option{WithHTTPClient(&http.Client{Transport: refuseTransport{}}), WithDOIResolver(res)}
	if got, _ := assess(t, fullDataset(), opts...).Test("FsF-F1-02MD-2"); got.Outcome != OutcomePass {
		t.Errorf("registered DOI: %s (%s)", got.Outcome, got.Detail)
	}
	r := fullDataset()
	r.Identifier.Value = "10.5281/zenodo.999"
	if got, _ := assess(t, r, opts...).Test("FsF-F1-02MD-2"); got.Outcome != OutcomeFail || !strings.Contains(got.Detail, "not registered") {
		t.Errorf("unregistered DOI: %s (%s)", got.Outcome, got.Detail)
	}
}

// Structured variables (schema.org variableMeasured) describe the content as well as a TechnicalInfo description.
func TestMeasuredVariablesFromVariables(t *testing.T) {
	r := fullDataset()
	breakers["FsF-R1-01M-3"](r)
	if got, _ := assess(t, r).Test("FsF-R1-01M-3"); got.Outcome != OutcomeFail {
		t.Fatalf("without a TechnicalInfo description: %s, want fail", got.Outcome)
	}
	r.Variables = []fair.Variable{{Name: "energy", Unit: "EeV"}}
	if got, _ := assess(t, r).Test("FsF-R1-01M-3"); got.Outcome != OutcomePass || !strings.Contains(got.Detail, `"energy"`) {
		t.Errorf("with Variables: %s (%s), want pass naming the variable", got.Outcome, got.Detail)
	}
}

// TestEmbeddedJSONLD: the JSON-LD of a landing page is found by package schemaorg's reader of pages, whatever the
// spelling of the script element, and a block that does not parse is counted but not returned.
func TestEmbeddedJSONLD(t *testing.T) {
	const ds = `{"@context": "https://schema.org", "@type": "Dataset", "name": "N"}`
	for _, tc := range []struct {
		name, page    string
		parsed, found int
	}{
		{"plain", `<html><script type="application/ld+json">` + ds + `</script></html>`, 1, 1},
		{"upper case, parameters, single quotes", `<HTML><SCRIPT TYPE='application/ld+json; charset=utf-8'>` + ds + `</SCRIPT></HTML>`, 1, 1},
		{"wrapped in an HTML comment", "<html><script type=\"application/ld+json\"><!--\n" + ds + "\n--></script></html>", 1, 1},
		{"two blocks, one broken", `<html><script type="application/ld+json">{"@type": </script><script type="application/ld+json">` + ds + `</script></html>`, 1, 2},
		{"other scripts only", `<html><script type="text/javascript">var x = {"@type": "Dataset"};</script></html>`, 0, 0},
		{"no script", `<html><body>Run 4271</body></html>`, 0, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			parsed, found := embeddedJSONLD([]byte(tc.page))
			if len(parsed) != tc.parsed || found != tc.found {
				t.Errorf("%d parsed of %d found, want %d of %d", len(parsed), found, tc.parsed, tc.found)
			}
		})
	}
}

// TestMultidisciplinaryStandardFix follows the fix of FsF-R1.3-01M-3 literally, both ways it names: a record
// without a DOI fails, the fix names the DOI and the HasMetadata link, and either one makes the test pass.
func TestMultidisciplinaryStandardFix(t *testing.T) {
	rec := func() *fair.Resource {
		r := fullDataset()
		r.Identifier = fair.Identifier{}
		r.RelatedIdentifiers = nil
		return r
	}
	got, _ := assess(t, rec()).Test("FsF-R1.3-01M-3")
	if got.Outcome != OutcomeFail || len(got.Fixes) != 1 {
		t.Fatalf("record without a DOI: %s (%s), fixes %q; want fail with one fix", got.Outcome, got.Detail, got.Fixes)
	}
	fix := got.Fixes[0]
	for _, want := range []string{"(add a DOI)", `add to relatedIdentifiers {"identifier": "https://...", "identifierType": "URL", "relationType": "HasMetadata", "relatedMetadataScheme": "PROV-O", "schemeURI": "http://www.w3.org/ns/prov#"}`} {
		if !strings.Contains(fix, want) {
			t.Errorf("the fix %q does not name %q", fix, want)
		}
	}
	// The entry the fix gives, read as the record's JSON form reads it, with the address of the PROV document.
	_, example, _ := strings.Cut(fix, "add to relatedIdentifiers ")
	var link fair.RelatedIdentifier
	if err := json.NewDecoder(strings.NewReader(example)).Decode(&link); err != nil {
		t.Fatalf("the fix's example %s: %v", example, err)
	}
	link.Identifier = "https://data.example.org/prov.jsonld"
	withLink := rec()
	withLink.RelatedIdentifiers = []fair.RelatedIdentifier{link}
	withDOI := rec()
	withDOI.Identifier = fair.Identifier{Value: "10.5281/zenodo.4271", Type: "DOI"}
	for name, r := range map[string]*fair.Resource{"the HasMetadata link": withLink, "a DOI": withDOI} {
		if got, _ := assess(t, r).Test("FsF-R1.3-01M-3"); got.Outcome != OutcomePass {
			t.Errorf("after the fix with %s: %s (%s)", name, got.Outcome, got.Detail)
		}
	}
}

// TestDataLinkIndex checks that a fix about a content URL names the distribution that has it, not its place among
// the distributions that have one.
func TestDataLinkIndex(t *testing.T) {
	r := fullDataset()
	r.Distributions = []fair.Distribution{{Name: "README"}, {ContentURL: "not a url"}}
	rep := assess(t, r)
	for id, want := range map[string]string{
		"FsF-F1-01MD-2": `distributions[1].contentURL "not a url" is not a URL or PID`,
		"FsF-F1-02MD-4": `give the data file a persistent identifier (a DOI or Handle of the file) and use it as distributions[1].contentURL`,
		"FsF-F3-01M-2":  `distributions[1].contentURL "not a url" is not a URL: give the download address`,
	} {
		if got, _ := rep.Test(id); got.Outcome != OutcomeFail || len(got.Fixes) != 1 || got.Fixes[0] != want {
			t.Errorf("%s: %s, fixes %q, want %q", id, got.Outcome, got.Fixes, want)
		}
	}
}
