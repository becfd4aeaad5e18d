package dmp

import (
	"strings"

	"golang.org/x/text/currency"
	"golang.org/x/text/language"
)

// iso639_1to3 maps the two-letter ISO 639-1 codes to the three-letter ISO 639-3 codes of the schema's language list,
// to suggest "eng" for "en".
var iso639_1to3 = func() map[string]string {
	m := make(map[string]string, len(languageCodes))
	for _, l3 := range languageCodes {
		if b, err := language.ParseBase(l3); err == nil && len(b.String()) == 2 {
			m[b.String()] = l3
		}
	}
	return m
}()

// withdrawnCurrencies are codes of the schema's currency list that ISO 4217 no longer lists, or never did, with
// what replaced them.
var withdrawnCurrencies = map[string]string{
	"HRK":  "withdrawn in 2023: Croatia uses EUR",
	"VEF":  "replaced by VES in 2018",
	"ZWD":  "replaced by ZWL in 2009, then ZWG in 2024",
	"SLL":  "replaced by SLE in 2022",
	"CUC":  "withdrawn in 2021",
	"ANG":  "replaced by XCG in 2025",
	"SPL*": "not an ISO 4217 code (the Seborga luigino)",
	"TVD":  "not an ISO 4217 code (Tuvalu uses AUD)",
	"GGP":  "not an ISO 4217 code (Guernsey uses GBP)",
	"IMP":  "not an ISO 4217 code (the Isle of Man uses GBP)",
	"JEP":  "not an ISO 4217 code (Jersey uses GBP)",
}

// checkLanguage returns why s is not an ISO 639-3 code, or "".
func checkLanguage(s string) string {
	if len(s) != 3 || strings.ToLower(s) != s {
		return "not a three-letter lower-case ISO 639-3 code"
	}
	if _, err := language.ParseBase(s); err != nil {
		return "not a registered ISO 639-3 code"
	}
	return ""
}

// checkCurrency returns why s is not a current ISO 4217 code, or "".
func checkCurrency(s string) string {
	if why, ok := withdrawnCurrencies[s]; ok {
		return why
	}
	if _, err := currency.ParseISO(s); err != nil {
		return "not an ISO 4217 code"
	}
	return ""
}

// checkCountry returns why s is not an ISO 3166-1 alpha-2 country code, or "".
func checkCountry(s string) string {
	r, err := language.ParseRegion(s)
	if err != nil || len(s) != 2 || !r.IsCountry() {
		return "not an ISO 3166-1 alpha-2 country code"
	}
	return ""
}
