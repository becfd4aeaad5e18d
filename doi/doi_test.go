package doi_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/dop2i/fairmeta/doi"
)

func TestParse(t *testing.T) {
	tests := []struct{ in, want string }{
		{"10.5281/zenodo.1234", "10.5281/zenodo.1234"},
		{"  doi:10.5281/Zenodo.1234 ", "10.5281/zenodo.1234"},
		{"DOI: 10.1000/ABC", "10.1000/abc"},
		{"https://doi.org/10.1000/182", "10.1000/182"},
		{"http://dx.doi.org/10.1000/182", "10.1000/182"},
		{"HTTPS://DOI.ORG/10.1000/182", "10.1000/182"},
		{"doi.org/10.1000/182", "10.1000/182"},
		{"info:doi/10.1000/182", "10.1000/182"},
		{"urn:doi:10.1000/182", "10.1000/182"},
		{"https://doi.org/10.1002%2F%28SICI%291097-4571%28199806%2949%3A8%3C693%3A%3AAID-ASI4%3E3.0.CO%3B2-0", "10.1002/(sici)1097-4571(199806)49:8<693::aid-asi4>3.0.co;2-0"},
		{"https://doi.org/10.1000/abc?x=1#frag", "10.1000/abc"},
		{"10.1000.10/123", "10.1000.10/123"},
		{"10.1000/ÉTÉ-ü", "10.1000/été-ü"},
		{"10.1000/a/b/c", "10.1000/a/b/c"},
		{"10.0/://", "10.0/://"}, // a suffix may hold "://"; found by FuzzParse
	}
	for _, tc := range tests {
		got, err := doi.Parse(tc.in)
		if err != nil || string(got) != tc.want {
			t.Errorf("Parse(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
}

func TestParseInvalid(t *testing.T) {
	for _, in := range []string{"", "11.1000/x", "10./x", "10.1000", "10.1000/", "10.12a4/x", "10..1/x", "10.1000/a b",
		"https://example.org/10.1000/x", "doi:", "10.1000/\x00", "10.1000/\xff", "10.1/" + strings.Repeat("x", doi.MaxLength)} {
		_, err := doi.Parse(in)
		var se *doi.SyntaxError
		if !errors.As(err, &se) || se.Reason == "" || !errors.Is(err, doi.ErrSyntax) {
			t.Errorf("Parse(%q) error = %v, want a *SyntaxError with a reason", in, err)
		}
	}
}

func TestDOIMethods(t *testing.T) {
	d := doi.MustParse("https://doi.org/10.1234/AbC;x")
	if d.Prefix() != "10.1234" || d.Suffix() != "abc;x" || !d.Valid() {
		t.Errorf("Prefix/Suffix/Valid of %q = %q %q %v", d, d.Prefix(), d.Suffix(), d.Valid())
	}
	if got, want := doi.DOI("10.1234/a b?c").URL(), "https://doi.org/10.1234/a%20b%3Fc"; got != want {
		t.Errorf("URL() = %q, want %q", got, want)
	}
	if !doi.Equal("doi:10.1/ABC", "https://doi.org/10.1/abc") || doi.Equal("10.1/a", "10.1/b") {
		t.Error("Equal is wrong")
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"10.1/a", "doi:10.1234/x", "https://doi.org/10.1/%2F", "info:doi/10.1/é", "10.1.2/a/b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := doi.Parse(s)
		if err != nil {
			return
		}
		if !d.Valid() {
			t.Fatalf("Parse(%q) = %q, which is not Valid", s, d)
		}
		back, err := doi.Parse(d.URL())
		if err != nil || back != d {
			t.Fatalf("Parse(URL of %q) = %q, %v", d, back, err)
		}
	})
}
