package datacite

import (
	"encoding/json"

	"github.com/dop2i/fairmeta/fair"
)

// Record is one DataCite record: the metadata of DataCite Metadata Schema 4.7, property for property, and the
// attributes the DataCite REST API adds around it (url, state, dates of the DOI's life, the client).
//
// Its fields follow the DataCite JSON of the REST API (the `data.attributes` object) and their JSON names are that
// API's, so json.Marshal of a *Record is a request body's attributes and json.Unmarshal reads a response's. XML is
// read and written with [ReadXML] and [Record.WriteXML]. Every controlled value uses the typed constants of package
// fair (fair.ResourceTypeDataset, fair.RelIsDerivedFrom, ...).
//
// The zero value is an empty record. Build one by hand, read one with [ReadXML] or [ReadJSON], or make one from a
// fair.Resource with [FromResource]; [Validate] says what DataCite would refuse.
type Record struct {
	// DOI is the identifier of the record, e.g. "10.82433/b09z-4k37": the XML identifier element, the JSON doi
	// attribute. Empty in a request that asks DataCite to generate a suffix under Prefix.
	DOI string `json:"doi,omitempty"`
	// IdentifierType is the identifierType of the XML identifier element; empty means "DOI", the only type DataCite
	// registers.
	IdentifierType string `json:"identifierType,omitempty"`
	// Prefix and Suffix are the two parts of the DOI as the REST API reports them; a create request may give only
	// Prefix to have DataCite generate the suffix.
	Prefix string `json:"prefix,omitempty"`
	Suffix string `json:"suffix,omitempty"` // see Prefix

	// Event asks the REST API to change the state of the DOI in a create or update request: publish, register or
	// hide. It is write-only: responses carry State instead.
	Event Event `json:"event,omitempty"`
	// URL is the landing page the DOI resolves to.
	URL string `json:"url,omitempty"`
	// State is the state of the DOI in the REST API: draft, registered or findable.
	State State `json:"state,omitempty"`
	// Created, Updated, Registered and Published are the timestamps the REST API keeps (RFC 3339 text, as given).
	Created    string `json:"created,omitempty"`
	Updated    string `json:"updated,omitempty"`    // see Created
	Registered string `json:"registered,omitempty"` // see Created
	Published  string `json:"published,omitempty"`  // see Created
	// Client is the repository account (e.g. "cern.zenodo") that owns the DOI, from the JSON:API relationships.
	Client string `json:"-"`
	// SchemaVersion is the metadata schema the REST API stored the record in, e.g. "http://datacite.org/schema/kernel-4".
	SchemaVersion string `json:"schemaVersion,omitempty"`

	// Creators are the main researchers or organisations that produced the resource, in priority order. Mandatory.
	Creators []Creator `json:"creators,omitempty"`
	// Titles are the names of the resource. Mandatory.
	Titles []Title `json:"titles,omitempty"`
	// Publisher is the entity that holds, archives, publishes or distributes the resource. Mandatory.
	Publisher Publisher `json:"publisher,omitzero"`
	// PublicationYear is the year the resource was or will be made public, 0 when absent. Mandatory.
	PublicationYear int `json:"publicationYear,omitempty"`
	// Types holds resourceTypeGeneral (mandatory) and the free-text resourceType, with the other type vocabularies
	// the REST API derives.
	Types Types `json:"types,omitzero"`
	// Subjects are subject terms, classification codes or key phrases.
	Subjects []Subject `json:"subjects,omitempty"`
	// Contributors are the institutions or persons that contributed in a typed role.
	Contributors []Contributor `json:"contributors,omitempty"`
	// Dates are the dates relevant to the resource.
	Dates []Date `json:"dates,omitempty"`
	// Language is the primary language of the resource (xs:language, a BCP 47 tag such as "en" or "fr-FR").
	Language string `json:"language,omitempty"`
	// AlternateIdentifiers are identifiers other than the DOI.
	AlternateIdentifiers []AlternateIdentifier `json:"alternateIdentifiers,omitempty"`
	// RelatedIdentifiers link the resource to other resources by a typed relation.
	RelatedIdentifiers []RelatedIdentifier `json:"relatedIdentifiers,omitempty"`
	// Sizes are free-text sizes or durations.
	Sizes []string `json:"sizes,omitempty"`
	// Formats are technical formats, preferably media types.
	Formats []string `json:"formats,omitempty"`
	// Version is the version of the resource.
	Version string `json:"version,omitempty"`
	// RightsList holds licences and other rights statements.
	RightsList []Rights `json:"rightsList,omitempty"`
	// Descriptions are abstracts, methods and other descriptions. Whitespace in their text is text; fair.LineBreak
	// (U+2028) is DataCite XML's <br/>.
	Descriptions []Description `json:"descriptions,omitempty"`
	// GeoLocations are the places or regions the resource is about or was gathered in.
	GeoLocations []GeoLocation `json:"geoLocations,omitempty"`
	// FundingReferences name funders and awards.
	FundingReferences []FundingReference `json:"fundingReferences,omitempty"`
	// RelatedItems describe related resources in full.
	RelatedItems []RelatedItem `json:"relatedItems,omitempty"`

	// Extra holds the other attributes of a REST API record (citationCount, container, xml, ...) as they came, so
	// that reading and writing a record loses nothing. They do not cross into fair.Resource.
	Extra map[string]json.RawMessage `json:"-"`
	// Relationships is the JSON:API relationships object of the record as it came (client, provider, media, ...);
	// nil for a record not read from the REST API.
	Relationships json.RawMessage `json:"-"`

	// problems are what the XML or JSON reader found that the schema forbids but the record cannot hold (an unknown
	// element, a missing mandatory attribute, a year that is not a number); Validate reports them with its own.
	problems []Problem
}

