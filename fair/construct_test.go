package fair_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/dop2i/fairmeta/fair"
)

// ExampleORCID builds a creator from its identifiers as a pipeline does, without spelling schemes by hand.
func ExampleORCID() {
	orcid, err := fair.ORCID("0000-0002-1825-0097")
	if err != nil {
		panic(err)
	}
	lab, err := fair.RORAffiliation("IJCLab", "03gc1p724")
	if err != nil {
		panic(err)
	}
	licence, err := fair.SPDX("CC-BY-4.0")
	if err != nil {
		panic(err)
	}
	c := fair.Creator{Name: "Lefèvre, Camille", NameType: fair.NamePersonal,
		NameIdentifiers: []fair.NameIdentifier{orcid}, Affiliations: []fair.Affiliation{lab}}
	fmt.Printf("%+v\n%+v\n%+v\n", c.NameIdentifiers[0], c.Affiliations[0], licence)
	_, err = fair.ORCID("0000-0002-1825-0098")
	fmt.Println(err)
	// Output:
	// {Value:https://orcid.org/0000-0002-1825-0097 Scheme:ORCID SchemeURI:https://orcid.org}
	// {Name:IJCLab Identifier:https://ror.org/03gc1p724 IdentifierScheme:ROR SchemeURI:https://ror.org OtherIdentifiers:[]}
	// {Rights:CC-BY-4.0 URI:https://spdx.org/licenses/CC-BY-4.0.html Identifier:CC-BY-4.0 IdentifierScheme:SPDX SchemeURI:https://spdx.org/licenses/ Lang:}
	// fair: "0000-0002-1825-0098" is not a valid ORCID: wrong check character '8' (MOD 11-2 gives '7')
}

func TestConstructors(t *testing.T) {
	for _, c := range []struct {
		name      string
		got       func() (any, error)
		wantValue string
		wantURI   string
	}{
		{"ORCID URL", func() (any, error) { return fair.ORCID("https://orcid.org/0000-0002-1825-0097") }, "https://orcid.org/0000-0002-1825-0097", "https://orcid.org"},
		{"ROR bare", func() (any, error) { return fair.ROR("03gc1p724") }, "https://ror.org/03gc1p724", "https://ror.org"},
		{"ISNI spaced", func() (any, error) { return fair.ISNI("0000 0001 2103 2683") }, "", "https://isni.org"},
		{"SPDX with +", func() (any, error) { return fair.SPDX("GPL-2.0+") }, "GPL-2.0+", "https://spdx.org/licenses/"},
	} {
		v, err := c.got()
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		var value, uri string
		switch x := v.(type) {
		case fair.NameIdentifier:
			value, uri = x.Value, x.SchemeURI
		case fair.Rights:
			value, uri = x.Identifier, x.SchemeURI
		}
		if c.wantValue != "" && value != c.wantValue || uri != c.wantURI {
			t.Errorf("%s: %+v, want value %q and schemeURI %q", c.name, v, c.wantValue, c.wantURI)
		}
	}
	for _, bad := range []func() error{
		func() error { _, err := fair.ORCID("0000-0002-1825-0098"); return err },
		func() error { _, err := fair.ROR("not-a-ror"); return err },
		func() error { _, err := fair.RORAffiliation("X", "https://ror.org/03gc1p72x"); return err },
		func() error { _, err := fair.SPDX(""); return err },
		func() error { _, err := fair.SPDX("MIT OR Apache-2.0"); return err },
		func() error { _, err := fair.SPDX("CC BY/4.0"); return err },
	} {
		err := bad()
		var ie *fair.IdentifierError
		if !errors.As(err, &ie) || !errors.Is(err, fair.ErrInvalidIdentifier) {
			t.Errorf("invalid input: %v, want an *IdentifierError", err)
		}
	}
	for s, want := range map[fair.Scheme]string{fair.SchemeORCID: "https://orcid.org", fair.SchemeROR: "https://ror.org", fair.SchemeURL: ""} {
		if got := s.URI(); got != want {
			t.Errorf("%s.URI() = %q, want %q", s, got, want)
		}
	}
}
