package ror

import (
	"strings"

	"github.com/dop2i/fairmeta/fair"
)

// ID is a ROR identifier in its normalised form: the nine lower-case characters after "https://ror.org/", e.g.
// "02feahw73". The zero value is the empty ID, which identifies nothing.
type ID string

// Prefix is what a ROR ID's URL starts with.
const Prefix = "https://ror.org/"

// IDError is the error of ParseID: the *fair.IdentifierError (Scheme "ROR", Input, Reason) that fair.ParseROR
// gives, since ParseID is that parser.
type IDError = fair.IdentifierError

// ParseID reads a ROR ID in any form people write it — "02feahw73", "ror.org/02feahw73",
// "https://ror.org/02feahw73", upper or lower case — and checks its form and its MOD 97-10 checksum. It is
// [fair.ParseROR], with the ID in its normalised form; errors are *IDError.
func ParseID(s string) (ID, error) {
	p, err := fair.ParseROR(s)
	if err != nil {
		return "", err
	}
	return ID(strings.TrimPrefix(p.Value, Prefix)), nil
}

// String returns the ID as a URL, the form ROR recommends for display and metadata; "" for the zero ID.
func (id ID) String() string {
	if id == "" {
		return ""
	}
	return Prefix + string(id)
}

// URL is the same as String: the ID's https://ror.org/ address.
func (id ID) URL() string { return id.String() }

// MarshalText writes the ID's URL form, as ROR's JSON does.
func (id ID) MarshalText() ([]byte, error) { return []byte(id.String()), nil }

// UnmarshalText reads any form ParseID accepts; the empty string gives the zero ID.
func (id *ID) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*id = ""
		return nil
	}
	v, err := ParseID(string(b))
	if err != nil {
		return err
	}
	*id = v
	return nil
}
