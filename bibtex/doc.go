// Package bibtex writes records as BibTeX entries and reads BibTeX (and BibLaTeX) files into records, through
// fair.Resource like every format of fairmeta.
//
// # Writing
//
// A [Writer] writes entries in INSPIRE-HEP's layout (four-space indentation, values in double quotes, titles in
// braces to keep their case), the form physicists paste into their papers:
//
//	@article{ATLAS:2012yve,
//	    author = "Aad, Georges and others",
//	    collaboration = "ATLAS",
//	    title = "{Observation of a new particle in the search for the Standard Model Higgs boson ...}",
//	    eprint = "1207.7214",
//	    archivePrefix = "arXiv",
//	    primaryClass = "hep-ex",
//	    reportNumber = "CERN-PH-EP-2012-218",
//	    doi = "10.1016/j.physletb.2012.08.020",
//	    journal = "Phys. Lett. B",
//	    volume = "716",
//	    pages = "1--29",
//	    year = "2012"
//	}
//
// The entry type follows the record's type (JournalArticle and Preprint @article, ConferencePaper @inproceedings,
// BookChapter @inbook, Book @book, ConferenceProceeding @proceedings, Dissertation @phdthesis or @mastersthesis,
// Report @techreport, Dataset @dataset, Software @software — @misc for both with Writer.Classic —, the others
// @misc); the table is the one package csl documents for CSL-JSON. The key is the record's INSPIRE TeX key, else
// the citation key a reader kept (an alternate identifier of type "citation key"), else its INSPIRE record number,
// else a key in INSPIRE's form made from the record: the first author's family name (or the collaboration's name),
// the year and three letters computed from the DOI, "Gerard:2020kqb". The same record always gets the same key.
//
// Persons are written "von Last, Jr, First", organisations in braces; organisations beside persons, and those
// named "... Collaboration", are collaborations (the collaboration field). Text is LaTeX: accents as accent commands
// (G\'erard), Greek letters and symbols as \ensuremath{\gamma}, \l{}, \o{}, \ss{} and the other letters with commands
// of their own, LaTeX's special characters escaped; TeX math between $ signs is kept. Author lists are written whole
// unless Writer.MaxAuthors cuts them to "and others", as INSPIRE does beyond ten authors.
//
// What BibTeX cannot hold (affiliations, identifiers of persons, rights, funding, ...) is returned as notes,
// never dropped silently.
//
// # Reading
//
// [Read] reads every entry of a file: @string macros, '#' concatenation and month macros expanded, @comment and
// @preamble skipped, names split by BibTeX's rules ("First von Last", "von Last, Jr, First", {Organisation}),
// LaTeX decoded to Unicode, the fields BibLaTeX adds (journaltitle, date, eprinttype, eprintclass) understood. An
// entry that cannot be parsed is left out and named in the notes; fields the record has no place for are noted.
// The entry key is kept as the record's "citation key" alternate identifier unless it is the key the record would
// be given anyway, so that a file read and written again keeps its keys.
//
// Read is bounded: at most [MaxInput] bytes, braces nested at most 100 deep, values of at most 1 MiB after macro
// expansion.
//
// # Concurrency
//
// Read, Encode, Decode and a Writer's methods are safe for concurrent use; nothing here keeps state between calls.
package bibtex
