// Package citation holds what the citation formats (CSL-JSON in package csl, BibTeX, RIS) share when they convert to
// and from fair.Resource: the one table of publication types, the splitting of person names into the parts citation
// formats keep apart (particles, suffix), citation keys and dates. It knows fair and no format.
package citation

import (
	"strings"

	"github.com/dop2i/fairmeta/fair"
)

// TypeRow is one row of the crosswalk of resource types: a DataCite resourceTypeGeneral (with, optionally, words
// its specific type must contain) and the type each citation format writes for it. An empty format column means the
// row does not apply in that format. Writing takes the first row that matches the record; reading a format's type
// takes the first row that has it.
type TypeRow struct {
	General fair.ResourceTypeGeneral
	// Specific, when set, restricts the row to records whose ResourceType.Type contains it (ignoring case), and
	// reading the row's type sets ResourceType.Type to SpecificName.
	Specific     string
	SpecificName string
	CSL          string // CSL 1.0.2 item type
	BibTeX       string // BibTeX entry type (BibLaTeX's dataset and software included)
	ClassicBib   string // the entry type classic BibTeX styles know, when BibTeX is a BibLaTeX type
	RIS          string // RIS reference type (TY)
}

// Types is the crosswalk, in priority order. Every resourceTypeGeneral of DataCite 4.7 has a row; the rows after them
// give the other types the formats have a reading.
var Types = []TypeRow{
	// The readings of the types several resource types are written as, first so that reading finds them: a generic
	// document is Text, a @misc entry Other (as an unknown entry type), a generic RIS reference Text (as an unknown
	// reference type).
	{General: fair.ResourceTypeText, CSL: "document", RIS: "GEN"},
	{General: fair.ResourceTypeOther, BibTeX: "misc"},

	{General: fair.ResourceTypeJournalArticle, CSL: "article-journal", BibTeX: "article", RIS: "JOUR"},
	{General: fair.ResourceTypePreprint, CSL: "article", BibTeX: "article", RIS: "UNPB"},
	{General: fair.ResourceTypeConferencePaper, CSL: "paper-conference", BibTeX: "inproceedings", RIS: "CPAPER"},
	{General: fair.ResourceTypeBook, CSL: "book", BibTeX: "book", RIS: "BOOK"},
	{General: fair.ResourceTypeConferenceProceeding, CSL: "book", BibTeX: "proceedings", RIS: "CONF"},
	{General: fair.ResourceTypeBookChapter, CSL: "chapter", BibTeX: "inbook", RIS: "CHAP"},
	{General: fair.ResourceTypeDissertation, CSL: "thesis", BibTeX: "phdthesis", RIS: "THES"},
	{General: fair.ResourceTypeDissertation, Specific: "master", SpecificName: "Master's thesis", CSL: "thesis", BibTeX: "mastersthesis", RIS: "THES"},
	{General: fair.ResourceTypeReport, CSL: "report", BibTeX: "techreport", RIS: "RPRT"},
	{General: fair.ResourceTypeDataset, CSL: "dataset", BibTeX: "dataset", ClassicBib: "misc", RIS: "DATA"},
	{General: fair.ResourceTypeSoftware, CSL: "software", BibTeX: "software", ClassicBib: "misc", RIS: "COMP"},
	{General: fair.ResourceTypeComputationalNotebook, CSL: "software", BibTeX: "software", ClassicBib: "misc", RIS: "COMP"},
	{General: fair.ResourceTypeWorkflow, CSL: "software", BibTeX: "software", ClassicBib: "misc", RIS: "COMP"},
	{General: fair.ResourceTypeDataPaper, CSL: "article-journal", BibTeX: "article", RIS: "JOUR"},
	{General: fair.ResourceTypePeerReview, CSL: "review", BibTeX: "misc", RIS: "GEN"},
	{General: fair.ResourceTypePresentation, CSL: "speech", BibTeX: "misc", RIS: "SLIDE"},
	{General: fair.ResourceTypePoster, CSL: "speech", BibTeX: "misc", RIS: "SLIDE"},
	{General: fair.ResourceTypeAudiovisual, CSL: "motion_picture", BibTeX: "misc", RIS: "VIDEO"},
	{General: fair.ResourceTypeSound, CSL: "song", BibTeX: "misc", RIS: "SOUND"},
	{General: fair.ResourceTypeImage, CSL: "graphic", BibTeX: "misc", RIS: "FIGURE"},
	{General: fair.ResourceTypeEvent, CSL: "event", BibTeX: "misc", RIS: "GEN"},
	{General: fair.ResourceTypeCollection, CSL: "collection", BibTeX: "misc", RIS: "GEN"},
	{General: fair.ResourceTypeJournal, CSL: "periodical", BibTeX: "misc", RIS: "JFULL"},
	{General: fair.ResourceTypeStandard, CSL: "standard", BibTeX: "misc", RIS: "STAND"},
	{General: fair.ResourceTypeInteractiveResource, CSL: "webpage", BibTeX: "misc", RIS: "ELEC"},
	{General: fair.ResourceTypeService, CSL: "webpage", BibTeX: "misc", RIS: "ELEC"},
	{General: fair.ResourceTypeAward, CSL: "document", BibTeX: "misc", RIS: "GRANT"},
	{General: fair.ResourceTypeText, CSL: "document", BibTeX: "misc", RIS: "GEN"},
	{General: fair.ResourceTypeOutputManagementPlan, CSL: "document", BibTeX: "misc", RIS: "GEN"},
	{General: fair.ResourceTypeModel, CSL: "document", BibTeX: "misc", RIS: "GEN"},
	{General: fair.ResourceTypeInstrument, CSL: "document", BibTeX: "misc", RIS: "GEN"},
	{General: fair.ResourceTypePhysicalObject, CSL: "document", BibTeX: "misc", RIS: "GEN"},
	{General: fair.ResourceTypeProject, CSL: "document", BibTeX: "misc", RIS: "GEN"},
	{General: fair.ResourceTypeStudyRegistration, CSL: "document", BibTeX: "misc", RIS: "GEN"},
	{General: fair.ResourceTypeOther, CSL: "document", BibTeX: "misc", RIS: "GEN"},

	// Readings of the formats' other types.
	{General: fair.ResourceTypeBookChapter, BibTeX: "incollection", RIS: "ECHAP"},
	{General: fair.ResourceTypeConferencePaper, BibTeX: "conference"},
	{General: fair.ResourceTypeDissertation, BibTeX: "thesis"},
	{General: fair.ResourceTypeReport, BibTeX: "report"},
	{General: fair.ResourceTypePreprint, BibTeX: "unpublished"},
	{General: fair.ResourceTypeStandard, BibTeX: "standard"},
	{General: fair.ResourceTypeInteractiveResource, BibTeX: "online", RIS: "WEB"},
	{General: fair.ResourceTypeInteractiveResource, BibTeX: "electronic"},
	{General: fair.ResourceTypeInteractiveResource, BibTeX: "www"},
	{General: fair.ResourceTypeBook, BibTeX: "collection", RIS: "EBOOK"},
	{General: fair.ResourceTypeBook, BibTeX: "mvbook", RIS: "EDBOOK"},
	{General: fair.ResourceTypeText, BibTeX: "booklet", RIS: "PAMP"},
	{General: fair.ResourceTypeText, BibTeX: "manual"},
	{General: fair.ResourceTypeJournalArticle, RIS: "EJOUR"},
	{General: fair.ResourceTypeJournalArticle, RIS: "INPR"},
	{General: fair.ResourceTypeDataset, RIS: "DBASE"},
	{General: fair.ResourceTypeDataset, RIS: "AGGR"},
	{General: fair.ResourceTypeAudiovisual, RIS: "MPCT"},
	{General: fair.ResourceTypeImage, RIS: "ART"},
	{General: fair.ResourceTypeImage, RIS: "MAP", CSL: "map"},
	{General: fair.ResourceTypeImage, CSL: "figure"},
	{General: fair.ResourceTypeAudiovisual, CSL: "broadcast"},
	{General: fair.ResourceTypePeerReview, CSL: "review-book"},
}

