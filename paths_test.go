package fairmeta_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/dop2i/fairmeta/assess"
	"github.com/dop2i/fairmeta/bibtex"
	"github.com/dop2i/fairmeta/csl"
	"github.com/dop2i/fairmeta/datacite"
	"github.com/dop2i/fairmeta/dmp"
	"github.com/dop2i/fairmeta/fair"
	"github.com/dop2i/fairmeta/format"
	"github.com/dop2i/fairmeta/hal"
	"github.com/dop2i/fairmeta/inspire"
	"github.com/dop2i/fairmeta/internal/fieldpath"
	"github.com/dop2i/fairmeta/internal/testenv"
	"github.com/dop2i/fairmeta/ror"
	"github.com/dop2i/fairmeta/schemaorg"
	"github.com/dop2i/fairmeta/software"
)

// everyField is a record that fills every field of fair.Resource, nested ones included, with general as its
// resource type: each writer has something it cannot hold, and each list has more than one element so that an
// index into a derived list shows.
func everyField(general fair.ResourceTypeGeneral) *fair.Resource {
	orcid := fair.NameIdentifier{Value: "https://orcid.org/0000-0002-1825-0097", Scheme: fair.SchemeORCID, SchemeURI: "https://orcid.org"}
	ijclab := fair.Affiliation{Name: "IJCLab", Identifier: "https://ror.org/03gc1p724", IdentifierScheme: "ROR", SchemeURI: "https://ror.org",
		OtherIdentifiers: []fair.NameIdentifier{{Value: "1002772", Scheme: fair.OrgSchemeHALStructure}, {Value: "912453", Scheme: fair.OrgSchemeInspire}}}
	person := func(given, family string) fair.Creator {
		return fair.Creator{Name: family + ", " + given, NameType: fair.NamePersonal, GivenName: given, FamilyName: family, Lang: "fr"}
	}
	c0 := person("Camille", "Lefèvre")
	c0.NameIdentifiers = []fair.NameIdentifier{orcid, {Value: "INSPIRE-00300234", Scheme: fair.SchemeInspireID}, {Value: "C.Lefevre.1", Scheme: fair.SchemeInspireBAI}, {Value: "camille-lefevre", Scheme: fair.SchemeIdHAL}}
	c0.Affiliations = []fair.Affiliation{{Name: "Université Paris-Saclay"}, ijclab}
	c0.RawAffiliations = []string{"Université Paris-Saclay, 91190 Gif-sur-Yvette, France", "IJCLab, CNRS/IN2P3, 91405 Orsay, France"}
	c0.Email, c0.Website, c0.Alias = "camille@example.org", "https://example.org/~lefevre", "clef"
	c1 := person("Paolo", "Rossi")
	c1.RawAffiliations = []string{"LAPP, Université Savoie Mont Blanc, CNRS/IN2P3, Annecy, France"}
	c2 := person("Anna", "Müller")
	c2.Affiliations = []fair.Affiliation{{Name: "DESY"}, {Name: "CERN", OtherIdentifiers: []fair.NameIdentifier{{Value: "902725", Scheme: fair.OrgSchemeInspire}}}}
	c2.RawAffiliations = []string{"Deutsches Elektronen-Synchrotron DESY, Hamburg", "CERN, Geneva", "Extra affiliation string"}
	collab := fair.Creator{Name: "CTA Consortium", NameType: fair.NameOrganizational, Alias: "CTAC", Email: "cta@example.org", Website: "https://www.cta-observatory.org"}
	contributor := func(c fair.Creator, t fair.ContributorType) fair.Contributor {
		return fair.Contributor{Creator: c, ContributorType: t}
	}
	k0 := person("Rick", "Roe")
	k0.Affiliations = []fair.Affiliation{{Name: "CNRS"}, ijclab}
	k0.RawAffiliations = []string{"CNRS, Paris", "IJCLab, Orsay"}
	k0.Email, k0.Alias = "rick@example.org", "rr"
	k0.NameIdentifiers = []fair.NameIdentifier{orcid}
	item := func(rel fair.RelationType) fair.RelatedItem {
		return fair.RelatedItem{Type: fair.ResourceTypeJournal, RelationType: rel, RelationTypeInformation: "see the journal",
			Identifier: fair.RelatedItemIdentifier{Identifier: "1550-7998", Type: fair.IDTypeISSN, RelatedMetadataScheme: "x", SchemeURI: "https://example.org/s", SchemeType: "XSD"},
			Creators:   []fair.Creator{person("Jane", "Doe"), person("John", "Roe")},
			Titles:     []fair.Title{{Title: "Physical Review D"}, {Title: "Phys.Rev.D", Type: fair.TitleAlternativeTitle, Lang: "en"}},
			Volume:     "86", Issue: "5", Number: "054502", NumberType: fair.NumberArticle, FirstPage: "1", LastPage: "40",
			PublicationYear: 2012, Publisher: "American Physical Society", Edition: "2nd",
			Contributors: []fair.Contributor{contributor(person("Ed", "Itor"), fair.ContributorEditor), contributor(person("Tr", "Anslator"), fair.ContributorOther)}}
	}
	return &fair.Resource{
		Identifier: fair.Identifier{Value: "10.82433/b09z-4k37", Type: fair.SchemeDOI},
		Creators:   []fair.Creator{c0, collab, c1, c2},
		Titles: []fair.Title{{Title: "Calibrated air-shower events, run 4271", Lang: "en"},
			{Title: "Événements calibrés", Type: fair.TitleTranslatedTitle, Lang: "fr"}, {Title: "Run 4271", Type: fair.TitleSubtitle},
			{Title: "Other title", Type: fair.TitleOther}, {Title: "Alt", Type: fair.TitleAlternativeTitle}},
		Publisher:       fair.Publisher{Name: "CC-IN2P3", Identifier: "https://ror.org/02k1q2z47", IdentifierScheme: "ROR", SchemeURI: "https://ror.org", Lang: "en"},
		PublicationYear: 2026,
		ResourceType:    fair.ResourceType{General: general, Type: "Calibrated event list"},
		Subjects: []fair.Subject{{Subject: "Physical sciences", Scheme: "Fields of Science and Technology (FOS)", SchemeURI: "http://www.oecd.org/science/inno/38235147.pdf",
			ValueURI: "https://example.org/fos/1.3", ClassificationCode: "1.3", Lang: "en"},
			{Subject: "hep-ex", Scheme: fair.SubjectSchemeArXiv, SchemeURI: fair.SubjectSchemeURIArXiv, ClassificationCode: "hep-ex"},
			{Subject: "astro-ph.HE", Scheme: fair.SubjectSchemeArXiv, SchemeURI: fair.SubjectSchemeURIArXiv}, {Subject: "air showers"}},
		Contributors: []fair.Contributor{contributor(person("Ada", "Byron"), fair.ContributorContactPerson), contributor(k0, fair.ContributorEditor),
			contributor(collab, fair.ContributorHostingInstitution), contributor(person("Sam", "Sponsor"), fair.ContributorSponsor),
			contributor(person("Rita", "Researcher"), fair.ContributorResearcher)},
		Dates: []fair.Date{{Date: "2026-11-02", Type: fair.DateIssued}, {Date: "2026-11-01", Type: fair.DateCreated, Information: "first run"},
			{Date: "2026-03-01/2026-03-14", Type: fair.DateCoverage}, {Date: "2026-11-03T10:00:00Z", Type: fair.DateUpdated},
			{Date: "2026-03-01", Type: fair.DateCollected}, {Date: "2026-12-01", Type: fair.DateAccepted}, {Date: "2026-01-01", Type: fair.DateOther, Information: "planning"}},
		Language: "en",
		AlternateIdentifiers: []fair.Identifier{{Value: "run-4271", Type: "local"}, {Value: "2101.00001", Type: fair.AltIDArXiv},
			{Value: "DESY-12-065", Type: fair.AltIDReportNumber}, {Value: "1113908", Type: fair.AltIDInspire}, {Value: "Lefevre:2026ab", Type: fair.AltIDInspireTeXKey},
			{Value: "hal-01234567", Type: fair.AltIDHAL}, {Value: "https://example.org/alt", Type: "URL"}},
		RelatedIdentifiers: []fair.RelatedIdentifier{
			{Identifier: "10.5281/zenodo.100", IdentifierType: fair.IDTypeDOI, RelationType: fair.RelIsPartOf, ResourceTypeGeneral: fair.ResourceTypeCollection},
			{Identifier: "2101.00002", IdentifierType: fair.IDTypeArXiv, RelationType: fair.RelCites, ResourceTypeGeneral: fair.ResourceTypePreprint},
			{Identifier: "https://example.org/meta.xml", IdentifierType: fair.IDTypeURL, RelationType: fair.RelHasMetadata, RelatedMetadataScheme: "DDI-L",
				SchemeURI: "https://ddialliance.org", SchemeType: "XSD", RelationTypeInformation: "metadata"},
			{Identifier: "swh:1:rev:309cf2674ee7a0749978cf8265ab91a60aea0f7d", IdentifierType: fair.IDTypeSWHID, RelationType: fair.RelIsCompiledBy, ResourceTypeGeneral: fair.ResourceTypeSoftware},
			{Identifier: "10.1000/paper.1", IdentifierType: fair.IDTypeDOI, RelationType: fair.RelIsCitedBy},
			{Identifier: "10.1000/ref.9", IdentifierType: fair.IDTypeDOI, RelationType: fair.RelReferences},
			{Identifier: "https://example.org/v2", IdentifierType: fair.IDTypeURL, RelationType: fair.RelIsNewVersionOf},
			{Identifier: "https://example.org/doc", IdentifierType: fair.IDTypeURL, RelationType: fair.RelIsDocumentedBy},
			{Identifier: "urn:nbn:de:1", IdentifierType: fair.IDTypeURN, RelationType: fair.RelIsVariantFormOf},
		},
		Sizes:   []string{"6 GB", "40 pages"},
		Formats: []string{"application/x-hdf5", "text/csv"},
		Version: "2.1.0",
		Rights: []fair.Rights{{Rights: "Creative Commons Attribution 4.0 International", URI: "https://creativecommons.org/licenses/by/4.0/legalcode",
			Identifier: "CC-BY-4.0", IdentifierScheme: "SPDX", SchemeURI: "https://spdx.org/licenses/", Lang: "en"},
			{Rights: "Apache License 2.0", Identifier: "Apache-2.0", IdentifierScheme: "SPDX"}, {URI: "https://example.org/terms"}, {Rights: "Local terms"}},
		Descriptions: []fair.Description{{Description: "Air-shower events of run 4271.", Type: fair.DescriptionAbstract, Lang: "en"},
			{Description: "Calibrated with muon rings.", Type: fair.DescriptionMethods}, {Description: "HDF5, one table per telescope.", Type: fair.DescriptionTechnicalInfo},
			{Description: "Part of the 2026 campaign.", Type: fair.DescriptionSeriesInformation}, {Description: "Contents.", Type: fair.DescriptionTableOfContents},
			{Description: "Other.", Type: fair.DescriptionOther}, {Description: "Résumé.", Type: fair.DescriptionAbstract, Lang: "fr"}},
		GeoLocations: []fair.GeoLocation{
			{Place: "La Palma", Point: &fair.GeoPoint{Latitude: 28.76, Longitude: -17.89}, Box: &fair.GeoBox{SouthLatitude: 28.7, WestLongitude: -17.95, NorthLatitude: 28.8, EastLongitude: -17.85}},
			{Polygons: []fair.GeoPolygon{{Points: []fair.GeoPoint{{Latitude: 1, Longitude: 2}, {Latitude: 1, Longitude: 3}, {Latitude: 2, Longitude: 3}, {Latitude: 1, Longitude: 2}},
				InPolygonPoint: &fair.GeoPoint{Latitude: 1.2, Longitude: 2.5}}}},
			{Place: "Malargüe"}},
		FundingReferences: []fair.FundingReference{{FunderName: "Centre National de la Recherche Scientifique"},
			{FunderName: "Agence Nationale de la Recherche", FunderIdentifier: "https://ror.org/00rbzpz17", FunderIdentifierType: fair.FunderROR, SchemeURI: "https://ror.org",
				AwardNumber: "ANR-22-CE31-0001", AwardTitle: "Calibrating the sky", AwardURI: "https://anr.fr/Project-ANR-22-CE31-0001"},
			{FunderName: "European Commission", FunderIdentifier: "10.13039/501100000780", FunderIdentifierType: fair.FunderCrossrefFunderID, AwardNumber: "101004761"}},
		RelatedItems: []fair.RelatedItem{item(fair.RelIsSupplementTo), item(fair.RelIsPublishedIn),
			{Type: fair.ResourceTypeBook, RelationType: fair.RelIsPartOf, Titles: []fair.Title{{Title: "Proceedings"}}, Publisher: "PoS", Volume: "444"}},
		URL:      "https://data.example.org/runs/4271",
		Keywords: []string{"cosmic rays", "air showers, calibrated", "Cherenkov"},
		Variables: []fair.Variable{{Name: "energy", Description: "reconstructed primary energy", Unit: "EeV", PropertyID: "phys.energy"},
			{Name: "zenith angle", Unit: "deg"}},
		Distributions: []fair.Distribution{{Name: "run4271.h5", ContentURL: "https://data.example.org/runs/4271/run4271.h5", MediaType: "application/x-hdf5",
			Size: 6_442_450_944, Checksum: fair.Checksum{Algorithm: "sha256", Value: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"}},
			{ContentURL: "https://data.example.org/runs/4271/run4271.csv", MediaType: "text/csv", Checksum: fair.Checksum{Algorithm: "md5", Value: "d41d8cd98f00b204e9800998ecf8427e"}}},
		AccessRights:     fair.AccessEmbargoed,
		AccessConditions: "Free after registration.",
		References: []fair.RelatedItem{{Type: fair.ResourceTypeJournalArticle, RelationType: fair.RelCites,
			Identifier: fair.RelatedItemIdentifier{Identifier: "10.1000/ref.2", Type: fair.IDTypeDOI},
			Titles:     []fair.Title{{Title: "A calibration method"}}, PublicationYear: 2024, Volume: "3", FirstPage: "7",
			Creators: []fair.Creator{person("Ann", "Smith")}}, item(fair.RelReferences)},
		Software: fair.Software{CodeRepository: "https://gitlab.in2p3.fr/cta/calibrate", ProgrammingLanguages: []string{"Go", "Python 3"},
			RuntimePlatforms: []string{"Go 1.26", "Python 3.12"}, OperatingSystems: []string{"Linux", "macOS"},
			Requirements: []fair.Requirement{{Name: "github.com/piprate/json-gold", Version: "v0.9.1", Identifier: "https://pkg.go.dev/github.com/piprate/json-gold"},
				{Name: "libhdf5", Version: ">=1.14"}},
			IssueTracker: "https://gitlab.in2p3.fr/cta/calibrate/-/issues", ContinuousIntegration: "https://gitlab.in2p3.fr/cta/calibrate/-/pipelines",
			DevelopmentStatus: "active", Commit: "309cf2674ee7a0749978cf8265ab91a60aea0f7d", Tag: "v2.1.0"},
		Publication: fair.Publication{Conference: fair.Conference{Name: "Lattice 2026", Acronym: "LAT26", Place: "Cairns, Australia", Country: "AU",
			StartDate: "2026-06-24", EndDate: "2026-06-29", Identifier: fair.Identifier{Value: "C26-06-24", Type: fair.AltIDInspireCNUM}, URL: "https://example.org/lattice2026"}},
	}
}

// everyFieldKinds are the resource types everyField is written as: writers choose their entry type by it.
var everyFieldKinds = []fair.ResourceTypeGeneral{
	fair.ResourceTypeDataset, fair.ResourceTypeSoftware, fair.ResourceTypeJournalArticle, fair.ResourceTypeConferencePaper,
	fair.ResourceTypePreprint, fair.ResourceTypeDissertation, fair.ResourceTypeReport, fair.ResourceTypeBookChapter, fair.ResourceTypeBook,
	fair.ResourceTypeDataPaper, fair.ResourceTypeOther, "",
}

// pathRecord is a record to write, with a name for messages.
type pathRecord struct {
	name string
	r    *fair.Resource
}

// pathRecords are the records the path tests write: everyField as each kind, the records of the packages' test data
// and of the shared reference data (every file the registry can read; the shared data is required under CI).
func pathRecords(t *testing.T) []pathRecord {
	t.Helper()
	shared := testenv.SharedData(t)
	pathRecordsOnce.Do(func() { pathRecordsRead, pathRecordsErr = readPathRecords(shared) })
	if pathRecordsErr != nil {
		t.Fatal(pathRecordsErr)
	}
	// Each test gets its own copies of the hand-built records; the records read are shared, and no writer or
	// report may change them (the enrichments work on clones).
	out := make([]pathRecord, 0, len(pathRecordsRead))
	for _, k := range everyFieldKinds {
		out = append(out, pathRecord{"everyField(" + string(k) + ")", everyField(k)})
	}
	return append(out, pathRecordsRead...)
}

var (
	pathRecordsOnce sync.Once
	pathRecordsRead []pathRecord
	pathRecordsErr  error
)

// readPathRecords reads the records of the packages' test data and of the shared data folder.
func readPathRecords(shared string) ([]pathRecord, error) {
	var out []pathRecord
	reg := format.Default()
	read := func(root string, files []string) {
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil || len(data) > 4<<20 {
				continue
			}
			_, recs, _, err := reg.Read("", data)
			if err != nil {
				continue // not a record of a format the registry reads (schemas, CSL styles, ...)
			}
			rel, _ := filepath.Rel(root, f)
			for i, r := range recs {
				if i == 5 {
					break // a list document: its first records stand for it
				}
				out = append(out, pathRecord{rel + "#" + string(rune('0'+i)), r})
			}
		}
	}
	local, files := pathInputFiles(shared)
	read(".", local)
	nLocal := len(out)
	read(shared, files)
	if len(out)-nLocal < 50 {
		return nil, fmt.Errorf("only %d records read from the shared data", len(out)-nLocal)
	}
	return out, nil
}

// pathInputFiles lists the inputs of the path tests: the packages' test data (fuzz corpora aside) and the record
// files of the shared data (schemas and the CSL test suite aside).
func pathInputFiles(shared string) (local, files []string) {
	filepath.WalkDir(".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.Contains(filepath.ToSlash(p), "/testdata/") && !strings.Contains(p, "fuzz") {
			local = append(local, p)
		}
		return nil
	})
	for _, sub := range []string{"datacite", "schemaorg", "software", "dmp", "csl", "publications"} {
		filepath.WalkDir(filepath.Join(shared, sub), func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && !strings.Contains(p, "schema") && !strings.Contains(p, "test-suite") {
				files = append(files, p)
			}
			return nil
		})
	}
	return local, files
}

