package hal

// Document is one HAL record as HAL TEI carries it, in the export format (HAL's API, with listOrg structures and
// HAL's own identifiers) or the deposit format (AOfr, for SWORD). It is HAL's view of the record; convert it to and
// from a fair.Resource with [ToResource] and [FromResource], check it with [Check], write it with [Document.Encode].
//
// Values are as TEI writes them: HAL's codes (typology "ART", domain "phys.hexp", role "aut"), dates in ISO 8601.
type Document struct {
	// Type is HAL's document type code (halTypology): ART, COMM, POSTER, OUV, COUV, DOUV, PROCEEDINGS, ISSUE,
	// REPORT, THESE, HDR, MEM, LECTURE, UNDEFINED (preprint), SOFTWARE, IMG, VIDEO, SON, MAP, PATENT, OTHER, ...
	Type string
	// TypeLabel is HAL's label of the type, as an export gives it ("Journal articles"); empty in a deposit.
	TypeLabel string
	// Titles are the titles in their languages; Sub marks subtitles.
	Titles []Title
	// Authors are the authors and other contributors of the analytic level, in document order, with their roles.
	Authors []Author
	// Identifiers are the document's identifiers: the biblStruct's idno (doi, arxiv, pubmed, inspire, ...) and the
	// HAL ones of an export (halId, halUri, ...), each with its TEI type.
	Identifiers []Idno
	// Version is HAL's version of the document ("v1"); empty in a deposit.
	Version string
	// Dates are the edition dates (whenWritten, whenSubmitted, whenReleased, whenProduced, ...).
	Dates []TypedDate
	// Files are the files of the deposit or export (edition refs of type file).
	Files []File
	// Licence is the licence of the document (availability/licence).
	Licence Licence
	// Funders are funding statements: free text, or references to projects of Projects ("#projanr-36106").
	Funders []Funder
	// Metadata are the notesStmt notes, HAL's coded metadata: audience, peer, popular, invited, proceedings,
	// commentary, description, report, degree, ...
	Metadata []Meta
	// Stamps are the HAL collections the record is in (an export's seriesStmt): code and label.
	Stamps []Idno
	// Host is where the document appeared: the journal, book, conference, thesis institution (monogr).
	Host Host
	// SeriesTitle and SeriesEditors are the collection the host belongs to (biblStruct/series).
	SeriesTitle   string
	SeriesEditors []string
	// Refs are links of the biblStruct (seeAlso, publisher, researchdata, codeRepository, ...).
	Refs []Ref
	// Related are related documents (biblStruct/relatedItem): a relation type and a target.
	Related []Ref
	// Language is the document's main language code ("en").
	Language string
	// Keywords are the author keywords with their languages.
	Keywords []Text
	// Classes are the classification codes: HAL domains (scheme halDomain), JEL, MeSH, ACM, free classification.
	Classes []ClassCode
	// Abstracts are the abstracts in their languages.
	Abstracts []Text
	// Collaborations are the collaborations (particDesc org type consortium), e.g. "ATLAS".
	Collaborations []string
	// Structures are the research structures of listOrg type structures (export) or laboratories (deposit):
	// laboratories, institutions, their teams and parents, referenced by the authors' affiliations.
	Structures []Structure
	// Projects are the funded projects of listOrg type projects (ANR, European projects).
	Projects []Project

	single bool // decoded from a file holding this one record
}

// Title is a title of the document.
type Title struct {
	Text string // the title
	Lang string // its language code
	Sub  bool   // a subtitle (type="sub")
}

// Text is a text in a language: a keyword or an abstract.
type Text struct {
	Text string
	Lang string
}

// Author is a person or organisation in a role at the analytic level.
type Author struct {
	// Role is HAL's relator code: aut (author), crp (corresponding author), edt, trl, ctb, ...
	Role string
	// Forenames are the given names, Surname the family name. An organisation author has only OrgName.
	Forenames []string
	Surname   string
	// OrgName is the name of an organisation that is the author, or the ref of a structure the author belongs to
	// without affiliation ("#struct-526912": HAL's employer organism) when OrgRef is set.
	OrgName string
	OrgRef  string
	// Email is the author's e-mail address (deposit); an export gives only EmailMD5 and EmailDomain.
	Email       string
	EmailMD5    string
	EmailDomain string
	// Idnos are the author's identifiers by TEI type: idhal, halauthorid, ORCID, IDREF, ISNI, arXiv, VIAF, ...
	Idnos []Idno
	// Affiliations are references to Structures by their ID, without '#': "struct-1252", "localStruct-1".
	Affiliations []string
}

// Name returns the author's full name: forenames then surname, or the organisation name.
func (a Author) Name() string {
	n := ""
	for _, f := range a.Forenames {
		n += f + " "
	}
	n += a.Surname
	if n == "" {
		return a.OrgName
	}
	return n
}

// Idno is an identifier with its TEI type, and its notation ("string", "numeric") where TEI gives one.
type Idno struct {
	Type     string
	Value    string
	Notation string
	// N is the code an idno carries in its n attribute (a stamp's code); Status is its status attribute (a
	// journal's VALID, INCOMING).
	N      string
	Status string
}

