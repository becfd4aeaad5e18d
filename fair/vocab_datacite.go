// The DataCite Metadata Schema 4.7 controlled lists (include/datacite-*-v4.xsd of kernel-4.7), as typed constants.

package fair

// ResourceTypeGeneral is the general type of a resource: DataCite 4.7 resourceTypeGeneral.
type ResourceTypeGeneral string

// The resourceTypeGeneral values of DataCite 4.7.
const (
	ResourceTypeAudiovisual           ResourceTypeGeneral = "Audiovisual"
	ResourceTypeAward                 ResourceTypeGeneral = "Award"
	ResourceTypeBook                  ResourceTypeGeneral = "Book"
	ResourceTypeBookChapter           ResourceTypeGeneral = "BookChapter"
	ResourceTypeCollection            ResourceTypeGeneral = "Collection"
	ResourceTypeComputationalNotebook ResourceTypeGeneral = "ComputationalNotebook"
	ResourceTypeConferencePaper       ResourceTypeGeneral = "ConferencePaper"
	ResourceTypeConferenceProceeding  ResourceTypeGeneral = "ConferenceProceeding"
	ResourceTypeDataPaper             ResourceTypeGeneral = "DataPaper"
	ResourceTypeDataset               ResourceTypeGeneral = "Dataset"
	ResourceTypeDissertation          ResourceTypeGeneral = "Dissertation"
	ResourceTypeEvent                 ResourceTypeGeneral = "Event"
	ResourceTypeImage                 ResourceTypeGeneral = "Image"
	ResourceTypeInstrument            ResourceTypeGeneral = "Instrument"
	ResourceTypeInteractiveResource   ResourceTypeGeneral = "InteractiveResource"
	ResourceTypeJournal               ResourceTypeGeneral = "Journal"
	ResourceTypeJournalArticle        ResourceTypeGeneral = "JournalArticle"
	ResourceTypeModel                 ResourceTypeGeneral = "Model"
	ResourceTypeOutputManagementPlan  ResourceTypeGeneral = "OutputManagementPlan"
	ResourceTypePeerReview            ResourceTypeGeneral = "PeerReview"
	ResourceTypePhysicalObject        ResourceTypeGeneral = "PhysicalObject"
	ResourceTypePoster                ResourceTypeGeneral = "Poster"
	ResourceTypePreprint              ResourceTypeGeneral = "Preprint"
	ResourceTypePresentation          ResourceTypeGeneral = "Presentation"
	ResourceTypeProject               ResourceTypeGeneral = "Project"
	ResourceTypeReport                ResourceTypeGeneral = "Report"
	ResourceTypeService               ResourceTypeGeneral = "Service"
	ResourceTypeSoftware              ResourceTypeGeneral = "Software"
	ResourceTypeSound                 ResourceTypeGeneral = "Sound"
	ResourceTypeStandard              ResourceTypeGeneral = "Standard"
	ResourceTypeStudyRegistration     ResourceTypeGeneral = "StudyRegistration"
	ResourceTypeText                  ResourceTypeGeneral = "Text"
	ResourceTypeWorkflow              ResourceTypeGeneral = "Workflow"
	ResourceTypeOther                 ResourceTypeGeneral = "Other"
)

var resourceTypeGenerals = vocabulary[ResourceTypeGeneral]{
	ResourceTypeAudiovisual,
	ResourceTypeAward,
	ResourceTypeBook,
	ResourceTypeBookChapter,
	ResourceTypeCollection,
	ResourceTypeComputationalNotebook,
	ResourceTypeConferencePaper,
	ResourceTypeConferenceProceeding,
	ResourceTypeDataPaper,
	ResourceTypeDataset,
	ResourceTypeDissertation,
	ResourceTypeEvent,
	ResourceTypeImage,
	ResourceTypeInstrument,
	ResourceTypeInteractiveResource,
	ResourceTypeJournal,
	ResourceTypeJournalArticle,
	ResourceTypeModel,
	ResourceTypeOutputManagementPlan,
	ResourceTypePeerReview,
	ResourceTypePhysicalObject,
	ResourceTypePoster,
	ResourceTypePreprint,
	ResourceTypePresentation,
	ResourceTypeProject,
	ResourceTypeReport,
	ResourceTypeService,
	ResourceTypeSoftware,
	ResourceTypeSound,
	ResourceTypeStandard,
	ResourceTypeStudyRegistration,
	ResourceTypeText,
	ResourceTypeWorkflow,
	ResourceTypeOther,
}