// CSLTypes are the item types of CSL 1.0.2, as the CSL-JSON schema lists them.
var CSLTypes = []string{
	"article", "article-journal", "article-magazine", "article-newspaper", "bill", "book", "broadcast", "chapter",
	"classic", "collection", "dataset", "document", "entry", "entry-dictionary", "entry-encyclopedia", "event",
	"figure", "graphic", "hearing", "interview", "legal_case", "legislation", "manuscript", "map", "motion_picture",
	"musical_score", "pamphlet", "paper-conference", "patent", "performance", "periodical", "personal_communication",
	"post", "post-weblog", "regulation", "report", "review", "review-book", "software", "song", "speech", "standard",
	"thesis", "treaty", "webpage",
}

// IsCSLType reports whether t is a CSL 1.0.2 item type.
func IsCSLType(t string) bool {
	for _, c := range CSLTypes {
		if c == t {
			return true
		}
	}
	return false
}

// Row returns the row a record of type rt is written with: the first row of its general type whose Specific its
// specific type contains, else the first row of its general type without a Specific. Records without a general
// type are written as Other.
func Row(rt fair.ResourceType) TypeRow {
	g := rt.General
	if g == "" {
		g = fair.ResourceTypeOther
	}
	for _, specific := range []bool{true, false} {
		for _, row := range Types {
			if row.General != g || row.CSL == "" || row.BibTeX == "" || row.RIS == "" || (row.Specific != "") != specific {
				continue
			}
			if specific && !strings.Contains(strings.ToLower(rt.Type), row.Specific) {
				continue
			}
			return row
		}
	}
	for _, row := range Types {
		if row.General == fair.ResourceTypeOther {
			return row
		}
	}
	return TypeRow{}
}

