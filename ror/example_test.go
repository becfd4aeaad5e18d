package ror_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"

	"github.com/dop2i/fairmeta/fair"
	"github.com/dop2i/fairmeta/ror"
)

func ExampleParseID() {
	id, err := ror.ParseID("ror.org/02FEAHW73")
	fmt.Println(id, err)
	_, err = ror.ParseID("https://ror.org/02feahw74")
	fmt.Println(err)
	// Output:
	// https://ror.org/02feahw73 <nil>
	// fair: "https://ror.org/02feahw74" is not a valid ROR: has a wrong checksum (74, want 73)
}

// Matching with the curated set built into the package: the laboratory comes first, then the institutions the
// string also names; a section of INFN is the section and INFN; an acronym with nothing around it is listed but not
// chosen, while the laboratories' usual short names resolve.
func ExampleIndex_Match() {
	ix := ror.Default()
	for _, s := range []string{
		"IJCLab, Université Paris-Saclay, CNRS/IN2P3, Orsay, France",
		"Dept. of Physics, Istituto Nazionale di Fisica Nucleare, Sezione di Bologna, Bologna, Italy",
		"CERN",
		"CC-IN2P3",
	} {
		m := ix.Match(s)
		fmt.Printf("%s: %d candidates\n", s, len(m.Candidates))
		for _, c := range m.Matches {
			fmt.Printf("  %s %s (%q at %d)\n", c.Organization.ID, c.Organization.DisplayName(), c.Substring, c.Start)
		}
	}
	// Output:
	// IJCLab, Université Paris-Saclay, CNRS/IN2P3, Orsay, France: 4 candidates
	//   https://ror.org/03gc1p724 Laboratoire de Physique des 2 Infinis Irène Joliot-Curie ("IJCLab" at 0)
	//   https://ror.org/03xjwb503 Université Paris-Saclay ("Université Paris-Saclay" at 8)
	//   https://ror.org/03fd77x13 Institut National de Physique Nucléaire et de Physique des Particules ("IN2P3" at 39)
	//   https://ror.org/02feahw73 Centre National de la Recherche Scientifique ("CNRS" at 34)
	// Dept. of Physics, Istituto Nazionale di Fisica Nucleare, Sezione di Bologna, Bologna, Italy: 2 candidates
	//   https://ror.org/04j0x0h93 Istituto Nazionale di Fisica Nucleare, Sezione di Bologna ("Istituto Nazionale di Fisica Nucleare, Sezione di Bologna" at 18)
	//   https://ror.org/005ta0471 Istituto Nazionale di Fisica Nucleare ("Istituto Nazionale di Fisica Nucleare" at 18)
	// CERN: 1 candidates
	// CC-IN2P3: 2 candidates
	//   https://ror.org/04dcc3438 Centre de Calcul de l’Institut National de Physique Nucléaire et de Physique des Particules ("CC-IN2P3" at 0)
	//   https://ror.org/03fd77x13 Institut National de Physique Nucléaire et de Physique des Particules ("IN2P3" at 3)
}

// Enrich fills in the ROR IDs a record lacks and says what it did: an affiliation that names a laboratory and its
// institutions becomes one affiliation each.
func ExampleEnrich() {
	rec := &fair.Resource{
		Creators: []fair.Creator{{Name: "Rossi, Paolo", NameType: fair.NamePersonal,
			Affiliations: []fair.Affiliation{{Name: "Istituto Nazionale di Fisica Nucleare"}, {Name: "Somewhere Else"}}},
			{Name: "Martin, Claire", NameType: fair.NamePersonal, Affiliations: []fair.Affiliation{{Name: "LAPP, CNRS/IN2P3, Annecy"}}}},
		Publisher:         fair.Publisher{Name: "Centre de Calcul de l'IN2P3"},
		FundingReferences: []fair.FundingReference{{FunderName: "Centre National de la Recherche Scientifique"}},
	}
	rep, err := ror.Enrich(context.Background(), rec, ror.Default())
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, c := range rep.Changes {
		fmt.Printf("%s: %s → %s\n", c.Path, c.Name, c.ID)
	}
	for _, s := range rep.Splits {
		fmt.Printf("%s split into %v\n", s.Path, s.Into)
	}
	for _, m := range rep.Misses {
		fmt.Printf("%s: %s not matched\n", m.Path, m.Name)
	}
	for _, a := range rec.Creators[1].Affiliations {
		fmt.Printf("%s (%s)\n", a.Name, a.Identifier)
	}
	// Output:
	// creators[0].affiliations[0]: Istituto Nazionale di Fisica Nucleare → https://ror.org/005ta0471
	// creators[1].affiliations[0]: LAPP, CNRS/IN2P3, Annecy → https://ror.org/049nhh297
	// creators[1].affiliations[1]: LAPP, CNRS/IN2P3, Annecy → https://ror.org/03fd77x13
	// creators[1].affiliations[2]: LAPP, CNRS/IN2P3, Annecy → https://ror.org/02feahw73
	// publisher: Centre de Calcul de l'IN2P3 → https://ror.org/04dcc3438
	// fundingReferences[0]: Centre National de la Recherche Scientifique → https://ror.org/02feahw73
	// creators[1].affiliations[0] split into [creators[1].affiliations[0] creators[1].affiliations[1] creators[1].affiliations[2]]
	// creators[0].affiliations[1]: Somewhere Else not matched
	// Laboratoire d’Annecy de Physique des Particules (https://ror.org/049nhh297)
	// Institut National de Physique Nucléaire et de Physique des Particules (https://ror.org/03fd77x13)
	// Centre National de la Recherche Scientifique (https://ror.org/02feahw73)
}

// The client against a loopback stand-in for api.ror.org.
func ExampleClient_Get() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `{"id":"https://ror.org/01ggx4157","status":"active","names":[{"value":"European Organization for Nuclear Research","types":["ror_display","label"]}]}`)
	}))
	defer srv.Close()
	c, err := ror.NewClient(ror.WithBaseURL(srv.URL+"/v2/"), ror.WithClientID("my-client-id"))
	if err != nil {
		fmt.Println(err)
		return
	}
	o, err := c.Get(context.Background(), "01ggx4157")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(o.ID, o.DisplayName(), o.Status)
	// Output: https://ror.org/01ggx4157 European Organization for Nuclear Research active
}
