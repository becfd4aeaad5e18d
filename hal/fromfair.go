package hal

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/dop2i/fairmeta/fair"
)

// Writer turns fair.Resources into HAL deposits (AOfr TEI), resolving each author's affiliations to HAL structures:
// first the structure numbers the record carries, then the ROR ID through the Resolver, then, when a laboratory
// has no structure, its ROR parents. An affiliation that cannot be resolved is kept in the deposit as a new named
// structure (HAL creates it as INCOMING) and reported for the cataloguer. The zero value resolves only what the
// record carries. A Writer is safe for concurrent use when its Resolver and RORParents are.
type Writer struct {
	// Resolver finds HAL structures by ROR ID; nil resolves only the structure numbers the record carries.
	Resolver Resolver
	// Parents gives the ROR parents of a laboratory that has no structure; nil does not walk up.
	Parents RORParents
	// AffiliateToParent, when a laboratory has no structure but a parent has, affiliates the author to the
	// parent's structure directly instead of depositing the laboratory as a new structure under it.
	AffiliateToParent bool
	// MaxParentSteps is how far up the ROR hierarchy the walk goes (default 2: laboratory → university → ...).
	MaxParentSteps int
}

// Resolution says how one affiliation of one author was resolved.
type Resolution struct {
	Path        string // the affiliation in the record, e.g. "creators[3].affiliations[0]"
	Name        string // the organisation as the record names it
	ROR         string // its ROR ID, when known
	Structure   string // the structure the author is affiliated with in the deposit ("struct-1252", "localStruct-2")
	Via         string // how: "record" (a HAL structure number the record carries), "ror", "parent", "new"
	ParentOf    string // for "parent": the structure of the parent organisation used
	Candidates  int    // how many structures carried the ROR ID (more than one VALID is ambiguous)
	Description string // what the cataloguer should know
}

// Deposit is a document ready for deposit with the report on it.
type Deposit struct {
	Document    *Document
	Resolutions []Resolution
	// Notes are what the deposit does not hold of the record, and the values the writer chose that a cataloguer
	// must confirm (HAL's coded metadata given their usual values, the language, the domains).
	Notes fair.Notes
}

// Document converts a record into a HAL deposit. A nil w is the zero Writer.
func (w *Writer) Document(ctx context.Context, r *fair.Resource) (*Deposit, error) {
	if r == nil {
		return nil, errors.New("hal: Document: nil record")
	}
	if w == nil {
		w = &Writer{}
	}
	c := &fromFair{w: w, r: r, d: &Document{}, ctx: ctx, local: map[string]string{}}
	if err := c.convert(); err != nil {
		return nil, err
	}
	return &Deposit{Document: c.d, Resolutions: c.res, Notes: c.notes}, nil
}

type fromFair struct {
	w     *Writer
	r     *fair.Resource
	d     *Document
	ctx   context.Context
	notes fair.Notes
	res   []Resolution
	local map[string]string // key of a new structure → its local ID
	known map[string]bool   // structure IDs already in d.Structures
}

func (c *fromFair) note(path, value, reason string) {
	c.notes = append(c.notes, fair.Note{Path: path, Value: value, Reason: reason})
}

func (c *fromFair) convert() error {
	r, d := c.r, c.d
	t, exact := docTypeFor(r.ResourceType)
	d.Type, d.TypeLabel = t.code, ""
	if !exact && r.ResourceType.General != fair.ResourceTypeOther {
		c.note("resourceType", string(r.ResourceType.General), "HAL has no document type for it; deposited as OTHER with a description")
	}
	d.Language = langCode(r.Language)
	if d.Language == "" {
		d.Language = "en"
		c.note("language", "en", "no language given; English assumed (cataloguer: check)")
	}
	c.titles()
	if err := c.authors(); err != nil {
		return err
	}
	c.identifiers()
	c.host()
	c.subjects()
	c.metadata(exact)
	for i, rt := range r.Rights {
		if i == 0 {
			d.Licence = Licence{Target: rt.URI, Text: rt.Rights}
			continue
		}
		c.note(fmt.Sprintf("rights[%d]", i), rt.Rights, "HAL holds one licence")
	}
	for i, f := range r.FundingReferences {
		text := strings.TrimSpace(strings.Join(nonEmpty(f.FunderName, f.AwardNumber, f.AwardTitle), ", "))
		d.Funders = append(d.Funders, Funder{Text: text})
		if f.AwardNumber != "" {
			c.note(fmt.Sprintf("fundingReferences[%d]", i), text, "funding written as text; link the project in AuréHAL (ANR, European projects)")
		}
	}
	if n := len(r.Distributions); n > 0 {
		c.note("distributions", fmt.Sprint(n), "files are not written: attach them to the SWORD deposit")
	}
	if len(r.References) > 0 {
		c.note("references", fmt.Sprint(len(r.References)), "HAL TEI has no place for the works cited")
	}
	return nil
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			out = append(out, strings.TrimSpace(s))
		}
	}
	return out
}

