package software

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/dop2i/fairmeta/fair"
	"github.com/dop2i/fairmeta/internal/jsonwalk"
)

// .zenodo.json: the metadata file Zenodo's GitHub integration reads when it archives a release (the deposition
// metadata of Zenodo's legacy REST API). The writer maps:
//
//	title, description (abstract), version, publication_date (Issued date), upload_type (from
//	resourceTypeGeneral), creators (name "Family, Given", affiliation, orcid), contributors (DataCite contributor
//	types, which Zenodo uses), license (SPDX id), keywords, access_right, related_identifiers (DOI → isIdenticalTo,
//	alternate identifiers → isIdenticalTo, code repository → isSupplementTo, issue tracker → isSupplementedBy,
//	distributions → isIdenticalTo, related identifiers with their own relation), references (citation text).
//
// Zenodo mints the DOI of the new version itself, so the record's own DOI goes into related_identifiers rather
// than the "doi" key, which Zenodo would try to claim.

// zenodoUploadTypes maps resourceTypeGeneral to Zenodo upload types; unlisted types are "other".
var zenodoUploadTypes = map[fair.ResourceTypeGeneral]string{
	fair.ResourceTypeSoftware: "software", fair.ResourceTypeDataset: "dataset", fair.ResourceTypeImage: "image",
	fair.ResourceTypeAudiovisual: "video", fair.ResourceTypePoster: "poster", fair.ResourceTypePresentation: "presentation",
	fair.ResourceTypePhysicalObject: "physicalobject", fair.ResourceTypeJournalArticle: "publication",
	fair.ResourceTypeText: "publication", fair.ResourceTypeReport: "publication", fair.ResourceTypeBook: "publication",
	fair.ResourceTypeBookChapter: "publication", fair.ResourceTypeConferencePaper: "publication",
	fair.ResourceTypePreprint: "publication", fair.ResourceTypeDissertation: "publication",
	fair.ResourceTypeWorkflow: "workflow", fair.ResourceTypeModel: "model", fair.ResourceTypeOutputManagementPlan: "publication",
}

// zenodoSchemes maps DataCite relatedIdentifierType to Zenodo identifier schemes.
var zenodoSchemes = map[fair.RelatedIdentifierType]string{
	fair.IDTypeDOI: "doi", fair.IDTypeURL: "url", fair.IDTypeSWHID: "swh", fair.IDTypeArXiv: "arxiv",
	fair.IDTypeHandle: "handle", fair.IDTypeARK: "ark", fair.IDTypeURN: "urn", fair.IDTypePURL: "purl",
	fair.IDTypeISBN: "isbn", fair.IDTypeISSN: "issn", fair.IDTypeEISSN: "eissn", fair.IDTypeLSID: "lsid",
	fair.IDTypePMID: "pmid", fair.IDTypeBibcode: "ads", fair.IDTypeIGSN: "igsn", fair.IDTypeEAN13: "ean13",
	fair.IDTypeISTC: "istc", fair.IDTypeLISSN: "lissn", fair.IDTypeUPC: "upc", fair.IDTypeW3id: "w3id",
}

type zenodoPerson struct {
	Name        string `json:"name"`
	Affiliation string `json:"affiliation,omitempty"`
	ORCID       string `json:"orcid,omitempty"`
	Type        string `json:"type,omitempty"`
}

type zenodoRelated struct {
	Identifier   string `json:"identifier"`
	Relation     string `json:"relation"`
	Scheme       string `json:"scheme,omitempty"`
	ResourceType string `json:"resource_type,omitempty"`
}

type zenodoDoc struct {
	Title              string          `json:"title"`
	Description        string          `json:"description,omitempty"`
	Version            string          `json:"version,omitempty"`
	PublicationDate    string          `json:"publication_date,omitempty"`
	UploadType         string          `json:"upload_type"`
	Creators           []zenodoPerson  `json:"creators"`
	Contributors       []zenodoPerson  `json:"contributors,omitempty"`
	License            *zenodoLicense  `json:"license,omitempty"`
	Keywords           []string        `json:"keywords,omitempty"`
	AccessRight        string          `json:"access_right,omitempty"`
	RelatedIdentifiers []zenodoRelated `json:"related_identifiers,omitempty"`
	References         []string        `json:"references,omitempty"`
}

type zenodoLicense struct {
	ID string `json:"id"`
}

func zenodoPersonOf(c fair.Creator) zenodoPerson {
	p := zenodoPerson{Name: c.Name}
	if isPerson(c) {
		if g, f := nameParts(c); g != "" || f != "" {
			p.Name = personName(g, f)
		}
	}
	if len(c.Affiliations) > 0 {
		p.Affiliation = c.Affiliations[0].Name
	}
	if o := orcidOf(c); o != "" {
		p.ORCID = strings.TrimPrefix(o, "https://orcid.org/")
	}
	return p
}

// lowerFirst turns a DataCite relation ("IsSupplementTo") into Zenodo's spelling ("isSupplementTo").
func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

