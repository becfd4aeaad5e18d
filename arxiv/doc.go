// Package arxiv reads arXiv metadata into fair.Resource values: the API's Atom feed (export.arxiv.org/api/query)
// and OAI-PMH responses (GetRecord, ListRecords) in arXiv's own metadata formats, arXiv (authors with their
// affiliations) and arXivRaw (the version history).
//
//	recs, notRead, err := arxiv.Read(data)
//
// # Mapping
//
// An e-print is a Preprint identified by the DataCite DOI arXiv registers for it, 10.48550/arXiv.<id>
// (fair.ArXivDOI); its arXiv identifier (new style 2101.00001 or old style hep-th/9901001, without version) is an
// alternate identifier of type arXiv, the version it describes ("v2") its Version, its abstract page its URL. The
// DOI of the published version is a further alternate identifier and the journal reference, as free text, a
// description of type SeriesInformation. The first version's date is the date Issued and the publication year,
// later versions dates Updated with the version as information; categories are subjects of scheme arXiv, the
// primary first, and MSC and ACM classes subjects of their schemes; report numbers alternate identifiers; comments
// a description of type Other; the licence a rights URI; the PDF a distribution; the submitter (arXivRaw) the
// contact person.
//
// Authors are creators in order. The Atom feed and arXivRaw give names with the given names first: the last word
// is the family name, with the particles before it (van, von, de, ...). arXivRaw gives the whole list as one string:
// names separated by commas and "and", affiliations in parentheses, numbered or not. Names with "Collaboration",
// "Consortium", "Team", "Group" are organisations. TeX accents (\'e, \"{o}, \v{s}, \ss, ...) become letters.
//
// # Loss report
//
// Nothing is dropped silently: what an entry or record holds and the Resource does not (the proxy, links of other
// kinds, unknown elements) is a note with its path; the parts of the feed or OAI-PMH envelope that are not about an
// e-print (totals, resumption tokens) are notes too, as are deleted records.
//
// Input is bounded (64 MiB, 128 levels, two million elements, UTF-8). Malformed input, an OAI-PMH or API error, or
// a metadata format other than arXiv and arXivRaw (oai_dc) gives a *ReadError. Everything here is safe for
// concurrent use.
package arxiv