// langCode returns the ISO 639-1 part of a BCP 47 tag.
func langCode(tag string) string {
	tag = strings.ToLower(strings.TrimSpace(tag))
	if i := strings.IndexAny(tag, "-_"); i > 0 {
		tag = tag[:i]
	}
	return tag
}

func (c *fromFair) titles() {
	for i, t := range c.r.Titles {
		switch t.Type {
		case "", fair.TitleTranslatedTitle:
			c.d.Titles = append(c.d.Titles, Title{Text: t.Title, Lang: langCode(t.Lang)})
		case fair.TitleSubtitle:
			c.d.Titles = append(c.d.Titles, Title{Text: t.Title, Lang: langCode(t.Lang), Sub: true})
		default:
			c.note(fmt.Sprintf("titles[%d]", i), t.Title, fmt.Sprintf("HAL has no place for a title of type %s", t.Type))
		}
	}
	// A title without a language is in the document's language.
	for i := range c.d.Titles {
		if c.d.Titles[i].Lang == "" {
			c.d.Titles[i].Lang = c.d.Language
		}
	}
}

// splitName gives the forenames and surname of a person: its given and family names, or its name read as
// "Family, Given" or "Given Family".
func splitName(cr fair.Creator) (forenames []string, surname string) {
	given, family := cr.GivenName, cr.FamilyName
	if family == "" {
		if f, g, ok := strings.Cut(cr.Name, ","); ok {
			family, given = strings.TrimSpace(f), strings.TrimSpace(g)
		} else if i := strings.LastIndexByte(strings.TrimSpace(cr.Name), ' '); i > 0 {
			n := strings.TrimSpace(cr.Name)
			given, family = n[:i], n[i+1:]
		} else {
			family = strings.TrimSpace(cr.Name)
		}
	}
	if given != "" {
		forenames = []string{given}
	}
	return forenames, family
}

func isPerson(cr fair.Creator) bool {
	return cr.NameType == fair.NamePersonal || cr.NameType == "" && (cr.GivenName != "" || cr.FamilyName != "" || strings.Contains(cr.Name, ","))
}

func sameCreator(a, b fair.Creator) bool {
	return a.Name == b.Name && a.GivenName == b.GivenName && a.FamilyName == b.FamilyName
}

