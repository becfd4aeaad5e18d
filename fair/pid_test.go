package fair_test

import (
	"errors"
	"testing"

	"github.com/dop2i/fairmeta/fair"
)

func TestDetectPID(t *testing.T) {
	tests := []struct {
		name, in string
		scheme   fair.Scheme
		value    string
		url      string
	}{
		{"doi bare", "10.5281/zenodo.1234", fair.SchemeDOI, "10.5281/zenodo.1234", "https://doi.org/10.5281/zenodo.1234"},
		{"doi prefix", "DOI: 10.1000/ABC", fair.SchemeDOI, "10.1000/abc", "https://doi.org/10.1000/abc"},
		{"doi url", "https://doi.org/10.1000%2Fxyz%3Ba", fair.SchemeDOI, "10.1000/xyz;a", "https://doi.org/10.1000/xyz;a"},
		{"doi dx", "http://dx.doi.org/10.1000/182", fair.SchemeDOI, "10.1000/182", "https://doi.org/10.1000/182"},
		{"doi hostonly", "doi.org/10.1000/182", fair.SchemeDOI, "10.1000/182", "https://doi.org/10.1000/182"},
		{"doi info", "info:doi/10.1000/182", fair.SchemeDOI, "10.1000/182", "https://doi.org/10.1000/182"},
		{"doi unicode", "10.1000/données-é", fair.SchemeDOI, "10.1000/données-é", "https://doi.org/10.1000/donn%C3%A9es-%C3%A9"},
		{"doi via hdl", "https://hdl.handle.net/10.1000/182", fair.SchemeDOI, "10.1000/182", "https://doi.org/10.1000/182"},
		{"orcid", "0000-0002-1825-0097", fair.SchemeORCID, "0000-0002-1825-0097", "https://orcid.org/0000-0002-1825-0097"},
		{"orcid url X", "https://orcid.org/0000-0002-9079-593x", fair.SchemeORCID, "0000-0002-9079-593X", "https://orcid.org/0000-0002-9079-593X"},
		{"ror url", "https://ror.org/02feahw73", fair.SchemeROR, "https://ror.org/02feahw73", "https://ror.org/02feahw73"},
		{"ror bare", "01ggx4157", fair.SchemeROR, "https://ror.org/01ggx4157", "https://ror.org/01ggx4157"},
		{"isni spaced", "0000 0001 2103 2683", fair.SchemeISNI, "0000000121032683", "https://isni.org/isni/0000000121032683"},
		{"isni url", "https://isni.org/isni/0000000121032683", fair.SchemeISNI, "0000000121032683", "https://isni.org/isni/0000000121032683"},
		{"arxiv new", "arXiv:2101.00001v2", fair.SchemeArXiv, "2101.00001v2", "https://arxiv.org/abs/2101.00001v2"},
		{"arxiv 4 digits", "0704.0001", fair.SchemeArXiv, "0704.0001", "https://arxiv.org/abs/0704.0001"},
		{"arxiv old", "hep-th/9901001", fair.SchemeArXiv, "hep-th/9901001", "https://arxiv.org/abs/hep-th/9901001"},
		{"arxiv old subject", "arXiv:math.GT/0309136v1", fair.SchemeArXiv, "math/0309136v1", "https://arxiv.org/abs/math/0309136v1"},
		{"arxiv pdf", "https://arxiv.org/pdf/1706.03762v7.pdf", fair.SchemeArXiv, "1706.03762v7", "https://arxiv.org/abs/1706.03762v7"},
		{"handle", "hdl:20.500.12345/abc", fair.SchemeHandle, "20.500.12345/abc", "https://hdl.handle.net/20.500.12345/abc"},
		{"handle bare", "1721.1/12345", fair.SchemeHandle, "1721.1/12345", "https://hdl.handle.net/1721.1/12345"},
		{"ark old", "ark:/13030/tf5p30086k", fair.SchemeARK, "ark:13030/tf5p30086k", "https://n2t.net/ark:13030/tf5p30086k"},
		{"ark url", "https://n2t.net/ark:/67531/metapth346793/", fair.SchemeARK, "ark:67531/metapth346793/", "https://n2t.net/ark:67531/metapth346793/"},
		{"urn nbn", "URN:NBN:de:101:1-201102033592", fair.SchemeURN, "urn:nbn:de:101:1-201102033592", "https://nbn-resolving.org/urn:nbn:de:101:1-201102033592"},
		{"urn isbn", "urn:isbn:0451450523", fair.SchemeURN, "urn:isbn:0451450523", ""},
		{"purl", "http://purl.org/dc/terms/", fair.SchemePURL, "https://purl.org/dc/terms/", "https://purl.org/dc/terms/"},
		{"purl obo", "http://purl.obolibrary.org/obo/GO_0008150", fair.SchemePURL, "https://purl.obolibrary.org/obo/GO_0008150", "https://purl.obolibrary.org/obo/GO_0008150"},
		{"swhid core", "swh:1:cnt:94a9ed024d3859793618152ea559a168bbcbb5e2", fair.SchemeSWHID, "swh:1:cnt:94a9ed024d3859793618152ea559a168bbcbb5e2", "https://archive.softwareheritage.org/swh:1:cnt:94a9ed024d3859793618152ea559a168bbcbb5e2"},
		{"swhid qualified reordered", "swh:1:cnt:4d99d2d18326621ccdd70f5ea66c2e2ac236ad8b;lines=9-15;origin=https://gitorious.org/ocamlp3l/ocamlp3l_cvs.git;path=/Examples/SimpleFarm/simplefarm.ml;anchor=swh:1:rev:2db189928c94d62a3b4757b3eec68f0a4d4113f0",
			fair.SchemeSWHID, "swh:1:cnt:4d99d2d18326621ccdd70f5ea66c2e2ac236ad8b;origin=https://gitorious.org/ocamlp3l/ocamlp3l_cvs.git;anchor=swh:1:rev:2db189928c94d62a3b4757b3eec68f0a4d4113f0;path=/Examples/SimpleFarm/simplefarm.ml;lines=9-15",
			"https://archive.softwareheritage.org/swh:1:cnt:4d99d2d18326621ccdd70f5ea66c2e2ac236ad8b;origin=https://gitorious.org/ocamlp3l/ocamlp3l_cvs.git;anchor=swh:1:rev:2db189928c94d62a3b4757b3eec68f0a4d4113f0;path=/Examples/SimpleFarm/simplefarm.ml;lines=9-15"},
		{"url", "HTTPS://CC.IN2P3.fr/en/", fair.SchemeURL, "https://cc.in2p3.fr/en/", "https://cc.in2p3.fr/en/"},
		{"inspire id", "inspire-00300234", fair.SchemeInspireID, "INSPIRE-00300234", ""},
		{"inspire bai", "D.R.Wood.1", fair.SchemeInspireBAI, "D.R.Wood.1", ""},
		{"inspire bai hyphen", "J.Rodriguez-Garcia.12", fair.SchemeInspireBAI, "J.Rodriguez-Garcia.12", ""},
		{"idhal prefix", "idHAL:laurent-romary", fair.SchemeIdHAL, "laurent-romary", "https://cv.hal.science/laurent-romary"},
		{"idhal cv", "https://cv.archives-ouvertes.fr/laurent-romary/", fair.SchemeIdHAL, "laurent-romary", "https://cv.hal.science/laurent-romary"},
		{"hal bare", "in2p3-00012345v2", fair.SchemeHAL, "in2p3-00012345v2", "https://hal.science/in2p3-00012345v2"},
		{"hal url", "https://hal.science/hal-01234567v3/document", fair.SchemeHAL, "hal-01234567v3", "https://hal.science/hal-01234567v3"},
		{"hal portal url", "https://in2p3.hal.science/tel-04123456", fair.SchemeHAL, "tel-04123456", "https://hal.science/tel-04123456"},
		{"hal old url", "http://hal.archives-ouvertes.fr/hal-00000001", fair.SchemeHAL, "hal-00000001", "https://hal.science/hal-00000001"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := fair.DetectPID(tc.in)
			if err != nil {
				t.Fatalf("DetectPID(%q): %v", tc.in, err)
			}
			want := fair.PID{Scheme: tc.scheme, Value: tc.value, URL: tc.url}
			if got != want {
				t.Errorf("DetectPID(%q)\n got %+v\nwant %+v", tc.in, got, want)
			}
		})
	}
}