// CSLType returns the CSL item type of a record's type. A specific type that is itself a CSL type name
// ("article-magazine") is written as it is when the record's general type is a catch-all (none, Other, Text) or the
// one the CSL type is read back as: that is how a CSL type with no DataCite equivalent survives a round trip, while
// a source's own word that happens to be a CSL type name (INSPIRE's document type "article" on a journal article)
// does not override the general type.
func CSLType(rt fair.ResourceType) string {
	catchAll := rt.General == "" || rt.General == fair.ResourceTypeOther || rt.General == fair.ResourceTypeText
	if IsCSLType(rt.Type) && (catchAll || FromCSLType(rt.Type).General == rt.General) {
		return rt.Type
	}
	return Row(rt).CSL
}

// FromCSLType returns the record type of a CSL item type. A CSL type that its general type is not written as
// (map, read as Image, is written graphic) keeps the CSL type as specific type, and so does a CSL type without a
// row of its own, read as Text; "" is read as Other.
func FromCSLType(t string) fair.ResourceType {
	if t == "" {
		return fair.ResourceType{General: fair.ResourceTypeOther}
	}
	if rt, ok := fromColumn(t, func(r TypeRow) string { return r.CSL }); ok {
		if Row(rt).CSL != t {
			rt.Type = t
		}
		return rt
	}
	return fair.ResourceType{General: fair.ResourceTypeText, Type: t}
}

// BibTeXType returns the entry type of a record's type; classic selects the types classic BibTeX styles know.
func BibTeXType(rt fair.ResourceType, classic bool) string {
	row := Row(rt)
	if classic && row.ClassicBib != "" {
		return row.ClassicBib
	}
	return row.BibTeX
}

// FromBibTeXType returns the record type of a BibTeX entry type (any case), and false when the type is unknown (the
// record is then Other).
func FromBibTeXType(t string) (fair.ResourceType, bool) {
	rt, ok := fromColumn(strings.ToLower(t), func(r TypeRow) string { return r.BibTeX })
	if !ok {
		return fair.ResourceType{General: fair.ResourceTypeOther}, false
	}
	return rt, true
}

// RISType returns the RIS reference type of a record's type.
func RISType(rt fair.ResourceType) string { return Row(rt).RIS }

// FromRISType returns the record type of a RIS reference type (any case), and false when the type is unknown (the
// record is then Text).
func FromRISType(t string) (fair.ResourceType, bool) {
	rt, ok := fromColumn(strings.ToUpper(t), func(r TypeRow) string { return r.RIS })
	if !ok {
		return fair.ResourceType{General: fair.ResourceTypeText}, false
	}
	return rt, true
}

func fromColumn(t string, col func(TypeRow) string) (fair.ResourceType, bool) {
	for _, row := range Types {
		if col(row) == t {
			return fair.ResourceType{General: row.General, Type: row.SpecificName}, true
		}
	}
	return fair.ResourceType{}, false
}
