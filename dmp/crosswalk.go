package dmp

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/dop2i/fairmeta/assess"
	"github.com/dop2i/fairmeta/fair"
	"golang.org/x/text/language"
)

// DataSize is how DatasetResource writes a byte size in fair.Resource.Sizes: "N bytes".
const DataSize = "%d bytes"

// dataAccess maps maDMP data_access to COAR access rights; an open distribution whose licence starts later is
// embargoed.
var dataAccess = map[string]fair.AccessRights{
	"open":   fair.AccessOpen,
	"shared": fair.AccessRestricted,
	"closed": fair.AccessMetadata,
}

// creditRoles maps CRediT role URIs (DMPRoadmap writes them as contributor roles) to DataCite contributor types.
var creditRoles = map[string]fair.ContributorType{
	"data-curation":          fair.ContributorDataCurator,
	"project-administration": fair.ContributorProjectManager,
	"supervision":            fair.ContributorSupervisor,
	"investigation":          fair.ContributorResearcher,
	"methodology":            fair.ContributorResearcher,
	"formal-analysis":        fair.ContributorResearcher,
	"software":               fair.ContributorProducer,
	"resources":              fair.ContributorProducer,
	"funding-acquisition":    fair.ContributorSponsor,
	"writing-original-draft": fair.ContributorEditor,
	"writing-review-editing": fair.ContributorEditor,
	"conceptualization":      fair.ContributorResearcher,
	"validation":             fair.ContributorResearcher,
	"visualization":          fair.ContributorResearcher,
}

// contributorType maps a maDMP role (a DataCite contributor type in any spelling, or a CRediT URI) to DataCite.
func contributorType(role string) (fair.ContributorType, bool) {
	if t, ok := fair.ParseContributorType(role); ok {
		return t, true
	}
	r := strings.TrimSuffix(strings.ToLower(strings.TrimSpace(role)), "/")
	if i := strings.LastIndexByte(r, '/'); i >= 0 && strings.Contains(r, "credit") {
		if t, ok := creditRoles[r[i+1:]]; ok {
			return t, true
		}
	}
	switch strings.ToLower(strings.ReplaceAll(strings.ReplaceAll(role, " ", ""), "_", "")) {
	case "datasteward":
		return fair.ContributorDataManager, true
	case "principalinvestigator", "pi":
		return fair.ContributorProjectLeader, true
	}
	return fair.ContributorOther, false
}

// personIDs converts contact_id / contributor_id / creator_id to name identifiers.
func personIDs(ids []ID, path string, notes *Notes) []fair.NameIdentifier {
	var out []fair.NameIdentifier
	for i, id := range ids {
		p := path
		if len(ids) > 1 {
			p = joinIndex(path, i)
		}
		switch strings.ToLower(id.Type) {
		case "orcid":
			if pid, err := fair.ParseORCID(id.Identifier); err == nil {
				out = append(out, fair.NameIdentifier{Value: pid.URL, Scheme: "ORCID", SchemeURI: "https://orcid.org"})
				continue
			}
		case "isni":
			if pid, err := fair.ParseISNI(id.Identifier); err == nil {
				out = append(out, fair.NameIdentifier{Value: pid.URL, Scheme: "ISNI", SchemeURI: "https://isni.org"})
				continue
			}
		}
		if id.Identifier != "" {
			notes.Add(p, id.Identifier, "identifier of type "+strconv.Quote(id.Type)+" not carried: not a valid ORCID iD or ISNI")
		}
	}
	return out
}

func affiliations(as []Affiliation, path string, notes *Notes) []fair.Affiliation {
	var out []fair.Affiliation
	for i, a := range as {
		fa := fair.Affiliation{Name: a.Name}
		id := a.AffiliationID
		if pid, err := fair.ParseROR(id.Identifier); err == nil && (id.Type == "" || strings.EqualFold(id.Type, "ror")) {
			fa.Identifier, fa.IdentifierScheme, fa.SchemeURI = pid.Value, "ROR", "https://ror.org"
		} else if id.Identifier != "" {
			notes.Add(joinIndex(path, i)+".affiliation_id", id.Identifier, "affiliation identifier not carried: not a valid ROR ID")
		}
		out = append(out, fa)
	}
	return out
}