// zenodoDocOf builds the .zenodo.json document of a record.
func zenodoDocOf(r *fair.Resource) zenodoDoc {
	z := zenodoDoc{Title: r.MainTitle(), Description: descriptionText(r), Version: r.Version, Keywords: r.Keywords}
	z.UploadType = zenodoUploadTypes[r.ResourceType.General]
	if z.UploadType == "" {
		z.UploadType = "other"
	}
	if d := dateOf(r, fair.DateIssued); len(d) >= 10 {
		z.PublicationDate = d[:10]
	}
	for _, c := range r.Creators {
		z.Creators = append(z.Creators, zenodoPersonOf(c))
	}
	for _, c := range r.Contributors {
		p := zenodoPersonOf(c.Creator)
		p.Type = string(c.ContributorType)
		z.Contributors = append(z.Contributors, p)
	}
	if ids, _ := spdxOf(r); len(ids) > 0 {
		z.License = &zenodoLicense{ID: ids[0]}
	}
	switch r.AccessRights {
	case fair.AccessOpen:
		z.AccessRight = "open"
	case fair.AccessEmbargoed:
		z.AccessRight = "embargoed"
	case fair.AccessRestricted:
		z.AccessRight = "restricted"
	case fair.AccessMetadata:
		z.AccessRight = "closed"
	}
	seen := map[string]bool{}
	add := func(id string, typ fair.RelatedIdentifierType, rel string, rt fair.ResourceTypeGeneral) {
		if id == "" || seen[id] {
			return
		}
		seen[id] = true
		zr := zenodoRelated{Identifier: id, Relation: rel, Scheme: zenodoSchemes[typ]}
		if rt != "" {
			zr.ResourceType = zenodoUploadTypes[rt]
		}
		z.RelatedIdentifiers = append(z.RelatedIdentifiers, zr)
	}
	if d := r.DOI(); d != "" {
		add(d, fair.IDTypeDOI, "isIdenticalTo", "")
	}
	for _, id := range r.AlternateIdentifiers {
		v, typ, ok := classify(id.Value)
		if !ok {
			continue // a local identifier means nothing to Zenodo
		}
		add(v, typ, "isIdenticalTo", "")
	}
	add(r.URL, fair.IDTypeURL, "isIdenticalTo", "")
	for _, ri := range r.RelatedIdentifiers {
		add(ri.Identifier, ri.IdentifierType, lowerFirst(string(ri.RelationType)), ri.ResourceTypeGeneral)
	}
	add(r.Software.CodeRepository, fair.IDTypeURL, "isSupplementTo", "")
	add(r.Software.IssueTracker, fair.IDTypeURL, "isSupplementedBy", "")
	for _, d := range r.Distributions {
		add(d.ContentURL, fair.IDTypeURL, "isIdenticalTo", "")
	}
	for _, it := range append(append([]fair.RelatedItem(nil), r.References...), r.RelatedItems...) {
		if s := citationText(it); s != "" {
			z.References = append(z.References, s)
		}
	}
	return z
}

// citationText renders a related item as a one-line reference: "Creators (Year). Title. Identifier".
func citationText(it fair.RelatedItem) string {
	var names []string
	for _, c := range it.Creators {
		names = append(names, c.Name)
	}
	var b strings.Builder
	b.WriteString(strings.Join(names, "; "))
	if it.PublicationYear > 0 {
		b.WriteString(" (" + strconv.Itoa(it.PublicationYear) + ")")
	}
	if len(it.Titles) > 0 {
		if b.Len() > 0 {
			b.WriteString(". ")
		}
		b.WriteString(it.Titles[0].Title)
	}
	if it.Identifier.Identifier != "" {
		id := it.Identifier.Identifier
		if it.Identifier.Type == fair.IDTypeDOI {
			id = doiURL(id)
		}
		b.WriteString(". " + id)
	}
	return strings.TrimSpace(b.String())
}

// WriteZenodo writes r as a .zenodo.json file for Zenodo's GitHub integration. A record without a title or
// creators gives an error: Zenodo requires both. notWritten is [NotWritten]("zenodo", r).
func WriteZenodo(w io.Writer, r *fair.Resource) (notWritten fair.Notes, err error) {
	if err := checkWrite("WriteZenodo", w, r); err != nil {
		return nil, err
	}
	if err := writeZenodo(w, r); err != nil {
		return nil, err
	}
	return NotWritten("zenodo", r), nil
}

