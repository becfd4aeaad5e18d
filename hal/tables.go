package hal

import (
	"strings"

	"github.com/dop2i/fairmeta/fair"
)

// docType is a row of HAL's document typology: the code, HAL's English label, and the DataCite general type that
// stands for it. The first row of a general type is the one written for it.
type docType struct {
	code    string
	label   string
	general fair.ResourceTypeGeneral
}

// docTypes is HAL's typology (halTypology, https://api.archives-ouvertes.fr/ref/doctype) with its DataCite
// equivalents.
var docTypes = []docType{
	{"ART", "Journal articles", fair.ResourceTypeJournalArticle},
	{"COMM", "Conference papers", fair.ResourceTypeConferencePaper},
	{"POSTER", "Poster communications", fair.ResourceTypePoster},
	{"PROCEEDINGS", "Proceedings", fair.ResourceTypeConferenceProceeding},
	{"OUV", "Books", fair.ResourceTypeBook},
	{"COUV", "Book sections", fair.ResourceTypeBookChapter},
	{"DOUV", "Directions of work or proceedings", fair.ResourceTypeBook},
	{"ISSUE", "Special issue", fair.ResourceTypeJournal},
	{"UNDEFINED", "Preprints, Working Papers, ...", fair.ResourceTypePreprint},
	{"REPORT", "Reports", fair.ResourceTypeReport},
	{"REPACT", "Activity reports", fair.ResourceTypeReport},
	{"THESE", "Theses", fair.ResourceTypeDissertation},
	{"HDR", "Habilitation à diriger des recherches", fair.ResourceTypeDissertation},
	{"MEM", "Master thesis", fair.ResourceTypeDissertation},
	{"LECTURE", "Lectures", fair.ResourceTypePresentation},
	{"SOFTWARE", "Software", fair.ResourceTypeSoftware},
	{"IMG", "Photos", fair.ResourceTypeImage},
	{"MAP", "Maps", fair.ResourceTypeImage},
	{"VIDEO", "Videos", fair.ResourceTypeAudiovisual},
	{"SON", "Sound recordings", fair.ResourceTypeSound},
	{"PATENT", "Patents", fair.ResourceTypeText},
	{"NOTE", "Notes", fair.ResourceTypeText},
	{"BLOG", "Blog posts", fair.ResourceTypeText},
	{"NOTICE", "Dictionary entries", fair.ResourceTypeText},
	{"TRAD", "Translations", fair.ResourceTypeText},
	{"SYNTHESE", "Synthesis documents", fair.ResourceTypeReport},
	{"MEMLIC", "Master thesis (licence)", fair.ResourceTypeDissertation},
	{"OTHER", "Other publications", fair.ResourceTypeOther},
}

// DocTypes lists HAL's document type codes the package knows, in HAL's order.
func DocTypes() []string {
	out := make([]string, len(docTypes))
	for i, t := range docTypes {
		out[i] = t.code
	}
	return out
}

func docTypeByCode(code string) (docType, bool) {
	for _, t := range docTypes {
		if strings.EqualFold(t.code, code) {
			return t, true
		}
	}
	return docType{}, false
}

// docTypeFor chooses HAL's type for a resource type: the HAL label or code the specific type gives (a record read
// from HAL keeps it), else the first row of its general type. Dataset and the types HAL has no place for are OTHER.
func docTypeFor(rt fair.ResourceType) (docType, bool) {
	if rt.Type != "" {
		spec := strings.TrimPrefix(rt.Type, "HAL ")
		for _, t := range docTypes {
			if strings.EqualFold(t.label, spec) || strings.EqualFold(t.code, spec) {
				return t, true
			}
		}
	}
	for _, t := range docTypes {
		if t.general == rt.General {
			return t, true
		}
	}
	return docType{"OTHER", "Other publications", fair.ResourceTypeOther}, false
}

