package ror

// Organization is one ROR record in the v2 schema (2.1), as the API and the data dumps give it.
type Organization struct {
	// ID is the organisation's ROR ID.
	ID ID `json:"id"`
	// Names are the organisation's names, each with its types and language.
	Names []Name `json:"names"`
	// Status is active, inactive or withdrawn.
	Status Status `json:"status"`
	// Types classify the organisation (education, funder, healthcare, company, archive, nonprofit, government,
	// facility, other).
	Types []string `json:"types,omitempty"`
	// Established is the year the organisation was founded; 0 when unknown.
	Established int `json:"established,omitempty"`
	// Locations are where the organisation is, with GeoNames details.
	Locations []Location `json:"locations,omitempty"`
	// ExternalIDs are the organisation's identifiers in other registries (ISNI, FundRef, GRID, Wikidata).
	ExternalIDs []ExternalID `json:"external_ids,omitempty"`
	// Links are the organisation's website and Wikipedia page.
	Links []Link `json:"links,omitempty"`
	// Relationships link the organisation to others: parent, child, related, successor, predecessor.
	Relationships []Relationship `json:"relationships,omitempty"`
	// Domains are the organisation's internet domains.
	Domains []string `json:"domains,omitempty"`
	// Admin holds the record's creation and last-modification dates.
	Admin Admin `json:"admin,omitzero"`
}

// Status is the lifecycle status of a ROR record.
type Status string

// The record statuses. Inactive and withdrawn records are never chosen by the matcher.
const (
	StatusActive    Status = "active"
	StatusInactive  Status = "inactive"
	StatusWithdrawn Status = "withdrawn"
)

// NameType is the role of one of an organisation's names. A name may have several types (ror_display and label).
type NameType string

// The name types of the v2 schema.
const (
	NameDisplay NameType = "ror_display" // the one name ROR displays; exactly one per record
	NameLabel   NameType = "label"       // an official name, often in another language
	NameAlias   NameType = "alias"       // another name the organisation is known by
	NameAcronym NameType = "acronym"     // an acronym or initialism
)

// Name is one of an organisation's names.
type Name struct {
	// Value is the name as written.
	Value string `json:"value"`
	// Types are the roles of the name.
	Types []NameType `json:"types"`
	// Lang is the ISO 639-1 language of the name, empty when not given.
	Lang string `json:"lang,omitempty"`
}

// Has reports whether the name has type t.
func (n Name) Has(t NameType) bool {
	for _, x := range n.Types {
		if x == t {
			return true
		}
	}
	return false
}

// Location is a place where the organisation is, as a GeoNames feature.
type Location struct {
	// GeoNamesID is the GeoNames ID of the place.
	GeoNamesID int `json:"geonames_id"`
	// GeoNames describes the place.
	GeoNames GeoNames `json:"geonames_details"`
}

// GeoNames holds the GeoNames details of a location.
type GeoNames struct {
	ContinentCode          string  `json:"continent_code,omitempty"`           // e.g. "EU"
	ContinentName          string  `json:"continent_name,omitempty"`           // e.g. "Europe"
	CountryCode            string  `json:"country_code,omitempty"`             // ISO 3166-1 alpha-2, e.g. "FR"
	CountryName            string  `json:"country_name,omitempty"`             // e.g. "France"
	CountrySubdivisionCode string  `json:"country_subdivision_code,omitempty"` // e.g. "IDF"
	CountrySubdivisionName string  `json:"country_subdivision_name,omitempty"` // e.g. "Île-de-France"
	Lat                    float64 `json:"lat"`                                // latitude in degrees
	Lng                    float64 `json:"lng"`                                // longitude in degrees
	Name                   string  `json:"name"`                               // the place (city) name
}

// The external identifier types of the v2 schema.
const (
	ExternalISNI     = "isni"
	ExternalFundRef  = "fundref"
	ExternalGRID     = "grid"
	ExternalWikidata = "wikidata"
)

// ExternalID is an organisation's identifier in another registry.
type ExternalID struct {
	// Type is isni, fundref, grid or wikidata.
	Type string `json:"type"`
	// All are every identifier of that type.
	All []string `json:"all"`
	// Preferred is the one to use, empty when none is preferred.
	Preferred string `json:"preferred,omitempty"`
}

// Link is a web address of the organisation.
type Link struct {
	// Type is website or wikipedia.
	Type string `json:"type"`
	// Value is the URL.
	Value string `json:"value"`
}

// RelationType is the type of a relationship between two organisations.
type RelationType string

// The relationship types of the v2 schema.
const (
	RelParent      RelationType = "parent"
	RelChild       RelationType = "child"
	RelRelated     RelationType = "related"
	RelSuccessor   RelationType = "successor"
	RelPredecessor RelationType = "predecessor"
)

// Relationship links the organisation to another one.
type Relationship struct {
	// Type is the relation from this organisation to the other one ("this has parent that").
	Type RelationType `json:"type"`
	// Label is the other organisation's display name.
	Label string `json:"label"`
	// ID is the other organisation's ROR ID.
	ID ID `json:"id"`
}

// Admin holds a record's administrative dates.
type Admin struct {
	// Created is when the record was created and in which schema version.
	Created AdminDate `json:"created"`
	// LastModified is when the record last changed and in which schema version.
	LastModified AdminDate `json:"last_modified"`
}

// AdminDate is a date with the schema version of the record at that date.
type AdminDate struct {
	// Date is an ISO 8601 date, e.g. "2023-03-16".
	Date string `json:"date"`
	// SchemaVersion is the schema version, e.g. "2.1".
	SchemaVersion string `json:"schema_version"`
}

// DisplayName returns the organisation's ror_display name, or its first name when none is marked.
func (o *Organization) DisplayName() string {
	for _, n := range o.Names {
		if n.Has(NameDisplay) {
			return n.Value
		}
	}
	if len(o.Names) > 0 {
		return o.Names[0].Value
	}
	return ""
}

// NamesOf returns the values of the names that have type t, in record order.
func (o *Organization) NamesOf(t NameType) []string {
	var out []string
	for _, n := range o.Names {
		if n.Has(t) {
			out = append(out, n.Value)
		}
	}
	return out
}

// CountryCode returns the ISO 3166-1 alpha-2 code of the organisation's first location, "" when it has none.
func (o *Organization) CountryCode() string {
	if len(o.Locations) == 0 {
		return ""
	}
	return o.Locations[0].GeoNames.CountryCode
}

// Active reports whether the record's status is active.
func (o *Organization) Active() bool { return o.Status == StatusActive }

// Related returns the IDs of the organisations related to this one by relationships of type t.
func (o *Organization) Related(t RelationType) []ID {
	var out []ID
	for _, r := range o.Relationships {
		if r.Type == t {
			out = append(out, r.ID)
		}
	}
	return out
}
