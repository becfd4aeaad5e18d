package fair

// Resource is the format-neutral description of a dataset, a software release, a publication or any other research
// output. Every format fairmeta reads or writes (DataCite XML and JSON, schema.org JSON-LD, CodeMeta, CFF) converts to
// and from a Resource, never directly to another format.
//
// A Resource holds everything the DataCite Metadata Schema 4.7 expresses, property for property, plus what schema.org,
// CodeMeta 3.0 and CFF 1.2 describe beyond DataCite (keywords, distributions, code repository and the other software
// facts, access conditions). Field order follows the DataCite schema, then the extensions.
//
// The zero value is an empty record; every field is optional at the type level and validation (in package datacite,
// and [Assess] here) says what a given use requires. Plain values are plain strings and numbers; pointers are used only
// for the few structured values whose zero value is itself meaningful (a geographic point at 0°, 0°).
//
// A publication (journal article, preprint, conference paper, report, thesis) is described with the same fields:
// its journal or book is a related item IsPublishedIn (with volume, issue, pages or article number), its arXiv
// identifier, report numbers and INSPIRE keys are alternate identifiers, its arXiv categories subjects, its
// collaborations organisational creators beside the persons, its references Cites relations, its authors' INSPIRE
// and HAL identifiers name identifiers. Only what has no place among them — the conference it was presented at —
// is in [Resource.Publication]. The package documentation ("Publications") has the table, with DataCite and
// schema.org.
//
// Spatial coverage is [Resource.GeoLocations]; temporal coverage is a [Date] of type [DateCoverage] (see
// [Resource.TemporalCoverage]); both are the DataCite properties so that no fact is held in two places.
//
// The JSON form of a Resource is the one its struct tags give: camelCase names, empty values omitted. It is the SDK's
// own interchange form, stable across releases, and not any external standard.
type Resource struct {
	// Identifier is the primary identifier of the resource, normally its DOI
	// (Identifier{Value: "10.1234/abcd-ef12", Type: "DOI"}). Empty before minting.
	Identifier Identifier `json:"identifier,omitzero"`
	// Creators are the main researchers or organisations that produced the resource, in priority order.
	Creators []Creator `json:"creators,omitempty"`
	// Titles are the names of the resource; the first title without a type is the main title.
	Titles []Title `json:"titles,omitempty"`
	// Publisher is the entity that holds, archives, publishes or distributes the resource.
	Publisher Publisher `json:"publisher,omitzero"`
	// PublicationYear is the year the resource was or will be made public; 0 when unknown.
	PublicationYear int `json:"publicationYear,omitempty"`
	// ResourceType is the general type from DataCite's controlled list with an optional free-text specific type.
	ResourceType ResourceType `json:"resourceType,omitzero"`
	// Subjects are subject terms, classification codes or key phrases, optionally from a named scheme.
	Subjects []Subject `json:"subjects,omitempty"`
	// Contributors are the institutions or persons responsible for collecting, managing, distributing or otherwise
	// contributing to the resource.
	Contributors []Contributor `json:"contributors,omitempty"`
	// Dates are the dates relevant to the resource, each with its type (Issued, Created, Coverage, ...).
	Dates []Date `json:"dates,omitempty"`
	// Language is the primary language of the resource as a BCP 47 tag (IETF), e.g. "en" or "fr-FR".
	Language string `json:"language,omitempty"`
	// AlternateIdentifiers are identifiers other than the primary one (local accession numbers, URLs, ...).
	AlternateIdentifiers []Identifier `json:"alternateIdentifiers,omitempty"`
	// RelatedIdentifiers link the resource to other resources by a typed relation.
	RelatedIdentifiers []RelatedIdentifier `json:"relatedIdentifiers,omitempty"`
	// Sizes are free-text sizes or durations ("15 pages", "6 MB", "45 minutes").
	Sizes []string `json:"sizes,omitempty"`
	// Formats are technical formats, preferably media types ("application/x-hdf5").
	Formats []string `json:"formats,omitempty"`
	// Version is the version number of the resource, preferably following Semantic Versioning.
	Version string `json:"version,omitempty"`
	// Rights are licences and other rights statements.
	Rights []Rights `json:"rights,omitempty"`
	// Descriptions are abstracts, methods, technical information and other descriptions.
	Descriptions []Description `json:"descriptions,omitempty"`
	// GeoLocations are the spatial regions or named places where the data was gathered or which it is about
	// (the spatial coverage).
	GeoLocations []GeoLocation `json:"geoLocations,omitempty"`
	// FundingReferences name the funders of the work and the awards.
	FundingReferences []FundingReference `json:"fundingReferences,omitempty"`
	// RelatedItems describe related resources in full, for those without a persistent identifier or whose citation
	// details (volume, pages, ...) matter, such as the journal an article appeared in.
	RelatedItems []RelatedItem `json:"relatedItems,omitempty"`

	// URL is the landing page of the resource: the address its identifier resolves to.
	URL string `json:"url,omitempty"`
	// Keywords are free-text keywords without a scheme (schema.org, CodeMeta and CFF keywords). DataCite has no
	// separate property for them: writers put them in subjects without a scheme.
	Keywords []string `json:"keywords,omitempty"`
	// Variables are the quantities the data measures or holds, with their units (schema.org variableMeasured). DataCite
	// has no property for them: a TechnicalInfo description is its place for the same facts in prose.
	Variables []Variable `json:"variables,omitempty"`
	// Distributions are the downloadable files or endpoints of the resource (schema.org DataDownload).
	Distributions []Distribution `json:"distributions,omitempty"`
	// AccessRights is the access level of the resource as a COAR access-right term; empty when not stated.
	AccessRights AccessRights `json:"accessRights,omitempty"`
	// AccessConditions is free text on how to get access (schema.org conditionsOfAccess), e.g. for restricted data.
	AccessConditions string `json:"accessConditions,omitempty"`
	// References are works the resource cites that are described in full rather than by identifier alone
	// (CFF references, schema.org citation objects). Works cited by identifier only are RelatedIdentifiers with
	// relation References or Cites.
	References []RelatedItem `json:"references,omitempty"`
	// Software holds the facts that describe software beyond DataCite (CodeMeta, CFF, schema.org
	// SoftwareSourceCode). Its zero value means the resource is not described as software.
	Software Software `json:"software,omitzero"`
	// Publication holds the facts of a publication that no other field can hold (the conference it was presented
	// at). Most of what describes a publication has its place in the fields above: see "Publications" in the
	// package documentation. Its zero value means none of those facts is known.
	Publication Publication `json:"publication,omitzero"`
}