// Valid reports whether t is one of the 34 resourceTypeGeneral values of DataCite 4.7 (exact case).
func (t ResourceTypeGeneral) Valid() bool { return resourceTypeGenerals.has(t) }

// ResourceTypeGenerals returns every resourceTypeGeneral value of DataCite 4.7, in the schema's order.
func ResourceTypeGenerals() []ResourceTypeGeneral { return resourceTypeGenerals.all() }

// ParseResourceTypeGeneral returns the resourceTypeGeneral value equal to s ignoring case, spaces and underscores, and whether one was found.
// It accepts what people and older tools write ("dataset", "is_part_of") and returns the canonical spelling.
func ParseResourceTypeGeneral(s string) (ResourceTypeGeneral, bool) {
	return resourceTypeGenerals.parse(s)
}

// RelationType is the relation of a resource to a related one, read as "this resource <relation> the related one": DataCite 4.7 relationType.
type RelationType string

// The relationType values of DataCite 4.7.
const (
	RelIsCitedBy           RelationType = "IsCitedBy"
	RelCites               RelationType = "Cites"
	RelIsSupplementTo      RelationType = "IsSupplementTo"
	RelIsSupplementedBy    RelationType = "IsSupplementedBy"
	RelIsContinuedBy       RelationType = "IsContinuedBy"
	RelContinues           RelationType = "Continues"
	RelIsNewVersionOf      RelationType = "IsNewVersionOf"
	RelIsPreviousVersionOf RelationType = "IsPreviousVersionOf"
	RelIsPartOf            RelationType = "IsPartOf"
	RelHasPart             RelationType = "HasPart"
	RelIsPublishedIn       RelationType = "IsPublishedIn"
	RelIsReferencedBy      RelationType = "IsReferencedBy"
	RelReferences          RelationType = "References"
	RelIsDocumentedBy      RelationType = "IsDocumentedBy"
	RelDocuments           RelationType = "Documents"
	RelIsCompiledBy        RelationType = "IsCompiledBy"
	RelCompiles            RelationType = "Compiles"
	RelIsVariantFormOf     RelationType = "IsVariantFormOf"
	RelIsOriginalFormOf    RelationType = "IsOriginalFormOf"
	RelIsIdenticalTo       RelationType = "IsIdenticalTo"
	RelHasMetadata         RelationType = "HasMetadata"
	RelIsMetadataFor       RelationType = "IsMetadataFor"
	RelReviews             RelationType = "Reviews"
	RelIsReviewedBy        RelationType = "IsReviewedBy"
	RelIsDerivedFrom       RelationType = "IsDerivedFrom"
	RelIsSourceOf          RelationType = "IsSourceOf"
	RelDescribes           RelationType = "Describes"
	RelIsDescribedBy       RelationType = "IsDescribedBy"
	RelHasVersion          RelationType = "HasVersion"
	RelIsVersionOf         RelationType = "IsVersionOf"
	RelRequires            RelationType = "Requires"
	RelIsRequiredBy        RelationType = "IsRequiredBy"
	RelObsoletes           RelationType = "Obsoletes"
	RelIsObsoletedBy       RelationType = "IsObsoletedBy"
	RelCollects            RelationType = "Collects"
	RelIsCollectedBy       RelationType = "IsCollectedBy"
	RelHasTranslation      RelationType = "HasTranslation"
	RelIsTranslationOf     RelationType = "IsTranslationOf"
	RelOther               RelationType = "Other"
)

