package ror_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/dop2i/fairmeta/fair"
	"github.com/dop2i/fairmeta/ror"
)

func TestParseID(t *testing.T) {
	good := map[string]ror.ID{
		"02feahw73":                       "02feahw73",
		"https://ror.org/02feahw73":       "02feahw73",
		"http://ror.org/02feahw73/":       "02feahw73",
		"ror.org/02FEAHW73":               "02feahw73",
		" https://www.ror.org/03fd77x13 ": "03fd77x13",
	}
	for in, want := range good {
		got, err := ror.ParseID(in)
		if err != nil || got != want {
			t.Errorf("ParseID(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	bad := map[string]string{
		"":                          "has 0 characters",
		"02feahw74":                 "wrong checksum (74, want 73)",
		"12feahw73":                 "does not start with 0",
		"02feahu73":                 "not in the Crockford base32 alphabet",
		"02feahwx3":                 "is not a digit",
		"https://ror.org/02feahw7":  "has 8 characters",
		"https://doi.org/02feahw73": "has 25 characters",
	}
	for in, reason := range bad {
		_, err := ror.ParseID(in)
		var ie *ror.IDError
		if !errors.As(err, &ie) || !strings.Contains(ie.Reason, reason) {
			t.Errorf("ParseID(%q) error %v; want an *IDError saying %q", in, err, reason)
		}
		// One parser: fair.ParseROR gives the very same error.
		if _, ferr := fair.ParseROR(in); ferr == nil || ferr.Error() != err.Error() {
			t.Errorf("ParseID(%q) error %v, fair.ParseROR error %v; want the same", in, err, ferr)
		}
	}
}

func TestIDText(t *testing.T) {
	id := ror.ID("02feahw73")
	if id.String() != "https://ror.org/02feahw73" || id.URL() != id.String() {
		t.Errorf("String/URL = %q/%q", id.String(), id.URL())
	}
	if ror.ID("").String() != "" {
		t.Error("the zero ID must print as the empty string")
	}
	var back ror.ID
	if err := back.UnmarshalText([]byte("https://ror.org/02FEAHW73")); err != nil || back != id {
		t.Errorf("UnmarshalText = %q, %v", back, err)
	}
	if err := back.UnmarshalText([]byte("nonsense")); err == nil {
		t.Error("UnmarshalText accepted nonsense")
	}
}

func FuzzParseID(f *testing.F) {
	for _, s := range []string{"02feahw73", "https://ror.org/02feahw73", "ror.org/0", "0ïïïïïï00", "http://"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		id, err := ror.ParseID(s)
		if err != nil {
			return
		}
		again, err := ror.ParseID(id.String())
		if err != nil || again != id {
			t.Fatalf("%q parsed to %q, which reparses to %q, %v", s, id, again, err)
		}
	})
}
