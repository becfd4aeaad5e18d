package crossref

import "github.com/dop2i/fairmeta/fair"

// typeRow maps a Crossref work type (the REST API's "type"; the XML's work element) to a DataCite general type, and
// says what the container of such a work is.
type typeRow struct {
	crossref  string
	general   fair.ResourceTypeGeneral
	container fair.ResourceTypeGeneral // the type of the related item IsPublishedIn; "" when none
}

// typeTable is the type table of the package documentation.
var typeTable = []typeRow{
	{"journal-article", fair.ResourceTypeJournalArticle, fair.ResourceTypeJournal},
	{"proceedings-article", fair.ResourceTypeConferencePaper, fair.ResourceTypeConferenceProceeding},
	{"book-chapter", fair.ResourceTypeBookChapter, fair.ResourceTypeBook},
	{"book-section", fair.ResourceTypeBookChapter, fair.ResourceTypeBook},
	{"book-part", fair.ResourceTypeBookChapter, fair.ResourceTypeBook},
	{"reference-entry", fair.ResourceTypeBookChapter, fair.ResourceTypeBook},
	{"book", fair.ResourceTypeBook, fair.ResourceTypeCollection},
	{"monograph", fair.ResourceTypeBook, fair.ResourceTypeCollection},
	{"edited-book", fair.ResourceTypeBook, fair.ResourceTypeCollection},
	{"reference-book", fair.ResourceTypeBook, fair.ResourceTypeCollection},
	{"book-set", fair.ResourceTypeBook, ""},
	{"book-series", fair.ResourceTypeCollection, ""},
	{"book-track", fair.ResourceTypeBookChapter, fair.ResourceTypeBook},
	{"posted-content", fair.ResourceTypePreprint, ""},
	{"dataset", fair.ResourceTypeDataset, fair.ResourceTypeCollection},
	{"database", fair.ResourceTypeCollection, ""},
	{"dissertation", fair.ResourceTypeDissertation, ""},
	{"report", fair.ResourceTypeReport, fair.ResourceTypeCollection},
	{"report-component", fair.ResourceTypeReport, fair.ResourceTypeReport},
	{"report-series", fair.ResourceTypeCollection, ""},
	{"peer-review", fair.ResourceTypePeerReview, ""},
	{"component", fair.ResourceTypeOther, ""},
	{"standard", fair.ResourceTypeStandard, ""},
	{"standard-series", fair.ResourceTypeCollection, ""},
	{"journal", fair.ResourceTypeJournal, ""},
	{"journal-issue", fair.ResourceTypeCollection, fair.ResourceTypeJournal},
	{"journal-volume", fair.ResourceTypeCollection, fair.ResourceTypeJournal},
	{"proceedings", fair.ResourceTypeConferenceProceeding, ""},
	{"proceedings-series", fair.ResourceTypeCollection, ""},
	{"grant", fair.ResourceTypeAward, ""},
	{"other", fair.ResourceTypeOther, ""},
}

func typeOf(crossref string) (typeRow, bool) {
	for _, row := range typeTable {
		if row.crossref == crossref {
			return row, true
		}
	}
	return typeRow{crossref: crossref, general: fair.ResourceTypeOther}, false
}

// relationTable maps the relation types of Crossref's relations (REST "relation" keys, XML relationship-type) to
// DataCite's; those without an equal in DataCite are kept as Other with the Crossref name as information.
var relationTable = map[string]fair.RelationType{
	"is-cited-by": fair.RelIsCitedBy, "cites": fair.RelCites,
	"is-referenced-by": fair.RelIsReferencedBy, "references": fair.RelReferences,
	"is-supplement-to": fair.RelIsSupplementTo, "is-supplemented-by": fair.RelIsSupplementedBy, "has-supplement": fair.RelIsSupplementedBy,
	"is-part-of": fair.RelIsPartOf, "has-part": fair.RelHasPart,
	"is-version-of": fair.RelIsVersionOf, "has-version": fair.RelHasVersion,
	"is-identical-to": fair.RelIsIdenticalTo,
	"is-derived-from": fair.RelIsDerivedFrom, "is-source-of": fair.RelIsSourceOf, "has-derivation": fair.RelIsSourceOf,
	"is-translation-of": fair.RelIsTranslationOf, "has-translation": fair.RelHasTranslation,
	"is-review-of": fair.RelReviews, "has-review": fair.RelIsReviewedBy,
	"is-documented-by": fair.RelIsDocumentedBy, "documents": fair.RelDocuments,
	"is-compiled-by": fair.RelIsCompiledBy, "compiles": fair.RelCompiles,
	"is-variant-form-of": fair.RelIsVariantFormOf, "is-original-form-of": fair.RelIsOriginalFormOf,
	"is-required-by": fair.RelIsRequiredBy, "requires": fair.RelRequires,
	"is-obsoleted-by": fair.RelIsObsoletedBy, "obsoletes": fair.RelObsoletes,
	"is-continued-by": fair.RelIsContinuedBy, "continues": fair.RelContinues,
	"is-new-version-of": fair.RelIsNewVersionOf, "is-previous-version-of": fair.RelIsPreviousVersionOf,
	"is-described-by": fair.RelIsDescribedBy, "describes": fair.RelDescribes,
}

// relationOf returns the DataCite relation of a Crossref relation name, written as the REST API ("is-preprint-of")
// or the XML ("isPreprintOf") writes it, and the information to keep with Other.
func relationOf(name string) (fair.RelationType, string) {
	key := kebab(name)
	if rel, ok := relationTable[key]; ok {
		return rel, ""
	}
	return fair.RelOther, key
}

// kebab turns "isPreprintOf" into "is-preprint-of"; kebab-case stays as it is.
func kebab(s string) string {
	b := make([]byte, 0, len(s)+4)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			if i > 0 {
				b = append(b, '-')
			}
			c += 'a' - 'A'
		}
		b = append(b, c)
	}
	return string(b)
}

// idTypes maps Crossref's id-type / identifier-type names to DataCite related identifier types.
var idTypes = map[string]fair.RelatedIdentifierType{
	"doi": fair.IDTypeDOI, "issn": fair.IDTypeISSN, "isbn": fair.IDTypeISBN, "uri": fair.IDTypeURL, "url": fair.IDTypeURL,
	"pmid": fair.IDTypePMID, "pmcid": fair.IDTypeURL, "arxiv": fair.IDTypeArXiv, "handle": fair.IDTypeHandle, "ark": fair.IDTypeARK,
	"urn": fair.IDTypeURN, "purl": fair.IDTypePURL, "accession": fair.IDTypeURL, "other": fair.IDTypeURL,
}