// Identifier is an identifier with its type, as DataCite's identifier and alternateIdentifier carry it.
type Identifier struct {
	// Value is the identifier itself, e.g. "10.1234/abcd-ef12".
	Value string `json:"value"`
	// Type names the identifier scheme, e.g. SchemeDOI, SchemeURL, or any other name such as "local".
	Type Scheme `json:"type,omitempty"`
}

// Creator is a person or organisation, as a creator of the resource. Contributors embed it.
type Creator struct {
	// Name is the full name; for persons, "Family, Given" is the DataCite convention.
	Name string `json:"name"`
	// NameType says whether the creator is a person or an organisation; empty when not stated.
	NameType NameType `json:"nameType,omitempty"`
	// Lang is the language of the name (xml:lang), rarely needed.
	Lang string `json:"lang,omitempty"`
	// GivenName is the personal or first name.
	GivenName string `json:"givenName,omitempty"`
	// FamilyName is the surname or last name.
	FamilyName string `json:"familyName,omitempty"`
	// NameIdentifiers identify the person or organisation uniquely (ORCID, ISNI, ROR, ...).
	NameIdentifiers []NameIdentifier `json:"nameIdentifiers,omitempty"`
	// Affiliations are the organisational affiliations of the creator.
	Affiliations []Affiliation `json:"affiliations,omitempty"`
	// Email is a contact address (CFF, CodeMeta, schema.org). DataCite does not carry it.
	Email string `json:"email,omitempty"`
	// Website is a home page of the person or organisation (CFF website, schema.org url). DataCite does not carry it.
	Website string `json:"website,omitempty"`
	// Alias is another name the person or organisation goes by: a nickname, user name or acronym (CFF alias,
	// schema.org and CodeMeta alternateName). DataCite does not carry it.
	Alias string `json:"alias,omitempty"`
	// RawAffiliations are the affiliation strings exactly as the source printed them ("Laboratoire de Physique des
	// 2 Infinis Irène Joliot-Curie, Université Paris-Saclay, CNRS/IN2P3, 91405 Orsay, France"), kept beside
	// Affiliations when the source gives both (INSPIRE's raw_affiliations beside its institutions) so that they
	// can be matched to organisations later (ror.Enrich) and shown to cataloguers. A source that gives only
	// strings (Crossref) fills Affiliations instead. Writers without a place for them write them as affiliations
	// when Affiliations is empty, and otherwise report them as not written.
	RawAffiliations []string `json:"rawAffiliations,omitempty"`
}

