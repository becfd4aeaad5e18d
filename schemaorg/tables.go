package schemaorg

import (
	"strings"

	"github.com/dop2i/fairmeta/fair"
)

// typeRow maps a DataCite resourceTypeGeneral to a schema.org type. Several general types share a schema.org type;
// the first row naming a schema.org type is the one a reader maps it back to, and the writer adds the general type
// to additionalType for the others so that it survives a round trip.
type typeRow struct {
	general fair.ResourceTypeGeneral
	schema  string
}

var typeTable = []typeRow{
	{fair.ResourceTypeDataset, "Dataset"},
	{fair.ResourceTypeSoftware, "SoftwareSourceCode"},
	{fair.ResourceTypeJournalArticle, "ScholarlyArticle"},
	{fair.ResourceTypeOther, "CreativeWork"},
	{fair.ResourceTypeAudiovisual, "MediaObject"},
	{fair.ResourceTypeAward, "MonetaryGrant"},
	{fair.ResourceTypeBook, "Book"},
	{fair.ResourceTypeBookChapter, "Chapter"},
	{fair.ResourceTypeCollection, "Collection"},
	{fair.ResourceTypeComputationalNotebook, "SoftwareSourceCode"},
	{fair.ResourceTypeConferencePaper, "ScholarlyArticle"},
	{fair.ResourceTypeConferenceProceeding, "Book"},
	{fair.ResourceTypeDataPaper, "ScholarlyArticle"},
	{fair.ResourceTypeDissertation, "Thesis"},
	{fair.ResourceTypeEvent, "Event"},
	{fair.ResourceTypeImage, "ImageObject"},
	{fair.ResourceTypeInstrument, "Product"},
	{fair.ResourceTypeInteractiveResource, "WebSite"},
	{fair.ResourceTypeJournal, "Periodical"},
	{fair.ResourceTypeModel, "CreativeWork"},
	{fair.ResourceTypeOutputManagementPlan, "CreativeWork"},
	{fair.ResourceTypePeerReview, "Review"},
	{fair.ResourceTypePhysicalObject, "CreativeWork"},
	{fair.ResourceTypePoster, "Poster"},
	{fair.ResourceTypePreprint, "ScholarlyArticle"},
	{fair.ResourceTypePresentation, "PresentationDigitalDocument"},
	{fair.ResourceTypeProject, "ResearchProject"},
	{fair.ResourceTypeReport, "Report"},
	{fair.ResourceTypeService, "Service"},
	{fair.ResourceTypeSound, "AudioObject"},
	{fair.ResourceTypeStandard, "CreativeWork"},
	{fair.ResourceTypeStudyRegistration, "CreativeWork"},
	{fair.ResourceTypeText, "CreativeWork"},
	{fair.ResourceTypeWorkflow, "CreativeWork"},
}

// readTypes are schema.org types the reader accepts beyond those of typeTable, and the general type they mean.
var readTypes = map[string]fair.ResourceTypeGeneral{
	"SoftwareApplication": fair.ResourceTypeSoftware,
	"WebApplication":      fair.ResourceTypeSoftware,
	"MobileApplication":   fair.ResourceTypeSoftware,
	"Article":             fair.ResourceTypeText,
	"DataCatalog":         fair.ResourceTypeCollection,
	"VideoObject":         fair.ResourceTypeAudiovisual,
	"Photograph":          fair.ResourceTypeImage,
	"Map":                 fair.ResourceTypeImage,
	"WebPage":             fair.ResourceTypeText,
	"DigitalDocument":     fair.ResourceTypeText,
	"TextDigitalDocument": fair.ResourceTypeText,
	"Course":              fair.ResourceTypeText,
	"Thing":               fair.ResourceTypeOther,
	// Article's and CreativeWork's other kinds that landing pages and blogs use.
	"BlogPosting":            fair.ResourceTypeText,
	"LiveBlogPosting":        fair.ResourceTypeText,
	"Blog":                   fair.ResourceTypeText,
	"NewsArticle":            fair.ResourceTypeText,
	"TechArticle":            fair.ResourceTypeText,
	"SocialMediaPosting":     fair.ResourceTypeText,
	"DiscussionForumPosting": fair.ResourceTypeText,
	"Manuscript":             fair.ResourceTypeText,
	"PublicationIssue":       fair.ResourceTypeText,
	"PublicationVolume":      fair.ResourceTypeText,
	"Movie":                  fair.ResourceTypeAudiovisual,
	"Clip":                   fair.ResourceTypeAudiovisual,
	"MusicRecording":         fair.ResourceTypeSound,
	// Code is schema.org's former name of SoftwareSourceCode (CodeMeta 1's examples use it).
	"Code": fair.ResourceTypeSoftware,
}

// canonicalType returns the schema.org spelling of a type name the reader knows, matched without regard to case
// ("DataSet" → "Dataset"), and whether there is one.
func canonicalType(t string) (string, bool) {
	for _, row := range typeTable {
		if strings.EqualFold(row.schema, t) {
			return row.schema, true
		}
	}
	for k := range readTypes {
		if strings.EqualFold(k, t) {
			return k, true
		}
	}
	return "", false
}