// Event is a state change asked of the REST API in a create or update request.
type Event string

// The events of the DataCite REST API.
const (
	EventPublish  Event = "publish"  // make the DOI findable (registered and indexed)
	EventRegister Event = "register" // register the DOI without indexing it
	EventHide     Event = "hide"     // take a findable DOI back to registered
)

// State is the state of a DOI in the REST API.
type State string

// The states of a DOI in the DataCite REST API.
const (
	StateDraft      State = "draft"
	StateRegistered State = "registered"
	StateFindable   State = "findable"
)

// Creator is a creator of the resource: a person or an organisation.
type Creator struct {
	// Name is the full name; for persons, "Family, Given".
	Name string `json:"name"`
	// NameType says whether the name is a person's or an organisation's; empty when not stated.
	NameType fair.NameType `json:"nameType,omitempty"`
	// Lang is the language of the name (xml:lang of creatorName).
	Lang string `json:"lang,omitempty"`
	// GivenName is the personal name.
	GivenName string `json:"givenName,omitempty"`
	// FamilyName is the surname.
	FamilyName string `json:"familyName,omitempty"`
	// NameIdentifiers identify the person or organisation (ORCID, ISNI, ROR, ...).
	NameIdentifiers []NameIdentifier `json:"nameIdentifiers,omitempty"`
	// Affiliations are the organisations the creator is affiliated with.
	Affiliations []Affiliation `json:"affiliation,omitempty"`
}

// Contributor is a person or organisation that contributed to the resource in a typed role.
type Contributor struct {
	Creator
	// ContributorType is the role. Mandatory.
	ContributorType fair.ContributorType `json:"contributorType"`
}

// NameIdentifier identifies a person or organisation within a scheme.
type NameIdentifier struct {
	// Value is the identifier, e.g. "https://orcid.org/0000-0002-1825-0097".
	Value string `json:"nameIdentifier"`
	// Scheme is the nameIdentifierScheme, e.g. "ORCID", "ROR", "ISNI". Mandatory.
	Scheme string `json:"nameIdentifierScheme"`
	// SchemeURI is the URI of the scheme, e.g. "https://orcid.org".
	SchemeURI string `json:"schemeUri,omitempty"`
}