// TestReaderNotePathSyntax reads every input of the path tests and wants each note a reader returns for a JSON
// document to name its place in the one syntax of reports (members joined by ".", indexes in brackets: no "[*]"
// patterns, no JSON Pointer), so that a program can follow it; XML documents are named by their element paths.
func TestReaderNotePathSyntax(t *testing.T) {
	shared := testenv.SharedData(t)
	local, files := pathInputFiles(shared)
	reg := format.Default()
	checked := map[string]int{}
	for _, f := range append(local, files...) {
		data, err := os.ReadFile(f)
		if err != nil || len(data) > 4<<20 {
			continue
		}
		trimmed := bytes.TrimLeft(data, " \t\r\n\xef\xbb\xbf")
		if len(trimmed) == 0 || trimmed[0] != '{' && trimmed[0] != '[' {
			continue
		}
		fm, _, notRead, err := reg.Read("", data)
		if err != nil {
			continue
		}
		for _, n := range notRead {
			checked[fm.Name]++
			if _, err := fieldpath.Parse(n.Path); err != nil || strings.Contains(n.Path, "*") {
				t.Errorf("%s (%s): note %q: not a path in the syntax of reports (%v)", f, fm.Name, n, err)
			}
		}
	}
	total := 0
	for name, n := range checked {
		t.Logf("%s: %d notes", name, n)
		total += n
	}
	if total == 0 {
		t.Fatal("no reader note checked")
	}
}

