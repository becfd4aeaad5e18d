package hal

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/dop2i/fairmeta/fair"
)

// Organisation identifier schemes and alternate identifier types of the fair record (fair's publication
// vocabulary).
const (
	orgSchemeHAL   = "HAL structure"
	altIDHAL       = "HAL"
	altIDArXiv     = "arXiv"
	rorSchemeURI   = "https://ror.org" // fair.SchemeROR.URI(), the one spelling
	halDomainLabel = "HAL domain"
)

// ToResource converts a Document to a fair.Resource and returns, beside it, notes on what the record cannot hold
// (HAL's coded metadata, collections, the structures' addresses, ...). Every author keeps its place, role,
// identifiers and affiliations; every affiliation its HAL structure number and its ROR, IdRef, ISNI and RNSR ids.
// A nil d gives nil.
func ToResource(d *Document) (r *fair.Resource, notRead fair.Notes) {
	if d == nil {
		return nil, nil
	}
	c := &toFair{d: d, r: &fair.Resource{}}
	c.convert()
	return c.r, c.notes
}

type toFair struct {
	d     *Document
	r     *fair.Resource
	notes fair.Notes
}

func (c *toFair) note(path, value, reason string) {
	c.notes = append(c.notes, fair.Note{Path: path, Value: value, Reason: reason})
}

func (c *toFair) convert() {
	d, r := c.d, c.r
	// Type.
	if t, ok := docTypeByCode(d.Type); ok {
		r.ResourceType = fair.ResourceType{General: t.general, Type: t.label}
	} else if d.Type != "" {
		r.ResourceType = fair.ResourceType{General: fair.ResourceTypeText, Type: d.Type}
		c.note("type", d.Type, "HAL document type unknown to fairmeta; written as Text with the code as specific type")
	}
	// Titles: the first title that is not a subtitle is the main one; others in other languages are translations.
	mainDone := false
	for _, t := range d.Titles {
		ft := fair.Title{Title: t.Text, Lang: t.Lang}
		switch {
		case t.Sub:
			ft.Type = fair.TitleSubtitle
		case mainDone:
			ft.Type = fair.TitleTranslatedTitle
		default:
			mainDone = true
		}
		r.Titles = append(r.Titles, ft)
	}
	c.authors()
	c.identifiers()
	c.host()
	c.dates()
	// Subjects: keywords, domains and classifications.
	for _, k := range d.Keywords {
		r.Subjects = append(r.Subjects, fair.Subject{Subject: k.Text, Lang: k.Lang})
	}
	for _, cc := range d.Classes {
		s := fair.Subject{Subject: cc.Text, ClassificationCode: cc.Code, Scheme: cc.Scheme}
		for _, m := range classSchemes {
			if m.tei == cc.Scheme {
				s.Scheme, s.SchemeURI = m.scheme, m.uri
			}
		}
		if s.Subject == "" {
			s.Subject = cc.Code
		}
		r.Subjects = append(r.Subjects, s)
	}
	for _, a := range d.Abstracts {
		r.Descriptions = append(r.Descriptions, fair.Description{Description: a.Text, Type: fair.DescriptionAbstract, Lang: a.Lang})
	}
	r.Language = d.Language
	c.metadata()
	if d.Licence != (Licence{}) {
		r.Rights = append(r.Rights, fair.Rights{Rights: d.Licence.Text, URI: d.Licence.Target})
	}
	for i, f := range d.Files {
		name := f.Target[strings.LastIndexByte(f.Target, '/')+1:]
		r.Distributions = append(r.Distributions, fair.Distribution{Name: name, ContentURL: f.Target})
		if f.NotBefore != "" || f.Subtype != "" {
			c.note(fmt.Sprintf("files[%d]", i), f.Target, fmt.Sprintf("HAL file facts (origin %q, embargo until %q) have no place in the record", f.Subtype, f.NotBefore))
		}
	}
	c.funders()
	if len(d.Stamps) > 0 {
		codes := make([]string, len(d.Stamps))
		for i, s := range d.Stamps {
			codes[i] = s.N
		}
		c.note("stamps", strings.Join(codes, " "), "HAL collections (stamps) have no place in the record")
	}
	for i, ref := range d.Refs {
		rel, ok := refRelations[ref.Type]
		switch {
		case ref.Type == "codeRepository":
			r.Software.CodeRepository = ref.Target
		case ok:
			r.RelatedIdentifiers = append(r.RelatedIdentifiers, relatedOf(ref.Target, rel, "HAL "+ref.Type))
		default:
			c.note(fmt.Sprintf("refs[%d]", i), ref.Target, fmt.Sprintf("link of type %q has no equivalent relation", ref.Type))
		}
	}
	for i, rel := range d.Related {
		if _, err := fair.DetectPID(rel.Target); err != nil {
			c.note(fmt.Sprintf("related[%d]", i), rel.Target, fmt.Sprintf("related item (%s) without an identifier or URL", rel.Type))
			continue
		}
		r.RelatedIdentifiers = append(r.RelatedIdentifiers, relatedOf(rel.Target, fair.RelIsSupplementedBy, "HAL relatedItem "+rel.Type))
	}
	if d.SeriesTitle != "" || len(d.SeriesEditors) > 0 {
		c.note("series", strings.TrimSpace(d.SeriesTitle+" "+strings.Join(d.SeriesEditors, "; ")), "the collection (series) and its editors have no place in the record")
	}
	for _, coll := range d.Collaborations {
		r.Creators = append(r.Creators, fair.Creator{Name: coll, NameType: fair.NameOrganizational})
	}
	c.structureNotes()
}

