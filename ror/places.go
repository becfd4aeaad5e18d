package ror

import (
	"sync"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// placeKind says what sort of place a name is, and so how much it says about where an organisation is.
type placeKind uint8

const (
	placeCountry     placeKind = iota + 1 // a country's name or a common way of writing it
	placeSubdivision                      // a state, province or region (from the records' GeoNames details)
	placeStateCode                        // a US state's postal code, evidence for the US only when in capitals
	placeCity                             // a city (from the records' GeoNames details)
)

// placeRef is one meaning of a place name: its kind and the country it is in.
type placeRef struct {
	kind    placeKind
	country string // ISO 3166-1 alpha-2
}

// countryAliases are ways of writing countries that the CLDR names do not cover: short forms, older names and the
// forms found in addresses ("P.R. China", "England"). Three letters or fewer count only when written in capitals.
var countryAliases = map[string][]string{
	"US": {"USA", "U.S.A.", "US", "U.S.", "United States of America", "United States", "EUA", "EE.UU.", "EEUU"},
	"GB": {"UK", "U.K.", "England", "Scotland", "Wales", "Northern Ireland", "Great Britain", "Britain",
		"United Kingdom of Great Britain and Northern Ireland"},
	"CN": {"PR China", "P.R. China", "P.R.China", "People's Republic of China", "PRC", "Mainland China"},
	"KR": {"Korea", "Republic of Korea", "South Korea", "S. Korea"},
	"KP": {"North Korea", "DPRK", "Democratic People's Republic of Korea"},
	"RU": {"Russian Federation"},
	"DE": {"FRG", "F.R.G.", "West Germany", "Federal Republic of Germany", "GDR", "East Germany"},
	"IR": {"Islamic Republic of Iran", "I.R. Iran"},
	"TW": {"Taiwan", "Republic of China", "Taiwan ROC", "Taiwan R.O.C."},
	"TR": {"Türkiye", "Turkey"},
	"CZ": {"Czech Republic"},
	"NL": {"The Netherlands", "Holland"},
	"VN": {"Viet Nam"},
	"AE": {"UAE", "U.A.E."},
	"SA": {"KSA"},
	"HK": {"Hong Kong SAR", "Hong Kong"},
	"MO": {"Macau", "Macao SAR"},
	"MK": {"Macedonia", "Republic of North Macedonia"},
	"CI": {"Ivory Coast", "Côte d'Ivoire"},
	"CD": {"Democratic Republic of the Congo", "DR Congo", "DRC"},
	"SY": {"Syrian Arab Republic"},
	"LA": {"Lao PDR"},
	"BN": {"Brunei Darussalam"},
	"TZ": {"United Republic of Tanzania"},
	"VE": {"Bolivarian Republic of Venezuela"},
	"BO": {"Plurinational State of Bolivia"},
	"PS": {"Palestine", "State of Palestine"},
	"MD": {"Republic of Moldova"},
}

// englishWord are names of countries in other languages that are also English words and would be read as the
// country in place names ("Ísland" and German "Island" are Iceland).
var englishWord = map[string]bool{"Ísland": true, "Island": true}

// usStateCodes are the US postal codes of the states and DC.
var usStateCodes = []string{"AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA",
	"KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND",
	"OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY", "DC"}

// countryNames returns every country's names: its English name, its names in the major languages of research
// publishing and in its own main language (from CLDR, via x/text), and countryAliases. It is computed once and
// never modified.
var countryNames = sync.OnceValue(func() map[string][]string {
	langs := []language.Tag{language.English, language.French, language.German, language.Spanish, language.Italian,
		language.Portuguese, language.Russian, language.Chinese, language.Japanese, language.Korean}
	out := map[string][]string{}
	for a := 'A'; a <= 'Z'; a++ {
		for b := 'A'; b <= 'Z'; b++ {
			code := string([]rune{a, b})
			r, err := language.ParseRegion(code)
			if err != nil || !r.IsCountry() || r.String() != code || r.Canonicalize() != r {
				continue // retired codes ("DD", "FX", "ZR") share their names with today's countries
			}
			seen := map[string]bool{}
			add := func(n string) {
				if n != "" && !seen[n] {
					seen[n] = true
					out[code] = append(out[code], n)
				}
			}
			for _, l := range langs {
				if n := regionName(l, r); l == language.English || !englishWord[n] {
					add(n)
				}
			}
			if base, conf := language.Make("und-" + code).Base(); conf != language.No {
				if n := regionName(language.Make(base.String()), r); !englishWord[n] {
					add(n)
				}
			}
			for _, n := range countryAliases[code] {
				add(n)
			}
		}
	}
	return out
})

// regionName is the name of r in language l, "" when CLDR has no names in l.
func regionName(l language.Tag, r language.Region) string {
	n := display.Regions(l)
	if n == nil {
		return ""
	}
	return n.Name(r)
}