var relationTypes = vocabulary[RelationType]{
	RelIsCitedBy,
	RelCites,
	RelIsSupplementTo,
	RelIsSupplementedBy,
	RelIsContinuedBy,
	RelContinues,
	RelIsNewVersionOf,
	RelIsPreviousVersionOf,
	RelIsPartOf,
	RelHasPart,
	RelIsPublishedIn,
	RelIsReferencedBy,
	RelReferences,
	RelIsDocumentedBy,
	RelDocuments,
	RelIsCompiledBy,
	RelCompiles,
	RelIsVariantFormOf,
	RelIsOriginalFormOf,
	RelIsIdenticalTo,
	RelHasMetadata,
	RelIsMetadataFor,
	RelReviews,
	RelIsReviewedBy,
	RelIsDerivedFrom,
	RelIsSourceOf,
	RelDescribes,
	RelIsDescribedBy,
	RelHasVersion,
	RelIsVersionOf,
	RelRequires,
	RelIsRequiredBy,
	RelObsoletes,
	RelIsObsoletedBy,
	RelCollects,
	RelIsCollectedBy,
	RelHasTranslation,
	RelIsTranslationOf,
	RelOther,
}

// Valid reports whether t is one of the 39 relationType values of DataCite 4.7 (exact case).
func (t RelationType) Valid() bool { return relationTypes.has(t) }

// RelationTypes returns every relationType value of DataCite 4.7, in the schema's order.
func RelationTypes() []RelationType { return relationTypes.all() }

// ParseRelationType returns the relationType value equal to s ignoring case, spaces and underscores, and whether one was found.
// It accepts what people and older tools write ("dataset", "is_part_of") and returns the canonical spelling.
func ParseRelationType(s string) (RelationType, bool) { return relationTypes.parse(s) }

// RelatedIdentifierType is the type of a related identifier: DataCite 4.7 relatedIdentifierType.
type RelatedIdentifierType string

// The relatedIdentifierType values of DataCite 4.7.
const (
	IDTypeARK     RelatedIdentifierType = "ARK"
	IDTypeArXiv   RelatedIdentifierType = "arXiv"
	IDTypeBibcode RelatedIdentifierType = "bibcode"
	IDTypeCSTR    RelatedIdentifierType = "CSTR"
	IDTypeDOI     RelatedIdentifierType = "DOI"
	IDTypeEAN13   RelatedIdentifierType = "EAN13"
	IDTypeEISSN   RelatedIdentifierType = "EISSN"
	IDTypeHandle  RelatedIdentifierType = "Handle"
	IDTypeIGSN    RelatedIdentifierType = "IGSN"
	IDTypeISBN    RelatedIdentifierType = "ISBN"
	IDTypeISSN    RelatedIdentifierType = "ISSN"
	IDTypeISTC    RelatedIdentifierType = "ISTC"
	IDTypeLISSN   RelatedIdentifierType = "LISSN"
	IDTypeLSID    RelatedIdentifierType = "LSID"
	IDTypePMID    RelatedIdentifierType = "PMID"
	IDTypePURL    RelatedIdentifierType = "PURL"
	IDTypeRAiD    RelatedIdentifierType = "RAiD"
	IDTypeRRID    RelatedIdentifierType = "RRID"
	IDTypeSWHID   RelatedIdentifierType = "SWHID"
	IDTypeUPC     RelatedIdentifierType = "UPC"
	IDTypeURL     RelatedIdentifierType = "URL"
	IDTypeURN     RelatedIdentifierType = "URN"
	IDTypeW3id    RelatedIdentifierType = "w3id"
)

