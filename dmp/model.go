package dmp

import (
	"encoding/json"
)

// Document is one maDMP document: the plan under its "dmp" key, the "$schema" member some tools write, and any
// other root member. Read fills it from JSON and notes what it tolerated; Write gives the same JSON tree back.
//
// Dates and date-times are the strings the document holds (ISO 8601: "2024-06-30", "2024-06-30T12:00:00Z"), so that
// nothing is lost; ParseDate and ParseDateTime read them, tolerating what tools write.
type Document struct {
	// Schema is the root "$schema" member, e.g. "./JSON-schema/1.2/maDMP-schema-1.2.json"; "" when absent.
	Schema string
	DMP    DMP
	// Extra holds the root members other than "dmp" and "$schema", in document order.
	Extra Extra
	// Version is the version of the standard the document follows: "1.2", or "1.0"/"1.1" when its $schema says so
	// or it uses shapes of those versions (a project_id string, host_id_type); "" when nothing tells.
	Version string

	kept map[string]*keptValue // values written in a form the model does not hold, by path
}

// Extra holds the members of an object that the standard does not define (extensions such as DMPRoadmap's
// "dmproadmap_*" keys), in document order, so that they are written back unchanged.
type Extra []Member

// Member is one extension member: its key and its JSON value.
type Member struct {
	Key   string
	Value json.RawMessage
}

// Get returns the value of key, or nil.
func (x Extra) Get(key string) json.RawMessage {
	for i := len(x) - 1; i >= 0; i-- {
		if x[i].Key == key {
			return x[i].Value
		}
	}
	return nil
}

// Set replaces the value of key, or appends it.
func (x *Extra) Set(key string, v json.RawMessage) {
	for i := range *x {
		if (*x)[i].Key == key {
			(*x)[i].Value = v
			return
		}
	}
	*x = append(*x, Member{key, v})
}

// Delete removes key.
func (x *Extra) Delete(key string) {
	out := (*x)[:0]
	for _, m := range *x {
		if m.Key != key {
			out = append(out, m)
		}
	}
	*x = out
}

// DMP is the plan: the "dmp" object.
type DMP struct {
	Title       string
	Description string
	// Language is the ISO 639-3 code of the plan's language, e.g. "eng".
	Language string
	// Created and Modified are date-times with a time zone (RFC 3339).
	Created  string
	Modified string
	DMPID    ID
	Contact  Contact
	// Contributors, Costs, Datasets and Projects are nil when the document has no such member, empty when it has an
	// empty array.
	Contributors []Contributor
	Costs        []Cost
	Datasets     []Dataset
	// EthicalIssuesExist is "yes", "no" or "unknown".
	EthicalIssuesExist       string
	EthicalIssuesDescription string
	EthicalIssuesReport      string
	Projects                 []Project
	AlternateIdentifiers     []ID
	RelatedIdentifiers       []RelatedIdentifier
	Extra                    Extra
}

// ID is an identifier with its type (dmp_id, contact_id, dataset_id, funder_id, host_id, ...). Type is the
// standard's lower-case scheme name: "doi", "orcid", "ror", "url", "handle", "fundref", "other", ...
type ID struct {
	Identifier string
	Type       string
	Extra      Extra
}

// IsZero reports whether the ID is empty.
func (id ID) IsZero() bool { return id.Identifier == "" && id.Type == "" && len(id.Extra) == 0 }

// Affiliation is an organisation a person belongs to (1.2).
type Affiliation struct {
	Name          string
	AffiliationID ID
	Extra         Extra
}

// Contact is the party that answers questions about the plan.
type Contact struct {
	Name string
	Mbox string
	// ContactIDs holds the contact_id member: one object in most documents, an array in some (1.2 allows both).
	ContactIDs   []ID
	Affiliations []Affiliation
	Extra        Extra
}

// Contributor is a person or organisation with roles in the plan (DataCite contributor types or CRediT URIs).
type Contributor struct {
	Name           string
	Mbox           string
	ContributorIDs []ID
	Roles          []string
	Affiliations   []Affiliation
	Extra          Extra
}

