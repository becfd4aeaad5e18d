package fair

import "strings"

// Publication holds what describes a publication and has no place elsewhere in a [Resource]. Everything else a
// publication needs is held by the general fields; the package documentation ("Publications") says where.
type Publication struct {
	// Conference is the conference the work was presented at; its zero value means none is known.
	Conference Conference `json:"conference,omitzero"`
}

// IsZero reports whether p holds nothing.
func (p Publication) IsZero() bool { return p.Conference.IsZero() }

// Conference is a conference, workshop or school at which a work was presented.
type Conference struct {
	// Name is the full name, e.g. "41st International Conference on High Energy Physics".
	Name string `json:"name,omitempty"`
	// Acronym is the short name, e.g. "ICHEP 2022".
	Acronym string `json:"acronym,omitempty"`
	// Place is where it took place as free text, e.g. "Bologna, Italy" (a city first when it is known).
	Place string `json:"place,omitempty"`
	// Country is the country it took place in as an ISO 3166-1 alpha-2 code, e.g. "IT".
	Country string `json:"country,omitempty"`
	// StartDate and EndDate are the first and last days, ISO 8601 (YYYY, YYYY-MM or YYYY-MM-DD).
	StartDate string `json:"startDate,omitempty"`
	EndDate   string `json:"endDate,omitempty"` // see StartDate
	// Identifier identifies the conference, e.g. {Value: "C22-07-06.1", Type: "INSPIRE CNUM"}; its zero value
	// means none is known.
	Identifier Identifier `json:"identifier,omitzero"`
	// URL is the conference's web site.
	URL string `json:"url,omitempty"`
}

// IsZero reports whether c holds nothing.
func (c Conference) IsZero() bool { return c == Conference{} }

// Types of alternate identifiers (Identifier.Type in [Resource.AlternateIdentifiers]) that publications carry.
// DataCite's alternateIdentifierType is free text; these are the spellings fairmeta writes and recognises.
const (
	// AltIDArXiv is an arXiv identifier without version, e.g. "2101.00001" or "hep-th/9901001".
	AltIDArXiv = "arXiv"
	// AltIDReportNumber is an institutional report number, e.g. "CERN-EP-2022-123".
	AltIDReportNumber = "report number"
	// AltIDInspire is the number of the INSPIRE-HEP literature record, e.g. "1113908".
	AltIDInspire = "INSPIRE"
	// AltIDInspireTeXKey is the INSPIRE TeX (citation) key, e.g. "Horsley:2012ra".
	AltIDInspireTeXKey = "INSPIRE TeX key"
	// AltIDHAL is a HAL document identifier, e.g. "hal-01234567" or "in2p3-00012345".
	AltIDHAL = "HAL"
	// AltIDInspireCNUM is the INSPIRE number of a conference, e.g. "C22-07-06.1" (in [Conference.Identifier]).
	AltIDInspireCNUM = "INSPIRE CNUM"
)

// Schemes of organisation identifiers (NameIdentifier.Scheme in [Affiliation.OtherIdentifiers], or
// Affiliation.IdentifierScheme) that publication sources carry beside ROR and ISNI.
const (
	// OrgSchemeHALStructure is a HAL structure (the referential of laboratories HAL deposits point to), e.g. "1234".
	OrgSchemeHALStructure = "HAL structure"
	// OrgSchemeInspire is the number of an INSPIRE-HEP institution record, e.g. "902725".
	OrgSchemeInspire = "INSPIRE"
	// OrgSchemeRNSR is the French national directory of research structures (Répertoire national des structures de
	// recherche), e.g. "200918469Z".
	OrgSchemeRNSR = "RNSR"
	// OrgSchemeIdRef is an IdRef authority record (SUDOC), e.g. "026402823".
	OrgSchemeIdRef = "IdRef"
)

// Subject schemes publications carry.
const (
	// SubjectSchemeArXiv names arXiv's category taxonomy: Subject "hep-ex", Scheme "arXiv". The first subject of
	// this scheme is the primary category.
	SubjectSchemeArXiv = "arXiv"
	// SubjectSchemeURIArXiv is the URI of arXiv's category taxonomy.
	SubjectSchemeURIArXiv = "https://arxiv.org/category_taxonomy"
)

// ArXivDOIPrefix is the DOI prefix under which arXiv registers a DataCite DOI for every e-print:
// 10.48550/arXiv.<identifier without version>.
const ArXivDOIPrefix = "10.48550/arXiv."

// ArXivDOI returns the DataCite DOI arXiv registers for an e-print, "10.48550/arXiv.2101.00001", or "" when id is
// not a valid arXiv identifier. The version, if any, is dropped: the DOI names every version.
func ArXivDOI(id string) string {
	p, err := ParseArXiv(id)
	if err != nil {
		return ""
	}
	return ArXivDOIPrefix + stripArXivVersion(p.Value)
}

