// Package inspire reads INSPIRE-HEP literature records — the REST API's JSON in the "hep" schema — into
// fair.Resource values, and resolves their affiliations and authors offline from INSPIRE institution and author
// records.
//
//	recs, notRead, err := inspire.Read(data)  // a record, {"metadata": ...} or a search result
//	var lk inspire.Lookup
//	lk.Add(institutionsJSON)                   // institution and author records, once
//	rep := lk.Resolve(recs[0])                 // ROR IDs, HAL structures, ORCIDs filled in
//
// # Mapping
//
// A record becomes a Resource as package fair's "Publications" table describes:
//
//	titles, title_translations   Titles (the first is the main title; subtitles, translations typed)
//	authors                      Creators in order ("Family, Given" split); editors and supervisors (inspire_roles)
//	                             are Contributors. ids: ORCID (as its URL), INSPIRE ID, INSPIRE BAI and every
//	                             other scheme as INSPIRE names it; the author record number as scheme "INSPIRE".
//	                             affiliations: Affiliations named as INSPIRE names them, identified by the
//	                             institution record number (scheme "INSPIRE") until a ROR ID takes its place
//	                             (fair.Affiliation.AddIdentifier); affiliations_identifiers: ROR IDs and GRIDs
//	                             given to those affiliations; raw_affiliations: RawAffiliations.
//	collaborations               organisational Creators before the persons (then corporate_author)
//	document_type                ResourceType: thesis → Dissertation, conference paper → ConferencePaper, book
//	                             chapter → BookChapter, proceedings → ConferenceProceeding, book → Book, report →
//	                             Report, article → JournalArticle when a journal is named, else Preprint; the
//	                             specific type lists INSPIRE's document and publication types and the degree
//	dois                         Identifier (the first), AlternateIdentifiers; DOIs of errata and other material
//	                             are related (Other, with the material)
//	arxiv_eprints                AlternateIdentifiers of type arXiv; categories are Subjects of scheme arXiv, the
//	                             primary first. Without a DOI, the Identifier is arXiv's DOI 10.48550/arXiv.<id>
//	publication_info             the journal as the RelatedItem IsPublishedIn (title, volume, issue, pages, artid
//	                             as an Article number, year); a parent book or proceedings (ISBN, record, report
//	                             number) as the container, or IsPartOf when a journal is named; the conference
//	                             (cnum, acronym, record) as Publication.Conference
//	report_numbers, texkeys,     AlternateIdentifiers ("report number", "INSPIRE TeX key", "INSPIRE", the
//	control_number, isbns,       identifier's own scheme); the record's address as URL
//	external_system_identifiers,
//	persistent_identifiers
//	abstracts, public_notes      Descriptions (Abstract, Other)
//	keywords, inspire_categories, Subjects with their scheme (PACS, INSPIRE, experiments); keywords without one
//	accelerator_experiments      are Keywords
//	imprints, thesis_info        Publisher, date Issued; a thesis' institution is its publisher, its dates typed
//	preprint_date                date Available ("preprint")
//	license, copyright           Rights
//	number_of_pages              Sizes ("40 pages")
//	funding_info                 FundingReferences
//	references                   References (described, relation Cites, with their first identifier) or
//	                             RelatedIdentifiers Cites (identifier only: DOI, arXiv, ISBN, INSPIRE record)
//	related_records, data, urls  RelatedIdentifiers; documents shown by INSPIRE: Distributions
//
// # Loss report
//
// Nothing is dropped silently: every member the Resource has no place for is a note — INSPIRE's bookkeeping
// ($schema, _collections, legacy dates, curation flags), figures, refereed, hidden publication notes. What repeats in
// every author or reference (signature blocks, uuids, raw reference texts) is one note per kind, with a count.
//
// # Limits
//
// Read accepts at most [MaxInputSize] bytes, nested at most 512 deep, and does work linear in the input: a 3,000-
// author record reads in a few milliseconds (see the benchmark). It never panics; malformed input gives a
// *ReadError with the line and column. Everything here is safe for concurrent use, except building a Lookup.
package inspire