// Contributor is a person or organisation that contributed to the resource in a typed role.
type Contributor struct {
	Creator
	// ContributorType is the role, from DataCite's controlled list.
	ContributorType ContributorType `json:"contributorType"`
}

// NameIdentifier uniquely identifies a person or organisation within a scheme.
type NameIdentifier struct {
	// Value is the identifier, e.g. "https://orcid.org/0000-0002-1825-0097".
	Value string `json:"value"`
	// Scheme names the scheme, e.g. SchemeORCID, SchemeISNI, SchemeROR (any other name is kept as given).
	Scheme Scheme `json:"scheme"`
	// SchemeURI is the URI of the scheme, e.g. "https://orcid.org".
	SchemeURI string `json:"schemeURI,omitempty"`
}

// Affiliation is an organisation a creator or contributor is affiliated with.
type Affiliation struct {
	// Name is the name of the organisation as written.
	Name string `json:"name"`
	// Identifier identifies the organisation, e.g. "https://ror.org/02feahw73".
	Identifier string `json:"identifier,omitempty"`
	// IdentifierScheme names the scheme of Identifier, e.g. "ROR".
	IdentifierScheme string `json:"identifierScheme,omitempty"`
	// SchemeURI is the URI of the scheme, e.g. "https://ror.org".
	SchemeURI string `json:"schemeURI,omitempty"`
	// OtherIdentifiers are further identifiers of the same organisation in other schemes: a HAL structure
	// ("HAL structure", "1234"), an INSPIRE institution record ("INSPIRE", "902725"), RNSR, IdRef, ISNI. DataCite
	// and schema.org hold one identifier per affiliation element (Identifier, preferably the ROR ID); schema.org
	// writes the others as PropertyValues, DataCite reports them as not written.
	OtherIdentifiers []NameIdentifier `json:"otherIdentifiers,omitempty"`
}

// Title is a name of the resource.
type Title struct {
	// Title is the text.
	Title string `json:"title"`
	// Type is empty for the main title, otherwise AlternativeTitle, Subtitle, TranslatedTitle or Other.
	Type TitleType `json:"type,omitempty"`
	// Lang is the language of the title as a BCP 47 tag.
	Lang string `json:"lang,omitempty"`
}

// Publisher is the entity that holds, archives, publishes or distributes the resource.
type Publisher struct {
	// Name is the name of the publisher.
	Name string `json:"name"`
	// Identifier identifies the publisher, e.g. "https://ror.org/04wxnsj81".
	Identifier string `json:"identifier,omitempty"`
	// IdentifierScheme names the scheme of Identifier, e.g. "ROR", "re3data".
	IdentifierScheme string `json:"identifierScheme,omitempty"`
	// SchemeURI is the URI of the scheme.
	SchemeURI string `json:"schemeURI,omitempty"`
	// Lang is the language of the name.
	Lang string `json:"lang,omitempty"`
}

// ResourceType is the type of the resource: a general type from a controlled list and a free-text specific one.
type ResourceType struct {
	// General is the general type, e.g. Dataset or Software.
	General ResourceTypeGeneral `json:"general"`
	// Type is a free-text specific type, e.g. "Event list" or "Simulation output".
	Type string `json:"type,omitempty"`
}

// Subject is a subject term, keyword, classification code or key phrase.
type Subject struct {
	// Subject is the term itself.
	Subject string `json:"subject"`
	// Scheme names the subject scheme or classification, e.g. "Fields of Science and Technology (FOS)".
	Scheme string `json:"scheme,omitempty"`
	// SchemeURI is the URI of the scheme.
	SchemeURI string `json:"schemeURI,omitempty"`
	// ValueURI is the URI of the term.
	ValueURI string `json:"valueURI,omitempty"`
	// ClassificationCode is the code of the term in the classification.
	ClassificationCode string `json:"classificationCode,omitempty"`
	// Lang is the language of the term.
	Lang string `json:"lang,omitempty"`
}

// Date is a date relevant to the resource.
type Date struct {
	// Date is the date in ISO 8601 (YYYY, YYYY-MM-DD, full date-time) or a range "start/end" as DataCite allows.
	Date string `json:"date"`
	// Type says what happened at that date.
	Type DateType `json:"type"`
	// Information is free text about the date.
	Information string `json:"information,omitempty"`
}