// Creator is a creator of a dataset (1.2).
type Creator struct {
	Name         string
	Mbox         string
	CreatorIDs   []ID
	Affiliations []Affiliation
	Extra        Extra
}

// Cost is a cost of data management.
type Cost struct {
	Title        string
	Description  string
	CurrencyCode string   // ISO 4217
	Value        *float64 // nil when absent
	Extra        Extra
}

// Project is a project the plan belongs to.
type Project struct {
	Title       string
	Description string
	Start, End  string // dates
	ProjectIDs  []ID
	Funding     []Funding
	Extra       Extra
}

// Funding is a grant of a project.
type Funding struct {
	FunderID ID
	GrantID  ID
	// FundingStatus is "planned", "applied", "granted" or "rejected".
	FundingStatus string
	Extra         Extra
}

// RelatedIdentifier relates the plan or a dataset to something else (1.2).
type RelatedIdentifier struct {
	Identifier     string
	Type           string
	RelationType   string // DataCite relation type, e.g. "IsReferencedBy"
	ResourceType   string
	MetadataScheme string
	SchemeType     string
	SchemeURI      string
	Extra          Extra
}

// Dataset is one dataset the plan describes.
type Dataset struct {
	Title       string
	Description string
	Type        string
	// Language is an ISO 639-3 code.
	Language  string
	DatasetID ID
	// PersonalData and SensitiveData are "yes", "no" or "unknown".
	PersonalData  string
	SensitiveData string
	// IsReused tells whether the dataset is reused rather than produced (1.2); nil when absent.
	IsReused              *bool
	Issued                string // date
	Keywords              []string
	DataQualityAssurance  []string
	PreservationStatement string
	Rights                string
	Creators              []Creator
	Distributions         []Distribution
	Metadata              []Metadata
	SecurityAndPrivacy    []SecurityAndPrivacy
	TechnicalResources    []TechnicalResource
	AlternateIdentifiers  []ID
	RelatedIdentifiers    []RelatedIdentifier
	Extra                 Extra
}

// Distribution is one instance of a dataset: a file, a landing page, a deposit in a repository.
type Distribution struct {
	Title       string
	Description string
	AccessURL   string
	DownloadURL string
	// AvailableUntil and Issued are dates.
	AvailableUntil string
	Issued         string
	// DataAccess is "open", "shared" or "closed".
	DataAccess string
	ByteSize   *int64 // nil when absent
	Formats    []string
	Host       *Host
	Licenses   []License
	Extra      Extra
}

// License is a licence that applies to a distribution from a date.
type License struct {
	LicenseRef string // URL of the licence
	StartDate  string // date
	Extra      Extra
}

// Host is the system that holds a distribution: a repository, a computing centre's storage.
type Host struct {
	Title       string
	Description string
	URL         string
	HostIDs     []ID // e.g. a re3data or FAIRsharing identifier (1.2)
	// Availability, BackupFrequency, BackupType and StorageType are free text.
	Availability    string
	BackupFrequency string
	BackupType      string
	StorageType     string
	// CertifiedWith is one of din31644, dini-zertifikat, dsa, iso16363, iso16919, trac, wds, coretrustseal.
	CertifiedWith string
	// GeoLocation is an ISO 3166-1 alpha-2 country code.
	GeoLocation string
	PIDSystems  []string
	// SupportVersioning is "yes", "no" or "unknown".
	SupportVersioning string
	Extra             Extra
}

// Metadata is a metadata standard a dataset is described with.
type Metadata struct {
	Description         string
	Language            string
	MetadataStandardIDs []ID
	Extra               Extra
}

// SecurityAndPrivacy is a security or privacy statement about a dataset.
type SecurityAndPrivacy struct {
	Title       string
	Description string
	Extra       Extra
}

// TechnicalResource is equipment or a facility a dataset needs: an instrument, a computing centre. Needs is
// fairmeta's extension for the computing and storage a project declares per year (see [Need]).
type TechnicalResource struct {
	Name                 string
	Description          string
	TechnicalResourceIDs []ID
	Needs                []Need
	Extra                Extra
}