// checkPaths resolves every path of ns in root (a *fair.Resource, or a []*fair.Resource for a list's notes) and
// reports those that name no field of it. It returns the number of paths checked.
func checkPaths(t *testing.T, what string, root any, paths []string) int {
	t.Helper()
	for _, p := range paths {
		if _, err := fieldpath.Resolve(root, p); err != nil {
			t.Errorf("%s: path %q: %v", what, p, err)
		}
	}
	return len(paths)
}

// checkNamed resolves path in root and reports when the place it names is not the one name speaks of: a report
// that gives the name of what it locates (an affiliation, an organisation) must point at the element of that
// name, not at the same index of another list. It returns 1 when the path was checked.
func checkNamed(t *testing.T, what string, root any, path, name string) int {
	t.Helper()
	v, err := fieldpath.Resolve(root, path)
	if err != nil {
		t.Errorf("%s: path %q: %v", what, path, err)
		return 1
	}
	var got string
	switch {
	case v.Kind() == reflect.String:
		got = v.String()
	case v.Kind() == reflect.Struct && v.FieldByName("Name").IsValid():
		got = v.FieldByName("Name").String()
	case v.Kind() == reflect.Struct && v.FieldByName("FunderName").IsValid():
		got = v.FieldByName("FunderName").String()
	}
	if name != "" && got != name {
		t.Errorf("%s: path %q names %q, the report speaks of %q", what, path, got, name)
	}
	return 1
}

