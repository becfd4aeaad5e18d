package software

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/dop2i/fairmeta/fair"
	"go.yaml.in/yaml/v3"
)

// CITATION.cff (Citation File Format 1.2.0) read and write. The crosswalk follows the CodeMeta crosswalk's CFF
// column and what cffconvert does:
//
//	title → main title; abstract → Abstract description; version → Version; date-released → Issued date
//	authors → creators (an entry with "name" is an organisation, otherwise a person: given-names; name-particle,
//	  family-names and name-suffix joined as the family name; orcid, affiliation, email, website, alias)
//	contact → contributors of type ContactPerson
//	doi → the primary identifier; identifiers → the primary DOI when there is no doi, else alternate identifiers
//	  (types DOI, URL, SWHID, or the description for "other")
//	license → SPDX rights; license-url → rights with that URI
//	url → the landing page; repository-code → the code repository; repository → a related URL IsIdenticalTo;
//	  repository-artifact → a distribution (schema.org downloadUrl); commit → the commit
//	keywords → keywords; type → resourceTypeGeneral Software or Dataset
//	references → references (related items); preferred-citation → a related item IsDocumentedBy
//
// When a CFF file gives no url, the landing page is the first of the url identifiers, repository,
// repository-artifact and repository-code (and the code repository falls back to repository), as cffconvert and
// the CodeMeta crosswalk do; the writer leaves such a derived url out again.

// cffMessage is the message written into CITATION.cff files, the schema's default.
const cffMessage = "If you use this software, please cite it using the metadata from this file."

// ReadCFF reads a CITATION.cff file into a record. The file must pass [ValidateCFF] (a file of CFF 1.0.x or 1.1.x
// with cff-version the only problem is read too, with a note on cff-version); otherwise the error is a
// *CFFValidationError listing every problem. Facts the record has no place for (person addresses, aliases,
// identifier descriptions, ...) are returned in notRead beside the record.
func ReadCFF(data []byte) (r *fair.Resource, notRead fair.Notes, err error) {
	doc, err := parseCFF(data)
	if err != nil {
		return nil, nil, err
	}
	var earlier fair.Notes
	if err := validateCFF(doc); err != nil {
		if err = earlierVersion(doc, err, &earlier); err != nil {
			return nil, nil, err
		}
	}
	root := resolve(doc)
	c := &cffReader{}
	r = c.root(root)
	return r, append(earlier, droppedNotes(c.dropped)...), nil
}

// earlierCFF matches the versions before 1.2.0 (1.0.x, 1.1.x), whose files the 1.2.0 rules read: 1.2.0 made
// version and date-released optional and added keys, but kept those of the earlier versions.
var earlierCFF = regexp.MustCompile(`^1\.[01]\.[0-9]+$`)

// earlierVersion returns err unless the only problem it lists is a cff-version before 1.2.0; then it returns nil
// and notes that the file was read by the 1.2.0 rules, so that a CITATION.cff of CFF 1.0.3 or 1.1.0 is read.
func earlierVersion(doc *yaml.Node, err error, notes *fair.Notes) error {
	var ve *CFFValidationError
	if !errors.As(err, &ve) {
		return err
	}
	var version string
	for _, kv := range mapping(resolve(doc)) {
		if kv[0].Value == "cff-version" {
			version = scalar(kv[1])
		}
	}
	if !earlierCFF.MatchString(version) {
		return err
	}
	var rest []CFFProblem
	for _, p := range ve.Problems {
		if p.Path != "cff-version" {
			rest = append(rest, p)
		}
	}
	if len(rest) > 0 {
		return &CFFValidationError{Problems: rest}
	}
	notes.Add("cff-version", version, "an earlier CFF version: the file was read and validated by the CFF 1.2.0 rules")
	return nil
}

type cffReader struct {
	dropped []string
}

// mapping returns the key → value pairs of a mapping node in order.
func mapping(n *yaml.Node) [][2]*yaml.Node {
	n = resolve(n)
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	out := flatPairs(n)
	for i := range out {
		out[i][1] = resolve(out[i][1])
	}
	return out
}

