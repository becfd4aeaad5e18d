// Package checksum holds the check-digit algorithms that several identifier schemes share: Crockford base32 and the
// ISO 7064 MOD 97-10 checksum (ROR IDs, DataCite DOI suffixes) and ISO 7064 MOD 11-2 (ORCID, ISNI).
package checksum

import "strings"

// crockford is the Crockford base32 alphabet in lower case (no i, l, o, u).
const crockford = "0123456789abcdefghjkmnpqrstvwxyz"

// EncodeCrockford writes n in lower-case Crockford base32, left-padded with '0' to width characters.
func EncodeCrockford(n uint64, width int) string {
	var buf [16]byte
	i := len(buf)
	for n > 0 || i == len(buf) {
		i--
		buf[i] = crockford[n%32]
		n /= 32
	}
	s := string(buf[i:])
	if len(s) < width {
		s = strings.Repeat("0", width-len(s)) + s
	}
	return s
}

// DecodeCrockford reads a Crockford base32 string, ignoring case and hyphens and reading i/l as 1 and o as 0 as the
// encoding defines. It returns false for any other character or a value that overflows 64 bits.
func DecodeCrockford(s string) (uint64, bool) {
	var n uint64
	digits := 0
	for _, r := range s {
		if r == '-' {
			continue
		}
		var d int
		switch {
		case r >= 'A' && r <= 'Z':
			r += 'a' - 'A'
		}
		switch r {
		case 'i', 'l':
			d = 1
		case 'o':
			d = 0
		default:
			d = strings.IndexRune(crockford, r)
			if d < 0 {
				return 0, false
			}
		}
		if n > (1<<64-1)/32 {
			return 0, false
		}
		n = n*32 + uint64(d)
		digits++
	}
	return n, digits > 0
}

// Mod97 returns the two-digit ISO 7064 MOD 97-10 check value of n, as ROR and DataCite compute it:
// 98 - (n*100 mod 97), zero-padded.
func Mod97(n uint64) string {
	c := 98 - (n%97)*100%97
	return string([]byte{byte('0' + c/10), byte('0' + c%10)})
}

// Mod11_2 returns the ISO 7064 MOD 11-2 check character ('0'-'9' or 'X') of a string of decimal digits, as ORCID and
// ISNI compute it. It returns 0 if digits holds a non-digit.
func Mod11_2(digits string) byte {
	total := 0
	for i := 0; i < len(digits); i++ {
		c := digits[i]
		if c < '0' || c > '9' {
			return 0
		}
		total = (total + int(c-'0')) * 2 % 11
	}
	r := (12 - total%11) % 11
	if r == 10 {
		return 'X'
	}
	return byte('0' + r)
}