func notePaths(ns fair.Notes) []string {
	out := make([]string, len(ns))
	for i, n := range ns {
		out[i] = n.Path
	}
	return out
}

// TestWriterNotePaths writes every record in every format of the default registry (one record, a list, a line) and
// checks that every note's path names a place in the record written, in fair.Resource's JSON terms.
func TestWriterNotePaths(t *testing.T) {
	recs := pathRecords(t)
	for _, f := range format.Default().Formats() {
		if !f.CanWrite() {
			continue
		}
		t.Run(f.Name, func(t *testing.T) {
			checked := 0
			for _, pr := range recs {
				ns, err := f.Write(io.Discard, pr.r)
				if err != nil {
					continue // a record the format cannot write at all (no title for a citation, ...)
				}
				checked += checkPaths(t, pr.name, pr.r, notePaths(ns))
				if f.WriteLine != nil {
					ns, err := f.WriteLine(io.Discard, pr.r)
					if err == nil {
						checked += checkPaths(t, pr.name+" (line)", pr.r, notePaths(ns))
					}
				}
			}
			if f.WriteList != nil {
				list := []*fair.Resource{everyField(fair.ResourceTypeDataset), everyField(fair.ResourceTypeJournalArticle)}
				ns, err := f.WriteList(io.Discard, list)
				if err != nil {
					t.Fatalf("WriteList: %v", err)
				}
				checked += checkPaths(t, "list", list, notePaths(ns))
			}
			t.Logf("%d note paths checked", checked)
			if f.Name != fair.JSONFormat().Name && checked == 0 {
				t.Error("no note checked: the records have nothing this writer loses?")
			}
		})
	}
}