// TypedDate is a date with its TEI type.
type TypedDate struct {
	Type string // datePub, dateEpub, dateDefended, whenWritten, whenSubmitted, whenModified, whenReleased, ...
	Date string
	// InPress marks a publication date of a document in press (subtype inPress).
	InPress bool
}

// File is a file of the record.
type File struct {
	Target    string // the URL
	Subtype   string // author, greenPublisher, publisherPaid, ...
	N         string // 1 for the main file
	NotBefore string // the embargo date
	// External marks an external link (type externalLink) rather than a file HAL holds.
	External bool
}

// Licence is the licence of a record.
type Licence struct {
	Target string // the licence URL
	Text   string // its name
}

// Funder is a funding statement.
type Funder struct {
	Ref  string // a project reference without '#', e.g. "projanr-36106"; empty for free text
	Text string
}

// Meta is a notesStmt note: one of HAL's coded metadata.
type Meta struct {
	Type string // audience, peer, popular, invited, proceedings, commentary, description, report, degree, ...
	N    string // the coded value, e.g. "2" for an international audience
	Text string
}

// Host is the monogr level: the journal, book, conference or institution the document belongs to.
type Host struct {
	// Idnos are the host's identifiers: issn, eissn, isbn, halJournalId, localRef, ...
	Idnos []Idno
	// JournalTitle is the journal (title level j); BookTitle the book or proceedings (level m).
	JournalTitle string
	BookTitle    string
	// Meeting is the conference of a conference paper or poster.
	Meeting Meeting
	// Settlement and Country are a place the host gives outside a meeting (a patent, image, lecture).
	Settlement  string
	CountryCode string
	// Editors are the scientific editors.
	Editors []string
	// Publishers and PubPlaces are the imprint's publishers and places.
	Publishers []string
	PubPlaces  []string
	// Serie, Volume, Issue and Pages are the imprint's biblScope.
	Serie, Volume, Issue, Pages string
	// Dates are the imprint's dates: datePub, dateEpub, dateDefended.
	Dates []TypedDate
	// Authorities are the thesis or report authorities: institution, school, supervisor, jury, supervisorEmail.
	Authorities []Authority
}

// Meeting is a conference.
type Meeting struct {
	Title       string
	Start, End  string
	Settlement  string
	CountryCode string
	Country     string
}

// IsZero reports whether the meeting says nothing.
func (m Meeting) IsZero() bool { return m == Meeting{} }

// Authority is a thesis or report authority.
type Authority struct {
	Type  string // institution, school, supervisor, jury, supervisorEmail
	Value string
}

// Ref is a typed link.
type Ref struct {
	Type   string
	Target string
}

// ClassCode is a classification code.
type ClassCode struct {
	Scheme string // halDomain, halTypology, jel, mesh, acm, classification, ...
	Code   string // the n attribute, e.g. "phys.hexp"
	Text   string // the label
}

// Structure is a HAL research structure: a team, laboratory, institution or group of them, with its identifiers
// and its parent structures.
type Structure struct {
	// ID is the structure's xml:id: "struct-1252" for a structure of HAL's referential (its docid is 1252), or a
	// local ID ("localStruct-1") for a new structure in a deposit.
	ID string
	// Type is researchteam, department, laboratory, regrouplaboratory, institution or regroupinstitution.
	Type string
	// Status is HAL's status of the structure: VALID, OLD (closed) or INCOMING (not yet checked by HAL).
	Status string
	// Name and Acronym are the structure's name and acronym.
	Name    string
	Acronym string
	// Idnos are its identifiers: ROR, IdRef, ISNI, RNSR, ...
	Idnos []Idno
	// Start and End are the dates it opened and closed.
	Start, End string
	// Address and CountryCode (ISO 3166-1 alpha-2) say where it is; URL is its web site.
	Address     string
	CountryCode string
	URL         string
	// Parents are the structures this one belongs to (its tutelles), by ID without '#'.
	Parents []Relation
}

// Relation links a structure to a parent.
type Relation struct {
	Ref  string // the parent's ID without '#'
	Type string // direct or indirect
	Name string // the code of the relation, e.g. the unit number "UMR8107"
}

// Project is a funded project of listOrg type projects.
type Project struct {
	ID     string // xml:id, e.g. "projanr-36106", "projeurop-88718"
	Type   string // anrProject, europeanProject
	Status string
	Name   string // the project acronym or name
	Idnos  []Idno // anr, program, number, call, ...
	Desc   string // its title
	Start  string
	End    string
}

// Idno returns the value of the first identifier of type typ (compared without case), or "".
func (s Structure) Idno(typ string) string { return idnoOf(s.Idnos, typ) }

// Identifier returns the value of the document's first identifier of TEI type typ (compared without case), or "".
func (d *Document) Identifier(typ string) string { return idnoOf(d.Identifiers, typ) }

// Structure returns the structure with the given ID (with or without '#').
func (d *Document) Structure(id string) (Structure, bool) {
	id = trimHash(id)
	for _, s := range d.Structures {
		if s.ID == id {
			return s, true
		}
	}
	return Structure{}, false
}

// Meta returns the first notesStmt note of the given type.
func (d *Document) Meta(typ string) (Meta, bool) {
	for _, n := range d.Metadata {
		if n.Type == typ {
			return n, true
		}
	}
	return Meta{}, false
}
