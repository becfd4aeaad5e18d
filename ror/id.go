package ror

import (
	"fmt"
	"strings"

	"github.com/dop2i/fairmeta/internal/checksum"
)

// ID is a ROR identifier in its normalised form: the nine lower-case characters after "https://ror.org/", e.g.
// "02feahw73". The zero value is the empty ID, which identifies nothing.
type ID string

// Prefix is what a ROR ID's URL starts with.
const Prefix = "https://ror.org/"

// IDError reports a string that is not a valid ROR ID.
type IDError struct {
	Input  string // the text as given
	Reason string // why it is not a ROR ID
}

// Error says which input is not a ROR ID and why.
func (e *IDError) Error() string {
	return fmt.Sprintf("ror: %q is not a valid ROR ID: %s", e.Input, e.Reason)
}

// ParseID reads a ROR ID in any form people write it — "02feahw73", "ror.org/02feahw73",
// "https://ror.org/02feahw73", upper or lower case — and checks its form and its MOD 97-10 checksum. Errors are
// *IDError.
func ParseID(s string) (ID, error) {
	in := s
	s = strings.TrimSpace(s)
	low := strings.ToLower(s)
	for _, p := range []string{"https://", "http://"} {
		if strings.HasPrefix(low, p) {
			low = low[len(p):]
			break
		}
	}
	low = strings.TrimPrefix(low, "www.")
	low = strings.TrimPrefix(low, "ror.org/")
	low = strings.TrimSuffix(low, "/")
	if len(low) != 9 {
		return "", &IDError{in, fmt.Sprintf("has %d characters, want 9 (0, six base32 characters, two check digits)", len(low))}
	}
	if low[0] != '0' {
		return "", &IDError{in, "does not start with 0"}
	}
	for _, c := range low[1:7] {
		if !strings.ContainsRune("0123456789abcdefghjkmnpqrstvwxyz", c) {
			return "", &IDError{in, fmt.Sprintf("character %q is not in the Crockford base32 alphabet", c)}
		}
	}
	for _, c := range low[7:] {
		if c < '0' || c > '9' {
			return "", &IDError{in, fmt.Sprintf("check character %q is not a digit", c)}
		}
	}
	n, _ := checksum.DecodeCrockford(low[:7])
	if want := checksum.Mod97(n); low[7:] != want {
		return "", &IDError{in, fmt.Sprintf("has a wrong checksum (%s, want %s)", low[7:], want)}
	}
	return ID(low), nil
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
