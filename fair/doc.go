// Package fair holds the hub of fairmeta: [Resource], the format-neutral record of a dataset, a software release or
// a publication that every format converts through, with the DataCite 4.7 controlled vocabularies as typed
// constants and persistent identifiers.
//
// # The record
//
// A [Resource] is a plain struct that a pipeline fills in by hand: strings for text, slices for repeated
// properties, typed strings for controlled lists. It can hold everything DataCite Metadata Schema 4.7 expresses and
// what schema.org, CodeMeta 3.0 and CFF 1.2 add beyond it. Package fair knows no format: the packages datacite,
// schemaorg and software read and write formats, always through a Resource.
//
// # Publications
//
// A journal article, preprint, conference paper, report or thesis is a Resource like any other: what describes it
// has its place in the general fields, and only what has none is in [Resource.Publication]. Readers of publication
// formats (INSPIRE-HEP, Crossref, arXiv, HAL) fill, and writers read, these places; the DataCite 4.7 and schema.org
// columns are what packages datacite and schemaorg write and read back:
//
//	fact                    in the Resource                                DataCite 4.7                    schema.org
//	publication type        ResourceType.General (JournalArticle,          resourceTypeGeneral,            @type ScholarlyArticle, Report,
//	                        Preprint, ConferencePaper, Report,             resourceType                    Thesis, Book, Chapter;
//	                        Dissertation, Book, BookChapter) and .Type                                     additionalType
//	container (journal,     RelatedItems[i] with RelationType              relatedItem                     isPartOf PublicationIssue
//	book, proceedings)      IsPublishedIn and Type Journal, Book or        relationType="IsPublishedIn"    (issueNumber) → PublicationVolume
//	                        ConferenceProceeding; Titles (full name,                                       (volumeNumber) → Periodical (name,
//	                        then the abbreviation as AlternativeTitle),                                    alternateName, issn, publisher);
//	                        Identifier (ISSN, EISSN, ISBN), Publisher                                      a Book (isbn) under a Role
//	volume, issue           container's Volume, Issue                      relatedItem volume, issue       volumeNumber, issueNumber
//	pages                   container's FirstPage, LastPage                firstPage, lastPage             pageStart, pageEnd of the article
//	article number          container's Number, NumberType Article         number numberType="Article"     position of the article
//	collaborations          Creators with NameType Organizational          creator nameType=               creator Organization
//	                        (ATLAS, LIGO Scientific), before the persons   "Organizational"
//	author identifiers      NameIdentifiers: ORCID, INSPIRE ID,            nameIdentifier                  @id (ORCID), identifier
//	                        INSPIRE BAI, idHAL ([SchemeInspireID], ...)    nameIdentifierScheme            PropertyValue (propertyID)
//	affiliations            Affiliations (ROR ID in Identifier,            affiliation (one identifier;    affiliation Organization; other
//	                        HAL structure, INSPIRE institution, RNSR       the others are reported)        identifiers as PropertyValues
//	                        in OtherIdentifiers; without a ROR ID, the
//	                        first of them is the Identifier)
//	raw affiliations        Creator.RawAffiliations                        affiliation names when there    affiliation Organization names
//	                                                                       are no Affiliations; else       when there are no Affiliations;
//	                                                                       reported                        else not written
//	DOI                     Identifier (Type DOI)                          identifier                      @id, identifier PropertyValue
//	other DOIs              AlternateIdentifiers (Type DOI)                alternateIdentifier             identifier PropertyValue
//	arXiv identifier        AlternateIdentifiers (Type arXiv, no           alternateIdentifier             identifier PropertyValue
//	                        version; [AltIDArXiv]), or the primary         alternateIdentifierType         (propertyID arXiv)
//	                        Identifier 10.48550/arXiv.<id> ([ArXivDOI])    ="arXiv"
//	arXiv categories        Subjects with Scheme arXiv; the first is       subject subjectScheme="arXiv"   keywords DefinedTerm in the
//	                        the primary category                                                           DefinedTermSet arXiv
//	report numbers          AlternateIdentifiers (Type "report number")    alternateIdentifier             identifier PropertyValue
//	INSPIRE record, TeX key AlternateIdentifiers (Type "INSPIRE",          alternateIdentifier             identifier PropertyValue
//	                        "INSPIRE TeX key")
//	references              RelatedIdentifiers (RelationType Cites) for    relatedIdentifier Cites;        citation (@id, identifier);
//	                        cited works with an identifier; References     relatedItem Cites               citation CreativeWork
//	                        (RelationType Cites) for works described in
//	                        full without one
//	conference              Publication.Conference (name, acronym, place,  relatedItem relatedItemType=    @reverse workFeatured Event
//	                        country, dates, identifier, URL)               "Event" relationType="Other",   (name, alternateName,
//	                                                                       relationTypeInformation=        startDate, endDate, location
//	                                                                       "presented at": name, acronym;  Place with address, identifier,
//	                                                                       place, dates are reported       url)
//	number of pages         Sizes ("40 pages")                             size                            size
//	publication date        Dates (Issued), PublicationYear                date Issued, publicationYear    datePublished
//
// Collaboration papers in high-energy physics list thousands of authors; every list is kept whole and in order.
// [Resource.Container], [Resource.ArXivID], [Resource.ArXivPrimaryCategory] and [Resource.AlternateIdentifiersOf]
// read these places back.
//
// # Formats and loss reports
//
// [Format] describes a metadata format (name, media types, extensions, detection, reader and writers); the package
// that owns a format exports its value, and package format lists them ([JSONFormat] is the record's own JSON form).
// Every reader and writer reports what it could not carry as [Notes]: a reader returns the notes of what it could
// not carry into the record (notRead), a writer those of what its format could not hold (notWritten).
//
// # Paths in reports
//
// Every report in fairmeta — loss notes, validation problems, enrichment changes, read errors — locates what it
// speaks of by a path in one syntax: JSON member names joined by ".", an index in brackets after a list member, ""
// for the whole ("creators[0].affiliations[1].identifier", "[3].author[0]" for an element of a top-level list). A
// path names a place in what the caller handed over, in its JSON names: a report about a Resource (a writer's
// notWritten, datacite.ValidateResource, ror.Enrich, hal's and inspire's resolutions, assess's fixes) uses the
// Resource's own members as its JSON form spells them ("creators[0].affiliations[1]", "resourceType.general",
// "identifier.value", "keywords[2]"), each index inside the Resource's list, so a pipeline can find the value in the
// record it holds; a report about a document (a reader's notRead, the validation of a DataCite file) uses that
// document's members ("creators[0].affiliation[1].affiliationIdentifier" in DataCite JSON, "authors[0].alias" in
// CFF); XML documents are named by element paths ("TEI/text/body/listBibl").
//
// # Controlled vocabularies
//
// Each DataCite 4.7 controlled list is a string type with one constant per value ([ResourceTypeDataset],
// [RelIsCompiledBy], [ContributorContactPerson], ...), a Valid method for the exact value, a function listing all
// values, and a lenient Parse function that accepts other spellings ("is_compiled_by") and returns the canonical one.
//
// # Identifiers
//
// [DetectPID] names the scheme of an identifier string (DOI, ORCID, ROR, ISNI, arXiv, Handle, ARK, URN, PURL, SWHID,
// URL), normalises it and gives its resolver URL; each scheme also has its own parser ([ParseORCID], [ParseSWHID],
// ...). Invalid input gives an *[IdentifierError] that says why. DOIs are parsed by package doi and ROR IDs are owned
// by package ror; the detector here shares their checks.
//
// Everything in this package is safe for concurrent use. Nothing here does I/O: reading and writing formats is the
// format packages' work, assessing how FAIR a record is package assess's.
package fair