func (c *fromFair) authors() error {
	r, d := c.r, c.d
	contact := func(cr fair.Creator) bool {
		for _, ct := range r.Contributors {
			if ct.ContributorType == fair.ContributorContactPerson && sameCreator(ct.Creator, cr) {
				return true
			}
		}
		return false
	}
	for i, cr := range r.Creators {
		path := fmt.Sprintf("creators[%d]", i)
		if !isPerson(cr) {
			d.Collaborations = append(d.Collaborations, cr.Name)
			continue
		}
		role := "aut"
		if contact(cr) {
			role = "crp"
		}
		a, err := c.author(path, cr, role)
		if err != nil {
			return err
		}
		d.Authors = append(d.Authors, a)
	}
	thesis := d.Type == "THESE" || d.Type == "HDR" || d.Type == "MEM"
	for i, ct := range r.Contributors {
		path := fmt.Sprintf("contributors[%d]", i)
		switch {
		case ct.ContributorType == fair.ContributorContactPerson:
			matched := false
			for _, cr := range r.Creators {
				matched = matched || sameCreator(cr, ct.Creator)
			}
			if !matched {
				c.note(path, ct.Name, "a contact person who is not an author has no place in HAL")
			}
		case ct.ContributorType == fair.ContributorSupervisor && (thesis || ct.GivenName == "" && ct.FamilyName == ""):
			d.Host.Authorities = append(d.Host.Authorities, Authority{Type: "supervisor", Value: displayName(ct.Creator)})
		case ct.ContributorType == fair.ContributorHostingInstitution && thesis:
			d.Host.Authorities = append(d.Host.Authorities, Authority{Type: "institution", Value: ct.Name})
		case ct.ContributorType == fair.ContributorEditor && ct.GivenName == "" && ct.FamilyName == "":
			d.Host.Editors = append(d.Host.Editors, ct.Name)
		default:
			role, ok := roleOfContributorType(ct.ContributorType)
			if !ok || !isPerson(ct.Creator) {
				c.note(path, ct.Name, fmt.Sprintf("HAL has no role for a contributor of type %s", ct.ContributorType))
				continue
			}
			a, err := c.author(path, ct.Creator, role)
			if err != nil {
				return err
			}
			d.Authors = append(d.Authors, a)
		}
	}
	if len(d.Authors) == 0 {
		c.note("creators", "", "no person author: HAL requires at least one")
	}
	return nil
}

// displayName is "Given Family" for a person.
func displayName(cr fair.Creator) string {
	f, s := splitName(cr)
	return strings.TrimSpace(strings.Join(f, " ") + " " + s)
}

func (c *fromFair) author(path string, cr fair.Creator, role string) (Author, error) {
	a := Author{Role: role, Email: cr.Email}
	a.Forenames, a.Surname = splitName(cr)
	if len(a.Forenames) == 0 {
		c.note(path, cr.Name, "no given name: HAL asks for one (cataloguer: complete it)")
	}
	for j, id := range cr.NameIdentifiers {
		typ, notation := teiOfPersonScheme(string(id.Scheme))
		if typ == "" {
			c.note(fmt.Sprintf("%s.nameIdentifiers[%d]", path, j), id.Value, fmt.Sprintf("HAL has no author identifier of scheme %s", id.Scheme))
			continue
		}
		a.Idnos = append(a.Idnos, Idno{Type: typ, Value: id.Value, Notation: notation})
	}
	for j, af := range cr.Affiliations {
		ref, err := c.resolve(fmt.Sprintf("%s.affiliations[%d]", path, j), af)
		if err != nil {
			return a, err
		}
		if ref != "" {
			a.Affiliations = append(a.Affiliations, ref)
		}
	}
	if len(cr.Affiliations) == 0 {
		for j, raw := range cr.RawAffiliations {
			ref, err := c.resolve(fmt.Sprintf("%s.rawAffiliations[%d]", path, j), fair.Affiliation{Name: raw})
			if err != nil {
				return a, err
			}
			if ref != "" {
				a.Affiliations = append(a.Affiliations, ref)
			}
		}
	}
	return a, nil
}

// rorOf is the ROR ID of an affiliation, in URL form, or "".
func rorOf(af fair.Affiliation) string {
	if strings.EqualFold(af.IdentifierScheme, "ROR") || strings.Contains(af.Identifier, "ror.org/") {
		if p, err := fair.ParseROR(af.Identifier); err == nil {
			return p.URL
		}
	}
	for _, id := range af.OtherIdentifiers {
		if strings.EqualFold(string(id.Scheme), "ROR") {
			if p, err := fair.ParseROR(id.Value); err == nil {
				return p.URL
			}
		}
	}
	return ""
}

// halNumberOf is the HAL structure number an affiliation carries, or "".
func halNumberOf(af fair.Affiliation) string {
	if strings.EqualFold(af.IdentifierScheme, orgSchemeHAL) {
		return strings.TrimPrefix(af.Identifier, "struct-")
	}
	for _, id := range af.OtherIdentifiers {
		if strings.EqualFold(string(id.Scheme), orgSchemeHAL) {
			return strings.TrimPrefix(id.Value, "struct-")
		}
	}
	return ""
}