// Affiliation is an organisation a creator or contributor is affiliated with. In JSON it reads from a plain string
// (the name) or an object, and is written as an object.
type Affiliation struct {
	// Name is the name of the organisation.
	Name string `json:"name"`
	// Identifier is the affiliationIdentifier, e.g. "https://ror.org/02feahw73".
	Identifier string `json:"affiliationIdentifier,omitempty"`
	// IdentifierScheme is the affiliationIdentifierScheme, e.g. "ROR".
	IdentifierScheme string `json:"affiliationIdentifierScheme,omitempty"`
	// SchemeURI is the URI of the scheme.
	SchemeURI string `json:"schemeUri,omitempty"`
}

// Title is a name of the resource.
type Title struct {
	// Title is the text.
	Title string `json:"title"`
	// Type is the titleType; empty for the main title.
	Type fair.TitleType `json:"titleType,omitempty"`
	// Lang is the language of the title.
	Lang string `json:"lang,omitempty"`
}

// Publisher is the entity that publishes the resource. In JSON it reads from a plain string (the name) or an object,
// and is written as an object.
type Publisher struct {
	// Name is the name of the publisher. Mandatory.
	Name string `json:"name"`
	// Identifier is the publisherIdentifier, e.g. "https://ror.org/04wxnsj81".
	Identifier string `json:"publisherIdentifier,omitempty"`
	// IdentifierScheme is the publisherIdentifierScheme, e.g. "ROR", "re3data".
	IdentifierScheme string `json:"publisherIdentifierScheme,omitempty"`
	// SchemeURI is the URI of the scheme.
	SchemeURI string `json:"schemeUri,omitempty"`
	// Lang is the language of the name.
	Lang string `json:"lang,omitempty"`
}

// Types is the type of the resource: DataCite's resourceTypeGeneral and resourceType, and the types in other
// vocabularies that the REST API derives from them (read and written back, never needed in a request).
type Types struct {
	// ResourceTypeGeneral is the general type. Mandatory.
	ResourceTypeGeneral fair.ResourceTypeGeneral `json:"resourceTypeGeneral,omitempty"`
	// ResourceType is the free-text specific type, e.g. "Event list".
	ResourceType string `json:"resourceType,omitempty"`
	// SchemaOrg, Citeproc, Bibtex and RIS are the REST API's derived types; [DeriveTypes] computes them as DataCite
	// does, and [FromResource] fills them in.
	SchemaOrg string `json:"schemaOrg,omitempty"`
	Citeproc  string `json:"citeproc,omitempty"` // see SchemaOrg
	Bibtex    string `json:"bibtex,omitempty"`   // see SchemaOrg
	RIS       string `json:"ris,omitempty"`      // see SchemaOrg
}

// Subject is a subject term, keyword, classification code or key phrase.
type Subject struct {
	// Subject is the term.
	Subject string `json:"subject"`
	// Scheme is the subjectScheme, e.g. "Fields of Science and Technology (FOS)".
	Scheme string `json:"subjectScheme,omitempty"`
	// SchemeURI is the URI of the scheme.
	SchemeURI string `json:"schemeUri,omitempty"`
	// ValueURI is the URI of the term.
	ValueURI string `json:"valueUri,omitempty"`
	// ClassificationCode is the code of the term in the classification.
	ClassificationCode string `json:"classificationCode,omitempty"`
	// Lang is the language of the term.
	Lang string `json:"lang,omitempty"`
}

// Date is a date relevant to the resource.
type Date struct {
	// Date is the date or range, e.g. "2026", "2026-03-01", "2026-03-01/2026-03-14".
	Date string `json:"date"`
	// Type is the dateType. Mandatory.
	Type fair.DateType `json:"dateType"`
	// Information is free text about the date (dateInformation).
	Information string `json:"dateInformation,omitempty"`
}

// AlternateIdentifier is an identifier of the resource other than its DOI.
type AlternateIdentifier struct {
	// Identifier is the identifier.
	Identifier string `json:"alternateIdentifier"`
	// Type is the alternateIdentifierType, free text (e.g. "URL", "Local accession number"). Mandatory.
	Type string `json:"alternateIdentifierType"`
}

