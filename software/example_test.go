package software_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/dop2i/fairmeta/fair"
	"github.com/dop2i/fairmeta/software"
)

func ExampleContentSWHID() {
	fmt.Println(software.ContentSWHID([]byte("hello\n")))
	// Output: swh:1:cnt:ce013625030ba8dba906f756967f9e9ca394464a
}

func ExampleDirSWHID() {
	dir, _ := os.MkdirTemp("", "swhid")
	defer os.RemoveAll(dir)
	os.WriteFile(filepath.Join(dir, "README"), []byte("hello\n"), 0o644)
	id, err := software.DirSWHID(dir)
	if err != nil {
		panic(err)
	}
	fmt.Println(id) // the same as "git add README && git write-tree"
	// Output: swh:1:dir:7d4a466af82cd6857c85c0296d5c23fc68cba887
}

func ExampleValidateCFF() {
	err := software.ValidateCFF([]byte(`cff-version: 1.2.0
message: Please cite this software.
title: shower-calib
authors:
  - family-names: Lefèvre
    orcid: 0000-0002-1825-0097
date-released: 2026-11
`))
	fmt.Println(err)
	// Output: software: invalid CITATION.cff: authors[0].orcid (line 6): "0000-0002-1825-0097" does not match the pattern https://orcid\.org/[0-9]{4}-[0-9]{4}-[0-9]{4}-[0-9]{3}[0-9X]{1}; date-released (line 7): "2026-11" does not match the pattern ^[0-9]{4}-(0[1-9]|1[012])-(0[1-9]|[12][0-9]|3[01])$
}

func ExampleReadCFF() {
	r, notRead, err := software.ReadCFF([]byte(`cff-version: 1.2.0
message: Please cite this software.
title: shower-calib
version: 2.1.0
doi: 10.5281/zenodo.1234568
authors:
  - given-names: Camille
    family-names: Lefèvre
    orcid: https://orcid.org/0000-0002-1825-0097
    post-code: "91405"
license: Apache-2.0
`))
	if err != nil {
		panic(err)
	}
	rel := software.ReleaseFromResource(r)
	fmt.Println(rel.Name, rel.Version, rel.DOI, rel.License, rel.Authors[0].Name)
	fmt.Println("not read:", notRead)
	var cm bytes.Buffer
	software.WriteCodeMeta(&cm, r)
	fmt.Print(cm.String())
	// Output:
	// shower-calib 2.1.0 10.5281/zenodo.1234568 Apache-2.0 Lefèvre, Camille
	// not read: authors[0].post-code: no place for it in the record
	// {
	//   "@context": "https://w3id.org/codemeta/3.0",
	//   "@id": "https://doi.org/10.5281/zenodo.1234568",
	//   "@type": "SoftwareSourceCode",
	//   "author": [
	//     {
	//       "@id": "https://orcid.org/0000-0002-1825-0097",
	//       "@type": "Person",
	//       "familyName": "Lefèvre",
	//       "givenName": "Camille"
	//     }
	//   ],
	//   "identifier": "https://doi.org/10.5281/zenodo.1234568",
	//   "license": "https://spdx.org/licenses/Apache-2.0",
	//   "name": "shower-calib",
	//   "version": "2.1.0"
	// }
}

func ExampleRun_LinkDataset() {
	run := &software.Run{
		Software: &software.Release{Name: "shower-calib", Version: "2.1.0", DOI: "10.5281/zenodo.1234568",
			SWHID: "swh:1:rev:309cf2674ee7a0749978cf8265ab91a60aea0f7d"},
		Inputs: []software.Entity{{ID: "10.5281/zenodo.1111111"}},
		Start:  time.Date(2026, 11, 2, 10, 0, 0, 0, time.UTC),
	}
	ds := &fair.Resource{Titles: []fair.Title{{Title: "Calibrated events, run 4271"}}}
	run.LinkDataset(ds)
	for _, ri := range ds.RelatedIdentifiers {
		fmt.Println(ri.RelationType, ri.IdentifierType, ri.Identifier)
	}
	// And back: which software produced the dataset?
	for _, ref := range software.ProducedBy(ds) {
		fmt.Println("produced by", ref.Identifier)
	}
	// Output:
	// IsCompiledBy DOI 10.5281/zenodo.1234568
	// IsCompiledBy SWHID swh:1:rev:309cf2674ee7a0749978cf8265ab91a60aea0f7d
	// IsDerivedFrom DOI 10.5281/zenodo.1111111
	// produced by 10.5281/zenodo.1234568
	// produced by swh:1:rev:309cf2674ee7a0749978cf8265ab91a60aea0f7d
}

func ExampleSelf() {
	rel, err := software.Self()
	if err != nil {
		panic(err)
	}
	fmt.Println(rel.ProgrammingLanguages[0], len(rel.RuntimePlatforms))
	// Output: Go 1
}
