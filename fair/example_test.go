package fair_test

import (
	"encoding/json"
	"fmt"

	"github.com/dop2i/fairmeta/fair"
)

// A pipeline describes the dataset it wrote as a plain struct.
func ExampleResource() {
	r := fair.Resource{
		Titles:          []fair.Title{{Title: "Calibrated event list, run 4271"}},
		PublicationYear: 2026,
		ResourceType:    fair.ResourceType{General: fair.ResourceTypeDataset, Type: "Event list"},
		Publisher:       fair.Publisher{Name: "CC-IN2P3"},
		Creators: []fair.Creator{{
			Name: "Curie, Marie", NameType: fair.NamePersonal, GivenName: "Marie", FamilyName: "Curie",
			Affiliations: []fair.Affiliation{{Name: "IJCLab", Identifier: "https://ror.org/03gc1p724", IdentifierScheme: "ROR"}},
		}},
		Rights: []fair.Rights{{Identifier: "CC-BY-4.0", IdentifierScheme: "SPDX"}},
	}
	b, _ := json.Marshal(r.ResourceType)
	fmt.Println(r.MainTitle(), string(b), r.ResourceType.General.Valid())
	// Output: Calibrated event list, run 4271 {"general":"Dataset","type":"Event list"} true
}

func ExampleDetectPID() {
	for _, s := range []string{"https://orcid.org/0000-0002-1825-0097", "arXiv:hep-th/9901001", "0000-0002-1825-0098"} {
		p, err := fair.DetectPID(s)
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Println(p.Scheme, p.Value, p.URL)
	}
	// Output:
	// ORCID 0000-0002-1825-0097 https://orcid.org/0000-0002-1825-0097
	// arXiv hep-th/9901001 https://arxiv.org/abs/hep-th/9901001
	// fair: "0000-0002-1825-0098" is not a valid ORCID: wrong check character '8' (MOD 11-2 gives '7')
}

func ExampleParseRelationType() {
	rel, ok := fair.ParseRelationType("is_compiled_by")
	fmt.Println(rel, ok, rel == fair.RelIsCompiledBy)
	// Output: IsCompiledBy true true
}