// RelatedIdentifier links the resource to another one identified by a persistent identifier or URL.
type RelatedIdentifier struct {
	// Identifier is the identifier of the related resource.
	Identifier string `json:"relatedIdentifier"`
	// IdentifierType is the relatedIdentifierType. Mandatory.
	IdentifierType fair.RelatedIdentifierType `json:"relatedIdentifierType"`
	// RelationType is the relation from this resource to the related one. Mandatory.
	RelationType fair.RelationType `json:"relationType"`
	// ResourceTypeGeneral is the general type of the related resource.
	ResourceTypeGeneral fair.ResourceTypeGeneral `json:"resourceTypeGeneral,omitempty"`
	// RelatedMetadataScheme, SchemeURI and SchemeType describe the metadata scheme with HasMetadata and IsMetadataFor.
	RelatedMetadataScheme string `json:"relatedMetadataScheme,omitempty"`
	SchemeURI             string `json:"schemeUri,omitempty"`  // see RelatedMetadataScheme
	SchemeType            string `json:"schemeType,omitempty"` // see RelatedMetadataScheme
	// RelationTypeInformation is free text that qualifies the relation (4.7).
	RelationTypeInformation string `json:"relationTypeInformation,omitempty"`
}

// Rights is a licence or rights statement.
type Rights struct {
	// Rights is the statement.
	Rights string `json:"rights,omitempty"`
	// URI is the rightsURI.
	URI string `json:"rightsUri,omitempty"`
	// Identifier is the rightsIdentifier, e.g. "CC-BY-4.0".
	Identifier string `json:"rightsIdentifier,omitempty"`
	// IdentifierScheme is the rightsIdentifierScheme, e.g. "SPDX".
	IdentifierScheme string `json:"rightsIdentifierScheme,omitempty"`
	// SchemeURI is the URI of the scheme.
	SchemeURI string `json:"schemeUri,omitempty"`
	// Lang is the language of the statement.
	Lang string `json:"lang,omitempty"`
}

// Description is an abstract, a methods section or another description.
type Description struct {
	// Description is the text, whitespace included as given (newlines, tabs and indentation are text); a <br/> of
	// the XML is fair.LineBreak (U+2028), written back as <br/>. In JSON both are plain characters of the string.
	Description string `json:"description"`
	// Type is the descriptionType. Mandatory.
	Type fair.DescriptionType `json:"descriptionType"`
	// Lang is the language of the text.
	Lang string `json:"lang,omitempty"`
}

// GeoLocation is a place or region: a name, a point, a box and polygons, all describing one location.
type GeoLocation struct {
	// Place is the free-text name of the place.
	Place string `json:"geoLocationPlace,omitempty"`
	// Point is a point, nil when absent.
	Point *GeoPoint `json:"geoLocationPoint,omitempty"`
	// Box is a bounding box, nil when absent.
	Box *GeoBox `json:"geoLocationBox,omitempty"`
	// Polygons are polygons of at least four points, the last equal to the first. In JSON one polygon is
	// geoLocationPolygon: [{"polygonPoint": ...}, ..., {"inPolygonPoint": ...}] and several are an array of such
	// arrays.
	Polygons []GeoPolygon `json:"-"`
}

// GeoPoint is a point in WGS 84 decimal degrees. In JSON the coordinates read from numbers or numeric strings.
type GeoPoint struct {
	Longitude float64 `json:"pointLongitude"` // in [-180, 180]
	Latitude  float64 `json:"pointLatitude"`  // in [-90, 90]
}

// GeoBox is a bounding box in WGS 84 decimal degrees.
type GeoBox struct {
	WestLongitude float64 `json:"westBoundLongitude"` // in [-180, 180]
	EastLongitude float64 `json:"eastBoundLongitude"` // in [-180, 180]
	SouthLatitude float64 `json:"southBoundLatitude"` // in [-90, 90]
	NorthLatitude float64 `json:"northBoundLatitude"` // in [-90, 90]
}

// GeoPolygon is a polygon: its vertices, the last repeating the first, and an optional point inside it.
type GeoPolygon struct {
	// Points are the vertices, at least four, the last repeating the first.
	Points []GeoPoint
	// InPolygonPoint is a point inside the polygon, for polygons larger than half the globe; nil when absent.
	InPolygonPoint *GeoPoint
}