func stripArXivVersion(id string) string {
	if i := strings.LastIndexByte(id, 'v'); i > 0 && i < len(id)-1 && allDigits(id[i+1:]) {
		return id[:i]
	}
	return id
}

// Container returns the journal, book or proceedings the resource was published in: the first of
// [Resource.RelatedItems] with relation IsPublishedIn, or nil. The pointer is into r's slice.
func (r *Resource) Container() *RelatedItem {
	for i := range r.RelatedItems {
		if r.RelatedItems[i].RelationType == RelIsPublishedIn {
			return &r.RelatedItems[i]
		}
	}
	return nil
}

// AlternateIdentifiersOf returns the values of the alternate identifiers of the given type (compared without
// regard to case), in order, e.g. r.AlternateIdentifiersOf(fair.AltIDReportNumber).
func (r *Resource) AlternateIdentifiersOf(typ string) []string {
	var out []string
	for _, a := range r.AlternateIdentifiers {
		if strings.EqualFold(string(a.Type), typ) {
			out = append(out, a.Value)
		}
	}
	return out
}

// ArXivID returns the resource's arXiv identifier without version: its alternate identifier of type arXiv, or its
// primary identifier when that is an arXiv identifier or arXiv's DOI; "" when it has none.
func (r *Resource) ArXivID() string {
	for _, v := range r.AlternateIdentifiersOf(AltIDArXiv) {
		if p, err := ParseArXiv(v); err == nil {
			return stripArXivVersion(p.Value)
		}
	}
	v := r.Identifier.Value
	if strings.EqualFold(string(r.Identifier.Type), AltIDArXiv) {
		if p, err := ParseArXiv(v); err == nil {
			return stripArXivVersion(p.Value)
		}
	}
	if len(v) > len(ArXivDOIPrefix) && strings.EqualFold(v[:len(ArXivDOIPrefix)], ArXivDOIPrefix) {
		if p, err := ParseArXiv(v[len(ArXivDOIPrefix):]); err == nil {
			return stripArXivVersion(p.Value)
		}
	}
	return ""
}

// ArXivPrimaryCategory returns the first subject of scheme arXiv (the primary category, e.g. "hep-ex"), or "".
func (r *Resource) ArXivPrimaryCategory() string {
	for _, s := range r.Subjects {
		if strings.EqualFold(s.Scheme, SubjectSchemeArXiv) {
			if s.ClassificationCode != "" {
				return s.ClassificationCode
			}
			return s.Subject
		}
	}
	return ""
}

// AddIdentifier gives the organisation an identifier: as its Identifier when it has none, or when the new one is a
// ROR ID and the present one is not (that one moves to OtherIdentifiers, so the ROR ID is what DataCite writes);
// otherwise among OtherIdentifiers. An identifier it already has (same scheme and value, ignoring case) is not
// added twice. It reports whether a gave room to the identifier.
func (a *Affiliation) AddIdentifier(value, scheme, schemeURI string) bool {
	if value == "" {
		return false
	}
	same := func(v, s string) bool { return strings.EqualFold(v, value) && strings.EqualFold(s, scheme) }
	if same(a.Identifier, a.IdentifierScheme) {
		return false
	}
	for _, o := range a.OtherIdentifiers {
		if same(o.Value, string(o.Scheme)) {
			return false
		}
	}
	isROR := func(s string) bool { return strings.EqualFold(s, string(SchemeROR)) }
	switch {
	case a.Identifier == "":
		a.Identifier, a.IdentifierScheme, a.SchemeURI = value, scheme, schemeURI
	case isROR(scheme) && !isROR(a.IdentifierScheme):
		a.OtherIdentifiers = append([]NameIdentifier{{Value: a.Identifier, Scheme: Scheme(a.IdentifierScheme), SchemeURI: a.SchemeURI}}, a.OtherIdentifiers...)
		a.Identifier, a.IdentifierScheme, a.SchemeURI = value, scheme, schemeURI
	default:
		a.OtherIdentifiers = append(a.OtherIdentifiers, NameIdentifier{Value: value, Scheme: Scheme(scheme), SchemeURI: schemeURI})
	}
	return true
}

// Identifiers returns every identifier of the organisation: Identifier first, then OtherIdentifiers.
func (a Affiliation) Identifiers() []NameIdentifier {
	var out []NameIdentifier
	if a.Identifier != "" {
		out = append(out, NameIdentifier{Value: a.Identifier, Scheme: Scheme(a.IdentifierScheme), SchemeURI: a.SchemeURI})
	}
	return append(out, a.OtherIdentifiers...)
}