// TestPackageNotePaths checks the notes of the writers' package functions that report about a fair.Resource
// outside the registry.
func TestPackageNotePaths(t *testing.T) {
	recs := pathRecords(t)
	type writer struct {
		name  string
		notes func(r *fair.Resource) (fair.Notes, error)
	}
	writers := []writer{
		{"datacite.NotWritten", func(r *fair.Resource) (fair.Notes, error) { return datacite.NotWritten(r), nil }},
		{"schemaorg.NotWritten", func(r *fair.Resource) (fair.Notes, error) { return schemaorg.NotWritten(r), nil }},
		{"schemaorg.Marshal", func(r *fair.Resource) (fair.Notes, error) { _, ns, err := schemaorg.Marshal(r); return ns, err }},
		{"csl.FromResource", func(r *fair.Resource) (fair.Notes, error) { _, ns := csl.FromResource(r); return ns, nil }},
		{"dmp.FromResource", func(r *fair.Resource) (fair.Notes, error) { _, ns := dmp.FromResource(r); return ns, nil }},
		{"dmp.WriteResource", func(r *fair.Resource) (fair.Notes, error) { return dmp.WriteResource(io.Discard, r) }},
		{"bibtex.Writer{MaxAuthors: 2}", func(r *fair.Resource) (fair.Notes, error) {
			_, ns, err := bibtex.Writer{MaxAuthors: 2, KeepAuthors: 1}.Marshal(r)
			return ns, err
		}},
		{"hal.Write", func(r *fair.Resource) (fair.Notes, error) { return hal.Write(io.Discard, r) }},
	}
	for _, f := range []string{"cff", "codemeta", "zenodo"} {
		writers = append(writers, writer{"software.NotWritten(" + f + ")", func(r *fair.Resource) (fair.Notes, error) { return software.NotWritten(f, r), nil }})
	}
	writers = append(writers,
		writer{"software.WriteCFF", func(r *fair.Resource) (fair.Notes, error) { return software.WriteCFF(io.Discard, r) }},
		writer{"software.WriteCodeMeta", func(r *fair.Resource) (fair.Notes, error) { return software.WriteCodeMeta(io.Discard, r) }},
		writer{"software.WriteZenodo", func(r *fair.Resource) (fair.Notes, error) { return software.WriteZenodo(io.Discard, r) }},
	)
	for _, w := range writers {
		t.Run(w.name, func(t *testing.T) {
			checked := 0
			for _, pr := range recs {
				ns, err := w.notes(pr.r)
				if err != nil {
					continue
				}
				checked += checkPaths(t, pr.name, pr.r, notePaths(ns))
			}
			t.Logf("%d note paths checked", checked)
			if checked == 0 {
				t.Error("no note checked")
			}
		})
	}
	t.Run("csl.FromResources", func(t *testing.T) {
		list := []*fair.Resource{everyField(fair.ResourceTypeDataset), everyField(fair.ResourceTypeJournalArticle)}
		_, ns := csl.FromResources(list)
		if checkPaths(t, "list", list, notePaths(ns)) == 0 {
			t.Error("no note checked")
		}
	})
}