// RelatedIdentifier links the resource to another resource identified by a persistent identifier or URL.
type RelatedIdentifier struct {
	// Identifier is the identifier of the related resource.
	Identifier string `json:"identifier"`
	// IdentifierType is the type of Identifier (DOI, URL, SWHID, ...).
	IdentifierType RelatedIdentifierType `json:"identifierType"`
	// RelationType is the relation from this resource to the related one ("this IsCompiledBy that").
	RelationType RelationType `json:"relationType"`
	// ResourceTypeGeneral is the general type of the related resource.
	ResourceTypeGeneral ResourceTypeGeneral `json:"resourceTypeGeneral,omitempty"`
	// RelatedMetadataScheme names the metadata scheme, used only with HasMetadata and IsMetadataFor.
	RelatedMetadataScheme string `json:"relatedMetadataScheme,omitempty"`
	// SchemeURI is the URI of the metadata scheme, used only with HasMetadata and IsMetadataFor.
	SchemeURI string `json:"schemeURI,omitempty"`
	// SchemeType is the type of the metadata scheme (XSD, DDT, Turtle), used only with HasMetadata and IsMetadataFor.
	SchemeType string `json:"schemeType,omitempty"`
	// RelationTypeInformation is free text that qualifies the relation.
	RelationTypeInformation string `json:"relationTypeInformation,omitempty"`
}

// Rights is a licence or rights statement.
type Rights struct {
	// Rights is the statement, e.g. "Creative Commons Attribution 4.0 International".
	Rights string `json:"rights,omitempty"`
	// URI is the address of the licence, e.g. "https://creativecommons.org/licenses/by/4.0/legalcode".
	URI string `json:"uri,omitempty"`
	// Identifier is a short identifier of the licence, e.g. "CC-BY-4.0".
	Identifier string `json:"identifier,omitempty"`
	// IdentifierScheme names the scheme of Identifier, normally "SPDX".
	IdentifierScheme string `json:"identifierScheme,omitempty"`
	// SchemeURI is the URI of the scheme, e.g. "https://spdx.org/licenses/".
	SchemeURI string `json:"schemeURI,omitempty"`
	// Lang is the language of the statement.
	Lang string `json:"lang,omitempty"`
}

// LineBreak is the character that marks a line break given as markup in a description (DataCite XML's <br/>):
// U+2028 LINE SEPARATOR, which Unicode defines for exactly that. A newline, a tab or a run of spaces in a
// description is text, kept as the source gave it; only LineBreak is written as markup by formats that have it.
const LineBreak = "\u2028"

// Description is an abstract, a methods section or another description of the resource.
type Description struct {
	// Description is the text, whitespace included as the source gave it (the newlines and indentation of an XML
	// file are text). A line break given as markup (DataCite XML's <br/>) is [LineBreak], so that a record keeps the
	// difference between the two and writes each back as it came.
	Description string `json:"description"`
	// Type is the kind of description.
	Type DescriptionType `json:"type"`
	// Lang is the language of the text.
	Lang string `json:"lang,omitempty"`
}

// GeoLocation is a spatial region or named place. A location may have a place name, a point, a box and polygons at
// once, all describing the same location.
type GeoLocation struct {
	// Place is a free-text name of the place, e.g. "Pierre Auger Observatory, Malargüe, Argentina".
	Place string `json:"place,omitempty"`
	// Point is a single point, nil when absent.
	Point *GeoPoint `json:"point,omitempty"`
	// Box is a bounding box, nil when absent.
	Box *GeoBox `json:"box,omitempty"`
	// Polygons are closed polygons; each needs at least four points, the last equal to the first.
	Polygons []GeoPolygon `json:"polygons,omitempty"`
}

// GeoPoint is a point in WGS 84 decimal degrees.
type GeoPoint struct {
	// Longitude is in [-180, 180].
	Longitude float64 `json:"longitude"`
	// Latitude is in [-90, 90].
	Latitude float64 `json:"latitude"`
}

// GeoBox is a bounding box in WGS 84 decimal degrees.
type GeoBox struct {
	WestLongitude float64 `json:"westLongitude"` // western edge, in [-180, 180]
	EastLongitude float64 `json:"eastLongitude"` // eastern edge, in [-180, 180]
	SouthLatitude float64 `json:"southLatitude"` // southern edge, in [-90, 90]
	NorthLatitude float64 `json:"northLatitude"` // northern edge, in [-90, 90]
}

