package datacite

import (
	"strings"
	"unicode"
)

// The types the DataCite REST API derives from resourceTypeGeneral and resourceType: the one table, as DataCite's
// own code holds it (bolognese's Utils translations, applied by lupo's Doi#update_types). Each map holds only the
// names DataCite maps; a name it maps to nothing is absent, so the lookup falls through to the next source, as in
// DataCite. A value may be "" where DataCite's is (schema.org Article has citeproc "").
var derivation = struct {
	// By resourceTypeGeneral: DC_TO_SO_TRANSLATIONS, DC_TO_RIS_TRANSLATIONS.
	generalSchemaOrg, generalRIS map[string]string
	// By the free-text resourceType, camel-cased ("Journal article" → "JournalArticle"): CR_TO_SO, CR_TO_CP,
	// CR_TO_BIB, CR_TO_RIS.
	specificSchemaOrg, specificCiteproc, specificBibtex, specificRIS map[string]string
	// By the schema.org type derived first: SO_TO_CP, SO_TO_BIB.
	schemaOrgCiteproc, schemaOrgBibtex map[string]string
}{
	generalSchemaOrg: map[string]string{
		"Audiovisual": "MediaObject", "Book": "Book", "BookChapter": "Chapter", "Collection": "Collection",
		"ComputationalNotebook": "SoftwareSourceCode", "ConferencePaper": "Article", "ConferenceProceeding": "Periodical",
		"DataPaper": "Article", "Dataset": "Dataset", "Dissertation": "Thesis", "Event": "Event", "Image": "ImageObject",
		"Journal": "Periodical", "JournalArticle": "ScholarlyArticle", "PeerReview": "Review", "Report": "Report",
		"Service": "Service", "Software": "SoftwareSourceCode", "Sound": "AudioObject", "Text": "ScholarlyArticle",
		"Other": "CreativeWork", "Award": "Grant", "Project": "Project",
	},
	generalRIS: map[string]string{
		"Audiovisual": "MPCT", "Book": "BOOK", "BookChapter": "CHAP", "ComputationalNotebook": "COMP",
		"ConferencePaper": "CPAPER", "ConferenceProceeding": "CONF", "Dataset": "DATA", "Dissertation": "THES",
		"Image": "FIGURE", "JournalArticle": "JOUR", "Report": "RRPT", "Software": "COMP", "Sound": "SOUND", "Text": "RPRT",
	},
	specificSchemaOrg: map[string]string{
		"ReferenceBook": "Book", "JournalIssue": "PublicationIssue", "Other": "CreativeWork", "Dissertation": "Thesis",
		"Dataset": "Dataset", "EditedBook": "Book", "JournalArticle": "ScholarlyArticle", "Report": "Report",
		"Book": "Book", "BookChapter": "Chapter", "Monograph": "Book", "Component": "CreativeWork",
		"JournalVolume": "PublicationVolume", "PostedContent": "ScholarlyArticle", "PeerReview": "Review",
	},
	specificCiteproc: map[string]string{
		"ProceedingsArticle": "paper-conference", "Dissertation": "thesis", "Dataset": "dataset", "EditedBook": "book",
		"JournalArticle": "article-journal", "Report": "report", "BookSection": "chapter", "Book": "book",
		"BookChapter": "chapter", "Monograph": "book", "ReferenceEntry": "entry-dictionary",
	},
	specificBibtex: map[string]string{
		"Proceedings": "proceedings", "ReferenceBook": "book", "Dissertation": "phdthesis", "EditedBook": "book",
		"JournalArticle": "article", "Report": "techreport", "BookSection": "inbook", "Book": "book",
		"BookChapter": "inbook", "Monograph": "book", "PostedContent": "article",
	},
	specificRIS: map[string]string{
		"Proceedings": "CONF", "ReferenceBook": "BOOK", "ProceedingsArticle": "CPAPER", "Other": "GEN",
		"Dissertation": "THES", "Dataset": "DATA", "EditedBook": "BOOK", "JournalArticle": "JOUR", "Report": "RPRT",
		"Standard": "STAND", "BookSection": "CHAP", "BookPart": "CHAP", "Book": "BOOK", "BookChapter": "CHAP",
		"Monograph": "BOOK", "ReferenceEntry": "DICT",
	},
	schemaOrgCiteproc: map[string]string{
		"Article": "", "AudioObject": "song", "Blog": "report", "BlogPosting": "post-weblog", "DataCatalog": "dataset",
		"Dataset": "dataset", "ImageObject": "graphic", "Movie": "motion_picture", "Report": "report",
		"ScholarlyArticle": "article-journal", "Thesis": "thesis", "VideoObject": "broadcast", "WebPage": "webpage",
		"WebSite": "webpage",
	},
	schemaOrgBibtex: map[string]string{
		"Article": "article", "AudioObject": "misc", "Thesis": "phdthesis", "Blog": "misc", "BlogPosting": "article",
		"Collection": "misc", "CreativeWork": "misc", "DataCatalog": "misc", "Dataset": "misc", "Event": "misc",
		"ImageObject": "misc", "Movie": "misc", "PublicationIssue": "misc", "ScholarlyArticle": "article",
		"Service": "misc", "SoftwareSourceCode": "misc", "VideoObject": "misc", "WebPage": "misc", "WebSite": "misc",
	},
}