var relatedIdentifierTypes = vocabulary[RelatedIdentifierType]{
	IDTypeARK,
	IDTypeArXiv,
	IDTypeBibcode,
	IDTypeCSTR,
	IDTypeDOI,
	IDTypeEAN13,
	IDTypeEISSN,
	IDTypeHandle,
	IDTypeIGSN,
	IDTypeISBN,
	IDTypeISSN,
	IDTypeISTC,
	IDTypeLISSN,
	IDTypeLSID,
	IDTypePMID,
	IDTypePURL,
	IDTypeRAiD,
	IDTypeRRID,
	IDTypeSWHID,
	IDTypeUPC,
	IDTypeURL,
	IDTypeURN,
	IDTypeW3id,
}

// Valid reports whether t is one of the 23 relatedIdentifierType values of DataCite 4.7 (exact case).
func (t RelatedIdentifierType) Valid() bool { return relatedIdentifierTypes.has(t) }

// RelatedIdentifierTypes returns every relatedIdentifierType value of DataCite 4.7, in the schema's order.
func RelatedIdentifierTypes() []RelatedIdentifierType { return relatedIdentifierTypes.all() }

// ParseRelatedIdentifierType returns the relatedIdentifierType value equal to s ignoring case, spaces and underscores, and whether one was found.
// It accepts what people and older tools write ("dataset", "is_part_of") and returns the canonical spelling.
func ParseRelatedIdentifierType(s string) (RelatedIdentifierType, bool) {
	return relatedIdentifierTypes.parse(s)
}

// ContributorType is the role of a contributor: DataCite 4.7 contributorType.
type ContributorType string

// The contributorType values of DataCite 4.7.
const (
	ContributorContactPerson         ContributorType = "ContactPerson"
	ContributorDataCollector         ContributorType = "DataCollector"
	ContributorDataCurator           ContributorType = "DataCurator"
	ContributorDataManager           ContributorType = "DataManager"
	ContributorDistributor           ContributorType = "Distributor"
	ContributorEditor                ContributorType = "Editor"
	ContributorHostingInstitution    ContributorType = "HostingInstitution"
	ContributorOther                 ContributorType = "Other"
	ContributorProducer              ContributorType = "Producer"
	ContributorProjectLeader         ContributorType = "ProjectLeader"
	ContributorProjectManager        ContributorType = "ProjectManager"
	ContributorProjectMember         ContributorType = "ProjectMember"
	ContributorRegistrationAgency    ContributorType = "RegistrationAgency"
	ContributorRegistrationAuthority ContributorType = "RegistrationAuthority"
	ContributorRelatedPerson         ContributorType = "RelatedPerson"
	ContributorResearchGroup         ContributorType = "ResearchGroup"
	ContributorRightsHolder          ContributorType = "RightsHolder"
	ContributorResearcher            ContributorType = "Researcher"
	ContributorSponsor               ContributorType = "Sponsor"
	ContributorSupervisor            ContributorType = "Supervisor"
	ContributorTranslator            ContributorType = "Translator"
	ContributorWorkPackageLeader     ContributorType = "WorkPackageLeader"
)

var contributorTypes = vocabulary[ContributorType]{
	ContributorContactPerson,
	ContributorDataCollector,
	ContributorDataCurator,
	ContributorDataManager,
	ContributorDistributor,
	ContributorEditor,
	ContributorHostingInstitution,
	ContributorOther,
	ContributorProducer,
	ContributorProjectLeader,
	ContributorProjectManager,
	ContributorProjectMember,
	ContributorRegistrationAgency,
	ContributorRegistrationAuthority,
	ContributorRelatedPerson,
	ContributorResearchGroup,
	ContributorRightsHolder,
	ContributorResearcher,
	ContributorSponsor,
	ContributorSupervisor,
	ContributorTranslator,
	ContributorWorkPackageLeader,
}

// Valid reports whether t is one of the 22 contributorType values of DataCite 4.7 (exact case).
func (t ContributorType) Valid() bool { return contributorTypes.has(t) }

// ContributorTypes returns every contributorType value of DataCite 4.7, in the schema's order.
func ContributorTypes() []ContributorType { return contributorTypes.all() }