// person builds a creator, personal unless the name has no comma and an organisation identifier.
func person(name, mbox string, ids []ID, affs []Affiliation, path string, notes *Notes) fair.Creator {
	c := fair.Creator{Name: name, Email: mbox, NameType: fair.NamePersonal}
	c.NameIdentifiers = personIDs(ids, joinKey(path, "id"), notes)
	c.Affiliations = affiliations(affs, joinKey(path, "affiliation"), notes)
	if given, family, ok := splitName(name); ok {
		c.GivenName, c.FamilyName = given, family
		c.Name = family + ", " + given // DataCite's form of a personal name
	}
	return c
}

// splitName splits "Family, Given" or "Given Family" (two words) into its parts.
func splitName(name string) (given, family string, ok bool) {
	if f, g, found := strings.Cut(name, ","); found {
		return strings.TrimSpace(g), strings.TrimSpace(f), strings.TrimSpace(g) != ""
	}
	parts := strings.Fields(name)
	if len(parts) == 2 {
		return parts[0], parts[1], true
	}
	return "", "", false
}

// language2 converts an ISO 639-3 code to the BCP 47 tag DataCite wants ("eng" → "en").
func language2(l string) string {
	if b, err := language.ParseBase(l); err == nil {
		return b.String()
	}
	return l
}

// funding converts the funding of every project.
func (p *DMP) funding(notes *Notes) []fair.FundingReference {
	var out []fair.FundingReference
	for i, pr := range p.Projects {
		for j, f := range pr.Funding {
			path := joinIndex(joinIndex("dmp.project", i)+".funding", j)
			fr := fair.FundingReference{}
			for _, key := range []string{"funder_name", "name"} { // DMPRoadmap and RDA examples carry the name so
				if raw := f.Extra.Get(key); raw != nil {
					if n, _, err := parseJSON(raw); err == nil && n.kind == kString {
						fr.FunderName = n.s
						break
					}
				}
			}
			id := f.FunderID.Identifier
			switch t := strings.ToLower(f.FunderID.Type); {
			case id == "":
			case t == "ror" || strings.Contains(id, "ror.org"):
				if pid, err := fair.ParseROR(id); err == nil {
					fr.FunderIdentifier, fr.FunderIdentifierType, fr.SchemeURI = pid.Value, fair.FunderROR, "https://ror.org"
				}
			case checkFunderID(id) == nil:
				s := strings.TrimSpace(id)
				if pid, err := fair.ParseDOI(s); err == nil {
					s = pid.Value
				}
				if !strings.HasPrefix(s, "10.13039/") {
					s = "10.13039/" + s
				}
				fr.FunderIdentifier, fr.FunderIdentifierType = "https://doi.org/"+s, fair.FunderCrossrefFunderID
			default:
				fr.FunderIdentifier, fr.FunderIdentifierType = id, fair.FunderOther
			}
			if g := f.GrantID.Identifier; g != "" {
				if strings.HasPrefix(g, "http://") || strings.HasPrefix(g, "https://") {
					fr.AwardURI = g
					fr.AwardNumber = g[strings.LastIndexByte(strings.TrimSuffix(g, "/"), '/')+1:]
				} else {
					fr.AwardNumber = g
				}
			}
			if fr.FunderName == "" {
				notes.Add(path+".funder_id", id, "no funder name (DataCite requires one): set FundingReferences[].FunderName")
			}
			out = append(out, fr)
		}
	}
	return out
}

// identifier converts a dataset_id or dmp_id: a DOI becomes the record's identifier, anything else an alternate
// identifier.
func identifier(id ID) (main fair.Identifier, alt []fair.Identifier) {
	if id.Identifier == "" {
		return
	}
	if strings.EqualFold(id.Type, "doi") || id.Type == "" || strings.Contains(id.Identifier, "doi.org/") {
		if pid, err := fair.ParseDOI(id.Identifier); err == nil {
			return fair.Identifier{Value: pid.Value, Type: "DOI"}, nil
		}
	}
	return fair.Identifier{}, []fair.Identifier{{Value: id.Identifier, Type: fair.Scheme(id.Type)}}
}