// personIDs maps the TEI types of an author's idno to the fair NameIdentifier schemes. A type not listed keeps its
// TEI spelling as its scheme, both ways.
var personIDs = []struct {
	tei, notation, scheme, schemeURI string
}{
	{"ORCID", "", "ORCID", "https://orcid.org"},
	{"IDREF", "", "IdRef", "https://www.idref.fr"},
	{"ISNI", "", "ISNI", "https://isni.org"},
	{"idhal", "numeric", "idHAL numeric", ""},
	{"idhal", "", "idHAL", "https://cv.hal.science"},
	{"halauthorid", "", "HAL author", ""},
	{"halauthor", "", "HAL author", ""},
	{"arXiv", "", "arXiv author", "https://arxiv.org/a"},
	{"VIAF", "", "VIAF", "https://viaf.org"},
	{"RESEARCHERID", "", "ResearcherID", ""},
	{"GOOGLE SCHOLAR", "", "Google Scholar", ""},
	{"INSPIRE", "", "INSPIRE ID", ""},
}

func schemeOfPersonIdno(id Idno) (scheme, uri string) {
	for _, p := range personIDs {
		if strings.EqualFold(p.tei, id.Type) && (p.notation == "" || p.notation == id.Notation) {
			return p.scheme, p.schemeURI
		}
	}
	return id.Type, ""
}

func teiOfPersonScheme(scheme string) (typ, notation string) {
	for _, p := range personIDs {
		if strings.EqualFold(p.scheme, scheme) {
			return p.tei, p.notation
		}
	}
	switch strings.ToLower(scheme) {
	case "inspire bai":
		return "", "" // HAL has no place for it
	}
	return scheme, ""
}

// docIDs maps the TEI types of a document's idno to fair's alternate identifier types. A type not listed keeps its
// spelling.
var docIDs = []struct{ tei, fair string }{
	{"halId", "HAL"},
	{"arxiv", "arXiv"},
	{"inspire", "INSPIRE"},
	{"pubmed", "PMID"},
	{"pubmedcentral", "PMCID"},
	{"bibcode", "bibcode"},
	{"ird", "IRD"},
	{"wos", "WOS"},
	{"swh", "SWHID"},
	{"localRef", "local"},
	{"nnt", "NNT"},
	{"ppn", "PPN"},
	{"oatao", "OATAO"},
	{"cern", "CERN"},
	{"okina", "OKINA"},
	{"sciencespo", "SciencesPo"},
	{"irstea", "IRSTEA"},
	{"prodinra", "ProdINRA"},
	{"biorxiv", "bioRxiv"},
	{"chemrxiv", "ChemRxiv"},
}

func fairOfDocIdno(t string) string {
	for _, p := range docIDs {
		if strings.EqualFold(p.tei, t) {
			return p.fair
		}
	}
	return t
}

func teiOfAltID(t string) string {
	for _, p := range docIDs {
		if strings.EqualFold(p.fair, t) {
			return p.tei
		}
	}
	return t
}

// structIDs maps the TEI types of a structure's idno to fair's organisation identifier schemes.
var structIDs = []struct{ tei, scheme string }{
	{"ROR", "ROR"},
	{"IdRef", "IdRef"},
	{"ISNI", "ISNI"},
	{"RNSR", "RNSR"},
	{"Wikidata", "Wikidata"},
}

func schemeOfStructIdno(t string) string {
	for _, p := range structIDs {
		if strings.EqualFold(p.tei, t) {
			return p.scheme
		}
	}
	return t
}

func teiOfStructScheme(s string) string {
	for _, p := range structIDs {
		if strings.EqualFold(p.scheme, s) {
			return p.tei
		}
	}
	return s
}

// roles maps HAL's relator codes to the fair side: creators (aut, crp) or a contributor type.
var roles = []struct {
	code string
	typ  fair.ContributorType
}{
	{"edt", fair.ContributorEditor},
	{"trl", fair.ContributorTranslator},
	{"ths", fair.ContributorSupervisor},
	{"sad", fair.ContributorSupervisor},
	{"dtc", fair.ContributorDataCollector},
	{"ctb", fair.ContributorOther},
}

func contributorTypeOfRole(code string) (fair.ContributorType, bool) {
	for _, r := range roles {
		if r.code == code {
			return r.typ, true
		}
	}
	return fair.ContributorOther, false
}

func roleOfContributorType(t fair.ContributorType) (string, bool) {
	for _, r := range roles {
		if r.typ == t {
			return r.code, true
		}
	}
	return "", false
}