func TestDetectPIDInvalid(t *testing.T) {
	tests := []struct {
		name, in string
		scheme   fair.Scheme // the scheme the error names
	}{
		{"empty", "  ", ""},
		{"orcid bad check", "0000-0002-1825-0098", fair.SchemeORCID},
		{"orcid truncated", "https://orcid.org/0000-0002-1825-009", fair.SchemeORCID},
		{"orcid letters", "0000-000A-1825-0097", fair.SchemeORCID},
		{"ror bad checksum", "https://ror.org/02feahw74", fair.SchemeROR},
		{"ror alphabet", "https://ror.org/0ufeahw73", fair.SchemeROR},
		{"ror short", "https://ror.org/02feah", fair.SchemeROR},
		{"isni bad check", "0000 0001 2103 2684", fair.SchemeISNI},
		{"doi no suffix", "doi:10.1234/", fair.SchemeDOI},
		{"doi letters prefix", "doi:10.abc/x", fair.SchemeDOI},
		{"doi space", "10.1234/a b", fair.SchemeDOI},
		{"arxiv month", "arXiv:2113.00001", fair.SchemeArXiv},
		{"arxiv digits", "arXiv:2101.0001", fair.SchemeArXiv},
		{"arxiv archive", "arXiv:foo-bar/9901001", fair.SchemeArXiv},
		{"arxiv v0", "arXiv:2101.00001v0", fair.SchemeArXiv},
		{"ark short naan", "ark:/123/x", fair.SchemeARK},
		{"urn bad nid", "urn:-x:abc", fair.SchemeURN},
		{"swhid version", "swh:2:cnt:94a9ed024d3859793618152ea559a168bbcbb5e2", fair.SchemeSWHID},
		{"swhid type", "swh:1:blb:94a9ed024d3859793618152ea559a168bbcbb5e2", fair.SchemeSWHID},
		{"swhid short", "swh:1:cnt:94a9ed024d", fair.SchemeSWHID},
		{"swhid upper", "swh:1:cnt:94A9ED024D3859793618152EA559A168BBCBB5E2", fair.SchemeSWHID},
		{"swhid qualifier", "swh:1:cnt:94a9ed024d3859793618152ea559a168bbcbb5e2;foo=bar", fair.SchemeSWHID},
		{"swhid visit type", "swh:1:cnt:94a9ed024d3859793618152ea559a168bbcbb5e2;visit=swh:1:rev:94a9ed024d3859793618152ea559a168bbcbb5e2", fair.SchemeSWHID},
		{"swhid lines", "swh:1:cnt:94a9ed024d3859793618152ea559a168bbcbb5e2;lines=5-2", fair.SchemeSWHID},
		{"swhid lines on dir", "swh:1:dir:94a9ed024d3859793618152ea559a168bbcbb5e2;lines=5", fair.SchemeSWHID},
		{"url ftp", "ftp://example.org/x", ""},
		{"garbage", "hello world", ""},
		{"no scheme host", "cc.in2p3.fr", ""},
		{"inspire id short", "INSPIRE-0030023", fair.SchemeInspireID},
		{"idhal upper", "idHAL:Laurent-Romary", fair.SchemeIdHAL},
		{"idhal cv empty", "https://cv.hal.science/", fair.SchemeIdHAL},
		{"hal digits", "hal:hal-0123456", fair.SchemeHAL},
		{"hal v0", "https://hal.science/hal-01234567v0", fair.SchemeHAL},
		{"hal not a document", "https://hal.science/search/index", fair.SchemeHAL},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := fair.DetectPID(tc.in)
			if err == nil {
				t.Fatalf("DetectPID(%q) = %+v, want an error", tc.in, got)
			}
			var ie *fair.IdentifierError
			if !errors.As(err, &ie) || !errors.Is(err, fair.ErrInvalidIdentifier) {
				t.Fatalf("DetectPID(%q) error %T %v is not an *IdentifierError", tc.in, err, err)
			}
			if ie.Scheme != tc.scheme || ie.Reason == "" {
				t.Errorf("DetectPID(%q) error scheme %q reason %q, want scheme %q with a reason", tc.in, ie.Scheme, ie.Reason, tc.scheme)
			}
		})
	}
}