// TestHALResolutionPaths checks the paths of the HAL writer's affiliation resolutions and notes, resolving against
// the structures of HAL's TEI exports and the ROR parents of the built-in index.
func TestHALResolutionPaths(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(testenv.SharedData(t, "publications", "hal", "tei"), "*.xml"))
	var table halTables
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			t.Fatal(err)
		}
		tb, err := hal.ReadTable(fh, hal.Limits{})
		fh.Close()
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		table = append(table, tb)
	}
	if len(table) == 0 {
		t.Fatal("no HAL export")
	}
	checked := 0
	for _, w := range []hal.Writer{{}, {Resolver: table, Parents: hal.RORIndexParents(ror.Default())},
		{Resolver: table, Parents: hal.RORIndexParents(ror.Default()), AffiliateToParent: true}} {
		for _, pr := range pathRecords(t) {
			dep, err := w.Document(context.Background(), pr.r)
			if err != nil {
				continue
			}
			for _, res := range dep.Resolutions {
				checked += checkNamed(t, pr.name+" resolution", pr.r, res.Path, res.Name)
			}
			checked += checkPaths(t, pr.name+" notes", pr.r, notePaths(dep.Notes))
		}
	}
	t.Logf("%d paths checked", checked)
	if checked == 0 {
		t.Error("no path checked")
	}
}

// halTables resolves ROR IDs through several HAL tables, the first that knows the ID answering.
type halTables []*hal.Table

func (ts halTables) StructuresByROR(ctx context.Context, id string) ([]hal.Structure, error) {
	for _, tb := range ts {
		if s, err := tb.StructuresByROR(ctx, id); err != nil || len(s) > 0 {
			return s, err
		}
	}
	return nil, nil
}

// TestRORPaths checks the paths of ror.Enrich's report, with the built-in index: a change and the affiliations a
// split became name places in the enriched record, a miss and the affiliation split name places in the record as
// given.
func TestRORPaths(t *testing.T) {
	for _, opts := range [][]ror.EnrichOption{nil, {ror.FirstOnly()}} {
		changes, splits, misses := 0, 0, 0
		for _, pr := range pathRecords(t) {
			before := cloneRecord(t, pr.r)
			after := cloneRecord(t, pr.r)
			e, err := ror.Enrich(context.Background(), after, ror.Default(), opts...)
			if err != nil {
				t.Fatalf("%s: %v", pr.name, err)
			}
			for _, c := range e.Changes {
				changes += checkPaths(t, pr.name+" change", after, []string{c.Path})
				if v, err := fieldpath.Resolve(after, c.Path); err == nil && !strings.Contains(fmt.Sprint(v.Interface()), c.ID.String()) {
					t.Errorf("%s: change at %q: %v does not hold %s", pr.name, c.Path, v.Interface(), c.ID)
				}
			}
			for _, s := range e.Splits {
				splits += checkNamed(t, pr.name+" split", before, s.Path, s.Name)
				splits += checkPaths(t, pr.name+" split into", after, s.Into)
			}
			for _, m := range e.Misses {
				misses += checkNamed(t, pr.name+" miss", before, m.Path, m.Name)
			}
			if len(opts) > 0 {
				// FindAffiliated enriches as FirstOnly does, and gives the paths of the people affiliated.
				r := cloneRecord(t, pr.r)
				orgs, _, err := ror.FindAffiliated(context.Background(), r, ror.Default(), ror.OrgFilter{})
				if err != nil {
					t.Fatal(err)
				}
				for _, o := range orgs {
					changes += checkPaths(t, pr.name+" affiliated", r, o.Paths)
				}
			}
		}
		t.Logf("options %d: %d change, %d split and %d miss paths checked", len(opts), changes, splits, misses)
		if changes == 0 || misses == 0 || len(opts) == 0 && splits == 0 {
			t.Errorf("options %d: %d changes, %d splits, %d misses checked", len(opts), changes, splits, misses)
		}
	}
}

// cloneRecord copies r through its JSON form, so that an enrichment can be compared with the record as given.
func cloneRecord(t *testing.T, r *fair.Resource) *fair.Resource {
	t.Helper()
	var b strings.Builder
	if _, err := fair.JSONFormat().Write(&b, r); err != nil {
		t.Fatal(err)
	}
	recs, _, err := fair.JSONFormat().Read([]byte(b.String()))
	if err != nil || len(recs) != 1 {
		t.Fatalf("reading back %d records: %v", len(recs), err)
	}
	return recs[0]
}

// TestInspireResolutionPaths checks the paths of inspire.Lookup.Resolve's report on the INSPIRE records it reads.
func TestInspireResolutionPaths(t *testing.T) {
	var lk inspire.Lookup
	dir := testenv.SharedData(t, "publications", "inspire")
	for _, sub := range []string{"institutions", "authors"} {
		files, _ := filepath.Glob(filepath.Join(dir, sub, "*.json"))
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := lk.Add(b); err != nil {
				t.Fatalf("%s: %v", f, err)
			}
		}
	}
	recs := pathRecords(t)
	files, _ := filepath.Glob(filepath.Join(dir, "literature", "*.json"))
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		rs, _, err := inspire.Read(b)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for _, r := range rs {
			recs = append(recs, pathRecord{filepath.Base(f), r})
		}
	}
	resolved, unknown := 0, 0
	for _, pr := range recs {
		r := cloneRecord(t, pr.r)
		rep := lk.Resolve(r)
		// The element a resolution names carries the INSPIRE record number it was resolved through.
		holds := func(what string, res inspire.Resolution) int {
			v, err := fieldpath.Resolve(r, res.Path)
			if err != nil {
				t.Errorf("%s %s: path %q: %v", pr.name, what, res.Path, err)
			} else if !strings.Contains(fmt.Sprint(v.Interface()), res.Record) {
				t.Errorf("%s %s: %q is %v, without record %s", pr.name, what, res.Path, v.Interface(), res.Record)
			}
			return 1
		}
		for _, res := range rep.Resolved {
			resolved += holds("resolved", res)
		}
		for _, res := range rep.Unknown {
			unknown += holds("unknown", res)
		}
	}
	t.Logf("%d resolved and %d unknown paths checked", resolved, unknown)
	if resolved == 0 || unknown == 0 {
		t.Errorf("%d resolved, %d unknown paths checked", resolved, unknown)
	}
}