// classSchemes maps TEI classCode schemes to fair subject schemes.
var classSchemes = []struct{ tei, scheme, uri string }{
	{"halDomain", SubjectSchemeHALDomain, "https://api.archives-ouvertes.fr/ref/domain"},
	{"jel", "JEL", "https://www.aeaweb.org/econlit/jelCodes.php"},
	{"mesh", "MeSH", "https://id.nlm.nih.gov/mesh"},
	{"acm", "ACM 1998", ""},
	{"acm2012", "ACM CCS 2012", ""},
	{"classification", "classification", ""},
}

// SubjectSchemeHALDomain is the subject scheme of HAL's scientific domains (classCode halDomain): Subject is the
// label, ClassificationCode the code ("phys.hexp").
const SubjectSchemeHALDomain = "HAL domain"

// domainOfArXiv maps arXiv categories (and their archive) to HAL domains, the table HAL applies to arXiv
// transfers for physics; the longest matching prefix wins.
var domainOfArXiv = []struct{ arxiv, domain string }{
	{"hep-ex", "phys.hexp"},
	{"hep-ph", "phys.hphe"},
	{"hep-th", "phys.hthe"},
	{"hep-lat", "phys.hlat"},
	{"nucl-ex", "phys.nexp"},
	{"nucl-th", "phys.nucl"},
	{"gr-qc", "phys.grqc"},
	{"astro-ph.CO", "sdu.astr.co"},
	{"astro-ph.GA", "sdu.astr.ga"},
	{"astro-ph.HE", "sdu.astr.he"},
	{"astro-ph.IM", "sdu.astr.im"},
	{"astro-ph.SR", "sdu.astr.sr"},
	{"astro-ph.EP", "sdu.astr.ep"},
	{"astro-ph", "sdu.astr"},
	{"quant-ph", "phys.qphy"},
	{"math-ph", "phys.mphy"},
	{"cond-mat", "phys.cond"},
	{"physics.ins-det", "phys.phys.phys-ins-det"},
	{"physics.acc-ph", "phys.phys.phys-acc-ph"},
	{"physics.data-an", "phys.phys.phys-data-an"},
	{"physics.comp-ph", "phys.phys.phys-comp-ph"},
	{"physics.med-ph", "phys.phys.phys-med-ph"},
	{"physics.space-ph", "phys.phys.phys-space-ph"},
	{"physics", "phys.phys"},
	{"nlin", "nlin"},
	{"cs", "info"},
	{"math", "math"},
	{"stat", "stat"},
	{"q-bio", "sdv"},
}

// domainOfInspire maps INSPIRE-HEP's subject categories to HAL domains.
var domainOfInspire = []struct{ inspire, domain string }{
	{"Experiment-HEP", "phys.hexp"},
	{"Phenomenology-HEP", "phys.hphe"},
	{"Theory-HEP", "phys.hthe"},
	{"Lattice", "phys.hlat"},
	{"Experiment-Nucl", "phys.nexp"},
	{"Theory-Nucl", "phys.nucl"},
	{"Gravitation and Cosmology", "phys.grqc"},
	{"Astrophysics", "sdu.astr"},
	{"Instrumentation", "phys.phys.phys-ins-det"},
	{"Accelerators", "phys.phys.phys-acc-ph"},
	{"Data Analysis and Statistics", "phys.phys.phys-data-an"},
	{"Computing", "info"},
	{"Math and Math Physics", "phys.mphy"},
	{"Quantum Physics", "phys.qphy"},
	{"Condensed Matter", "phys.cond"},
	{"General Physics", "phys.phys"},
	{"Other", "phys"},
}

// halDomainFor returns the HAL domain of an arXiv category or INSPIRE category, or "".
func halDomainFor(scheme, term string) string {
	s := strings.ToLower(scheme)
	switch {
	case strings.Contains(s, "arxiv"):
		best, bestLen := "", 0
		for _, m := range domainOfArXiv {
			if (term == m.arxiv || strings.HasPrefix(term, m.arxiv+".")) && len(m.arxiv) > bestLen {
				best, bestLen = m.domain, len(m.arxiv)
			}
		}
		return best
	case strings.Contains(s, "inspire"):
		for _, m := range domainOfInspire {
			if strings.EqualFold(m.inspire, term) {
				return m.domain
			}
		}
	}
	return ""
}
