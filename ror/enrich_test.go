package ror_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"

	"github.com/dop2i/fairmeta/fair"
	"github.com/dop2i/fairmeta/ror"
)

// affIDs lists a creator's affiliations as "name|identifier".
func affIDs(c fair.Creator) []string {
	var out []string
	for _, a := range c.Affiliations {
		out = append(out, a.Name+"|"+a.Identifier)
	}
	return out
}

func TestEnrichAffiliations(t *testing.T) {
	const (
		lapp = "https://ror.org/049nhh297"
		in2  = "https://ror.org/03fd77x13"
		cnrs = "https://ror.org/02feahw73"
	)
	cases := []struct {
		name   string
		affs   []fair.Affiliation
		opts   []ror.EnrichOption
		want   []string // the affiliations after, "name|identifier"
		splits int
	}{
		{"one organisation keeps the string", []fair.Affiliation{{Name: "Centre National de la Recherche Scientifique, Paris"}}, nil,
			[]string{"Centre National de la Recherche Scientifique, Paris|" + cnrs}, 0},
		{"a laboratory and its institutions become one affiliation each", []fair.Affiliation{{Name: "LAPP, CNRS/IN2P3, Annecy"}}, nil,
			[]string{"Laboratoire d’Annecy de Physique des Particules|" + lapp, "Institut National de Physique Nucléaire et de Physique des Particules|" + in2,
				"Centre National de la Recherche Scientifique|" + cnrs}, 1},
		{"FirstOnly keeps the laboratory in place", []fair.Affiliation{{Name: "LAPP, CNRS/IN2P3, Annecy"}}, []ror.EnrichOption{ror.FirstOnly(), nil},
			[]string{"LAPP, CNRS/IN2P3, Annecy|" + lapp}, 0},
		{"an organisation already there is not repeated", []fair.Affiliation{{Name: "CNRS", Identifier: cnrs}, {Name: "LAPP, CNRS/IN2P3, Annecy"}}, nil,
			[]string{"CNRS|" + cnrs, "Laboratoire d’Annecy de Physique des Particules|" + lapp,
				"Institut National de Physique Nucléaire et de Physique des Particules|" + in2}, 1},
		{"identifiers present are kept and unknown names left", []fair.Affiliation{{Name: "LAPP", Identifier: "https://ror.org/01ggx4157"}, {Name: "Nowhere"}}, nil,
			[]string{"LAPP|https://ror.org/01ggx4157", "Nowhere|"}, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rec := &fair.Resource{Creators: []fair.Creator{{Name: "Doe, Jane", Affiliations: c.affs}}}
			rep, err := ror.Enrich(context.Background(), rec, ror.Default(), c.opts...)
			if err != nil {
				t.Fatal(err)
			}
			if got := affIDs(rec.Creators[0]); !slices.Equal(got, c.want) {
				t.Errorf("affiliations\n got %q\nwant %q", got, c.want)
			}
			if len(rep.Splits) != c.splits {
				t.Errorf("splits %+v, want %d", rep.Splits, c.splits)
			}
			for _, s := range rep.Splits {
				if len(s.Into) != len(s.IDs) || s.Name == "" {
					t.Errorf("split %+v", s)
				}
				for i, p := range s.Into {
					var k int
					if _, err := fmt.Sscanf(p, "creators[0].affiliations[%d]", &k); err != nil || rec.Creators[0].Affiliations[k].Identifier != s.IDs[i].String() {
						t.Errorf("split path %s does not hold %s", p, s.IDs[i])
					}
				}
			}
			for _, ch := range rep.Changes {
				var k int
				if _, err := fmt.Sscanf(ch.Path, "creators[0].affiliations[%d]", &k); err != nil || rec.Creators[0].Affiliations[k].Identifier != ch.ID.String() {
					t.Errorf("change %+v does not point at its affiliation", ch)
				}
			}
		})
	}
}

// A publisher, a funder and an organisational creator hold one identifier: the most specific organisation, the
// others reported.
func TestEnrichOneIdentifier(t *testing.T) {
	rec := &fair.Resource{
		Creators:  []fair.Creator{{Name: "LAPP, CNRS/IN2P3", NameType: fair.NameOrganizational}},
		Publisher: fair.Publisher{Name: "CC-IN2P3"},
	}
	rep, err := ror.Enrich(context.Background(), rec, ror.Default())
	if err != nil {
		t.Fatal(err)
	}
	if len(rec.Creators[0].NameIdentifiers) != 1 || rec.Creators[0].NameIdentifiers[0].Value != "https://ror.org/049nhh297" {
		t.Errorf("creator identifiers %+v", rec.Creators[0].NameIdentifiers)
	}
	if rec.Publisher.Identifier != "https://ror.org/04dcc3438" {
		t.Errorf("publisher %+v", rec.Publisher)
	}
	if len(rep.Changes) != 2 || len(rep.Changes[0].Others) != 2 || len(rep.Changes[1].Others) != 1 {
		t.Errorf("changes %+v", rep.Changes)
	}
}

func TestEnrichCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	rec := &fair.Resource{Creators: []fair.Creator{{Name: "Doe, Jane", Affiliations: []fair.Affiliation{{Name: "LAPP"}}}}}
	if _, err := ror.Enrich(ctx, rec, ror.Default()); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled context: %v", err)
	}
}
