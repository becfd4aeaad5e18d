package dmp

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/language"

	"github.com/dop2i/fairmeta/fair"
)

// Format returns the descriptor of the maDMP format (named "madmp") for package format: a document reads as the
// record of the plan, an OutputManagementPlan ([ReadResource]); a record writes as a maDMP 1.2 document
// ([WriteResource]).
func Format() fair.Format {
	return fair.Format{
		Name:        "madmp",
		Description: "RDA DMP Common Standard (maDMP) 1.2 JSON; reads 1.0 and 1.1",
		MediaTypes:  []string{"application/json"},
		Extensions:  []string{".json"},
		Detect:      Detect,
		Read: func(data []byte) ([]*fair.Resource, fair.Notes, error) {
			r, notRead, err := ReadResource(data)
			if err != nil {
				return nil, nil, err
			}
			return []*fair.Resource{r}, notRead, nil
		},
		Write: WriteResource,
	}
}

// OPIDoRFormat returns the descriptor of DMP OPIDoR's own JSON (named "dmp-opidor") for package format, read only:
// a plan reads as the record of the plan, as for maDMP ([ReadOPIDoR], then [Document.PlanResource]).
func OPIDoRFormat() fair.Format {
	return fair.Format{
		Name:        "dmp-opidor",
		Description: "DMP OPIDoR's own plan JSON (research outputs, storage and computing requests), read only",
		MediaTypes:  []string{"application/json"},
		Extensions:  []string{".json"},
		Detect:      DetectOPIDoR,
		Read: func(data []byte) ([]*fair.Resource, fair.Notes, error) {
			doc, notRead, err := ReadOPIDoR(data)
			if err != nil {
				return nil, nil, err
			}
			r, more := doc.PlanResource()
			return []*fair.Resource{r}, append(notRead, more...), nil
		},
	}
}

