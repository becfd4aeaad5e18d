package datacite_test

import (
	"encoding/json"
	"encoding/xml"
	"os"
	"testing"
	"time"

	"github.com/dop2i/fairmeta/datacite"
	"github.com/dop2i/fairmeta/internal/testenv"
)

// sampleAttributes returns the attribute objects of the 100 records of rest/sample.json, one []byte each.
func sampleAttributes(b *testing.B) [][]byte {
	b.Helper()
	data, err := os.ReadFile(testenv.SharedData(b, "datacite", "rest", "sample.json"))
	if err != nil {
		b.Fatal(err)
	}
	var doc struct {
		Data []struct {
			Attributes json.RawMessage `json:"attributes"`
		} `json:"data"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		b.Fatal(err)
	}
	out := make([][]byte, len(doc.Data))
	for i, d := range doc.Data {
		out[i] = d.Attributes
	}
	return out
}

// bareRecord is what a program without fairmeta would do: DataCite JSON into a plain struct with encoding/json, the
// same struct out with encoding/xml. Properties whose JSON shape varies (publisher, affiliation, coordinates) stay
// raw, as such a program would have to leave them.
type bareRecord struct {
	XMLName         xml.Name `xml:"resource"`
	DOI             string   `json:"doi" xml:"identifier"`
	URL             string   `json:"url" xml:"-"`
	PublicationYear any      `json:"publicationYear" xml:"-"`
	Creators        []struct {
		Name            string            `json:"name" xml:"creatorName"`
		NameType        string            `json:"nameType" xml:"nameType,attr"`
		GivenName       string            `json:"givenName" xml:"givenName,omitempty"`
		FamilyName      string            `json:"familyName" xml:"familyName,omitempty"`
		Affiliation     []json.RawMessage `json:"affiliation" xml:"affiliation"`
		NameIdentifiers []struct {
			NameIdentifier       string `json:"nameIdentifier" xml:",chardata"`
			NameIdentifierScheme string `json:"nameIdentifierScheme" xml:"nameIdentifierScheme,attr"`
			SchemeURI            string `json:"schemeUri" xml:"schemeURI,attr"`
		} `json:"nameIdentifiers" xml:"nameIdentifier"`
	} `json:"creators" xml:"creators>creator"`
	Titles []struct {
		Title     string `json:"title" xml:",chardata"`
		TitleType string `json:"titleType" xml:"titleType,attr,omitempty"`
		Lang      string `json:"lang" xml:"http://www.w3.org/XML/1998/namespace lang,attr,omitempty"`
	} `json:"titles" xml:"titles>title"`
	Publisher json.RawMessage `json:"publisher" xml:"publisher"`
	Types     struct {
		ResourceTypeGeneral string `json:"resourceTypeGeneral" xml:"resourceTypeGeneral,attr"`
		ResourceType        string `json:"resourceType" xml:",chardata"`
	} `json:"types" xml:"resourceType"`
	Subjects []struct {
		Subject       string `json:"subject" xml:",chardata"`
		SubjectScheme string `json:"subjectScheme" xml:"subjectScheme,attr,omitempty"`
		SchemeURI     string `json:"schemeUri" xml:"schemeURI,attr,omitempty"`
		ValueURI      string `json:"valueUri" xml:"valueURI,attr,omitempty"`
	} `json:"subjects" xml:"subjects>subject"`
	Contributors []struct {
		Name            string `json:"name" xml:"contributorName"`
		ContributorType string `json:"contributorType" xml:"contributorType,attr"`
	} `json:"contributors" xml:"contributors>contributor"`
	Dates []struct {
		Date     string `json:"date" xml:",chardata"`
		DateType string `json:"dateType" xml:"dateType,attr"`
	} `json:"dates" xml:"dates>date"`
	Language           string `json:"language" xml:"language,omitempty"`
	RelatedIdentifiers []struct {
		RelatedIdentifier     string `json:"relatedIdentifier" xml:",chardata"`
		RelatedIdentifierType string `json:"relatedIdentifierType" xml:"relatedIdentifierType,attr"`
		RelationType          string `json:"relationType" xml:"relationType,attr"`
		ResourceTypeGeneral   string `json:"resourceTypeGeneral" xml:"resourceTypeGeneral,attr,omitempty"`
	} `json:"relatedIdentifiers" xml:"relatedIdentifiers>relatedIdentifier"`
	Sizes      []string `json:"sizes" xml:"sizes>size"`
	Formats    []string `json:"formats" xml:"formats>format"`
	Version    string   `json:"version" xml:"version,omitempty"`
	RightsList []struct {
		Rights           string `json:"rights" xml:",chardata"`
		RightsURI        string `json:"rightsUri" xml:"rightsURI,attr,omitempty"`
		RightsIdentifier string `json:"rightsIdentifier" xml:"rightsIdentifier,attr,omitempty"`
	} `json:"rightsList" xml:"rightsList>rights"`
	Descriptions []struct {
		Description     string `json:"description" xml:",chardata"`
		DescriptionType string `json:"descriptionType" xml:"descriptionType,attr"`
	} `json:"descriptions" xml:"descriptions>description"`
	GeoLocations      []json.RawMessage `json:"geoLocations" xml:"geoLocations>geoLocation"`
	FundingReferences []struct {
		FunderName           string `json:"funderName" xml:"funderName"`
		FunderIdentifier     string `json:"funderIdentifier" xml:"funderIdentifier,omitempty"`
		FunderIdentifierType string `json:"funderIdentifierType" xml:"-"`
		AwardNumber          string `json:"awardNumber" xml:"awardNumber,omitempty"`
		AwardTitle           string `json:"awardTitle" xml:"awardTitle,omitempty"`
	} `json:"fundingReferences" xml:"fundingReferences>fundingReference"`
	RelatedItems []json.RawMessage `json:"relatedItems" xml:"relatedItems>relatedItem"`
}

// BenchmarkPipeline measures DataCite JSON → Record → fair.Resource → Record → validation → DataCite XML and JSON on
// the 100 real records of rest/sample.json, against the bare baseline of encoding/json into a plain struct and
// encoding/xml out of it. The two alternate within each iteration, so that both see the same machine load, and are
// timed by the wall clock and by the CPU time of the process (what one idle core would take):
//
//	records/s, records/cpu-s   fairmeta's throughput
//	x-baseline, x-baseline-cpu  fairmeta's time over the baseline's
//	base-records/cpu-s          the baseline's throughput
//
//	go test -run='^$' -bench=Pipeline -cpu 1 -count 6 ./datacite
func BenchmarkPipeline(b *testing.B) {
	recs := sampleAttributes(b)
	var buf []byte
	problems := 0
	var baseWall, fmWall, baseCPU, fmCPU time.Duration
	b.ReportAllocs()
	for b.Loop() {
		w0, c0 := time.Now(), cpuTime()
		for _, raw := range recs {
			var r bareRecord
			if err := json.Unmarshal(raw, &r); err != nil {
				b.Fatal(err)
			}
			if _, err := xml.Marshal(&r); err != nil {
				b.Fatal(err)
			}
		}
		w1, c1 := time.Now(), cpuTime()
		for _, raw := range recs {
			r, _, err := datacite.ReadJSONRecord(raw)
			if err != nil {
				b.Fatal(err)
			}
			out := datacite.FromResource(datacite.ToResource(r))
			problems += len(datacite.Validate(out))
			buf = out.AppendXML(buf[:0])
			if _, err := out.MarshalJSONAPI(); err != nil {
				b.Fatal(err)
			}
		}
		w2, c2 := time.Now(), cpuTime()
		baseWall += w1.Sub(w0)
		fmWall += w2.Sub(w1)
		baseCPU += c1 - c0
		fmCPU += c2 - c1
	}
	if problems == 0 {
		b.Fatal("validation found nothing in the sample; it should find its known warnings")
	}
	n := float64(len(recs) * b.N)
	b.ReportMetric(n/fmWall.Seconds(), "records/s")
	b.ReportMetric(fmWall.Seconds()/baseWall.Seconds(), "x-baseline")
	if fmCPU > 0 && baseCPU > 0 {
		b.ReportMetric(n/fmCPU.Seconds(), "records/cpu-s")
		b.ReportMetric(fmCPU.Seconds()/baseCPU.Seconds(), "x-baseline-cpu")
		b.ReportMetric(n/baseCPU.Seconds(), "base-records/cpu-s")
	}
}