func yearOf(date string) int {
	if t, _, err := ParseDate(date); err == nil {
		return t.Year()
	}
	return 0
}

// DatasetResource converts dataset i of the plan to a fair.Resource: title, description, type, language, keywords,
// its DOI (other identifiers become alternate identifiers), creators (1.2), the plan's contributors and contact,
// each licence as rights with its SPDX identifier, data_access as COAR access rights (embargoed when an open
// distribution's licence starts after today), byte sizes, formats, distributions, the host as publisher, the
// projects' funding with ROR or Crossref funder IDs, related identifiers and the plan's DOI (IsDocumentedBy). The
// notes name what it could not carry.
func (doc *Document) DatasetResource(i int) (*fair.Resource, Notes) {
	return doc.datasetResource(i, time.Now())
}

func (doc *Document) datasetResource(i int, now time.Time) (*fair.Resource, Notes) {
	var notes Notes
	p := &doc.DMP
	if i < 0 || i >= len(p.Datasets) {
		return nil, Notes{{Path: "dmp.dataset", Value: strconv.Itoa(i), Reason: "no such dataset"}}
	}
	ds := &p.Datasets[i]
	path := joinIndex("dmp.dataset", i)
	r := &fair.Resource{Language: language2(ds.Language)}
	r.Identifier, r.AlternateIdentifiers = identifier(ds.DatasetID)
	for _, a := range ds.AlternateIdentifiers {
		r.AlternateIdentifiers = append(r.AlternateIdentifiers, fair.Identifier{Value: a.Identifier, Type: fair.Scheme(a.Type)})
	}
	if ds.Title != "" {
		r.Titles = []fair.Title{{Title: ds.Title}}
	}
	if ds.Description != "" {
		r.Descriptions = append(r.Descriptions, fair.Description{Description: ds.Description, Type: fair.DescriptionAbstract})
	}
	for _, q := range ds.DataQualityAssurance {
		r.Descriptions = append(r.Descriptions, fair.Description{Description: q, Type: fair.DescriptionMethods})
	}
	if ds.PreservationStatement != "" {
		r.Descriptions = append(r.Descriptions, fair.Description{Description: ds.PreservationStatement, Type: fair.DescriptionOther})
	}
	r.ResourceType = fair.ResourceType{General: fair.ResourceTypeDataset, Type: ds.Type}
	if g, ok := fair.ParseResourceTypeGeneral(ds.Type); ok {
		r.ResourceType.General = g
	}
	r.Keywords = append(r.Keywords, ds.Keywords...)
	if ds.Issued != "" {
		if t, _, err := ParseDate(ds.Issued); err == nil {
			r.Dates = append(r.Dates, fair.Date{Date: t.Format(time.DateOnly), Type: fair.DateIssued})
			r.PublicationYear = t.Year()
		}
	}
	for j, c := range ds.Creators {
		r.Creators = append(r.Creators, person(c.Name, c.Mbox, c.CreatorIDs, c.Affiliations, joinIndex(path+".creator", j), &notes))
	}
	for j, c := range p.Contributors {
		cp := joinIndex("dmp.contributor", j)
		base := person(c.Name, c.Mbox, c.ContributorIDs, c.Affiliations, cp, &notes)
		for _, role := range c.Roles {
			t, ok := contributorType(role)
			if !ok {
				notes.Add(cp+".role", role, "not a DataCite contributor type: carried as Other")
			}
			r.Contributors = append(r.Contributors, fair.Contributor{Creator: base, ContributorType: t})
		}
	}
	if p.Contact.Name != "" {
		r.Contributors = append(r.Contributors, fair.Contributor{
			Creator:         person(p.Contact.Name, p.Contact.Mbox, p.Contact.ContactIDs, p.Contact.Affiliations, "dmp.contact", &notes),
			ContributorType: fair.ContributorContactPerson})
	}
	if ds.Rights != "" {
		r.Rights = append(r.Rights, fair.Rights{Rights: ds.Rights})
	}
	access := map[fair.AccessRights]bool{}
	seenLicence := map[string]bool{}
	for j, d := range ds.Distributions {
		dp := joinIndex(path+".distribution", j)
		acc, ok := dataAccess[d.DataAccess]
		if !ok && d.DataAccess != "" {
			notes.Add(dp+".data_access", d.DataAccess, "not open, shared or closed: no access rights carried")
		}
		for k, l := range d.Licenses {
			if l.LicenseRef == "" || seenLicence[l.LicenseRef] {
				continue
			}
			seenLicence[l.LicenseRef] = true
			rt := fair.Rights{URI: l.LicenseRef}
			if id, ok := assess.SPDXLicense(rt); ok {
				rt.Identifier, rt.IdentifierScheme, rt.SchemeURI = id, "SPDX", "https://spdx.org/licenses/"
				rt.Rights = id
			} else {
				notes.Add(joinIndex(dp+".license", k)+".license_ref", l.LicenseRef, "no SPDX identifier recognised for this licence URL")
			}
			r.Rights = append(r.Rights, rt)
			if t, _, err := ParseDate(l.StartDate); err == nil && t.After(now) && acc == fair.AccessOpen {
				acc = fair.AccessEmbargoed
				r.Dates = append(r.Dates, fair.Date{Date: t.Format(time.DateOnly), Type: fair.DateAvailable})
			}
		}
		if acc != "" {
			access[acc] = true
		}
		if d.ByteSize != nil {
			r.Sizes = append(r.Sizes, fmt.Sprintf(DataSize, *d.ByteSize))
		}
		for _, f := range d.Formats {
			if !contains(r.Formats, f) {
				r.Formats = append(r.Formats, f)
			}
		}
		dist := fair.Distribution{Name: d.Title, ContentURL: d.DownloadURL}
		if dist.ContentURL == "" {
			dist.ContentURL = d.AccessURL
		}
		if len(d.Formats) > 0 && strings.Contains(d.Formats[0], "/") {
			dist.MediaType = d.Formats[0]
		}
		if d.ByteSize != nil {
			dist.Size = *d.ByteSize
		}
		if dist.ContentURL != "" {
			r.Distributions = append(r.Distributions, dist)
		} else if d.Title != "" {
			notes.Add(dp, d.Title, "a distribution without access_url or download_url is not carried as a distribution")
		}
		if r.URL == "" && d.AccessURL != "" {
			r.URL = d.AccessURL
		}
		if d.Host != nil && r.Publisher.Name == "" && d.Host.Title != "" {
			r.Publisher = fair.Publisher{Name: d.Host.Title}
			for _, hid := range d.Host.HostIDs {
				if m := re3dataRE.FindString(hid.Identifier); m != "" {
					r.Publisher.Identifier = hid.Identifier
					r.Publisher.IdentifierScheme = "re3data"
					r.Publisher.SchemeURI = "https://www.re3data.org/"
					break
				}
			}
		}
	}
	// The most open access rights of the distributions apply to the dataset.
	for _, a := range []fair.AccessRights{fair.AccessOpen, fair.AccessEmbargoed, fair.AccessRestricted, fair.AccessMetadata} {
		if access[a] {
			r.AccessRights = a
			break
		}
	}
	if len(access) > 1 {
		notes.Add(path+".distribution", "", "distributions differ in data_access: the most open ("+string(r.AccessRights)+") is carried")
	}
	r.FundingReferences = p.funding(&notes)
	for j, rel := range ds.RelatedIdentifiers {
		if fr, ok := relatedIdentifier(rel, joinIndex(path+".related_identifier", j), &notes); ok {
			r.RelatedIdentifiers = append(r.RelatedIdentifiers, fr)
		}
	}
	if planID, _ := identifier(p.DMPID); planID.Value != "" {
		r.RelatedIdentifiers = append(r.RelatedIdentifiers, fair.RelatedIdentifier{Identifier: planID.Value,
			IdentifierType: fair.IDTypeDOI, RelationType: fair.RelIsDocumentedBy, ResourceTypeGeneral: fair.ResourceTypeOutputManagementPlan})
	}
	for _, what := range []struct {
		set  bool
		path string
		why  string
	}{
		{ds.PersonalData != "" || ds.SensitiveData != "", path + ".personal_data", "personal_data and sensitive_data have no place in a fair.Resource"},
		{len(ds.Metadata) > 0, path + ".metadata", "metadata standards have no place in a fair.Resource"},
		{len(ds.SecurityAndPrivacy) > 0, path + ".security_and_privacy", "security and privacy statements have no place in a fair.Resource"},
		{len(ds.TechnicalResources) > 0, path + ".technical_resource", "technical resources (and their needs) have no place in a fair.Resource: see Needs"},
	} {
		if what.set {
			notes.Add(what.path, "", what.why)
		}
	}
	if len(r.Creators) == 0 {
		notes.Add(path+".creator", "", "no creator (DataCite requires one): the dataset has no creator (1.2) to carry")
	}
	if r.Publisher.Name == "" {
		notes.Add(path+".distribution", "", "no host title to carry as publisher (DataCite requires one)")
	}
	return r, notes
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

func relatedIdentifier(rel RelatedIdentifier, path string, notes *Notes) (fair.RelatedIdentifier, bool) {
	t, ok1 := fair.ParseRelatedIdentifierType(rel.Type)
	rt, ok2 := fair.ParseRelationType(rel.RelationType)
	if !ok1 || !ok2 {
		notes.Add(path, rel.Identifier, "identifier type or relation type not in DataCite's lists: not carried")
		return fair.RelatedIdentifier{}, false
	}
	out := fair.RelatedIdentifier{Identifier: rel.Identifier, IdentifierType: t, RelationType: rt,
		RelatedMetadataScheme: rel.MetadataScheme, SchemeType: rel.SchemeType, SchemeURI: rel.SchemeURI}
	if g, ok := fair.ParseResourceTypeGeneral(rel.ResourceType); ok {
		out.ResourceTypeGeneral = g
	}
	return out, true
}

// PlanResource converts the plan itself to a fair.Resource of type OutputManagementPlan, ready for a DataCite 4.7
// record and a DOI: its DOI (dmp_id), title, description, language, the contact and contributors as creators (the
// contact also as ContactPerson), created and modified as Created and Updated dates, the publication year of its
// last modification, the projects' funding, its own related identifiers and a Documents relation to each dataset's
// DOI. The first affiliation of the contact or a contributor is the publisher. The notes name what it could not
// carry and what DataCite requires but the plan lacks.
func (doc *Document) PlanResource() (*fair.Resource, Notes) {
	var notes Notes
	p := &doc.DMP
	r := &fair.Resource{Language: language2(p.Language),
		ResourceType: fair.ResourceType{General: fair.ResourceTypeOutputManagementPlan, Type: "Data Management Plan"}}
	r.Identifier, r.AlternateIdentifiers = identifier(p.DMPID)
	if u, err := fair.ParseURL(p.DMPID.Identifier); err == nil && r.Identifier.Value == "" {
		r.URL = u.Value // a plan identified by its URL: the landing page its DOI will resolve to
	}
	for _, a := range p.AlternateIdentifiers {
		r.AlternateIdentifiers = append(r.AlternateIdentifiers, fair.Identifier{Value: a.Identifier, Type: fair.Scheme(a.Type)})
	}
	if p.Title != "" {
		r.Titles = []fair.Title{{Title: p.Title}}
	}
	if p.Description != "" {
		r.Descriptions = []fair.Description{{Description: p.Description, Type: fair.DescriptionAbstract}}
	}
	seen := map[string]bool{}
	add := func(c fair.Creator) {
		key := strings.ToLower(c.Name)
		if len(c.NameIdentifiers) > 0 {
			key = c.NameIdentifiers[0].Value
		}
		if c.Name == "" || seen[key] || seen[strings.ToLower(c.Name)] {
			return
		}
		seen[key], seen[strings.ToLower(c.Name)] = true, true
		r.Creators = append(r.Creators, c)
	}
	if p.Contact.Name != "" {
		contact := person(p.Contact.Name, p.Contact.Mbox, p.Contact.ContactIDs, p.Contact.Affiliations, "dmp.contact", &notes)
		add(contact)
		r.Contributors = append(r.Contributors, fair.Contributor{Creator: contact, ContributorType: fair.ContributorContactPerson})
	}
	for j, c := range p.Contributors {
		cp := joinIndex("dmp.contributor", j)
		pc := person(c.Name, c.Mbox, c.ContributorIDs, c.Affiliations, cp, &notes)
		add(pc)
		for _, role := range c.Roles {
			t, ok := contributorType(role)
			if !ok {
				notes.Add(cp+".role", role, "not a DataCite contributor type: carried as Other")
			}
			r.Contributors = append(r.Contributors, fair.Contributor{Creator: pc, ContributorType: t})
		}
	}
	for _, c := range r.Creators {
		if len(c.Affiliations) > 0 {
			a := c.Affiliations[0]
			r.Publisher = fair.Publisher{Name: a.Name, Identifier: a.Identifier, IdentifierScheme: a.IdentifierScheme, SchemeURI: a.SchemeURI}
			break
		}
	}
	if r.Publisher.Name == "" {
		notes.Add("dmp.contact.affiliation", "", "no publisher (DataCite requires one): the plan names no affiliation; set Resource.Publisher")
	}
	if t, _, err := ParseDateTime(p.Created); err == nil {
		r.Dates = append(r.Dates, fair.Date{Date: t.UTC().Format(time.RFC3339), Type: fair.DateCreated})
		r.PublicationYear = t.Year()
	}
	if t, _, err := ParseDateTime(p.Modified); err == nil {
		r.Dates = append(r.Dates, fair.Date{Date: t.UTC().Format(time.RFC3339), Type: fair.DateUpdated})
		r.PublicationYear = t.Year()
	}
	if r.PublicationYear == 0 {
		notes.Add("dmp.modified", p.Modified, "no publication year (DataCite requires one): the plan has no created or modified date")
	}
	if len(r.Creators) == 0 {
		notes.Add("dmp.contact", "", "no creator (DataCite requires one): the plan names no contact or contributor")
	}
	if len(r.Titles) == 0 {
		notes.Add("dmp.title", "", "no title (DataCite requires one)")
	}
	r.FundingReferences = p.funding(&notes)
	for j, rel := range p.RelatedIdentifiers {
		if fr, ok := relatedIdentifier(rel, joinIndex("dmp.related_identifier", j), &notes); ok {
			r.RelatedIdentifiers = append(r.RelatedIdentifiers, fr)
		}
	}
	for j, ds := range p.Datasets {
		if id, _ := identifier(ds.DatasetID); id.Value != "" {
			r.RelatedIdentifiers = append(r.RelatedIdentifiers, fair.RelatedIdentifier{Identifier: id.Value,
				IdentifierType: fair.IDTypeDOI, RelationType: fair.RelDocuments, ResourceTypeGeneral: fair.ResourceTypeDataset})
		} else if ds.DatasetID.Identifier != "" {
			notes.Add(joinIndex("dmp.dataset", j)+".dataset_id", ds.DatasetID.Identifier, "not a DOI: no related identifier to this dataset")
		}
	}
	for _, what := range []struct {
		set  bool
		path string
		why  string
	}{
		{len(p.Costs) > 0, "dmp.cost", "costs have no place in a DataCite record"},
		{p.EthicalIssuesExist != "", "dmp.ethical_issues_exist", "ethical issues have no place in a DataCite record"},
		{len(p.Projects) > 0, "dmp.project", "projects are carried only by their funding"},
	} {
		if what.set {
			notes.Add(what.path, "", what.why)
		}
	}
	return r, notes
}