// ParseContributorType returns the contributorType value equal to s ignoring case, spaces and underscores, and whether one was found.
// It accepts what people and older tools write ("dataset", "is_part_of") and returns the canonical spelling.
func ParseContributorType(s string) (ContributorType, bool) { return contributorTypes.parse(s) }

// DateType is what happened at a date: DataCite 4.7 dateType.
type DateType string

// The dateType values of DataCite 4.7.
const (
	DateAccepted    DateType = "Accepted"
	DateAvailable   DateType = "Available"
	DateCollected   DateType = "Collected"
	DateCopyrighted DateType = "Copyrighted"
	DateCoverage    DateType = "Coverage"
	DateCreated     DateType = "Created"
	DateIssued      DateType = "Issued"
	DateOther       DateType = "Other"
	DateSubmitted   DateType = "Submitted"
	DateUpdated     DateType = "Updated"
	DateValid       DateType = "Valid"
	DateWithdrawn   DateType = "Withdrawn"
)

var dateTypes = vocabulary[DateType]{
	DateAccepted,
	DateAvailable,
	DateCollected,
	DateCopyrighted,
	DateCoverage,
	DateCreated,
	DateIssued,
	DateOther,
	DateSubmitted,
	DateUpdated,
	DateValid,
	DateWithdrawn,
}

// Valid reports whether t is one of the 12 dateType values of DataCite 4.7 (exact case).
func (t DateType) Valid() bool { return dateTypes.has(t) }

// DateTypes returns every dateType value of DataCite 4.7, in the schema's order.
func DateTypes() []DateType { return dateTypes.all() }

// ParseDateType returns the dateType value equal to s ignoring case, spaces and underscores, and whether one was found.
// It accepts what people and older tools write ("dataset", "is_part_of") and returns the canonical spelling.
func ParseDateType(s string) (DateType, bool) { return dateTypes.parse(s) }

// DescriptionType is the kind of a description: DataCite 4.7 descriptionType.
type DescriptionType string

// The descriptionType values of DataCite 4.7.
const (
	DescriptionAbstract          DescriptionType = "Abstract"
	DescriptionMethods           DescriptionType = "Methods"
	DescriptionSeriesInformation DescriptionType = "SeriesInformation"
	DescriptionTableOfContents   DescriptionType = "TableOfContents"
	DescriptionTechnicalInfo     DescriptionType = "TechnicalInfo"
	DescriptionOther             DescriptionType = "Other"
)

var descriptionTypes = vocabulary[DescriptionType]{
	DescriptionAbstract,
	DescriptionMethods,
	DescriptionSeriesInformation,
	DescriptionTableOfContents,
	DescriptionTechnicalInfo,
	DescriptionOther,
}

// Valid reports whether t is one of the 6 descriptionType values of DataCite 4.7 (exact case).
func (t DescriptionType) Valid() bool { return descriptionTypes.has(t) }

// DescriptionTypes returns every descriptionType value of DataCite 4.7, in the schema's order.
func DescriptionTypes() []DescriptionType { return descriptionTypes.all() }

// ParseDescriptionType returns the descriptionType value equal to s ignoring case, spaces and underscores, and whether one was found.
// It accepts what people and older tools write ("dataset", "is_part_of") and returns the canonical spelling.
func ParseDescriptionType(s string) (DescriptionType, bool) { return descriptionTypes.parse(s) }

// TitleType is the kind of a title (the main title has none): DataCite 4.7 titleType.
type TitleType string

// The titleType values of DataCite 4.7.
const (
	TitleAlternativeTitle TitleType = "AlternativeTitle"
	TitleSubtitle         TitleType = "Subtitle"
	TitleTranslatedTitle  TitleType = "TranslatedTitle"
	TitleOther            TitleType = "Other"
)

var titleTypes = vocabulary[TitleType]{
	TitleAlternativeTitle,
	TitleSubtitle,
	TitleTranslatedTitle,
	TitleOther,
}

// Valid reports whether t is one of the 4 titleType values of DataCite 4.7 (exact case).
func (t TitleType) Valid() bool { return titleTypes.has(t) }