func seq(n *yaml.Node) []*yaml.Node {
	n = resolve(n)
	if n == nil {
		return nil
	}
	if n.Kind == yaml.SequenceNode {
		out := make([]*yaml.Node, len(n.Content))
		for i, c := range n.Content {
			out[i] = resolve(c)
		}
		return out
	}
	return []*yaml.Node{n}
}

func scalar(n *yaml.Node) string {
	if n == nil || n.Kind != yaml.ScalarNode {
		return ""
	}
	return n.Value
}

func (c *cffReader) root(n *yaml.Node) *fair.Resource {
	r := &fair.Resource{ResourceType: fair.ResourceType{General: fair.ResourceTypeSoftware}}
	var urlIDs []string
	var repository, artifact, landing string
	for _, kv := range mapping(n) {
		k, v := kv[0].Value, kv[1]
		switch k {
		case "cff-version", "message": // format boilerplate, not facts of the work
		case "title":
			r.Titles = []fair.Title{{Title: scalar(v)}}
		case "abstract":
			r.Descriptions = append(r.Descriptions, fair.Description{Description: scalar(v), Type: fair.DescriptionAbstract})
		case "version":
			r.Version = scalar(v)
		case "date-released":
			r.Dates = append(r.Dates, fair.Date{Date: scalar(v), Type: fair.DateIssued})
			r.PublicationYear = yearOf(scalar(v))
		case "type":
			if scalar(v) == "dataset" {
				r.ResourceType.General = fair.ResourceTypeDataset
			}
		case "authors":
			for i, a := range seq(v) {
				r.Creators = append(r.Creators, c.person(a, fmt.Sprintf("authors[%d]", i)))
			}
		case "contact":
			for i, a := range seq(v) {
				r.Contributors = append(r.Contributors, fair.Contributor{Creator: c.person(a, fmt.Sprintf("contact[%d]", i)),
					ContributorType: fair.ContributorContactPerson})
			}
		case "doi":
			r.Identifier = fair.Identifier{Value: bareDOI(scalar(v)), Type: "DOI"}
		case "identifiers":
			for i, id := range seq(v) {
				c.identifier(r, id, fmt.Sprintf("identifiers[%d]", i), &urlIDs)
			}
		case "license":
			for _, l := range seq(v) {
				r.Rights = append(r.Rights, spdxRights(scalar(l)))
			}
		case "license-url":
			r.Rights = append(r.Rights, fair.Rights{URI: scalar(v)})
		case "url":
			landing = scalar(v)
		case "repository-code":
			r.Software.CodeRepository = scalar(v)
		case "repository":
			repository = scalar(v)
			r.RelatedIdentifiers = append(r.RelatedIdentifiers, fair.RelatedIdentifier{Identifier: repository,
				IdentifierType: fair.IDTypeURL, RelationType: fair.RelIsIdenticalTo})
		case "repository-artifact":
			artifact = scalar(v)
			r.Distributions = append(r.Distributions, fair.Distribution{ContentURL: artifact})
		case "commit":
			r.Software.Commit = scalar(v)
		case "keywords":
			for _, kw := range seq(v) {
				r.Keywords = append(r.Keywords, scalar(kw))
			}
		case "references":
			for i, ref := range seq(v) {
				r.References = append(r.References, c.reference(ref, fmt.Sprintf("references[%d]", i), fair.RelReferences))
			}
		case "preferred-citation":
			r.RelatedItems = append(r.RelatedItems, c.reference(v, "preferred-citation", fair.RelIsDocumentedBy))
		default:
			c.dropped = append(c.dropped, k)
		}
	}
	// The identifiers' DOI stands for the work when there is no doi key.
	if r.Identifier.Value == "" {
		for i, id := range r.AlternateIdentifiers {
			if id.Type == "DOI" {
				r.Identifier = id
				r.AlternateIdentifiers = append(r.AlternateIdentifiers[:i:i], r.AlternateIdentifiers[i+1:]...)
				break
			}
		}
	}
	// SPDX licences first, then licence URLs, as the writer gives them.
	sort.SliceStable(r.Rights, func(i, j int) bool { return r.Rights[i].Identifier != "" && r.Rights[j].Identifier == "" })
	r.URL = landing
	if r.URL == "" {
		// cffconvert's order: a repository that is not also the code repository comes before the artifact.
		var early string
		if r.Software.CodeRepository != "" {
			early = repository
		}
		for _, u := range append(urlIDs, early, artifact, repository, r.Software.CodeRepository) {
			if u != "" {
				r.URL = u
				break
			}
		}
	}
	if r.Software.CodeRepository == "" {
		r.Software.CodeRepository = repository
	}
	return r
}