// refRelations maps HAL's biblStruct ref types to relations of the record to the target.
var refRelations = map[string]fair.RelationType{
	"publisher":    fair.RelIsVariantFormOf,
	"seeAlso":      fair.RelIsSupplementedBy,
	"researchdata": fair.RelIsSupplementedBy,
	"dataset":      fair.RelIsSupplementedBy,
	"software":     fair.RelIsSupplementedBy,
}

func relatedOf(target string, rel fair.RelationType, info string) fair.RelatedIdentifier {
	ri := fair.RelatedIdentifier{Identifier: target, IdentifierType: fair.IDTypeURL, RelationType: rel, RelationTypeInformation: info}
	if p, err := fair.DetectPID(target); err == nil {
		switch p.Scheme {
		case fair.SchemeDOI:
			ri.Identifier, ri.IdentifierType = p.Value, fair.IDTypeDOI
		case fair.SchemeSWHID:
			ri.Identifier, ri.IdentifierType = p.Value, fair.IDTypeSWHID
		case fair.SchemeArXiv:
			ri.Identifier, ri.IdentifierType = p.Value, fair.IDTypeArXiv
		}
	}
	return ri
}

func (c *toFair) authors() {
	d, r := c.d, c.r
	crp := map[int]bool{}
	for i, a := range d.Authors {
		path := fmt.Sprintf("authors[%d]", i)
		cr := fair.Creator{GivenName: strings.Join(a.Forenames, " "), FamilyName: a.Surname, Email: a.Email}
		switch {
		case a.Surname != "" || len(a.Forenames) > 0:
			cr.NameType = fair.NamePersonal
			cr.Name = a.Surname
			if cr.GivenName != "" {
				cr.Name += ", " + cr.GivenName
			}
		case a.OrgName != "" && a.OrgRef == "":
			cr.NameType, cr.Name = fair.NameOrganizational, a.OrgName
		default:
			c.note(path, "", "author without a name")
		}
		if a.OrgRef != "" {
			c.note(path+".orgName", a.OrgRef, "the author's employing organism (orgName) has no place in the record")
		}
		if a.EmailMD5 != "" || a.EmailDomain != "" {
			c.note(path+".email", a.EmailDomain, "HAL exports only a hash and the domain of the e-mail address")
		}
		for _, id := range a.Idnos {
			scheme, uri := schemeOfPersonIdno(id)
			v := id.Value
			if scheme == "ORCID" {
				if p, err := fair.ParseORCID(v); err == nil {
					v = p.URL
				}
			}
			cr.NameIdentifiers = append(cr.NameIdentifiers, fair.NameIdentifier{Value: v, Scheme: fair.Scheme(scheme), SchemeURI: uri})
		}
		for j, ref := range a.Affiliations {
			aff, ok := c.affiliation(ref)
			if !ok {
				c.note(fmt.Sprintf("%s.affiliations[%d]", path, j), ref, "affiliation to a structure the document does not describe; kept by its HAL number")
			}
			cr.Affiliations = append(cr.Affiliations, aff)
		}
		switch a.Role {
		case "aut", "crp", "":
			r.Creators = append(r.Creators, cr)
			if a.Role == "crp" {
				crp[len(r.Creators)-1] = true
			}
		default:
			t, known := contributorTypeOfRole(a.Role)
			if !known {
				c.note(path+".role", a.Role, "HAL role without a DataCite contributor type; the contributor is Other")
			}
			r.Contributors = append(r.Contributors, fair.Contributor{Creator: cr, ContributorType: t})
		}
	}
	// A corresponding author is also the record's contact person.
	for i := range r.Creators {
		if crp[i] {
			r.Contributors = append(r.Contributors, fair.Contributor{Creator: r.Creators[i], ContributorType: fair.ContributorContactPerson})
		}
	}
}

