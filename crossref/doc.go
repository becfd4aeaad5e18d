// Package crossref reads Crossref metadata into fair.Resource values: the REST API's JSON (a /works/{doi} message,
// a /works list, a bare work) and Crossref XML (the UNIXSD a DOI's content negotiation and the API return, unixref
// records, deposit files in schema 4.x and 5.x).
//
//	recs, notRead, err := crossref.Read(data) // JSON or XML
//
// Journal articles, proceedings papers, books and chapters, posted content (preprints), dissertations, datasets,
// reports, standards, peer reviews and components are read. The type becomes the general type (the table below)
// and the specific type keeps Crossref's own; the journal, book or proceedings becomes the related item the work is
// published in (titles, ISSN or ISBN, volume, issue, pages, article number); authors become creators in order,
// with ORCID iDs and affiliations (names, ROR IDs and the other institution identifiers); editors, translators and
// chairs contributors; the conference (event) the Publication's conference; references cited works (described
// with their DOI, or DOIs alone); relations related identifiers (DataCite's relation where one means the same,
// Other with Crossref's name otherwise); funders and awards funding references; licences rights; full-text links
// distributions; the JATS abstract plain text.
//
//	journal-article          JournalArticle        in a Journal
//	proceedings-article      ConferencePaper       in a ConferenceProceeding
//	book-chapter, -section,  BookChapter           in a Book
//	-part, reference-entry
//	book, monograph, edited-book, reference-book   Book
//	posted-content           Preprint (Text for types other than preprint and working paper)
//	dissertation             Dissertation
//	dataset                  Dataset               in a Collection (the database)
//	report, report-component Report
//	peer-review              PeerReview
//	standard                 Standard
//	component, other         Other
//
// # Loss report
//
// Nothing is dropped silently. In JSON, every member without a place is a note (Crossref's bookkeeping of the DOI —
// indexed and deposited dates, counts, member and prefix — among them); in XML, every element the mapping did not
// read is a note with its path, attributes being read with their element. Facts repeated in every reference or
// author (reference keys, asserted-by flags) are one note per kind with a count.
//
// # Limits
//
// Input is at most [MaxInputSize] bytes; JSON is nested at most 512 deep, XML 128 deep with at most two million
// elements, and XML must be UTF-8. Malformed input gives a *ReadError. Nothing here panics, does I/O or keeps
// state: everything is safe for concurrent use.
package crossref