func (c *cffReader) identifier(r *fair.Resource, n *yaml.Node, path string, urlIDs *[]string) {
	var typ, val, desc string
	for _, kv := range mapping(n) {
		switch kv[0].Value {
		case "type":
			typ = scalar(kv[1])
		case "value":
			val = scalar(kv[1])
		case "description":
			desc = scalar(kv[1])
		}
	}
	id := fair.Identifier{Value: val}
	switch typ {
	case "doi":
		id = fair.Identifier{Value: bareDOI(val), Type: "DOI"}
		if id.Value == r.Identifier.Value {
			return // the same DOI as the doi key
		}
	case "url":
		id.Type = fair.Scheme(fair.IDTypeURL)
		*urlIDs = append(*urlIDs, val)
	case "swh":
		id.Type = fair.Scheme(fair.IDTypeSWHID)
	default:
		id.Type = "other"
		if desc != "" {
			id.Type, desc = fair.Scheme(desc), ""
		}
	}
	if desc != "" {
		c.dropped = append(c.dropped, path+".description")
	}
	for _, x := range r.AlternateIdentifiers {
		if x == id {
			return
		}
	}
	r.AlternateIdentifiers = append(r.AlternateIdentifiers, id)
}

// person reads a CFF person or entity.
func (c *cffReader) person(n *yaml.Node, path string) fair.Creator {
	var cr fair.Creator
	var given, particle, family, suffix string
	entity := false
	for _, kv := range mapping(n) {
		k, v := kv[0].Value, scalar(kv[1])
		switch k {
		case "name":
			cr.Name, entity = v, true
		case "given-names":
			given = v
		case "family-names":
			family = v
		case "name-particle":
			particle = v
		case "name-suffix":
			suffix = v
		case "orcid":
			cr.NameIdentifiers = append(cr.NameIdentifiers, orcidIdentifier(v))
		case "affiliation":
			cr.Affiliations = append(cr.Affiliations, fair.Affiliation{Name: v})
		case "email":
			cr.Email = v
		case "website":
			cr.Website = v
		case "alias":
			cr.Alias = v
		default: // address, city, country, region, post-code, tel, fax, location, date-start, date-end
			c.dropped = append(c.dropped, path+"."+k)
		}
	}
	if entity {
		cr.NameType = fair.NameOrganizational
		return cr
	}
	cr.NameType = fair.NamePersonal
	cr.GivenName = given
	cr.FamilyName = strings.Join(nonEmpty(particle, family, suffix), " ")
	cr.Name = personName(cr.GivenName, cr.FamilyName)
	return cr
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

// cffReferenceTypes maps CFF reference types to DataCite resourceTypeGeneral; unlisted types are Other.
var cffReferenceTypeMap = map[string]fair.ResourceTypeGeneral{
	"article": fair.ResourceTypeJournalArticle, "magazine-article": fair.ResourceTypeText, "newspaper-article": fair.ResourceTypeText,
	"audiovisual": fair.ResourceTypeAudiovisual, "film-broadcast": fair.ResourceTypeAudiovisual, "video": fair.ResourceTypeAudiovisual,
	"book": fair.ResourceTypeBook, "edited-work": fair.ResourceTypeBook, "conference-paper": fair.ResourceTypeConferencePaper,
	"proceedings": fair.ResourceTypeConferenceProceeding, "conference": fair.ResourceTypeEvent, "data": fair.ResourceTypeDataset,
	"database": fair.ResourceTypeDataset, "report": fair.ResourceTypeReport, "thesis": fair.ResourceTypeDissertation,
	"software": fair.ResourceTypeSoftware, "software-code": fair.ResourceTypeSoftware, "software-container": fair.ResourceTypeSoftware,
	"software-executable": fair.ResourceTypeSoftware, "software-virtual-machine": fair.ResourceTypeSoftware,
	"standard": fair.ResourceTypeStandard, "art": fair.ResourceTypeImage, "map": fair.ResourceTypeImage,
	"sound-recording": fair.ResourceTypeSound, "music": fair.ResourceTypeSound, "serial": fair.ResourceTypeJournal,
	"slides": fair.ResourceTypePresentation, "grant": fair.ResourceTypeAward, "website": fair.ResourceTypeInteractiveResource,
	"blog": fair.ResourceTypeText, "manual": fair.ResourceTypeText, "pamphlet": fair.ResourceTypeText, "generic": fair.ResourceTypeText,
	"unpublished": fair.ResourceTypeText, "dictionary": fair.ResourceTypeBook, "encyclopedia": fair.ResourceTypeBook,
}

// reference reads a CFF reference into a related item: type, authors (names), title, year, DOI or URL, journal,
// volume, issue, pages, publisher, edition; other keys are listed as dropped.
func (c *cffReader) reference(n *yaml.Node, path string, rel fair.RelationType) fair.RelatedItem {
	it := fair.RelatedItem{RelationType: rel, Type: fair.ResourceTypeOther}
	var cffType, url, journal string
	for _, kv := range mapping(n) {
		k, v := kv[0].Value, kv[1]
		switch k {
		case "type":
			cffType = scalar(v)
			if t, ok := cffReferenceTypeMap[cffType]; ok {
				it.Type = t
			}
		case "authors":
			for i, a := range seq(v) {
				it.Creators = append(it.Creators, c.person(a, fmt.Sprintf("%s.authors[%d]", path, i)))
			}
		case "title":
			it.Titles = []fair.Title{{Title: scalar(v)}}
		case "year":
			it.PublicationYear, _ = strconv.Atoi(scalar(v))
		case "doi":
			it.Identifier = fair.RelatedItemIdentifier{Identifier: bareDOI(scalar(v)), Type: fair.IDTypeDOI}
		case "url":
			url = scalar(v)
		case "journal":
			journal = scalar(v)
		case "volume":
			it.Volume = scalar(v)
		case "issue":
			it.Issue = scalar(v)
		case "start":
			it.FirstPage = scalar(v)
		case "end":
			it.LastPage = scalar(v)
		case "pages":
			if first, last, ok := strings.Cut(scalar(v), "-"); ok {
				it.FirstPage, it.LastPage = strings.TrimSpace(first), strings.TrimSpace(last)
			} else {
				it.FirstPage = scalar(v)
			}
		case "publisher":
			for _, kv := range mapping(v) {
				if kv[0].Value == "name" {
					it.Publisher = scalar(kv[1])
				}
			}
		case "edition", "version":
			it.Edition = scalar(v)
		default:
			c.dropped = append(c.dropped, path+"."+k)
		}
	}
	if it.Identifier.Identifier == "" && url != "" {
		it.Identifier = fair.RelatedItemIdentifier{Identifier: url, Type: fair.IDTypeURL}
	} else if url != "" {
		c.dropped = append(c.dropped, path+".url")
	}
	if journal != "" {
		if it.Publisher == "" && it.Type == fair.ResourceTypeJournalArticle {
			it.Publisher = journal
		} else {
			c.dropped = append(c.dropped, path+".journal")
		}
	}
	return it
}

// cffDoc is a CITATION.cff file in the key order the format's guide uses.
type cffDoc struct {
	CFFVersion         string      `yaml:"cff-version"`
	Message            string      `yaml:"message"`
	Type               string      `yaml:"type,omitempty"`
	Title              string      `yaml:"title"`
	Version            string      `yaml:"version,omitempty"`
	Abstract           string      `yaml:"abstract,omitempty"`
	Authors            []cffPerson `yaml:"authors"`
	Contact            []cffPerson `yaml:"contact,omitempty"`
	DOI                string      `yaml:"doi,omitempty"`
	Identifiers        []cffID     `yaml:"identifiers,omitempty"`
	DateReleased       string      `yaml:"date-released,omitempty"`
	License            any         `yaml:"license,omitempty"`
	LicenseURL         string      `yaml:"license-url,omitempty"`
	URL                string      `yaml:"url,omitempty"`
	Repository         string      `yaml:"repository,omitempty"`
	RepositoryCode     string      `yaml:"repository-code,omitempty"`
	RepositoryArtifact string      `yaml:"repository-artifact,omitempty"`
	Commit             string      `yaml:"commit,omitempty"`
	Keywords           []string    `yaml:"keywords,omitempty"`
	PreferredCitation  *cffRef     `yaml:"preferred-citation,omitempty"`
	References         []cffRef    `yaml:"references,omitempty"`
}

type cffPerson struct {
	Name        string `yaml:"name,omitempty"`
	GivenNames  string `yaml:"given-names,omitempty"`
	FamilyNames string `yaml:"family-names,omitempty"`
	Email       string `yaml:"email,omitempty"`
	Affiliation string `yaml:"affiliation,omitempty"`
	ORCID       string `yaml:"orcid,omitempty"`
	Website     string `yaml:"website,omitempty"`
	Alias       string `yaml:"alias,omitempty"`
}

type cffID struct {
	Type        string `yaml:"type"`
	Value       string `yaml:"value"`
	Description string `yaml:"description,omitempty"`
}

type cffRef struct {
	Type      string      `yaml:"type"`
	Title     string      `yaml:"title"`
	Authors   []cffPerson `yaml:"authors"`
	Year      int         `yaml:"year,omitempty"`
	DOI       string      `yaml:"doi,omitempty"`
	URL       string      `yaml:"url,omitempty"`
	Journal   string      `yaml:"journal,omitempty"`
	Volume    string      `yaml:"volume,omitempty"`
	Issue     string      `yaml:"issue,omitempty"`
	Start     string      `yaml:"start,omitempty"`
	End       string      `yaml:"end,omitempty"`
	Publisher *cffPerson  `yaml:"publisher,omitempty"`
	Edition   string      `yaml:"edition,omitempty"`
}

func cffPersonOf(c fair.Creator) cffPerson {
	p := cffPerson{Email: c.Email, Website: c.Website, ORCID: orcidOf(c), Alias: c.Alias}
	if isPerson(c) {
		p.GivenNames, p.FamilyNames = nameParts(c)
		if p.GivenNames == "" && p.FamilyNames == "" {
			p.FamilyNames = c.Name
		}
		if len(c.Affiliations) > 0 {
			p.Affiliation = c.Affiliations[0].Name
		}
	} else {
		p.Name = c.Name
	}
	return p
}

// cffReferenceType returns the CFF type of a related item's resourceTypeGeneral.
func cffReferenceType(t fair.ResourceTypeGeneral) string {
	best := ""
	for k, v := range cffReferenceTypeMap {
		if v == t && (best == "" || len(k) < len(best) || len(k) == len(best) && k < best) {
			best = k
		}
	}
	if best == "" {
		return "generic"
	}
	return best
}

func cffRefOf(it fair.RelatedItem) *cffRef {
	ref := &cffRef{Type: cffReferenceType(it.Type), Year: it.PublicationYear, Volume: it.Volume, Issue: it.Issue,
		Start: it.FirstPage, End: it.LastPage, Edition: it.Edition}
	if it.Type == fair.ResourceTypeSoftware {
		ref.Type = "software"
	}
	if len(it.Titles) > 0 {
		ref.Title = it.Titles[0].Title
	}
	for _, c := range it.Creators {
		ref.Authors = append(ref.Authors, cffPersonOf(c))
	}
	if len(ref.Authors) == 0 {
		ref.Authors = []cffPerson{{Name: "anonymous"}} // CFF requires authors; this is its convention for none
	}
	switch it.Identifier.Type {
	case fair.IDTypeDOI:
		ref.DOI = it.Identifier.Identifier
	case fair.IDTypeURL:
		ref.URL = it.Identifier.Identifier
	}
	if it.Publisher != "" {
		if it.Type == fair.ResourceTypeJournalArticle {
			ref.Journal = it.Publisher
		} else {
			ref.Publisher = &cffPerson{Name: it.Publisher}
		}
	}
	return ref
}

// WriteCFF writes r as a CITATION.cff 1.2.0 file and checks the result with [ValidateCFF]: a record without a
// title or creators, or with other values CFF does not allow, gives a *CFFValidationError. Licences that are not
// SPDX identifiers (DataCite's lower-case "cc-by-4.0" is canonicalised; another is written as license-url when the
// rights entry has a URL), URLs, DOIs, ORCID iDs and release dates of a form CFF refuses, and references without
// a title, are left out with a note. notWritten is
// [NotWritten]("cff", r) and those notes.
func WriteCFF(w io.Writer, r *fair.Resource) (notWritten fair.Notes, err error) {
	if err := checkWrite("WriteCFF", w, r); err != nil {
		return nil, err
	}
	dropped, err := writeCFF(w, r)
	if err != nil {
		return nil, err
	}
	return append(NotWritten("cff", r), dropped...), nil
}

func writeCFF(w io.Writer, r *fair.Resource) (dropped fair.Notes, err error) {
	d := cffDoc{CFFVersion: "1.2.0", Message: cffMessage, Title: r.MainTitle(), Version: r.Version,
		Abstract: descriptionText(r), Commit: r.Software.Commit, Keywords: r.Keywords}
	if r.ResourceType.General == fair.ResourceTypeDataset {
		d.Type = "dataset"
		d.Message = strings.Replace(cffMessage, "software", "dataset", 1)
	}
	// An ORCID iD CFF's pattern refuses (a bad check digit, another form) is left out with a note.
	person := func(path string, c fair.Creator) cffPerson {
		p := cffPersonOf(c)
		if p.ORCID != "" && !cffDefs["orcid"].pattern.MatchString(p.ORCID) {
			dropped.Add(path+".nameIdentifiers", p.ORCID, "not an ORCID iD of the form CFF takes")
			p.ORCID = ""
		}
		return p
	}
	for i, c := range r.Creators {
		d.Authors = append(d.Authors, person(fmt.Sprintf("creators[%d]", i), c))
	}
	for i, c := range r.Contributors {
		if c.ContributorType == fair.ContributorContactPerson {
			d.Contact = append(d.Contact, person(fmt.Sprintf("contributors[%d]", i), c.Creator))
		}
	}
	if v := r.DOI(); v != "" {
		d.DOI = bareDOI(v)
		if d.DOI == "" {
			d.DOI = v
		}
	}
	written := map[string]bool{}
	for _, id := range r.AlternateIdentifiers {
		cid := cffID{Value: id.Value}
		switch strings.ToUpper(string(id.Type)) {
		case "DOI":
			cid.Type, cid.Value = "doi", bareDOI(id.Value)
		case "URL":
			cid.Type = "url"
			written[id.Value] = true
		case "SWHID":
			cid.Type = "swh"
		default:
			cid.Type = "other"
			if id.Type != "other" {
				cid.Description = string(id.Type)
			}
		}
		if cid.Value != "" {
			d.Identifiers = append(d.Identifiers, cid)
		}
	}
	if t := dateOf(r, fair.DateIssued); len(t) >= 10 {
		d.DateReleased = t[:10]
		if !cffDefs["date"].pattern.MatchString(d.DateReleased) {
			i := slices.IndexFunc(r.Dates, func(x fair.Date) bool { return x.Type == fair.DateIssued })
			dropped.Add(fmt.Sprintf("dates[%d]", i), t, "CFF's date-released is a date YYYY-MM-DD")
			d.DateReleased = ""
		}
	}
	ids, uris := spdxOf(r)
	// CFF takes only SPDX identifiers (DataCite's lower-case ones are canonicalised) and URLs of a few schemes;
	// a value it refuses is left out with a note rather than making the file invalid.
	var spdx []string
	for _, id := range ids {
		if c, ok := spdxCanonical(id); ok {
			spdx = appendUnique(spdx, c)
			continue
		}
		i := slices.IndexFunc(r.Rights, func(rt fair.Rights) bool { return rt.Identifier == id })
		if u := r.Rights[i].URI; cffURL(u) && len(uris) == 0 {
			uris = append(uris, u)
			continue
		}
		dropped.Add(fmt.Sprintf("rights[%d].identifier", i), id, "not an SPDX licence identifier, the only licences CFF takes")
	}
	ids = spdx
	for len(uris) > 0 && !cffURL(uris[0]) {
		i := slices.IndexFunc(r.Rights, func(rt fair.Rights) bool { return rt.URI == uris[0] })
		dropped.Add(fmt.Sprintf("rights[%d].uri", i), uris[0], "CFF's license-url takes an http(s) or (s)ftp URL")
		uris = uris[1:]
	}
	switch len(ids) {
	case 0:
	case 1:
		d.License = ids[0]
	default:
		d.License = ids
	}
	if len(uris) > 0 {
		d.LicenseURL = uris[0]
	}
	d.Repository = relatedURL(r, fair.RelIsIdenticalTo)
	if len(r.Distributions) > 0 {
		d.RepositoryArtifact = r.Distributions[0].ContentURL
	}
	if r.Software.CodeRepository != d.Repository {
		d.RepositoryCode = r.Software.CodeRepository
	}
	for _, u := range []struct {
		v    *string
		path string
	}{{&d.Repository, fmt.Sprintf("relatedIdentifiers[%d].identifier", slices.IndexFunc(r.RelatedIdentifiers, func(ri fair.RelatedIdentifier) bool {
		return ri.RelationType == fair.RelIsIdenticalTo && ri.IdentifierType == fair.IDTypeURL
	}))}, {&d.RepositoryArtifact, "distributions[0].contentURL"}, {&d.RepositoryCode, "software.codeRepository"}} {
		if *u.v != "" && !cffURL(*u.v) {
			dropped.Add(u.path, *u.v, "CFF takes an http(s) or (s)ftp URL here")
			*u.v = ""
		}
	}
	written[d.Repository], written[d.RepositoryArtifact], written[r.Software.CodeRepository] = true, true, true
	if !written[r.URL] {
		d.URL = r.URL
		if d.URL != "" && !cffURL(d.URL) {
			dropped.Add("url", d.URL, "CFF takes an http(s) or (s)ftp URL here")
			d.URL = ""
		}
	}
	for i, it := range r.References {
		ref := cffRefOf(it)
		if ref.Title == "" {
			dropped.Add(fmt.Sprintf("references[%d]", i), "", "a CFF reference needs a title; this one has none and is not written")
			continue
		}
		if ref.DOI != "" && !cffDefs["doi"].pattern.MatchString(ref.DOI) {
			dropped.Add(fmt.Sprintf("references[%d].identifier", i), ref.DOI, "not a DOI of the form CFF takes")
			ref.DOI = ""
		}
		if ref.URL != "" && !cffURL(ref.URL) {
			dropped.Add(fmt.Sprintf("references[%d].identifier", i), ref.URL, "CFF takes an http(s) or (s)ftp URL here")
			ref.URL = ""
		}
		d.References = append(d.References, *ref)
	}
	for _, it := range r.RelatedItems {
		if it.RelationType == fair.RelIsDocumentedBy && d.PreferredCitation == nil {
			d.PreferredCitation = cffRefOf(it)
		}
	}
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(&d); err != nil {
		return nil, fmt.Errorf("software: writing CFF: %w", err)
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("software: writing CFF: %w", err)
	}
	if err := ValidateCFF(buf.Bytes()); err != nil {
		return nil, err
	}
	_, err = w.Write(buf.Bytes())
	return dropped, err
}

// cffURL reports whether CFF's url pattern takes u.
func cffURL(u string) bool { return cffDefs["url"].pattern.MatchString(u) }