// resourceMembers are the JSON names of fair.Resource's fields: a word of an assessment's fix that starts with one
// and goes on with "." or "[" is a path.
var pathWord = regexp.MustCompile(`^[a-z][A-Za-z]*(\[[0-9]+\])?(\.[a-z][A-Za-z]*(\[[0-9]+\])?)*$`)

// fixPaths returns the words of an assessment's fix text that are paths into a fair.Resource: a member of
// fair.Resource followed by an index or a member.
func fixPaths(text string) []string {
	var out []string
	for _, w := range strings.Fields(text) {
		w = strings.TrimRight(w, ":,;)")
		w = strings.TrimLeft(w, "(")
		if !strings.ContainsAny(w, ".[") || !pathWord.MatchString(w) {
			continue
		}
		first, _, _ := strings.Cut(w, ".")
		first, _, _ = strings.Cut(first, "[")
		if _, err := fieldpath.Resolve(&fair.Resource{}, first); err != nil {
			continue // not a path into the record ("e.g", a file name)
		}
		out = append(out, w)
	}
	return out
}

// TestAssessFixPaths checks the paths an assessment's fixes name, for the records written above and poor ones.
func TestAssessFixPaths(t *testing.T) {
	recs := pathRecords(t)
	poor := &fair.Resource{Identifier: fair.Identifier{Value: "run 4271"}, Creators: []fair.Creator{{Name: "A"}, {Name: "B, C", NameType: fair.NamePersonal}},
		ResourceType: fair.ResourceType{General: "Thing"}, Distributions: []fair.Distribution{{ContentURL: "not a url"}},
		Subjects: []fair.Subject{{Subject: "x"}, {Subject: "y"}}, Rights: []fair.Rights{{Rights: "mine"}}, RelatedItems: []fair.RelatedItem{{Titles: []fair.Title{{Title: "t"}}}}}
	recs = append(recs, pathRecord{"poor", poor}, pathRecord{"empty", &fair.Resource{}})
	// The network tests' fixes too, on a loopback web where nothing is found, for the hand-built records.
	nowhere := httptest.NewServer(http.NotFoundHandler())
	t.Cleanup(nowhere.Close)
	web := assess.WithHTTPClient(&http.Client{Transport: toServer{nowhere}})
	checked := 0
	for _, set := range []assess.MetricSet{assess.MetricsData, assess.MetricsSoftware} {
		for _, pr := range recs {
			opts := []assess.Option{assess.WithMetricSet(set)}
			if strings.HasPrefix(pr.name, "everyField(") || pr.name == "poor" || pr.name == "empty" {
				opts = append(opts, web)
			}
			res, err := assess.Assess(context.Background(), pr.r, opts...)
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range res.Fixes {
				what := pr.name + " " + f.Test + " fix " + strings.TrimSpace(f.Text)
				checked += checkPaths(t, what, pr.r, fixPaths(f.Text))
				checkJSONVocabulary(t, what, f.Text)
			}
			for _, m := range res.Metrics {
				for _, tr := range m.Tests {
					what := pr.name + " " + tr.ID + " detail " + tr.Detail
					checked += checkPaths(t, what, pr.r, fixPaths(tr.Detail))
					checkJSONVocabulary(t, what, tr.Detail)
				}
			}
		}
	}
	t.Logf("%d paths in fixes and details checked", checked)
	if checked == 0 {
		t.Error("no path checked")
	}
}

// toServer sends every request to srv, whatever host it names, so that a record's https://doi.org/... is asked on
// the machine.
type toServer struct{ srv *httptest.Server }

func (s toServer) RoundTrip(req *http.Request) (*http.Response, error) {
	u, err := url.Parse(s.srv.URL)
	if err != nil {
		return nil, err
	}
	r := req.Clone(req.Context())
	r.Host = req.URL.Host
	r.URL.Scheme, r.URL.Host = u.Scheme, u.Host
	return s.srv.Client().Transport.RoundTrip(r)
}

// goNames are the Go names of fair.Resource's members and of the struct types it nests that are not also words of
// its JSON form: a report naming a place by one of them ("SchemeURI", "RelatedIdentifiers", "a NameIdentifier")
// speaks Go, which a user of the CLI or of the JSON form cannot follow. Initialisms (URL, URI) are left out, being
// ordinary words of the prose too, and so are the values of fair's controlled lists ("Software", "References"),
// which reports give as values.
var goNames = sync.OnceValue(func() map[string]bool {
	values := map[string]bool{}
	add := func(v any) {
		rv := reflect.ValueOf(v)
		for i := range rv.Len() {
			values[rv.Index(i).String()] = true
		}
	}
	add(fair.ResourceTypeGenerals())
	add(fair.RelationTypes())
	add(fair.RelatedIdentifierTypes())
	add(fair.ContributorTypes())
	add(fair.DateTypes())
	add(fair.DescriptionTypes())
	add(fair.TitleTypes())
	add(fair.NameTypes())
	add(fair.FunderIdentifierTypes())
	add(fair.NumberTypes())
	names := map[string]bool{}
	keep := func(goName, jsonName string) {
		if goName != jsonName && goName != strings.ToUpper(goName) && !values[goName] {
			names[goName] = true
		}
	}
	seen := map[reflect.Type]bool{}
	var walk func(reflect.Type)
	walk = func(t reflect.Type) {
		for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice {
			t = t.Elem()
		}
		if t.Kind() != reflect.Struct || seen[t] || t.PkgPath() != reflect.TypeFor[fair.Resource]().PkgPath() {
			return
		}
		seen[t] = true
		keep(t.Name(), "")
		for i := range t.NumField() {
			f := t.Field(i)
			if !f.IsExported() {
				continue
			}
			tag, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if !f.Anonymous && tag != "-" {
				keep(f.Name, tag)
			}
			walk(f.Type)
		}
	}
	walk(reflect.TypeFor[fair.Resource]())
	return names
})