func TestSWHIDString(t *testing.T) {
	id := fair.SWHID{ObjectType: "cnt", Hash: "94a9ed024d3859793618152ea559a168bbcbb5e2", Origin: "https://example.org/a;b", Path: "/x%y", LinesFrom: 3}
	s := id.String()
	want := "swh:1:cnt:94a9ed024d3859793618152ea559a168bbcbb5e2;origin=https://example.org/a%3Bb;path=/x%25y;lines=3"
	if s != want {
		t.Fatalf("String() = %q, want %q", s, want)
	}
	back, err := fair.ParseSWHID(s)
	if err != nil || back != id {
		t.Errorf("ParseSWHID(%q) = %+v, %v; want %+v", s, back, err, id)
	}
}

func FuzzDetectPID(f *testing.F) {
	for _, s := range []string{"10.1234/abc", "https://doi.org/10.1/%41", "0000-0002-1825-0097", "https://ror.org/02feahw73",
		"0000 0001 2103 2683", "arXiv:2101.00001v2", "hep-th/9901001", "hdl:1721.1/1", "ark:/13030/tf5p30086k", "urn:nbn:de:1-2",
		"http://purl.org/dc/terms/", "swh:1:cnt:94a9ed024d3859793618152ea559a168bbcbb5e2;lines=1-2", "https://x.org/",
		"INSPIRE-00300234", "D.R.Wood.1", "idHAL:laurent-romary", "hal-01234567v2", "https://in2p3.hal.science/tel-04123456"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := fair.DetectPID(s)
		if err != nil {
			var ie *fair.IdentifierError
			if !errors.As(err, &ie) || ie.Reason == "" {
				t.Fatalf("DetectPID(%q): error %v without a reason", s, err)
			}
			return
		}
		if p.Value == "" || p.Scheme == "" {
			t.Fatalf("DetectPID(%q) = %+v with an empty part", s, p)
		}
		// The normalised form is a fixed point.
		again, err := fair.DetectPID(p.Value)
		// A bare idHAL is not detected (any lower-case word would be one): its fixed point is with the prefix.
		if p.Scheme == fair.SchemeIdHAL {
			again, err = fair.DetectPID("idHAL:" + p.Value)
		}
		if p.Scheme != fair.SchemeURN && p.Scheme != fair.SchemeHandle && (err != nil || again.Value != p.Value) {
			t.Fatalf("DetectPID(%q) = %q, but DetectPID of that = %+v, %v", s, p.Value, again, err)
		}
	})
}