// affiliation converts a reference to a structure. A structure of HAL's referential is identified by its number
// ("struct-1252" gives "1252"); a local structure of a deposit has none. The ROR ID is the affiliation's identifier;
// without one, the structure number is (as fair.Affiliation.AddIdentifier orders them, so that every format that
// holds one identifier per affiliation keeps HAL's), and the others are beside it.
func (c *toFair) affiliation(ref string) (fair.Affiliation, bool) {
	var a fair.Affiliation
	if n, ok := structNumber(ref); ok {
		a.Identifier, a.IdentifierScheme = n, orgSchemeHAL
	}
	s, ok := c.d.Structure(ref)
	if !ok {
		return a, false
	}
	a.Name = s.Name
	for _, id := range s.Idnos {
		scheme := schemeOfStructIdno(id.Type)
		if scheme == "ROR" && a.IdentifierScheme != "ROR" {
			if p, err := fair.ParseROR(id.Value); err == nil {
				a.AddIdentifier(p.URL, "ROR", rorSchemeURI)
				continue
			}
		}
		v := id.Value
		if scheme == "ISNI" {
			v = strings.ReplaceAll(v, " ", "")
		}
		a.OtherIdentifiers = append(a.OtherIdentifiers, fair.NameIdentifier{Value: v, Scheme: fair.Scheme(scheme)})
	}
	return a, true
}

// structNumber returns the number of a structure of HAL's referential from its xml:id ("struct-1252").
func structNumber(id string) (string, bool) {
	n, ok := strings.CutPrefix(trimHash(id), "struct-")
	if !ok || n == "" {
		return "", false
	}
	if _, err := strconv.ParseUint(n, 10, 63); err != nil {
		return "", false
	}
	return n, true
}

// structureNotes says what of each structure the record cannot hold: HAL's referential keeps it.
func (c *toFair) structureNotes() {
	for _, s := range c.d.Structures {
		var what []string
		if s.Acronym != "" {
			what = append(what, "acronym "+s.Acronym)
		}
		if s.Type != "" {
			what = append(what, "type "+s.Type)
		}
		if s.Status != "" {
			what = append(what, "status "+s.Status)
		}
		if s.Address != "" || s.CountryCode != "" || s.URL != "" {
			what = append(what, "address")
		}
		if len(s.Parents) > 0 {
			ps := make([]string, len(s.Parents))
			for i, p := range s.Parents {
				ps[i] = p.Ref
			}
			what = append(what, "parents "+strings.Join(ps, " "))
		}
		if len(what) > 0 {
			c.note("structures."+s.ID, s.Name, "structure facts kept by HAL's referential, not by the record: "+strings.Join(what, ", "))
		}
	}
}

func (c *toFair) identifiers() {
	d, r := c.d, c.r
	for _, id := range d.Identifiers {
		v := id.Value
		switch strings.ToLower(id.Type) {
		case "doi":
			if p, err := fair.ParseDOI(v); err == nil {
				v = p.Value
			}
			if r.Identifier.Value == "" {
				r.Identifier = fair.Identifier{Value: v, Type: "DOI"}
			} else {
				r.AlternateIdentifiers = append(r.AlternateIdentifiers, fair.Identifier{Value: v, Type: "DOI"})
			}
		case "haluri":
			r.URL = v
		case "halbibtex", "halref", "halrefhtml", "halauthorid":
			// HAL's generated citations and keys, derived from the rest.
		default:
			r.AlternateIdentifiers = append(r.AlternateIdentifiers, fair.Identifier{Value: v, Type: fair.Scheme(fairOfDocIdno(id.Type))})
		}
	}
	if d.Version != "" {
		c.note("version", d.Version, "HAL's version number of the record has no place in the record")
	}
}