// Detect reports whether data looks like a maDMP document: a JSON object with a "dmp" object.
func Detect(data []byte) bool {
	t := bytes.TrimSpace(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")))
	if len(t) == 0 || t[0] != '{' || !bytes.Contains(t, []byte(`"dmp"`)) || len(t) > MaxBytes {
		return false
	}
	root, _, err := parseJSON(t)
	return err == nil && root.get("dmp") != nil && root.get("dmp").kind == kObject
}

// ReadResource reads a maDMP document (any version, upgraded to 1.2) as the fair.Resource of the plan itself (see
// [Document.PlanResource]), with the notes of the reader, the upgrade and the crosswalk. Its datasets are the plan's
// related identifiers; [Document.DatasetResource] gives each as a record of its own.
func ReadResource(data []byte) (*fair.Resource, Notes, error) {
	doc, notes, err := Read(data)
	if err != nil {
		return nil, nil, err
	}
	notes = append(notes, doc.Upgrade()...)
	r, more := doc.PlanResource()
	return r, append(notes, more...), nil
}

// WriteResource writes r as a maDMP 1.2 document (see [FromResource]) and returns the notes of what it could not
// write, and of the values the standard requires that the record does not give.
func WriteResource(w io.Writer, r *fair.Resource) (notWritten Notes, err error) {
	if r == nil {
		return nil, errors.New("dmp: nil record")
	}
	doc, notes := FromResource(r)
	return notes, doc.Write(w)
}

// FromResource makes a maDMP 1.2 document of a record. An OutputManagementPlan becomes the plan: title,
// description, language, dmp_id, contact (the ContactPerson, else the first creator), contributors, created and
// modified, funding as a project, related identifiers. Any other record becomes a plan with that one dataset: title,
// description, type, language, dataset_id, keywords, issued, creators, a distribution per distribution (or one for
// the record) with its licences (start date: the Issued or Available date), data_access from the access rights, byte
// size, formats, and the publisher as host. What the standard requires but the record lacks is given a neutral value
// and noted: ethical_issues_exist and personal_data/sensitive_data "unknown", dates of the record for created and
// modified. The notes name what is not carried. A nil r gives nil.
func FromResource(r *fair.Resource) (*Document, Notes) {
	if r == nil {
		return nil, nil
	}
	var notes Notes
	doc := &Document{Version: "1.2"}
	p := &doc.DMP
	title := ""
	if len(r.Titles) > 0 {
		title = r.Titles[0].Title
	}
	desc := ""
	for _, d := range r.Descriptions {
		if d.Type == fair.DescriptionAbstract || d.Type == "" {
			desc = d.Description
			break
		}
	}
	lang := ""
	if r.Language != "" {
		if b, err := language.ParseBase(strings.SplitN(r.Language, "-", 2)[0]); err == nil {
			lang = b.ISO3()
		}
	}
	var created, modified, issued, available string
	for _, d := range r.Dates {
		switch d.Type {
		case fair.DateCreated:
			created = d.Date
		case fair.DateUpdated:
			modified = d.Date
		case fair.DateIssued:
			issued = d.Date
		case fair.DateAvailable:
			available = d.Date
		}
	}
	dateTime := func(s string) string {
		if t, _, err := ParseDateTime(s); err == nil {
			return t.UTC().Format(time.RFC3339)
		}
		return ""
	}
	if created = dateTime(created); created == "" {
		if created = dateTime(issued); created == "" && r.PublicationYear > 0 {
			created = fmt.Sprintf("%04d-01-01T00:00:00Z", r.PublicationYear)
		}
		if created != "" {
			notes.Add("dates", created, "the record has no Created date: its issue date or publication year is used as maDMP's created")
		}
	}
	if modified = dateTime(modified); modified == "" {
		modified = created
	}
	p.Created, p.Modified = created, modified
	p.EthicalIssuesExist = "unknown"
	notes.Add("", "unknown", "a record does not say whether there are ethical issues: maDMP's ethical_issues_exist written as unknown")
	p.Language = lang
	if lang == "" {
		notes.Add("language", r.Language, "the record has no language given as an ISO 639 code (the standard requires dmp.language)")
	}
	contact := -1
	for i, c := range r.Contributors {
		if c.ContributorType == fair.ContributorContactPerson {
			contact = i
			break
		}
	}
	var who *fair.Creator
	whoPath := ""
	if contact >= 0 {
		who, whoPath = &r.Contributors[contact].Creator, "contributors["+strconv.Itoa(contact)+"]"
	} else if len(r.Creators) > 0 {
		who, whoPath = &r.Creators[0], "creators[0]"
		notes.Add(whoPath, who.Name, "no ContactPerson: the first creator is the contact")
	}
	if who != nil {
		p.Contact = Contact{Name: who.Name, Mbox: who.Email, ContactIDs: nameIDs(who.NameIdentifiers), Affiliations: affs(who.Affiliations)}
		if who.Email == "" {
			notes.Add(whoPath+".email", "", "the contact has no e-mail address (the standard requires dmp.contact.mbox)")
		}
		if len(p.Contact.ContactIDs) == 0 {
			notes.Add(whoPath+".nameIdentifiers", "", "the contact has no identifier such as an ORCID (the standard requires dmp.contact.contact_id)")
		}
		noteAffiliationIDs(p.Contact.Affiliations, whoPath, "dmp.contact", &notes)
	}
	// One contributor per person, with all their roles; creators without a role are contributors of role Other.
	byName := map[string]int{}
	var from []string // the path in r of each of p.Contributors
	addContributor := func(path string, c fair.Creator, role string) {
		if i, ok := byName[c.Name]; ok {
			if !contains(p.Contributors[i].Roles, role) {
				p.Contributors[i].Roles = append(p.Contributors[i].Roles, role)
			}
			return
		}
		byName[c.Name] = len(p.Contributors)
		from = append(from, path)
		p.Contributors = append(p.Contributors, Contributor{Name: c.Name, Mbox: c.Email, ContributorIDs: nameIDs(c.NameIdentifiers),
			Roles: []string{role}, Affiliations: affs(c.Affiliations)})
	}
	for i, c := range r.Contributors {
		if i != contact {
			addContributor("contributors["+strconv.Itoa(i)+"]", c.Creator, string(c.ContributorType))
		}
	}
	isPlan := r.ResourceType.General == fair.ResourceTypeOutputManagementPlan
	for i, c := range r.Creators {
		if _, ok := byName[c.Name]; !ok && isPlan && (who == nil || c.Name != who.Name) {
			addContributor("creators["+strconv.Itoa(i)+"]", c, string(fair.ContributorOther))
		}
	}
	for i, c := range p.Contributors {
		noteAffiliationIDs(c.Affiliations, from[i], "dmp.contributor["+strconv.Itoa(i)+"]", &notes)
	}
	if len(r.FundingReferences) > 0 {
		pr := Project{Title: title}
		for i, f := range r.FundingReferences {
			fu := Funding{FunderID: ID{Identifier: f.FunderIdentifier, Type: funderType(f.FunderIdentifierType)}}
			if f.AwardURI != "" {
				fu.GrantID = ID{Identifier: f.AwardURI, Type: "url"}
			} else if f.AwardNumber != "" {
				fu.GrantID = ID{Identifier: f.AwardNumber, Type: "other"}
			}
			if f.FunderName != "" {
				fu.Extra.Set("funder_name", quoteJSON(f.FunderName))
				notes.Add("fundingReferences["+strconv.Itoa(i)+"].funderName", f.FunderName, "the funder's name has no member in 1.2: kept as funder_name")
			}
			pr.Funding = append(pr.Funding, fu)
		}
		p.Projects = []Project{pr}
	}
	related := func(rels []fair.RelatedIdentifier, skip fair.RelationType) []RelatedIdentifier {
		var out []RelatedIdentifier
		for _, rel := range rels {
			if rel.RelationType == skip {
				continue
			}
			out = append(out, RelatedIdentifier{Identifier: rel.Identifier, Type: strings.ToLower(string(rel.IdentifierType)),
				RelationType: string(rel.RelationType), ResourceType: string(rel.ResourceTypeGeneral),
				MetadataScheme: rel.RelatedMetadataScheme, SchemeType: rel.SchemeType, SchemeURI: rel.SchemeURI})
		}
		return out
	}
	if r.ResourceType.General == fair.ResourceTypeOutputManagementPlan {
		p.Title, p.Description = title, desc
		if r.Identifier.Value != "" {
			p.DMPID = ID{Identifier: "https://doi.org/" + r.Identifier.Value, Type: "doi"}
		}
		p.RelatedIdentifiers = related(r.RelatedIdentifiers, "")
		p.Datasets = []Dataset{}
		notes.Add("relatedIdentifiers", "", "a plan record lists its datasets only as related identifiers: no maDMP dataset written")
		return doc, notes
	}
	p.Title = "Data management plan: " + title
	ds := Dataset{Title: title, Description: desc, Type: r.ResourceType.Type, Language: lang, Keywords: r.Keywords,
		PersonalData: "unknown", SensitiveData: "unknown"}
	notes.Add("", "unknown", "a record does not say whether it holds personal or sensitive data: maDMP's personal_data and sensitive_data written as unknown")
	if ds.Type == "" {
		ds.Type = string(r.ResourceType.General)
	}
	for _, s := range r.Subjects {
		if !contains(ds.Keywords, s.Subject) {
			ds.Keywords = append(ds.Keywords, s.Subject)
		}
	}
	if r.Identifier.Value != "" {
		ds.DatasetID = ID{Identifier: "https://doi.org/" + r.Identifier.Value, Type: "doi"}
		p.DMPID = ID{Identifier: "https://doi.org/" + r.Identifier.Value, Type: "doi"}
		notes.Add("identifier.value", r.Identifier.Value, "the plan has no identifier of its own: the dataset's DOI stands in")
	}
	if t, _, err := ParseDate(issued); err == nil {
		ds.Issued = t.Format(time.DateOnly)
	}
	for i, c := range r.Creators {
		ds.Creators = append(ds.Creators, Creator{Name: c.Name, Mbox: c.Email, CreatorIDs: nameIDs(c.NameIdentifiers), Affiliations: affs(c.Affiliations)})
		cp, dp := "creators["+strconv.Itoa(i)+"]", "dmp.dataset[0].creator["+strconv.Itoa(i)+"]"
		if len(ds.Creators[i].CreatorIDs) == 0 {
			notes.Add(cp+".nameIdentifiers", c.Name, "the creator has no identifier such as an ORCID (the standard requires "+dp+".creator_id)")
		}
		noteAffiliationIDs(ds.Creators[i].Affiliations, cp, dp, &notes)
	}
	access := map[fair.AccessRights]string{fair.AccessOpen: "open", fair.AccessEmbargoed: "open", fair.AccessRestricted: "shared", fair.AccessMetadata: "closed"}[r.AccessRights]
	if access == "" {
		access = "open"
		notes.Add("accessRights", string(r.AccessRights), "no COAR access rights: data_access written as open")
	}
	start := issued
	if r.AccessRights == fair.AccessEmbargoed && available != "" {
		start = available
	}
	if t, _, err := ParseDate(start); err == nil {
		start = t.Format(time.DateOnly) // a licence's start_date is a date, whatever precision the record has
	}
	var licences []License
	for k, rt := range r.Rights {
		ref := rt.URI
		if ref == "" && rt.IdentifierScheme == "SPDX" && rt.Identifier != "" {
			ref = "https://spdx.org/licenses/" + rt.Identifier + ".html"
		}
		if ref == "" {
			ds.Rights = rt.Rights
			continue
		}
		if start == "" {
			notes.Add("rights["+strconv.Itoa(k)+"]", ref, "the record has no issue date for the licence's start (the standard requires dmp.dataset[0].distribution[0].license["+strconv.Itoa(len(licences))+"].start_date)")
		}
		licences = append(licences, License{LicenseRef: ref, StartDate: start})
	}
	var host *Host
	if r.Publisher.Name != "" {
		host = &Host{Title: r.Publisher.Name, URL: r.Publisher.Identifier}
		if host.URL == "" {
			host.URL = r.URL
		}
	}
	dists := r.Distributions
	if len(dists) == 0 {
		dists = []fair.Distribution{{Name: title, ContentURL: r.URL}}
	}
	for i, d := range dists {
		dd := Distribution{Title: d.Name, AccessURL: r.URL, DataAccess: access, Host: host, Licenses: licences}
		if dd.Title == "" {
			dd.Title = title
		}
		if d.ContentURL != r.URL {
			dd.DownloadURL = d.ContentURL
		}
		if d.MediaType != "" {
			dd.Formats = []string{d.MediaType}
		} else if i == 0 {
			dd.Formats = r.Formats
		}
		if d.Size > 0 {
			size := d.Size
			dd.ByteSize = &size
		} else if i == 0 {
			for _, s := range r.Sizes {
				var n int64
				if _, err := fmt.Sscanf(s, DataSize, &n); err == nil {
					dd.ByteSize = &n
					break
				}
			}
		}
		ds.Distributions = append(ds.Distributions, dd)
	}
	ds.RelatedIdentifiers = related(r.RelatedIdentifiers, fair.RelIsDocumentedBy)
	p.Datasets = []Dataset{ds}
	for _, u := range []struct {
		set  bool
		what string
	}{
		{len(r.GeoLocations) > 0, "geoLocations"}, {len(r.RelatedItems) > 0, "relatedItems"}, {r.Version != "", "version"},
		{len(r.Variables) > 0, "variables"}, {len(r.References) > 0, "references"},
	} {
		if u.set {
			notes.Add(u.what, "", "no place in maDMP: not written")
		}
	}
	return doc, notes
}

func quoteJSON(s string) []byte {
	var b bytes.Buffer
	quote(&b, s)
	return b.Bytes()
}

func funderType(t fair.FunderIdentifierType) string {
	switch t {
	case fair.FunderCrossrefFunderID:
		return "fundref"
	case fair.FunderROR:
		return "ror"
	case fair.FunderISNI:
		return "isni"
	}
	return "other"
}

func nameIDs(ids []fair.NameIdentifier) []ID {
	var out []ID
	for _, id := range ids {
		out = append(out, ID{Identifier: id.Value, Type: strings.ToLower(string(id.Scheme))})
	}
	return out
}

// noteAffiliationIDs notes each affiliation written without the affiliation_id the standard requires (the name is
// kept: dropping the organisation would lose more than the missing identifier); path is the person's in the record,
// whose affiliations as are, in order, and doc the person's in the plan.
func noteAffiliationIDs(as []Affiliation, path, doc string, notes *Notes) {
	for i, a := range as {
		if a.AffiliationID.Identifier == "" {
			notes.Add(path+".affiliations["+strconv.Itoa(i)+"].identifier", a.Name, "the affiliation has no identifier such as a ROR ID (the standard requires "+doc+".affiliation["+strconv.Itoa(i)+"].affiliation_id): run ror.Enrich first")
		}
	}
}

func affs(as []fair.Affiliation) []Affiliation {
	var out []Affiliation
	for _, a := range as {
		af := Affiliation{Name: a.Name}
		if a.Identifier != "" {
			af.AffiliationID = ID{Identifier: a.Identifier, Type: strings.ToLower(a.IdentifierScheme)}
		}
		out = append(out, af)
	}
	return out
}