// addStructure adds a structure to the deposit's listOrg once.
func (c *fromFair) addStructure(s Structure) {
	if c.known == nil {
		c.known = map[string]bool{}
	}
	if c.known[s.ID] {
		return
	}
	c.known[s.ID] = true
	c.d.Structures = append(c.d.Structures, s)
}

// structureOf describes an affiliation as a structure of the deposit: its name and identifiers.
func structureOf(id string, af fair.Affiliation) Structure {
	s := Structure{ID: id, Name: af.Name}
	if ror := rorOf(af); ror != "" {
		s.Idnos = append(s.Idnos, Idno{Type: "ROR", Value: ror})
	}
	for _, oid := range af.OtherIdentifiers {
		if strings.EqualFold(string(oid.Scheme), orgSchemeHAL) || strings.EqualFold(string(oid.Scheme), "ROR") {
			continue
		}
		s.Idnos = append(s.Idnos, Idno{Type: teiOfStructScheme(string(oid.Scheme)), Value: oid.Value})
	}
	if af.Identifier != "" && !strings.EqualFold(af.IdentifierScheme, "ROR") && !strings.EqualFold(af.IdentifierScheme, orgSchemeHAL) && af.IdentifierScheme != "" {
		s.Idnos = append(s.Idnos, Idno{Type: teiOfStructScheme(af.IdentifierScheme), Value: af.Identifier})
	}
	return s
}

// resolve finds the structure of one affiliation and returns the ID the author's affiliation refers to.
func (c *fromFair) resolve(path string, af fair.Affiliation) (string, error) {
	ror := rorOf(af)
	res := Resolution{Path: path, Name: af.Name, ROR: ror}
	// 1. A HAL structure number the record carries.
	if n := halNumberOf(af); n != "" {
		if _, ok := structNumber("struct-" + n); ok {
			id := "struct-" + n
			s := structureOf(id, af)
			c.addStructure(s)
			res.Structure, res.Via = id, "record"
			c.res = append(c.res, res)
			return id, nil
		}
		c.note(path, n, "HAL structure number is not a number; ignored")
	}
	if af.Name == "" && ror == "" {
		c.note(path, "", "affiliation without a name or identifier: not written")
		return "", nil
	}
	// 2. The ROR ID through the resolver.
	if ror != "" && c.w.Resolver != nil {
		ss, err := c.w.Resolver.StructuresByROR(c.ctx, ror)
		if err != nil {
			return "", err
		}
		if s, n, ok := pick(ss); ok {
			res.Structure, res.Via, res.Candidates = s.ID, "ror", n
			if s.Status != "VALID" {
				res.Description = fmt.Sprintf("the structure is %s in HAL", s.Status)
				c.note(path, af.Name, fmt.Sprintf("resolved through its ROR ID to %s, which HAL marks %s (cataloguer: check)", s.ID, s.Status))
			}
			c.addStructure(s)
			c.res = append(c.res, res)
			return s.ID, nil
		} else if n > 1 {
			res.Candidates = n
			res.Description = fmt.Sprintf("%d VALID structures carry this ROR ID", n)
		}
		// 3. Up the ROR hierarchy.
		if c.w.Parents != nil {
			parent, perr := c.walkUp(ror)
			if perr != nil {
				return "", perr
			}
			if parent.ID != "" {
				c.addStructure(parent)
				if c.w.AffiliateToParent {
					res.Structure, res.Via, res.ParentOf = parent.ID, "parent", parent.ID
					res.Description = fmt.Sprintf("no HAL structure; affiliated to its parent %s (%s)", parent.ID, parent.Name)
					c.note(path, af.Name, res.Description+" (cataloguer: the laboratory is not named in the deposit)")
					c.res = append(c.res, res)
					return parent.ID, nil
				}
				id := c.newStructure(af, parent.ID)
				res.Structure, res.Via, res.ParentOf = id, "parent", parent.ID
				res.Description = fmt.Sprintf("no HAL structure; deposited as a new structure under its parent %s (%s)", parent.ID, parent.Name)
				c.note(path, af.Name, res.Description+" (cataloguer: create or align the structure in AuréHAL)")
				c.res = append(c.res, res)
				return id, nil
			}
		}
	}
	// 4. Kept as a named organisation.
	id := c.newStructure(af, "")
	res.Structure, res.Via = id, "new"
	if res.Description == "" {
		res.Description = "no HAL structure found; deposited as a new named structure"
	}
	c.note(path, af.Name, res.Description+" (cataloguer: align it with AuréHAL)")
	c.res = append(c.res, res)
	return id, nil
}