func (c *toFair) host() {
	d, r := c.d, c.r
	h := d.Host
	item := fair.RelatedItem{RelationType: fair.RelIsPublishedIn, Volume: h.Volume, Issue: h.Issue}
	switch {
	case h.JournalTitle != "":
		item.Type = fair.ResourceTypeJournal
		item.Titles = []fair.Title{{Title: h.JournalTitle}}
		if h.BookTitle != "" {
			c.note("host.bookTitle", h.BookTitle, "a book title beside the journal title has no place in the record")
		}
	case h.BookTitle != "":
		item.Type = fair.ResourceTypeBook
		if d.Type == "COMM" || d.Type == "POSTER" {
			item.Type = fair.ResourceTypeConferenceProceeding
		}
		item.Titles = []fair.Title{{Title: h.BookTitle}}
	}
	if h.Serie != "" {
		item.Titles = append(item.Titles, fair.Title{Title: h.Serie, Type: fair.TitleOther})
	}
	item.FirstPage, item.LastPage = splitPages(h.Pages)
	if len(h.Publishers) > 0 {
		r.Publisher = fair.Publisher{Name: h.Publishers[0]}
		item.Publisher = h.Publishers[0]
		if len(h.Publishers) > 1 {
			c.note("host.publishers", strings.Join(h.Publishers[1:], "; "), "further publishers have no place in the record")
		}
	}
	for _, id := range h.Idnos {
		var t fair.RelatedIdentifierType
		switch strings.ToLower(id.Type) {
		case "issn":
			t = fair.IDTypeISSN
		case "eissn":
			t = fair.IDTypeEISSN
		case "isbn":
			t = fair.IDTypeISBN
		case "localref":
			r.AlternateIdentifiers = append(r.AlternateIdentifiers, fair.Identifier{Value: id.Value, Type: "local"})
			continue
		default:
			c.note("host.idno."+id.Type, id.Value, "identifier of the journal or book in HAL's referential has no place in the record")
			continue
		}
		if item.Identifier.Identifier == "" && len(item.Titles) > 0 {
			item.Identifier = fair.RelatedItemIdentifier{Identifier: id.Value, Type: t}
		}
		r.RelatedIdentifiers = append(r.RelatedIdentifiers, fair.RelatedIdentifier{Identifier: id.Value, IdentifierType: t, RelationType: fair.RelIsPublishedIn})
	}
	for _, e := range h.Editors {
		r.Contributors = append(r.Contributors, fair.Contributor{Creator: fair.Creator{Name: e}, ContributorType: fair.ContributorEditor})
	}
	if len(h.PubPlaces) > 0 {
		c.note("host.pubPlace", strings.Join(h.PubPlaces, "; "), "the place of publication has no place in the record")
	}
	if h.Settlement != "" || h.CountryCode != "" {
		c.note("host.settlement", strings.TrimSpace(h.Settlement+" "+h.CountryCode), "the place of the document has no place in the record")
	}
	if len(item.Titles) > 0 || item.Volume != "" || item.Issue != "" || item.FirstPage != "" {
		if item.Type == "" {
			item.Type = fair.ResourceTypeJournal
		}
		r.RelatedItems = append(r.RelatedItems, item)
	}
	if m := h.Meeting; !m.IsZero() {
		r.Publication.Conference = fair.Conference{Name: m.Title, Place: m.Settlement, Country: m.CountryCode, StartDate: m.Start, EndDate: m.End}
	}
	for _, a := range h.Authorities {
		switch a.Type {
		case "institution":
			if r.Publisher.Name == "" {
				r.Publisher = fair.Publisher{Name: a.Value}
			} else {
				r.Contributors = append(r.Contributors, fair.Contributor{Creator: fair.Creator{Name: a.Value, NameType: fair.NameOrganizational}, ContributorType: fair.ContributorHostingInstitution})
			}
		case "school":
			r.Contributors = append(r.Contributors, fair.Contributor{Creator: fair.Creator{Name: a.Value, NameType: fair.NameOrganizational}, ContributorType: fair.ContributorOther})
			c.note("host.authority.school", a.Value, "the doctoral school is an Other contributor")
		case "supervisor":
			r.Contributors = append(r.Contributors, fair.Contributor{Creator: fair.Creator{Name: a.Value}, ContributorType: fair.ContributorSupervisor})
		case "jury":
			r.Contributors = append(r.Contributors, fair.Contributor{Creator: fair.Creator{Name: a.Value}, ContributorType: fair.ContributorOther})
			c.note("host.authority.jury", a.Value, "a member of the jury is an Other contributor")
		default:
			c.note("host.authority."+a.Type, a.Value, "this thesis authority has no place in the record")
		}
	}
}

// splitPages splits "94-108" into first and last page; a single number or an article number is the first page.
func splitPages(p string) (first, last string) {
	p = strings.TrimSpace(p)
	for _, sep := range []string{"-", "–", "—"} {
		if a, b, ok := strings.Cut(p, sep); ok && strings.TrimSpace(a) != "" && strings.TrimSpace(b) != "" {
			return strings.TrimSpace(a), strings.TrimSpace(b)
		}
	}
	return p, ""
}