// GeoPolygon is a closed polygon.
type GeoPolygon struct {
	// Points are the vertices; the last point repeats the first.
	Points []GeoPoint `json:"points"`
	// InPolygonPoint is a point inside the polygon, for polygons larger than half the globe; nil when absent.
	InPolygonPoint *GeoPoint `json:"inPolygonPoint,omitempty"`
}

// FundingReference names a funder and, optionally, the award.
type FundingReference struct {
	// FunderName is the name of the funding provider.
	FunderName string `json:"funderName"`
	// FunderIdentifier identifies the funder, e.g. "https://ror.org/00rbzpz17" or a Crossref Funder ID.
	FunderIdentifier string `json:"funderIdentifier,omitempty"`
	// FunderIdentifierType is the type of FunderIdentifier.
	FunderIdentifierType FunderIdentifierType `json:"funderIdentifierType,omitempty"`
	// SchemeURI is the URI of the funder identifier scheme.
	SchemeURI string `json:"schemeURI,omitempty"`
	// AwardNumber is the code assigned by the funder to the award (grant).
	AwardNumber string `json:"awardNumber,omitempty"`
	// AwardURI is the address of the award.
	AwardURI string `json:"awardURI,omitempty"`
	// AwardTitle is the human-readable title of the award.
	AwardTitle string `json:"awardTitle,omitempty"`
}

// RelatedItem describes a related resource in full: its identifier (optional), creators, titles and citation details.
type RelatedItem struct {
	// Type is the general type of the related item.
	Type ResourceTypeGeneral `json:"type"`
	// RelationType is the relation from this resource to the item.
	RelationType RelationType `json:"relationType"`
	// RelationTypeInformation is free text that qualifies the relation.
	RelationTypeInformation string `json:"relationTypeInformation,omitempty"`
	// Identifier identifies the item; its zero value means the item has no identifier.
	Identifier RelatedItemIdentifier `json:"identifier,omitzero"`
	// Creators are the creators of the item (names only: DataCite gives related items no identifiers or
	// affiliations).
	Creators []Creator `json:"creators,omitempty"`
	// Titles are the titles of the item.
	Titles []Title `json:"titles,omitempty"`
	// PublicationYear is the year of publication; 0 when unknown.
	PublicationYear int `json:"publicationYear,omitempty"`
	// Volume is the volume of the item (a journal volume).
	Volume string `json:"volume,omitempty"`
	// Issue is the issue number or name.
	Issue string `json:"issue,omitempty"`
	// Number is a number of the item, e.g. a report or chapter number.
	Number string `json:"number,omitempty"`
	// NumberType is the type of Number.
	NumberType NumberType `json:"numberType,omitempty"`
	// FirstPage is the first page of the resource within the item.
	FirstPage string `json:"firstPage,omitempty"`
	// LastPage is the last page of the resource within the item.
	LastPage string `json:"lastPage,omitempty"`
	// Publisher is the name of the item's publisher.
	Publisher string `json:"publisher,omitempty"`
	// Edition is the edition or version of the item.
	Edition string `json:"edition,omitempty"`
	// Contributors are the contributors of the item (names and roles only).
	Contributors []Contributor `json:"contributors,omitempty"`
}

// RelatedItemIdentifier identifies a related item.
type RelatedItemIdentifier struct {
	// Identifier is the identifier of the item.
	Identifier string `json:"identifier"`
	// Type is the type of Identifier.
	Type RelatedIdentifierType `json:"type,omitempty"`
	// RelatedMetadataScheme, SchemeURI and SchemeType are used only with HasMetadata and IsMetadataFor.
	RelatedMetadataScheme string `json:"relatedMetadataScheme,omitempty"`
	SchemeURI             string `json:"schemeURI,omitempty"`  // see RelatedMetadataScheme
	SchemeType            string `json:"schemeType,omitempty"` // see RelatedMetadataScheme
}

// Variable is a quantity a dataset measures or holds: schema.org's variableMeasured as a PropertyValue.
type Variable struct {
	// Name is the name of the variable as the data calls it, e.g. "energy".
	Name string `json:"name"`
	// Description says what the variable is, e.g. "reconstructed primary energy".
	Description string `json:"description,omitempty"`
	// Unit is the unit of the values as text, e.g. "EeV" or "deg".
	Unit string `json:"unit,omitempty"`
	// PropertyID identifies the kind of quantity in a vocabulary: a URI where the vocabulary has them (a QUDT
	// quantity kind), otherwise its term (an IVOA UCD such as "phys.energy", a CF standard name).
	PropertyID string `json:"propertyID,omitempty"`
}

