package stream_test

import (
	"errors"
	"testing"

	"github.com/dop2i/fairmeta/fair"
	"github.com/dop2i/fairmeta/stream"
)

func TestFilter(t *testing.T) {
	ijclabByName := &fair.Resource{PublicationYear: 2024, ResourceType: fair.ResourceType{General: fair.ResourceTypeDataset},
		Publisher: fair.Publisher{Name: "Zenodo"},
		Creators: []fair.Creator{{Name: "Rossi, Paolo", Affiliations: []fair.Affiliation{
			{Name: "Laboratoire de Physique des 2 Infinis Irène Joliot-Curie, Orsay, France"}}}}}
	cernByID := &fair.Resource{PublicationYear: 2019, ResourceType: fair.ResourceType{General: fair.ResourceTypeSoftware},
		Publisher: fair.Publisher{Name: "CERN"},
		Creators: []fair.Creator{{Name: "Lefèvre, Camille", NameIdentifiers: []fair.NameIdentifier{{Value: "https://orcid.org/0000-0002-1825-0097", Scheme: "ORCID"}},
			Affiliations: []fair.Affiliation{{Name: "CERN", Identifier: "https://ror.org/01ggx4157", IdentifierScheme: "ROR"}}}}}
	nobody := &fair.Resource{PublicationYear: 2024, Creators: []fair.Creator{{Name: "X", Affiliations: []fair.Affiliation{{Name: "Somewhere unknown"}}}}}
	// One string naming several organisations: CERN first, then LAPP and its institutions (IN2P3, CNRS). Every
	// organisation the matcher chooses counts, not only the first.
	severalByName := &fair.Resource{PublicationYear: 2021, Creators: []fair.Creator{{Name: "Y",
		RawAffiliations: []string{"CERN, Geneva, Switzerland; LAPP, Université Savoie Mont Blanc, CNRS/IN2P3, Annecy, France"}}}}
	recs := []*fair.Resource{ijclabByName, cernByID, nobody, severalByName}
	for _, tc := range []struct {
		name string
		f    stream.Filter
		want []bool
	}{
		{"zero", stream.Filter{}, []bool{true, true, true, true}},
		{"IN2P3 and its laboratories", stream.Filter{RORIDs: []string{"https://ror.org/03fd77x13"}, Descendants: true}, []bool{true, false, false, true}},
		{"IN2P3 alone", stream.Filter{RORIDs: []string{"03fd77x13"}}, []bool{false, false, false, true}},
		{"CERN by ID", stream.Filter{RORIDs: []string{"01ggx4157"}}, []bool{false, true, false, true}},
		{"France", stream.Filter{Countries: []string{"fr"}}, []bool{true, false, false, true}},
		{"Switzerland or France", stream.Filter{Countries: []string{"CH", "FR"}}, []bool{true, true, false, true}},
		{"software", stream.Filter{ResourceTypes: []string{"software"}}, []bool{false, true, false, false}},
		{"publisher", stream.Filter{Publishers: []string{"zenodo"}}, []bool{true, false, false, false}},
		{"years", stream.Filter{YearFrom: 2020, YearTo: 2024}, []bool{true, false, true, true}},
		{"ORCID", stream.Filter{HasORCID: true}, []bool{false, true, false, false}},
		{"Germany", stream.Filter{Countries: []string{"DE"}}, []bool{false, false, false, false}},
		{"all at once", stream.Filter{Countries: []string{"FR"}, YearFrom: 2024, ResourceTypes: []string{"Dataset"}}, []bool{true, false, false, false}},
	} {
		cf, err := tc.f.Compile()
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		for i, r := range recs {
			if got := cf.Match(r); got != tc.want[i] {
				t.Errorf("%s: record %d: Match = %v, want %v", tc.name, i, got, tc.want[i])
			}
		}
	}
	for _, bad := range []stream.Filter{{RORIDs: []string{"not-a-ror"}}, {Countries: []string{"France"}}, {ResourceTypes: []string{"Datasets"}}, {YearFrom: 2025, YearTo: 2020}} {
		var fe *stream.FilterError
		if _, err := bad.Compile(); !errors.As(err, &fe) {
			t.Errorf("Compile(%+v): %v, want a *FilterError", bad, err)
		}
	}
}