func (c *toFair) dates() {
	d, r := c.d, c.r
	year := func(s string) int {
		if len(s) >= 4 {
			if y, err := strconv.Atoi(s[:4]); err == nil {
				return y
			}
		}
		return 0
	}
	issued := false
	for _, dt := range d.Host.Dates {
		switch dt.Type {
		case "datePub":
			date := fair.Date{Date: dt.Date, Type: fair.DateIssued}
			if dt.InPress {
				date.Information = "in press"
			}
			r.Dates = append(r.Dates, date)
			r.PublicationYear, issued = year(dt.Date), true
		case "dateEpub":
			r.Dates = append(r.Dates, fair.Date{Date: dt.Date, Type: fair.DateAvailable, Information: "published online"})
		case "dateDefended":
			r.Dates = append(r.Dates, fair.Date{Date: dt.Date, Type: fair.DateOther, Information: "defended"})
			if r.PublicationYear == 0 {
				r.PublicationYear = year(dt.Date)
			}
		default:
			c.note("host.date."+dt.Type, dt.Date, "date of a type HAL does not define for the imprint")
		}
	}
	for _, dt := range d.Dates {
		var t fair.DateType
		info := ""
		switch dt.Type {
		case "whenWritten":
			t = fair.DateCreated
		case "whenSubmitted":
			t, info = fair.DateSubmitted, "deposited in HAL"
		case "whenReleased":
			t, info = fair.DateAvailable, "online in HAL"
		case "whenModified":
			t, info = fair.DateUpdated, "modified in HAL"
		case "whenProduced":
			if issued {
				continue // the publication date again
			}
			t = fair.DateIssued
			if r.PublicationYear == 0 {
				r.PublicationYear = year(dt.Date)
			}
		default:
			c.note("dates."+dt.Type, dt.Date, "HAL's date has no place in the record")
			continue
		}
		r.Dates = append(r.Dates, fair.Date{Date: dt.Date, Type: t, Information: info})
	}
}

// metadata converts the notesStmt: comments and descriptions are descriptions; software facts go to the software
// fields; HAL's coded metadata (audience, peer review, ...) are reported.
func (c *toFair) metadata() {
	r := c.r
	for _, m := range c.d.Metadata {
		switch m.Type {
		case "commentary", "description":
			r.Descriptions = append(r.Descriptions, fair.Description{Description: m.Text, Type: fair.DescriptionOther})
		case "version":
			r.Version = m.Text
		case "programmingLanguage":
			r.Software.ProgrammingLanguages = append(r.Software.ProgrammingLanguages, m.Text)
		case "platform":
			r.Software.RuntimePlatforms = append(r.Software.RuntimePlatforms, m.Text)
		default:
			v := m.N
			if m.Text != "" {
				v = strings.TrimSpace(m.N + " " + m.Text)
			}
			c.note("metadata."+m.Type, v, "HAL's coded metadata have no place in the record")
		}
	}
}

// funders converts funding statements; a reference to a project of listOrg gives its funder, number and title.
func (c *toFair) funders() {
	for i, f := range c.d.Funders {
		if f.Ref == "" {
			c.r.FundingReferences = append(c.r.FundingReferences, fair.FundingReference{FunderName: f.Text})
			continue
		}
		var p *Project
		for j := range c.d.Projects {
			if c.d.Projects[j].ID == f.Ref {
				p = &c.d.Projects[j]
			}
		}
		if p == nil {
			c.note(fmt.Sprintf("funders[%d]", i), f.Ref, "reference to a project of HAL's referential the document does not describe")
			continue
		}
		fr := fair.FundingReference{AwardTitle: p.Desc}
		if fr.AwardTitle == "" {
			fr.AwardTitle = p.Name
		}
		switch p.Type {
		case "anrProject":
			fr.FunderName, fr.FunderIdentifier, fr.FunderIdentifierType = "Agence Nationale de la Recherche", "https://ror.org/00rbzpz17", fair.FunderIdentifierType("ROR")
			fr.AwardNumber = idnoOf(p.Idnos, "anr")
		case "europeanProject":
			fr.FunderName, fr.FunderIdentifier, fr.FunderIdentifierType = "European Commission", "https://ror.org/00k4n6c32", fair.FunderIdentifierType("ROR")
			fr.AwardNumber = idnoOf(p.Idnos, "number")
		default:
			fr.FunderName = p.Name
		}
		c.r.FundingReferences = append(c.r.FundingReferences, fr)
		c.note("projects."+p.ID, p.Name, "the project's HAL number, acronym and dates have no place in the record")
	}
}