// FundingReference names a funder and, optionally, the award.
type FundingReference struct {
	// FunderName is the name of the funder. Mandatory.
	FunderName string `json:"funderName"`
	// FunderIdentifier identifies the funder, e.g. a ROR ID or a Crossref Funder ID.
	FunderIdentifier string `json:"funderIdentifier,omitempty"`
	// FunderIdentifierType is the type of FunderIdentifier; mandatory when FunderIdentifier is given.
	FunderIdentifierType fair.FunderIdentifierType `json:"funderIdentifierType,omitempty"`
	// SchemeURI is the URI of the funder identifier scheme.
	SchemeURI string `json:"schemeUri,omitempty"`
	// AwardNumber is the funder's code for the award.
	AwardNumber string `json:"awardNumber,omitempty"`
	// AwardURI is the address of the award.
	AwardURI string `json:"awardUri,omitempty"`
	// AwardTitle is the title of the award.
	AwardTitle string `json:"awardTitle,omitempty"`
}

// RelatedItem describes a related resource in full.
type RelatedItem struct {
	// Type is the relatedItemType, a resourceTypeGeneral. Mandatory.
	Type fair.ResourceTypeGeneral `json:"relatedItemType"`
	// RelationType is the relation from this resource to the item. Mandatory.
	RelationType fair.RelationType `json:"relationType"`
	// RelationTypeInformation is free text that qualifies the relation (4.7).
	RelationTypeInformation string `json:"relationTypeInformation,omitempty"`
	// Identifier identifies the item; nil when the item has none.
	Identifier *RelatedItemIdentifier `json:"relatedItemIdentifier,omitempty"`
	// Creators are the creators of the item (names only).
	Creators []RelatedItemName `json:"creators,omitempty"`
	// Titles are the titles of the item.
	Titles []Title `json:"titles,omitempty"`
	// PublicationYear is the year of publication, 0 when absent. JSON carries it as a string.
	PublicationYear int `json:"-"`
	// Volume, Issue, Number, FirstPage, LastPage, Publisher and Edition are the citation details.
	Volume     string          `json:"volume,omitempty"`
	Issue      string          `json:"issue,omitempty"`      // see Volume
	Number     string          `json:"number,omitempty"`     // see Volume
	NumberType fair.NumberType `json:"numberType,omitempty"` // the type of Number
	FirstPage  string          `json:"firstPage,omitempty"`  // see Volume
	LastPage   string          `json:"lastPage,omitempty"`   // see Volume
	Publisher  string          `json:"publisher,omitempty"`  // see Volume
	Edition    string          `json:"edition,omitempty"`    // see Volume
	// Contributors are the contributors of the item (names and roles only).
	Contributors []RelatedItemName `json:"contributors,omitempty"`
}

// RelatedItemIdentifier identifies a related item.
type RelatedItemIdentifier struct {
	// Identifier is the identifier of the item.
	Identifier string `json:"relatedItemIdentifier"`
	// Type is the relatedItemIdentifierType.
	Type fair.RelatedIdentifierType `json:"relatedItemIdentifierType,omitempty"`
	// RelatedMetadataScheme, SchemeURI and SchemeType describe the metadata scheme with HasMetadata and IsMetadataFor.
	RelatedMetadataScheme string `json:"relatedMetadataScheme,omitempty"`
	SchemeURI             string `json:"schemeURI,omitempty"`  // see RelatedMetadataScheme
	SchemeType            string `json:"schemeType,omitempty"` // see RelatedMetadataScheme
}

// RelatedItemName is a creator or contributor of a related item: a name, no identifiers or affiliations.
type RelatedItemName struct {
	// Name is the full name. Mandatory.
	Name string `json:"name"`
	// NameType says whether it is a person or an organisation.
	NameType fair.NameType `json:"nameType,omitempty"`
	// Lang is the language of the name.
	Lang string `json:"lang,omitempty"`
	// GivenName and FamilyName are the parts of a personal name.
	GivenName  string `json:"givenName,omitempty"`
	FamilyName string `json:"familyName,omitempty"` // see GivenName
	// ContributorType is the role, for contributors only (mandatory there).
	ContributorType fair.ContributorType `json:"contributorType,omitempty"`
}