// pick chooses a structure among those carrying a ROR ID: the one VALID structure, or, with none VALID, the first
// INCOMING or OLD one. Several VALID structures are ambiguous: none is chosen and their number is returned.
func pick(ss []Structure) (Structure, int, bool) {
	valid := 0
	for _, s := range ss {
		if s.Status == "VALID" {
			valid++
		}
	}
	switch {
	case valid == 1:
		for _, s := range ss {
			if s.Status == "VALID" {
				return s, 1, true
			}
		}
	case valid > 1:
		return Structure{}, valid, false
	case len(ss) > 0:
		return ss[0], len(ss), true
	}
	return Structure{}, 0, false
}

// walkUp follows ROR parents breadth-first up to MaxParentSteps and returns the first structure found.
func (c *fromFair) walkUp(ror string) (Structure, error) {
	steps := c.w.MaxParentSteps
	if steps <= 0 {
		steps = 2
	}
	seen := map[string]bool{ror: true}
	level := []string{ror}
	for step := 0; step < steps && len(level) > 0; step++ {
		var next []string
		for _, id := range level {
			parents, err := c.w.Parents.ParentsOf(c.ctx, id)
			if err != nil {
				return Structure{}, err
			}
			for _, p := range parents {
				pr, err := fair.ParseROR(p)
				if err != nil || seen[pr.URL] {
					continue
				}
				seen[pr.URL] = true
				ss, err := c.w.Resolver.StructuresByROR(c.ctx, pr.URL)
				if err != nil {
					return Structure{}, err
				}
				if s, _, ok := pick(ss); ok {
					return s, nil
				}
				next = append(next, pr.URL)
			}
		}
		level = next
	}
	return Structure{}, nil
}

// newStructure adds a local structure for an affiliation HAL does not know (once per name and ROR ID) and returns
// its ID.
func (c *fromFair) newStructure(af fair.Affiliation, parent string) string {
	key := strings.ToLower(af.Name) + "|" + rorOf(af) + "|" + parent
	if id, ok := c.local[key]; ok {
		return id
	}
	id := fmt.Sprintf("localStruct-%d", len(c.local)+1)
	c.local[key] = id
	s := structureOf(id, af)
	s.Type = "laboratory"
	if parent != "" {
		s.Parents = []Relation{{Ref: parent, Type: "direct"}}
	}
	c.addStructure(s)
	return id
}