// TitleTypes returns every titleType value of DataCite 4.7, in the schema's order.
func TitleTypes() []TitleType { return titleTypes.all() }

// ParseTitleType returns the titleType value equal to s ignoring case, spaces and underscores, and whether one was found.
// It accepts what people and older tools write ("dataset", "is_part_of") and returns the canonical spelling.
func ParseTitleType(s string) (TitleType, bool) { return titleTypes.parse(s) }

// NameType is whether a name is a person's or an organisation's: DataCite 4.7 nameType.
type NameType string

// The nameType values of DataCite 4.7.
const (
	NameOrganizational NameType = "Organizational"
	NamePersonal       NameType = "Personal"
)

var nameTypes = vocabulary[NameType]{
	NameOrganizational,
	NamePersonal,
}

// Valid reports whether t is one of the 2 nameType values of DataCite 4.7 (exact case).
func (t NameType) Valid() bool { return nameTypes.has(t) }

// NameTypes returns every nameType value of DataCite 4.7, in the schema's order.
func NameTypes() []NameType { return nameTypes.all() }

// ParseNameType returns the nameType value equal to s ignoring case, spaces and underscores, and whether one was found.
// It accepts what people and older tools write ("dataset", "is_part_of") and returns the canonical spelling.
func ParseNameType(s string) (NameType, bool) { return nameTypes.parse(s) }

// FunderIdentifierType is the type of a funder identifier: DataCite 4.7 funderIdentifierType.
type FunderIdentifierType string

// The funderIdentifierType values of DataCite 4.7.
const (
	FunderISNI             FunderIdentifierType = "ISNI"
	FunderGRID             FunderIdentifierType = "GRID"
	FunderROR              FunderIdentifierType = "ROR"
	FunderCrossrefFunderID FunderIdentifierType = "Crossref Funder ID"
	FunderOther            FunderIdentifierType = "Other"
)

var funderIdentifierTypes = vocabulary[FunderIdentifierType]{
	FunderISNI,
	FunderGRID,
	FunderROR,
	FunderCrossrefFunderID,
	FunderOther,
}

// Valid reports whether t is one of the 5 funderIdentifierType values of DataCite 4.7 (exact case).
func (t FunderIdentifierType) Valid() bool { return funderIdentifierTypes.has(t) }

// FunderIdentifierTypes returns every funderIdentifierType value of DataCite 4.7, in the schema's order.
func FunderIdentifierTypes() []FunderIdentifierType { return funderIdentifierTypes.all() }

// ParseFunderIdentifierType returns the funderIdentifierType value equal to s ignoring case, spaces and underscores, and whether one was found.
// It accepts what people and older tools write ("dataset", "is_part_of") and returns the canonical spelling.
func ParseFunderIdentifierType(s string) (FunderIdentifierType, bool) {
	return funderIdentifierTypes.parse(s)
}

// NumberType is the type of a related item's number: DataCite 4.7 numberType.
type NumberType string

// The numberType values of DataCite 4.7.
const (
	NumberArticle NumberType = "Article"
	NumberChapter NumberType = "Chapter"
	NumberReport  NumberType = "Report"
	NumberOther   NumberType = "Other"
)

var numberTypes = vocabulary[NumberType]{
	NumberArticle,
	NumberChapter,
	NumberReport,
	NumberOther,
}

// Valid reports whether t is one of the 4 numberType values of DataCite 4.7 (exact case).
func (t NumberType) Valid() bool { return numberTypes.has(t) }

// NumberTypes returns every numberType value of DataCite 4.7, in the schema's order.
func NumberTypes() []NumberType { return numberTypes.all() }

// ParseNumberType returns the numberType value equal to s ignoring case, spaces and underscores, and whether one was found.
// It accepts what people and older tools write ("dataset", "is_part_of") and returns the canonical spelling.
func ParseNumberType(s string) (NumberType, bool) { return numberTypes.parse(s) }
