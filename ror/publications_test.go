package ror_test

import (
	"context"
	"slices"
	"testing"

	"github.com/dop2i/fairmeta/fair"
	"github.com/dop2i/fairmeta/ror"
)

const (
	ijclab = "https://ror.org/03gc1p724"
	in2p3  = "https://ror.org/03fd77x13"
	cern   = "https://ror.org/01ggx4157"
)

// A publication as INSPIRE gives it: institutions by INSPIRE number with the raw strings beside, and a person
// with raw strings only.
func publication() *fair.Resource {
	return &fair.Resource{Creators: []fair.Creator{
		{Name: "Dupont, Marie", Affiliations: []fair.Affiliation{{Name: "Orsay, IJCLab", Identifier: "9000101", IdentifierScheme: fair.OrgSchemeInspire}},
			RawAffiliations: []string{"Laboratoire de Physique des 2 Infinis Irène Joliot-Curie (IJCLab), Orsay, France"}},
		{Name: "Rossi, Paolo", RawAffiliations: []string{"CERN, Geneva, Switzerland", "Laboratoire de Physique des 2 Infinis Irène Joliot-Curie (IJCLab), Orsay, France"}},
		{Name: "Smith, John", Affiliations: []fair.Affiliation{{Name: "CERN", Identifier: cern, IdentifierScheme: "ROR"}},
			RawAffiliations: []string{"CERN, Geneva, Switzerland", "Somewhere unknown"}},
	}}
}

func TestEnrichRawAffiliations(t *testing.T) {
	r := publication()
	e, err := ror.Enrich(context.Background(), r, ror.Default())
	if err != nil {
		t.Fatal(err)
	}
	// Paired: the raw string names the INSPIRE institution, whose number moves beside the ROR ID.
	a := r.Creators[0].Affiliations
	if len(a) != 1 || a[0].Identifier != ijclab || !slices.Contains(a[0].OtherIdentifiers, fair.NameIdentifier{Value: "9000101", Scheme: fair.OrgSchemeInspire}) {
		t.Errorf("paired affiliation: %+v", a)
	}
	// Raw strings only: one affiliation per organisation named.
	var ids []string
	for _, x := range r.Creators[1].Affiliations {
		ids = append(ids, x.Identifier)
	}
	if !slices.Equal(ids, []string{cern, ijclab}) {
		t.Errorf("raw-only affiliations: %v", ids)
	}
	// Not paired (two strings, one affiliation): CERN is there already; the unknown string is a miss.
	if n := len(r.Creators[2].Affiliations); n != 1 {
		t.Errorf("CERN repeated: %+v", r.Creators[2].Affiliations)
	}
	missed := false
	for _, m := range e.Misses {
		missed = missed || m.Path == "creators[2].rawAffiliations[1]"
	}
	if !missed {
		t.Errorf("misses %+v lack creators[2].rawAffiliations[1]", e.Misses)
	}
}

func id(s string) ror.ID {
	i, err := ror.ParseID(s)
	if err != nil {
		panic(err)
	}
	return i
}

func TestFindAffiliated(t *testing.T) {
	ix := ror.Default()
	ijclab, in2p3, cern := id(ijclab), id(in2p3), id(cern)
	for _, tc := range []struct {
		name   string
		filter ror.OrgFilter
		want   []ror.ID
	}{
		{"France", ror.OrgFilter{Countries: []string{"FR"}}, []ror.ID{ijclab}},
		{"within IN2P3", ror.OrgFilter{Within: []ror.ID{in2p3}}, []ror.ID{ijclab}},
		{"Switzerland", ror.OrgFilter{Countries: []string{"ch"}}, []ror.ID{cern}},
		{"France or within CERN", ror.OrgFilter{Countries: []string{"FR"}, Within: []ror.ID{cern}, Or: true}, []ror.ID{cern, ijclab}},
		{"France and within CERN", ror.OrgFilter{Countries: []string{"FR"}, Within: []ror.ID{cern}}, nil},
		{"all", ror.OrgFilter{}, []ror.ID{cern, ijclab}},
	} {
		orgs, _, err := ror.FindAffiliated(context.Background(), publication(), ix, tc.filter)
		if err != nil {
			t.Fatal(err)
		}
		var got []ror.ID
		for _, o := range orgs {
			got = append(got, o.ID)
		}
		slices.Sort(got)
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
	}
	orgs, _, _ := ror.FindAffiliated(context.Background(), publication(), ix, ror.OrgFilter{Countries: []string{"FR"}})
	if len(orgs) == 1 && !slices.Equal(orgs[0].People, []string{"Dupont, Marie", "Rossi, Paolo"}) {
		t.Errorf("people at IJCLab: %v", orgs[0].People)
	}
	if !ix.Within(ijclab, ijclab) || ix.Within(cern, in2p3) {
		t.Error("Within: an organisation is within itself, CERN is not within IN2P3")
	}
}