func (c *fromFair) identifiers() {
	r, d := c.r, c.d
	arxiv := r.ArXivID()
	if doi := r.DOI(); doi != "" {
		if strings.HasPrefix(strings.ToLower(doi), strings.ToLower(fair.ArXivDOIPrefix)) {
			if arxiv == "" {
				arxiv = doi[len(fair.ArXivDOIPrefix):]
			}
			c.note("identifier", doi, "arXiv's DOI is not written as the document's DOI; the arXiv identifier is")
		} else {
			d.Identifiers = append(d.Identifiers, Idno{Type: "doi", Value: doi})
		}
	} else if r.Identifier.Value != "" {
		d.Identifiers = append(d.Identifiers, Idno{Type: teiOfAltID(string(r.Identifier.Type)), Value: r.Identifier.Value})
	}
	arxivDone := false
	for i, a := range r.AlternateIdentifiers {
		switch {
		case strings.EqualFold(string(a.Type), altIDArXiv):
			if arxivDone {
				continue
			}
			arxivDone = true
			d.Identifiers = append(d.Identifiers, Idno{Type: "arxiv", Value: arxiv})
		case strings.EqualFold(string(a.Type), "report number"):
			d.Identifiers = append(d.Identifiers, Idno{Type: "reportNumber", Value: a.Value})
		case strings.EqualFold(string(a.Type), "local"):
			c.hostIdno("localRef", a.Value)
		case strings.EqualFold(string(a.Type), "DOI"):
			d.Identifiers = append(d.Identifiers, Idno{Type: "doi", Value: a.Value})
		case strings.EqualFold(string(a.Type), "INSPIRE TeX key"):
			c.note(fmt.Sprintf("alternateIdentifiers[%d]", i), a.Value, "HAL has no place for the INSPIRE TeX key")
		default:
			d.Identifiers = append(d.Identifiers, Idno{Type: teiOfAltID(string(a.Type)), Value: a.Value})
		}
	}
	if arxiv != "" && !arxivDone {
		d.Identifiers = append(d.Identifiers, Idno{Type: "arxiv", Value: arxiv})
	}
	for i, ri := range r.RelatedIdentifiers {
		path := fmt.Sprintf("relatedIdentifiers[%d]", i)
		switch {
		case ri.RelationType == fair.RelIsPublishedIn && (ri.IdentifierType == fair.IDTypeISSN || ri.IdentifierType == fair.IDTypeEISSN || ri.IdentifierType == fair.IDTypeISBN):
			c.hostIdno(strings.ToLower(string(ri.IdentifierType)), ri.Identifier)
		case strings.HasPrefix(ri.RelationTypeInformation, "HAL relatedItem "):
			d.Related = append(d.Related, Ref{Type: strings.TrimPrefix(ri.RelationTypeInformation, "HAL relatedItem "), Target: ri.Identifier})
		case strings.HasPrefix(ri.RelationTypeInformation, "HAL "):
			d.Refs = append(d.Refs, Ref{Type: strings.TrimPrefix(ri.RelationTypeInformation, "HAL "), Target: urlOf(ri)})
		case ri.RelationType == fair.RelIsSupplementedBy:
			d.Refs = append(d.Refs, Ref{Type: "seeAlso", Target: urlOf(ri)})
		case ri.RelationType == fair.RelIsVariantFormOf || ri.RelationType == fair.RelIsIdenticalTo:
			d.Refs = append(d.Refs, Ref{Type: "publisher", Target: urlOf(ri)})
		case ri.RelationType == fair.RelCites || ri.RelationType == fair.RelReferences:
			// Counted below: works cited are many and HAL has no place for them.
		default:
			c.note(path, ri.Identifier, fmt.Sprintf("HAL has no place for a %s relation", ri.RelationType))
		}
	}
	cites := 0
	for _, ri := range r.RelatedIdentifiers {
		if ri.RelationType == fair.RelCites || ri.RelationType == fair.RelReferences {
			cites++
		}
	}
	if cites > 0 {
		c.note("relatedIdentifiers", fmt.Sprint(cites), "works cited are not written: HAL TEI has no place for them")
	}
}

// urlOf is a related identifier as a URL.
func urlOf(ri fair.RelatedIdentifier) string {
	if ri.IdentifierType == fair.IDTypeDOI {
		return "https://doi.org/" + ri.Identifier
	}
	return ri.Identifier
}

func (c *fromFair) hostIdno(typ, v string) {
	for _, id := range c.d.Host.Idnos {
		if strings.EqualFold(id.Type, typ) && id.Value == v {
			return
		}
	}
	c.d.Host.Idnos = append(c.d.Host.Idnos, Idno{Type: typ, Value: v})
}