// jsonNames are the member names of the JSON form of fair.Resource and of every struct type it nests.
var jsonNames = sync.OnceValue(func() map[string]bool {
	names := map[string]bool{}
	seen := map[reflect.Type]bool{}
	var walk func(reflect.Type)
	walk = func(t reflect.Type) {
		for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice {
			t = t.Elem()
		}
		if t.Kind() != reflect.Struct || seen[t] {
			return
		}
		seen[t] = true
		for i := range t.NumField() {
			f := t.Field(i)
			if tag, _, _ := strings.Cut(f.Tag.Get("json"), ","); tag != "" && tag != "-" {
				names[tag] = true
			}
			walk(f.Type)
		}
	}
	walk(reflect.TypeFor[fair.Resource]())
	return names
})

var (
	quoted   = regexp.MustCompile(`"(?:[^"\\]|\\.)*"`)
	wordChar = regexp.MustCompile(`[A-Za-z][A-Za-z0-9]*`)
)

// checkJSONVocabulary reports the problems jsonVocabularyProblems finds in a text of an assessment.
func checkJSONVocabulary(t *testing.T, what, text string) {
	t.Helper()
	for _, p := range jsonVocabularyProblems(text) {
		t.Errorf("%s: %s", what, p)
	}
}

// jsonVocabularyProblems says where text names a member of fair.Resource by its Go name, outside the quoted values
// it gives, and where it gives an example value ("{...}") that is not JSON in the record's member names.
func jsonVocabularyProblems(text string) []string {
	var out []string
	for _, w := range wordChar.FindAllString(quoted.ReplaceAllString(text, `""`), -1) {
		if goNames()[w] {
			out = append(out, fmt.Sprintf("%q is a Go name; name the place by its JSON path", w))
		}
	}
	for _, obj := range jsonObjects(text) {
		var v any
		if err := json.Unmarshal([]byte(obj), &v); err != nil {
			out = append(out, fmt.Sprintf("example %s is not JSON: %v", obj, err))
			continue
		}
		var keys func(any)
		keys = func(v any) {
			switch v := v.(type) {
			case map[string]any:
				for k, x := range v {
					if !jsonNames()[k] {
						out = append(out, fmt.Sprintf("example %s: %q is no member of the record's JSON form", obj, k))
					}
					keys(x)
				}
			case []any:
				for _, x := range v {
					keys(x)
				}
			}
		}
		keys(v)
	}
	return out
}

// TestJSONVocabularyCheck checks the check of TestAssessFixPaths on texts in Go's vocabulary and in the record's
// JSON form.
func TestJSONVocabularyCheck(t *testing.T) {
	for _, bad := range []string{
		`set ResourceType, e.g. {General: "Dataset", Type: "Calibrated event list"}`,
		`subjects[2] "calorimetry" names no vocabulary: set its SchemeURI and ValueURI`,
		`add a NameIdentifier {Scheme: "ORCID", Value: "https://orcid.org/..."}`,
		`give the related resource by its DOI or URL in RelatedIdentifiers`,
		`set resourceType, e.g. {"General": "Dataset"}`,
		`set resourceType, e.g. {"general": "Dataset", "typ": "Calibrated event list"}`,
		`add a Distribution with contentURL`,
	} {
		if len(jsonVocabularyProblems(bad)) == 0 {
			t.Errorf("no problem found in %q", bad)
		}
	}
	for _, good := range []string{
		`set resourceType, e.g. {"general": "Dataset", "type": "Calibrated event list"}`,
		`subjects[2] "calorimetry" names no vocabulary: set subjects[2].schemeURI and subjects[2].valueURI`,
		`creators[0] "Rossi, Paolo" has no ORCID: add to creators[0].nameIdentifiers {"value": "https://orcid.org/...", "scheme": "ORCID"}`,
		`archive it at Software Heritage; relate the paper (relationType "References")`,
		`a landing page URL, the DOI's resolver URI`,
	} {
		if p := jsonVocabularyProblems(good); len(p) > 0 {
			t.Errorf("%q: %q", good, p)
		}
	}
}

// jsonObjects returns the outermost brace-delimited parts of text, braces inside quoted strings aside.
func jsonObjects(text string) []string {
	var out []string
	depth, start, inQuote := 0, 0, false
	for i := 0; i < len(text); i++ {
		switch c := text[i]; {
		case inQuote && c == '\\':
			i++
		case c == '"':
			inQuote = !inQuote
		case inQuote:
		case c == '{':
			if depth == 0 {
				start = i
			}
			depth++
		case c == '}' && depth > 0:
			if depth--; depth == 0 {
				out = append(out, text[start:i+1])
			}
		}
	}
	return out
}