func writeZenodo(w io.Writer, r *fair.Resource) error {
	if r.MainTitle() == "" || len(r.Creators) == 0 {
		return errors.New("software: zenodo: the record needs a title and at least one creator")
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(zenodoDocOf(r)); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// ReadZenodo reads a .zenodo.json file into a record (the inverse of [WriteZenodo] for the keys it writes). Keys it
// does not know are returned in notRead beside the record.
func ReadZenodo(data []byte) (r *fair.Resource, notRead fair.Notes, err error) {
	r, dropped, err := readZenodo(data)
	if err != nil {
		return nil, nil, err
	}
	return r, droppedNotes(dropped), nil
}

func readZenodo(data []byte) (*fair.Resource, []string, error) {
	if err := jsonwalk.CheckText(data); err != nil {
		return nil, nil, fmt.Errorf("software: zenodo: %w", err)
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		return nil, nil, errors.New("software: zenodo: not a JSON object: " + err.Error())
	}
	var z zenodoDoc
	if err := json.Unmarshal(data, &z); err != nil {
		return nil, nil, errors.New("software: zenodo: " + err.Error())
	}
	var dropped []string
	known := map[string]bool{"title": true, "description": true, "version": true, "publication_date": true,
		"upload_type": true, "creators": true, "contributors": true, "license": true, "keywords": true,
		"access_right": true, "related_identifiers": true, "references": true}
	for k := range raw {
		if !known[k] {
			dropped = append(dropped, k)
		}
	}
	r := &fair.Resource{Version: z.Version, Keywords: z.Keywords}
	if z.Title != "" {
		r.Titles = []fair.Title{{Title: z.Title}}
	}
	if z.Description != "" {
		r.Descriptions = []fair.Description{{Description: z.Description, Type: fair.DescriptionAbstract}}
	}
	if z.PublicationDate != "" {
		r.Dates = []fair.Date{{Date: z.PublicationDate, Type: fair.DateIssued}}
		r.PublicationYear = yearOf(z.PublicationDate)
	}
	r.ResourceType.General = fair.ResourceTypeOther
	for t, u := range zenodoUploadTypes {
		if u == z.UploadType && (r.ResourceType.General == fair.ResourceTypeOther || t == fair.ResourceTypeJournalArticle) {
			r.ResourceType.General = t
		}
	}
	person := func(p zenodoPerson) fair.Creator {
		c := fair.Creator{Name: p.Name}
		if p.ORCID != "" {
			c.NameType = fair.NamePersonal
			c.NameIdentifiers = []fair.NameIdentifier{orcidIdentifier(p.ORCID)}
		}
		if f, g, ok := strings.Cut(p.Name, ", "); ok {
			c.NameType, c.FamilyName, c.GivenName = fair.NamePersonal, f, g
		}
		if p.Affiliation != "" {
			c.Affiliations = []fair.Affiliation{{Name: p.Affiliation}}
		}
		return c
	}
	for _, p := range z.Creators {
		r.Creators = append(r.Creators, person(p))
	}
	for _, p := range z.Contributors {
		t, ok := fair.ParseContributorType(p.Type)
		if !ok {
			t = fair.ContributorOther
		}
		r.Contributors = append(r.Contributors, fair.Contributor{Creator: person(p), ContributorType: t})
	}
	if z.License != nil && z.License.ID != "" {
		r.Rights = []fair.Rights{licenseFromURL(z.License.ID)}
	}
	switch z.AccessRight {
	case "open":
		r.AccessRights = fair.AccessOpen
	case "embargoed":
		r.AccessRights = fair.AccessEmbargoed
	case "restricted":
		r.AccessRights = fair.AccessRestricted
	case "closed":
		r.AccessRights = fair.AccessMetadata
	}
	for _, ri := range z.RelatedIdentifiers {
		rel, ok := fair.ParseRelationType(ri.Relation)
		if !ok {
			dropped = append(dropped, "related_identifiers: "+ri.Identifier)
			continue
		}
		v, typ, ok := classify(ri.Identifier)
		if !ok {
			typ = fair.IDTypeURL
		}
		switch {
		case rel == fair.RelIsSupplementTo && typ == fair.IDTypeURL && r.Software.CodeRepository == "":
			r.Software.CodeRepository = v
		case rel == fair.RelIsSupplementedBy && typ == fair.IDTypeURL && r.Software.IssueTracker == "":
			r.Software.IssueTracker = v
		case rel == fair.RelIsIdenticalTo && typ == fair.IDTypeDOI && r.Identifier.Value == "":
			r.Identifier = fair.Identifier{Value: v, Type: "DOI"}
		case rel == fair.RelIsIdenticalTo && typ == fair.IDTypeURL && r.URL == "":
			r.URL = v
		case rel == fair.RelIsIdenticalTo:
			r.AlternateIdentifiers = append(r.AlternateIdentifiers, fair.Identifier{Value: v, Type: fair.Scheme(typ)})
		default:
			r.RelatedIdentifiers = append(r.RelatedIdentifiers, fair.RelatedIdentifier{Identifier: v, IdentifierType: typ, RelationType: rel})
		}
	}
	for _, ref := range z.References {
		r.References = append(r.References, fair.RelatedItem{Type: fair.ResourceTypeText, RelationType: fair.RelReferences,
			Titles: []fair.Title{{Title: ref}}})
	}
	return r, dropped, nil
}