func (c *fromFair) host() {
	r, d := c.r, c.d
	h := &d.Host
	if it := r.Container(); it != nil {
		for _, t := range it.Titles {
			switch {
			case t.Type == fair.TitleOther && h.Serie == "":
				h.Serie = t.Title
			case t.Type != "":
			case it.Type == fair.ResourceTypeJournal && h.JournalTitle == "":
				h.JournalTitle = t.Title
			case h.BookTitle == "" && h.JournalTitle == "":
				h.BookTitle = t.Title
			}
		}
		h.Volume, h.Issue = it.Volume, it.Issue
		h.Pages = it.FirstPage
		if it.LastPage != "" {
			h.Pages += "-" + it.LastPage
		}
		if it.Identifier.Identifier != "" {
			switch it.Identifier.Type {
			case fair.IDTypeISSN, fair.IDTypeEISSN, fair.IDTypeISBN:
				c.hostIdno(strings.ToLower(string(it.Identifier.Type)), it.Identifier.Identifier)
			}
		}
		if it.Publisher != "" {
			h.Publishers = append(h.Publishers, it.Publisher)
		}
	}
	thesis := d.Type == "THESE" || d.Type == "HDR" || d.Type == "MEM"
	if p := r.Publisher.Name; p != "" {
		switch {
		case thesis || d.Type == "REPORT":
			h.Authorities = append([]Authority{{Type: "institution", Value: p}}, h.Authorities...)
		case len(h.Publishers) == 0 && d.Type != "UNDEFINED":
			h.Publishers = append(h.Publishers, p)
		}
	}
	if conf := r.Publication.Conference; !conf.IsZero() {
		name := conf.Name
		if name == "" {
			name = conf.Acronym
		}
		city := conf.Place
		if i := strings.IndexByte(city, ','); i > 0 {
			city = strings.TrimSpace(city[:i])
		}
		h.Meeting = Meeting{Title: name, Start: conf.StartDate, End: conf.EndDate, Settlement: city, CountryCode: strings.ToUpper(conf.Country)}
	}
	// Dates.
	issued := ""
	for i, dt := range r.Dates {
		switch {
		case dt.Type == fair.DateIssued && issued == "":
			issued = dt.Date
			t := "datePub"
			if thesis {
				t = "dateDefended"
			}
			h.Dates = append(h.Dates, TypedDate{Type: t, Date: dt.Date, InPress: dt.Information == "in press"})
		case dt.Type == fair.DateOther && dt.Information == "defended":
			h.Dates = append(h.Dates, TypedDate{Type: "dateDefended", Date: dt.Date})
			issued = dt.Date
		case dt.Type == fair.DateAvailable && dt.Information == "published online":
			h.Dates = append(h.Dates, TypedDate{Type: "dateEpub", Date: dt.Date})
		case dt.Type == fair.DateCreated:
			d.Dates = append(d.Dates, TypedDate{Type: "whenWritten", Date: dt.Date})
		case dt.Information == "deposited in HAL" || dt.Information == "online in HAL" || dt.Information == "modified in HAL":
			// HAL's own dates: it sets them itself.
		default:
			c.note(fmt.Sprintf("dates[%d]", i), dt.Date, fmt.Sprintf("HAL has no place for a date of type %s", dt.Type))
		}
	}
	if issued == "" && r.PublicationYear > 0 && d.Type != "UNDEFINED" {
		t := "datePub"
		if thesis {
			t = "dateDefended"
		}
		h.Dates = append(h.Dates, TypedDate{Type: t, Date: fmt.Sprint(r.PublicationYear)})
	}
}

