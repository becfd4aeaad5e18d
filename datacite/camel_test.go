package datacite

import "testing"

// TestCamelType pins how a free-text resource type is camel-cased for DataCite's look-up tables.
func TestCamelType(t *testing.T) {
	for in, want := range map[string]string{
		"":                       "",
		"journal article":        "JournalArticle",
		"journal_article":        "JournalArticle",
		"JournalArticle":         "JournalArticle",
		"  Journal-Article  ":    "JournalArticle",
		"JSON":                   "Json",
		"conferencePaper2Output": "ConferencePaper2Output",
		"version2Beta":           "Version2Beta",
		"dataset":                "Dataset",
		"événement culturel":     "ÉvénementCulturel",
		"a--b__c  d":             "ABCD",
	} {
		if got := camelType(in); got != want {
			t.Errorf("camelType(%q) = %q, want %q", in, got, want)
		}
	}
}