// DeriveTypes returns t with the types the DataCite REST API derives filled in where t has none: schemaOrg,
// citeproc, bibtex and ris, from resourceType (camel-cased, "Journal article" is JournalArticle) first and
// resourceTypeGeneral after, with DataCite's defaults (CreativeWork, article, misc, GEN) — as the API writes them in
// every record it returns. Values t already holds are kept, as the API keeps those a client sends.
func DeriveTypes(t Types) Types {
	if t.ResourceTypeGeneral == "" && t.ResourceType == "" {
		return t
	}
	d := &derivation
	res := camelType(t.ResourceType)
	gen := string(t.ResourceTypeGeneral)
	so := pick("CreativeWork", d.specificSchemaOrg, res, d.generalSchemaOrg, gen)
	if t.SchemaOrg == "" {
		t.SchemaOrg = so
	}
	if t.Citeproc == "" {
		t.Citeproc = pick("article", d.specificCiteproc, res, d.schemaOrgCiteproc, so)
	}
	if t.Bibtex == "" {
		t.Bibtex = pick("misc", d.specificBibtex, res, d.schemaOrgBibtex, so)
	}
	if t.RIS == "" {
		t.RIS = pick("GEN", d.specificRIS, res, d.generalRIS, gen)
	}
	return t
}

// camelType camel-cases a free-text resource type as DataCite looks it up: words split at spaces, underscores,
// hyphens and lower-to-upper humps, each capitalised, joined ("journal article", "journal_article" and
// "JournalArticle" are all JournalArticle).
func camelType(s string) string {
	s = strings.TrimSpace(s)
	var b strings.Builder
	b.Grow(len(s))
	start := true // the next rune begins a word
	prev := rune(0)
	for _, r := range s {
		switch {
		case r == ' ' || r == '_' || r == '-':
			start = true
		case start || unicode.IsUpper(r) && (unicode.IsLower(prev) || unicode.IsDigit(prev)):
			b.WriteRune(unicode.ToUpper(unicode.ToLower(r)))
			start = false
		default:
			b.WriteRune(unicode.ToLower(r))
		}
		prev = r
	}
	return b.String()
}

// pick is the value of k1 in m1, else of k2 in m2, else def: the order in which DataCite looks a type up.
func pick(def string, m1 map[string]string, k1 string, m2 map[string]string, k2 string) string {
	if v, ok := m1[k1]; ok {
		return v
	}
	if v, ok := m2[k2]; ok {
		return v
	}
	return def
}
