package software

import (
	"bytes"
	"testing"
)

const fuzzCFF = `cff-version: 1.2.0
message: Please cite.
title: shower-calib
version: 2.1.0
authors:
  - given-names: Camille
    family-names: Lefèvre
    orcid: https://orcid.org/0000-0002-1825-0097
  - name: CC-IN2P3
identifiers:
  - type: doi
    value: 10.5281/zenodo.1234567
license: [MIT, Apache-2.0]
references:
  - type: article
    title: x
    authors: [{name: a}]
    year: 2014
`

// FuzzReadCFF: validation and reading never panic, and what we read and write reads again.
func FuzzReadCFF(f *testing.F) {
	f.Add(fuzzCFF)
	f.Add("cff-version: 1.2.0\n")
	f.Add("a: &a [*a]\n")
	f.Add("- - - x\n")
	f.Fuzz(func(t *testing.T, s string) {
		ValidateCFF([]byte(s))
		r, _, err := ReadCFF([]byte(s))
		if err != nil {
			return
		}
		var buf bytes.Buffer
		if _, err := WriteCFF(&buf, r); err != nil {
			return // a record CFF cannot hold (a value the writer may not shorten) is reported, not written
		}
		if _, _, err := ReadCFF(buf.Bytes()); err != nil {
			t.Fatalf("our own output does not read: %v\n%s", err, buf.String())
		}
	})
}

// FuzzReadCodeMeta: reading never panics, and our output of what we read reads again without loss.
func FuzzReadCodeMeta(f *testing.F) {
	f.Add(`{"@context": "https://w3id.org/codemeta/3.0", "@type": "SoftwareSourceCode", "name": "x",
	  "author": [{"@type": "Person", "givenName": "A", "familyName": "B", "@id": "https://orcid.org/0000-0002-1825-0097",
	  "affiliation": {"name": "IJCLab", "@id": "https://ror.org/03gc1p724"}}], "identifier": ["10.5281/zenodo.1", {"propertyID": "commit", "value": "abc"}],
	  "license": "https://spdx.org/licenses/MIT", "softwareRequirements": [{"name": "a", "version": "1"}, "b"], "keywords": "a, b",
	  "funding": [{"@type": "Grant", "identifier": "g", "funder": {"name": "ANR"}}], "citation": "10.1/x", "maintainer": {"name": "m"}}`)
	f.Add(`{"@graph": [{"@type": "SoftwareApplication", "name": "y"}]}`)
	f.Add(`[]`)
	f.Fuzz(func(t *testing.T, s string) {
		r, _, err := ReadCodeMeta([]byte(s))
		if err != nil {
			return
		}
		var buf bytes.Buffer
		if _, err := WriteCodeMeta(&buf, r); err != nil {
			return
		}
		if _, _, err := ReadCodeMeta(buf.Bytes()); err != nil {
			t.Fatalf("our own output does not read back whole: %v\n%s", err, buf.String())
		}
	})
}

// FuzzReadRunCrate: reading any JSON as a crate never panics.
func FuzzReadRunCrate(f *testing.F) {
	f.Add(`{"@graph": [{"@id": "#r", "@type": "CreateAction", "instrument": {"@id": "#s"}, "object": [{"@id": "#p"}, "x"],
	  "result": {"@id": "o"}, "agent": {"@id": "#a"}, "startTime": "2026-11-02T10:00:00Z"},
	  {"@id": "#s", "@type": "SoftwareApplication", "softwareRequirements": {"@id": "#d"}, "identifier": [{"propertyID": "commit"}]},
	  {"@id": "#p", "@type": "PropertyValue", "name": "n", "value": 1}, {"@id": "#a", "@type": "Person", "affiliation": [{"name": "x"}, "y"]},
	  {"@id": "o", "@type": "File", "contentSize": "12", "sha256": "ab"}]}`)
	f.Fuzz(func(t *testing.T, s string) {
		ReadRunCrate([]byte(s))
	})
}
