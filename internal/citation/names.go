package citation

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dop2i/fairmeta/fair"
)

// Name is a person's name split into the parts citation formats keep apart, or an organisation's name (Literal).
//
// In a fair.Creator the parts are kept this way, which is how a split name goes back: FamilyName holds the
// non-dropping particle before the family name ("van der Waals"), GivenName holds the dropping particle after the
// given names ("Ludwig van"), and a suffix is the last comma-separated part of Name ("King, Martin Luther, Jr.").
type Name struct {
	Family              string
	Given               string
	DroppingParticle    string // "van" in Ludwig van Beethoven: dropped when the name is inverted
	NonDroppingParticle string // "van der" in Johannes van der Waals: kept before the family name
	Suffix              string // "Jr.", "III"
	Literal             string // an organisation or collaboration, or a name not to be split
}

// IsZero reports whether n holds no name.
func (n Name) IsZero() bool { return n == Name{} }

// FullFamily returns the non-dropping particle and the family name, as one string.
func (n Name) FullFamily() string { return join(n.NonDroppingParticle, n.Family) }

// FullGiven returns the given names and the dropping particle, as one string.
func (n Name) FullGiven() string { return join(n.Given, n.DroppingParticle) }

func join(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + " " + b
}

// SplitCreator splits a creator's name. Organisations (NameType Organizational), and names that are neither split
// into family and given names nor written "Family, Given" nor declared personal, are literal. A creator with no name
// at all gives the zero Name.
func SplitCreator(c fair.Creator) Name {
	name := strings.TrimSpace(c.Name)
	family, given := strings.TrimSpace(c.FamilyName), strings.TrimSpace(c.GivenName)
	if c.NameType == fair.NameOrganizational {
		if name == "" {
			name = join(given, family)
		}
		return Name{Literal: name}
	}
	parts := splitCommas(name)
	var suffix string
	if family == "" && given == "" {
		switch len(parts) {
		case 0:
			return Name{}
		case 1:
			if c.NameType != fair.NamePersonal {
				return Name{Literal: parts[0]}
			}
			given, family, suffix = splitNatural(parts[0])
		case 2:
			family, given = parts[0], parts[1]
			if isSuffix(given) {
				given, suffix = "", given
			}
		default:
			family = parts[0]
			switch {
			case isSuffix(parts[len(parts)-1]):
				given, suffix = strings.Join(parts[1:len(parts)-1], ", "), parts[len(parts)-1]
			case isSuffix(parts[1]): // BibTeX's order: von Last, Jr, First
				given, suffix = strings.Join(parts[2:], ", "), parts[1]
			default:
				given = strings.Join(parts[1:], ", ")
			}
		}
	} else {
		switch {
		case len(parts) >= 3 && isSuffix(parts[len(parts)-1]):
			suffix = parts[len(parts)-1]
		case len(parts) >= 3 && isSuffix(parts[1]):
			suffix = parts[1]
		}
		if g, s, ok := strings.Cut(given, ","); ok && isSuffix(strings.TrimSpace(s)) {
			given, suffix = strings.TrimSpace(g), strings.TrimSpace(s)
		}
	}
	if family == "" {
		family, given = given, ""
	}
	n := Name{Suffix: suffix}
	n.NonDroppingParticle, n.Family = leadingParticles(family)
	n.Given, n.DroppingParticle = trailingParticles(given)
	return n
}

// Creator returns the fair creator of a split name: an organisation for a literal name, otherwise a person with
// Name "Family, Given[, Suffix]".
func (n Name) Creator() fair.Creator {
	if n.Literal != "" {
		return fair.Creator{Name: n.Literal, NameType: fair.NameOrganizational}
	}
	family, given := n.FullFamily(), n.FullGiven()
	c := fair.Creator{NameType: fair.NamePersonal, FamilyName: family, GivenName: given}
	c.Name = family
	if given != "" || n.Suffix != "" {
		c.Name += ", " + given
	}
	if n.Suffix != "" {
		c.Name += ", " + n.Suffix
	}
	return c
}

func splitCommas(s string) []string {
	if s == "" {
		return nil
	}
	parts := strings.Split(s, ",")
	out := parts[:0]
	for _, p := range parts {
		out = append(out, strings.TrimSpace(p))
	}
	return out
}

// splitNatural splits "Given [particles] Family [Suffix]".
func splitNatural(s string) (given, family, suffix string) {
	words := strings.Fields(s)
	if len(words) > 1 && isSuffix(words[len(words)-1]) {
		suffix = words[len(words)-1]
		words = words[:len(words)-1]
	}
	if len(words) == 0 {
		return "", "", suffix
	}
	start := len(words) - 1
	for start > 1 && isParticle(words[start-1]) {
		start--
	}
	return strings.Join(words[:start], " "), strings.Join(words[start:], " "), suffix
}

// leadingParticles splits the lower-case words before a family name ("van der Waals") from it.
func leadingParticles(family string) (particle, rest string) {
	words := strings.Fields(family)
	i := 0
	for i < len(words)-1 && isParticle(words[i]) {
		i++
	}
	if i == 0 {
		return "", family
	}
	return strings.Join(words[:i], " "), strings.Join(words[i:], " ")
}

// trailingParticles splits the lower-case words after the given names ("Ludwig van") from them.
func trailingParticles(given string) (rest, particle string) {
	words := strings.Fields(given)
	j := len(words)
	for j > 1 && isParticle(words[j-1]) {
		j--
	}
	if j == len(words) {
		return given, ""
	}
	return strings.Join(words[:j], " "), strings.Join(words[j:], " ")
}

// isParticle reports whether a word is a name particle: it starts with a lower-case letter (van, de, von, della, ...).
func isParticle(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsLower(r)
}

// isSuffix reports whether s is a generational suffix as names carry them.
func isSuffix(s string) bool {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "jr", "jr.", "sr", "sr.", "jnr", "jnr.", "snr", "snr.", "2nd", "3rd", "4th":
		return true
	}
	switch strings.TrimSpace(s) {
	case "II", "III", "IV":
		return true
	}
	return false
}
