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

// Matching with the curated set built into the package: the laboratory is found inside a multi-part string, while an
// acronym with nothing around it is listed but not chosen.
func ExampleIndex_Match() {
	ix := ror.Default()
	for _, s := range []string{
		"Dept. of Physics, Istituto Nazionale di Fisica Nucleare, Sezione di Bologna, Bologna, Italy",
		"Laboratoire de Physique des 2 Infinis Irène Joliot-Curie, Orsay, France",
		"CERN",
	} {
		m := ix.Match(s)
		if m.Chosen == nil {
			fmt.Printf("%s: none chosen (%d candidate)\n", s, len(m.Candidates))
			continue
		}
		fmt.Printf("%s: %s %s (%.2f, %q)\n", s, m.Chosen.Organization.ID, m.Chosen.Organization.DisplayName(), m.Chosen.Score, m.Chosen.Substring)
	}
	// Output:
	// Dept. of Physics, Istituto Nazionale di Fisica Nucleare, Sezione di Bologna, Bologna, Italy: https://ror.org/04j0x0h93 Istituto Nazionale di Fisica Nucleare, Sezione di Bologna (1.00, "Istituto Nazionale di Fisica Nucleare, Sezione di Bologna")
	// Laboratoire de Physique des 2 Infinis Irène Joliot-Curie, Orsay, France: https://ror.org/03gc1p724 Laboratoire de Physique des 2 Infinis Irène Joliot-Curie (1.00, "Laboratoire de Physique des 2 Infinis Irène Joliot-Curie")
	// CERN: none chosen (1 candidate)
}

// Enrich fills in the ROR IDs a record lacks and says what it did.
func ExampleEnrich() {
	rec := &fair.Resource{
		Creators: []fair.Creator{{Name: "Rossi, Paolo", NameType: fair.NamePersonal,
			Affiliations: []fair.Affiliation{{Name: "Istituto Nazionale di Fisica Nucleare"}, {Name: "Somewhere Else"}}}},
		Publisher:         fair.Publisher{Name: "Centre de Calcul de l'IN2P3"},
		FundingReferences: []fair.FundingReference{{FunderName: "Centre National de la Recherche Scientifique"}},
	}
	rep := ror.Enrich(rec, ror.Default())
	for _, c := range rep.Changes {
		fmt.Printf("%s: %s → %s\n", c.Path, c.Name, c.ID)
	}
	for _, m := range rep.Misses {
		fmt.Printf("%s: %s not matched\n", m.Path, m.Name)
	}
	fmt.Println(rec.Creators[0].Affiliations[0].IdentifierScheme, rec.FundingReferences[0].FunderIdentifierType)
	// Output:
	// creators[0].affiliations[0]: Istituto Nazionale di Fisica Nucleare → https://ror.org/005ta0471
	// publisher: Centre de Calcul de l'IN2P3 → https://ror.org/04dcc3438
	// fundingReferences[0]: Centre National de la Recherche Scientifique → https://ror.org/02feahw73
	// creators[0].affiliations[1]: Somewhere Else not matched
	// ROR ROR
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