// Distribution is a downloadable form of the resource: a file or an endpoint (schema.org DataDownload).
type Distribution struct {
	// Name is a short name of the file, e.g. "events-2026.h5".
	Name string `json:"name,omitempty"`
	// ContentURL is where the bytes can be fetched.
	ContentURL string `json:"contentURL"`
	// MediaType is the IANA media type, e.g. "application/x-hdf5".
	MediaType string `json:"mediaType,omitempty"`
	// Size is the size in bytes; 0 when unknown.
	Size int64 `json:"size,omitempty"`
	// Checksum is the digest of the content; its zero value means none is known.
	Checksum Checksum `json:"checksum,omitzero"`
}

// Checksum is a digest of some content.
type Checksum struct {
	// Algorithm names the hash function in lower case as SPDX and RO-Crate do: "sha256", "sha512", "md5", ...
	Algorithm string `json:"algorithm"`
	// Value is the digest in lower-case hexadecimal.
	Value string `json:"value"`
}

// Software holds what describes a software release beyond DataCite: the CodeMeta 3.0 and schema.org
// SoftwareSourceCode properties, and what CFF 1.2 says of the code.
type Software struct {
	// CodeRepository is the address of the source code repository, e.g. "https://gitlab.in2p3.fr/group/tool".
	CodeRepository string `json:"codeRepository,omitempty"`
	// ProgrammingLanguages are the languages the code is written in, e.g. "Go", "Python 3".
	ProgrammingLanguages []string `json:"programmingLanguages,omitempty"`
	// RuntimePlatforms are the runtime platforms or script interpreters, e.g. "Python 3.12", "JVM".
	RuntimePlatforms []string `json:"runtimePlatforms,omitempty"`
	// OperatingSystems are the operating systems supported, e.g. "Linux", "macOS".
	OperatingSystems []string `json:"operatingSystems,omitempty"`
	// Requirements are the software dependencies, each with a version when known.
	Requirements []Requirement `json:"requirements,omitempty"`
	// IssueTracker is the address of the issue tracker.
	IssueTracker string `json:"issueTracker,omitempty"`
	// ContinuousIntegration is the address of the continuous integration service or configuration.
	ContinuousIntegration string `json:"continuousIntegration,omitempty"`
	// DevelopmentStatus is the state of development, preferably a repostatus.org term ("active", "wip", ...).
	DevelopmentStatus string `json:"developmentStatus,omitempty"`
	// Commit is the version-control revision the release was built from, e.g. a full git commit hash.
	Commit string `json:"commit,omitempty"`
	// Tag is the version-control tag of the release, e.g. "v1.4.0".
	Tag string `json:"tag,omitempty"`
}

// Requirement is a software dependency.
type Requirement struct {
	// Name is the name of the dependency, e.g. a Go module path or a package name.
	Name string `json:"name"`
	// Version is the version or version range required; empty when unconstrained.
	Version string `json:"version,omitempty"`
	// Identifier is a persistent identifier or URL of the dependency, when known.
	Identifier string `json:"identifier,omitempty"`
}

// MainTitle returns the first title without a type, or the first title, or "".
func (r *Resource) MainTitle() string {
	for _, t := range r.Titles {
		if t.Type == "" {
			return t.Title
		}
	}
	if len(r.Titles) > 0 {
		return r.Titles[0].Title
	}
	return ""
}

// DOI returns the primary identifier when it is a DOI, otherwise "".
func (r *Resource) DOI() string {
	if r.Identifier.Type == "DOI" || r.Identifier.Type == "" && len(r.Identifier.Value) > 3 && r.Identifier.Value[:3] == "10." {
		return r.Identifier.Value
	}
	return ""
}

// TemporalCoverage returns the dates of type Coverage: the time span the resource is about.
func (r *Resource) TemporalCoverage() []string {
	var out []string
	for _, d := range r.Dates {
		if d.Type == DateCoverage {
			out = append(out, d.Date)
		}
	}
	return out
}

// IsZero reports whether s carries no software facts.
func (s Software) IsZero() bool {
	return s.CodeRepository == "" && len(s.ProgrammingLanguages) == 0 && len(s.RuntimePlatforms) == 0 &&
		len(s.OperatingSystems) == 0 && len(s.Requirements) == 0 && s.IssueTracker == "" &&
		s.ContinuousIntegration == "" && s.DevelopmentStatus == "" && s.Commit == "" && s.Tag == ""
}
