package doi

import (
	"crypto/rand"
	"encoding/binary"
	"errors"
	"fmt"
	"strings"

	"github.com/dop2i/fairmeta/internal/checksum"
)

// A generated suffix is DataCite's: a random 30-bit number written as 6 lower-case Crockford base32 characters,
// then its 2-digit ISO 7064 MOD 97-10 check value, as 8 characters split "xxxx-xxxx". Generating it on the client
// lets a minting client know the DOI before the first request, so that after an ambiguous failure it can ask whether
// that DOI exists instead of creating a second one.
const (
	suffixBits  = 30
	suffixChars = 6 // base32 characters of the number: ceil(30/5)
)

// NewSuffix returns a fresh random DOI suffix in DataCite's format, "xxxx-xxxx", prefixed by shoulder when one is
// given (a shoulder such as "in2p3." or "run-" is copied as is). The randomness comes from crypto/rand; with
// 2^30 possible values, callers must still expect a rare collision with an existing DOI and draw again.
func NewSuffix(shoulder string) string {
	var b [8]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails on supported platforms
	n := binary.LittleEndian.Uint64(b[:]) & (1<<suffixBits - 1)
	return shoulder + FormatSuffix(n)
}

// FormatSuffix writes a number below 2^30 in the generated-suffix format: 6 base32 characters and the 2-digit
// MOD 97-10 check value, split in two groups of four, e.g. FormatSuffix(0) == "0000-0098". Larger numbers are
// reduced to their low 30 bits.
func FormatSuffix(n uint64) string {
	n &= 1<<suffixBits - 1
	s := checksum.EncodeCrockford(n, suffixChars) + checksum.Mod97(n)
	return s[:4] + "-" + s[4:]
}

// ErrNoPrefix is returned by [NewDOI] when it is given no prefix: a new DOI is made under its registrant's prefix.
var ErrNoPrefix = errors.New("doi: no DOI prefix given: a new DOI needs the prefix of its registrant, e.g. 10.5072")

// NewDOI returns a new DOI under prefix (e.g. "10.5072") with a generated suffix after shoulder; [ErrNoPrefix]
// when prefix is empty, or a *SyntaxError when it is not a DOI prefix or the shoulder cannot be part of a DOI.
func NewDOI(prefix, shoulder string) (DOI, error) {
	if strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(prefix), "/")) == "" {
		return "", ErrNoPrefix
	}
	return Parse(strings.TrimSuffix(strings.TrimSpace(prefix), "/") + "/" + NewSuffix(shoulder))
}

// SuffixError reports a suffix that is not a well-formed generated suffix.
type SuffixError struct {
	Suffix string // the suffix as given
	Reason string

	badCheck bool // well formed, but the check value is wrong
}

// Error describes the failure in one line.
func (e *SuffixError) Error() string {
	return fmt.Sprintf("doi: suffix %q is not a generated suffix: %s", e.Suffix, e.Reason)
}

// ErrChecksum is matched with errors.Is by a *SuffixError whose only fault is a wrong check value.
var ErrChecksum = errors.New("doi: suffix checksum mismatch")

// Is makes errors.Is(err, ErrChecksum) true when the suffix is well formed but its check value is wrong.
func (e *SuffixError) Is(target error) bool { return target == ErrChecksum && e.badCheck }

// ParseSuffix checks a generated suffix and splits it: the shoulder (whatever precedes the final "xxxx-xxxx") and
// the 30-bit number. The check is case-insensitive and reads Crockford's look-alikes (i and l as 1, o as 0). It
// returns a *SuffixError saying what is wrong; a wrong check value also matches ErrChecksum.
func ParseSuffix(s string) (shoulder string, n uint64, err error) {
	if len(s) < 9 {
		return "", 0, &SuffixError{Suffix: s, Reason: "shorter than the 9 characters of xxxx-xxxx"}
	}
	shoulder, tail := s[:len(s)-9], s[len(s)-9:]
	if tail[4] != '-' {
		return "", 0, &SuffixError{Suffix: s, Reason: `no "-" between the two groups of four`}
	}
	body := tail[:4] + tail[5:]
	v, ok := checksum.DecodeCrockford(body[:suffixChars])
	if !ok || strings.ContainsRune(body[:suffixChars], '-') {
		return "", 0, &SuffixError{Suffix: s, Reason: "the first six characters are not Crockford base32"}
	}
	if v >= 1<<suffixBits {
		return "", 0, &SuffixError{Suffix: s, Reason: "the number does not fit in 30 bits"}
	}
	check := body[suffixChars:]
	if check[0] < '0' || check[0] > '9' || check[1] < '0' || check[1] > '9' {
		return "", 0, &SuffixError{Suffix: s, Reason: "the last two characters are not a decimal check value"}
	}
	if want := checksum.Mod97(v); check != want {
		return "", 0, &SuffixError{Suffix: s, Reason: fmt.Sprintf("check value %s, want %s", check, want), badCheck: true}
	}
	return shoulder, v, nil
}

// CheckSuffix reports whether s ends in a well-formed generated suffix with the right check value; see ParseSuffix.
func CheckSuffix(s string) error {
	_, _, err := ParseSuffix(s)
	return err
}
