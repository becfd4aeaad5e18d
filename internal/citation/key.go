package citation

import (
	"hash/fnv"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/dop2i/fairmeta/fair"
)

// AltIDCitationKey is the type of the alternate identifier that keeps a citation key read from BibTeX, RIS or CSL-JSON
// (an entry key, an ID) when it is not the key the record would be given anyway; writers use it as the key.
const AltIDCitationKey = "citation key"

// Key returns the citation key of a record: its INSPIRE TeX key when it has one, else its citation-key alternate
// identifier, else its INSPIRE record number (as INSPIRE keys a record without a TeX key), else [GeneratedKey].
func Key(r *fair.Resource) string {
	for _, typ := range []string{fair.AltIDInspireTeXKey, AltIDCitationKey, fair.AltIDInspire} {
		for _, k := range r.AlternateIdentifiersOf(typ) {
			if k = strings.TrimSpace(k); k != "" {
				return k
			}
		}
	}
	return GeneratedKey(r)
}

// GeneratedKey returns a key in INSPIRE's form, Family:YEARxyz: the first creator's family name (or the
// organisation's name) in ASCII letters and digits, the publication year, and three letters computed from the
// record's DOI (or URL, arXiv identifier, or else its title, creators and year). The same record always gets the
// same key; two records differ in their letters unless they share those facts.
func GeneratedKey(r *fair.Resource) string {
	var b strings.Builder
	who := ""
	for _, c := range r.Creators {
		n := SplitCreator(c)
		if n.Literal != "" {
			who = KeyWord(n.Literal)
		} else {
			who = KeyWord(n.FullFamily())
		}
		if who != "" {
			break
		}
	}
	if who == "" {
		who = "Anonymous"
	}
	b.WriteString(who)
	b.WriteByte(':')
	year := Year(r)
	if year > 0 {
		b.WriteString(strconv.Itoa(year))
	}
	h := fnv.New64a()
	switch {
	case r.DOI() != "":
		h.Write([]byte("doi:" + strings.ToLower(r.DOI())))
	case r.URL != "":
		h.Write([]byte("url:" + r.URL))
	case r.ArXivID() != "":
		h.Write([]byte("arxiv:" + r.ArXivID()))
	default:
		h.Write([]byte("title:" + r.MainTitle()))
		for _, c := range r.Creators {
			h.Write([]byte("|" + c.Name + "/" + c.FamilyName + "/" + c.GivenName))
		}
		h.Write([]byte("|" + strconv.Itoa(year)))
	}
	sum := h.Sum64()
	for i := 0; i < 3; i++ {
		b.WriteByte(byte('a' + sum%26))
		sum /= 26
	}
	return b.String()
}

// KeyWord returns s folded to ASCII letters and digits, as keys use names: "Gérard" → "Gerard", "van der Waals" →
// "vanderWaals", "LIGO Scientific" → "LIGOScientific".
func KeyWord(s string) string {
	var b strings.Builder
	for _, r := range Fold(s) {
		if r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// foldSpecial are letters without a decomposition into a Latin letter and marks.
var foldSpecial = map[rune]string{
	'ł': "l", 'Ł': "L", 'ø': "o", 'Ø': "O", 'ß': "ss", 'æ': "ae", 'Æ': "AE", 'œ': "oe", 'Œ': "OE", 'đ': "d",
	'Đ': "D", 'ð': "d", 'Ð': "D", 'þ': "th", 'Þ': "Th", 'ı': "i", 'ħ': "h", 'Ħ': "H",
}

// Fold removes accents and replaces the Latin letters that have none to remove: "Paweł Gérard" → "Pawel Gerard".
// Other characters are kept.
func Fold(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		if f, ok := foldSpecial[r]; ok {
			b.WriteString(f)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Year returns the publication year of a record: PublicationYear, else the year of its first Issued date; 0 when
// neither is known.
func Year(r *fair.Resource) int {
	if r.PublicationYear > 0 {
		return r.PublicationYear
	}
	for _, d := range r.Dates {
		if d.Type == fair.DateIssued {
			if ds, ok := ParseDate(d.Date); ok {
				return ds[0][0]
			}
		}
	}
	return 0
}