func (c *fromFair) subjects() {
	r, d := c.r, c.d
	seen := map[string]bool{}
	domain := func(code, label string) {
		if code != "" && !seen[code] {
			seen[code] = true
			d.Classes = append(d.Classes, ClassCode{Scheme: "halDomain", Code: code, Text: label})
		}
	}
	for _, s := range r.Subjects {
		switch {
		case strings.EqualFold(s.Scheme, SubjectSchemeHALDomain):
			code := s.ClassificationCode
			if code == "" {
				code = s.Subject
			}
			domain(code, s.Subject)
		case s.Scheme == "":
			d.Keywords = append(d.Keywords, Text{Text: s.Subject, Lang: langCode(s.Lang)})
		default:
			mapped := false
			for _, m := range classSchemes {
				if m.tei != "halDomain" && strings.EqualFold(m.scheme, s.Scheme) {
					d.Classes = append(d.Classes, ClassCode{Scheme: m.tei, Code: s.ClassificationCode, Text: s.Subject})
					mapped = true
				}
			}
			if !mapped {
				term := s.ClassificationCode
				if term == "" {
					term = s.Subject
				}
				if code := halDomainFor(s.Scheme, term); code != "" {
					domain(code, "")
					mapped = true
				}
			}
			if !mapped {
				d.Keywords = append(d.Keywords, Text{Text: s.Subject, Lang: langCode(s.Lang)})
			}
		}
	}
	for _, k := range r.Keywords {
		d.Keywords = append(d.Keywords, Text{Text: k})
	}
	if len(seen) == 0 {
		c.note("subjects", "", "no HAL domain: HAL requires one (cataloguer: choose it)")
	} else {
		var codes []string
		for _, cc := range d.Classes {
			if cc.Scheme == "halDomain" && cc.Text == "" {
				codes = append(codes, cc.Code)
			}
		}
		if len(codes) > 0 {
			c.note("subjects", strings.Join(codes, " "), "HAL domains chosen from the arXiv or INSPIRE categories (cataloguer: check)")
		}
	}
	for _, desc := range r.Descriptions {
		if desc.Type == fair.DescriptionAbstract {
			d.Abstracts = append(d.Abstracts, Text{Text: desc.Description, Lang: langCode(desc.Lang)})
		}
	}
}

// metadata writes HAL's coded metadata with the values a cataloguer most often gives, and says so.
func (c *fromFair) metadata(exact bool) {
	r, d := c.r, c.d
	// The record says nothing of these: the note is on the record as a whole (path ""), or on the field the value
	// was chosen from.
	set := func(path, typ, n, why string) {
		d.Metadata = append(d.Metadata, Meta{Type: typ, N: n})
		c.note(path, n, why)
	}
	for i, desc := range r.Descriptions {
		switch desc.Type {
		case fair.DescriptionAbstract:
		case fair.DescriptionOther:
			d.Metadata = append(d.Metadata, Meta{Type: "commentary", Text: desc.Description})
		default:
			c.note(fmt.Sprintf("descriptions[%d]", i), desc.Description, fmt.Sprintf("HAL has no place for a %s description", desc.Type))
		}
	}
	switch d.Type {
	case "ART", "COMM", "POSTER", "OUV", "COUV", "DOUV", "UNDEFINED", "MEM", "OTHER":
		if d.Type != "OTHER" {
			set("", "audience", "2", "audience set to international (2) (cataloguer: check)")
		}
		set("", "popular", "0", "popular level set to no (0) (cataloguer: check)")
	}
	switch d.Type {
	case "ART":
		set("", "peer", "1", "peer reviewing set to yes (1) for a journal article (cataloguer: check)")
	case "COMM", "POSTER":
		set("", "peer", "1", "peer reviewing set to yes (1) (cataloguer: check)")
		set("", "invited", "0", "invited communication set to no (0) (cataloguer: check)")
		n, path := "0", ""
		for i, it := range r.RelatedItems {
			if it.RelationType == fair.RelIsPublishedIn {
				n, path = "1", fmt.Sprintf("relatedItems[%d]", i)
				break
			}
		}
		set(path, "proceedings", n, "proceedings set from whether the record names its proceedings (cataloguer: check)")
	case "OTHER":
		typ := string(r.ResourceType.General)
		if r.ResourceType.Type != "" {
			typ = r.ResourceType.Type
		}
		d.Metadata = append(d.Metadata, Meta{Type: "description", Text: typ})
	}
	if r.Version != "" {
		d.Metadata = append(d.Metadata, Meta{Type: "version", Text: r.Version})
	}
	for _, l := range r.Software.ProgrammingLanguages {
		d.Metadata = append(d.Metadata, Meta{Type: "programmingLanguage", Text: l})
	}
	for _, p := range r.Software.RuntimePlatforms {
		d.Metadata = append(d.Metadata, Meta{Type: "platform", Text: p})
	}
	if r.Software.CodeRepository != "" {
		d.Refs = append(d.Refs, Ref{Type: "codeRepository", Target: r.Software.CodeRepository})
	}
	_ = exact
}