// schemaType returns the schema.org type of a general type and whether the reader maps that type back to it.
func schemaType(g fair.ResourceTypeGeneral) (string, bool) {
	for _, row := range typeTable {
		if row.general == g {
			return row.schema, generalOf(row.schema) == g
		}
	}
	return "CreativeWork", g == fair.ResourceTypeOther
}

// generalOf returns the general type a schema.org type name (without namespace) means, or "" when none. A name
// that differs from a known type only in case ("DataSet") means that type: see [canonicalType].
func generalOf(t string) fair.ResourceTypeGeneral {
	for _, row := range typeTable {
		if row.schema == t {
			return row.general
		}
	}
	if g, ok := readTypes[t]; ok {
		return g
	}
	if c, ok := canonicalType(t); ok {
		return generalOf(c)
	}
	return ""
}

// relRow maps a DataCite relationType to the schema.org property that carries it. reverse means the property
// points from the related resource to this one and is written under @reverse. An empty property means schema.org
// has none: the relation is written as a Role under isRelatedTo, with the relationType as roleName. A relation
// whose property also carries an earlier row's relation (References after Cites) is written as a Role under that
// property, so that readers that ignore roles still see the link and this package reads back the exact relation.
type relRow struct {
	rel      fair.RelationType
	property string
	reverse  bool
}

// relTable is the relationType table of the package documentation; keep the two in step.
var relTable = []relRow{
	{fair.RelCites, "citation", false},
	{fair.RelIsCitedBy, "citation", true},
	{fair.RelReferences, "citation", false},
	{fair.RelIsReferencedBy, "citation", true},
	{fair.RelIsPartOf, "isPartOf", false},
	{fair.RelIsPublishedIn, "isPartOf", false},
	{fair.RelHasPart, "hasPart", false},
	{fair.RelIsDerivedFrom, "isBasedOn", false},
	{fair.RelIsSourceOf, "isBasedOn", true},
	{fair.RelIsVersionOf, "exampleOfWork", false},
	{fair.RelHasVersion, "workExample", false},
	{fair.RelIsTranslationOf, "translationOfWork", false},
	{fair.RelHasTranslation, "workTranslation", false},
	{fair.RelIsIdenticalTo, "sameAs", false},
	{fair.RelIsDescribedBy, "subjectOf", false},
	{fair.RelDescribes, "about", false},
	{fair.RelIsDocumentedBy, "subjectOf", false},
	{fair.RelDocuments, "about", false},
	{fair.RelIsReviewedBy, "review", false},
	{fair.RelReviews, "itemReviewed", false},
	{fair.RelIsSupplementTo, "", false},
	{fair.RelIsSupplementedBy, "", false},
	{fair.RelIsContinuedBy, "", false},
	{fair.RelContinues, "", false},
	{fair.RelIsNewVersionOf, "", false},
	{fair.RelIsPreviousVersionOf, "", false},
	{fair.RelIsCompiledBy, "", false},
	{fair.RelCompiles, "", false},
	{fair.RelIsVariantFormOf, "", false},
	{fair.RelIsOriginalFormOf, "", false},
	{fair.RelHasMetadata, "", false},
	{fair.RelIsMetadataFor, "", false},
	{fair.RelRequires, "", false},
	{fair.RelIsRequiredBy, "", false},
	{fair.RelObsoletes, "", false},
	{fair.RelIsObsoletedBy, "", false},
	{fair.RelCollects, "", false},
	{fair.RelIsCollectedBy, "", false},
	{fair.RelOther, "", false},
}

// relationProperty returns how a relation is written: the property, whether under @reverse, and whether as a Role.
func relationProperty(rel fair.RelationType) (property string, reverse, role bool) {
	for _, row := range relTable {
		if row.rel != rel {
			continue
		}
		if row.property == "" {
			return "isRelatedTo", false, true
		}
		first, firstReverse := primaryRelation(row.property, row.reverse)
		if first != rel {
			if row.reverse {
				return "isRelatedTo", false, true
			}
			return row.property, false, true
		}
		return row.property, firstReverse, false
	}
	return "isRelatedTo", false, true
}

// primaryRelation returns the relation a plain (not Role) value of property maps to.
func primaryRelation(property string, reverse bool) (fair.RelationType, bool) {
	for _, row := range relTable {
		if row.property == property && row.reverse == reverse {
			return row.rel, reverse
		}
	}
	return "", false
}

// contributorProperties are the contributor types schema.org has a property for; other types are written as a
// Role under contributor.
var contributorProperties = []struct {
	typ      fair.ContributorType
	property string
}{
	{fair.ContributorEditor, "editor"},
	{fair.ContributorProducer, "producer"},
	{fair.ContributorTranslator, "translator"},
	{fair.ContributorSponsor, "sponsor"},
	{fair.ContributorRightsHolder, "copyrightHolder"},
	{fair.ContributorOther, "contributor"},
}

// dateProperties are the date types schema.org has a property for. Issued is datePublished; Coverage is
// temporalCoverage.
var dateProperties = []struct {
	typ      fair.DateType
	property string
}{
	{fair.DateIssued, "datePublished"},
	{fair.DateCreated, "dateCreated"},
	{fair.DateUpdated, "dateModified"},
	{fair.DateWithdrawn, "expires"},
	{fair.DateCoverage, "temporalCoverage"},
}
