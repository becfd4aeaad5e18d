// Package csl is a Citation Style Language (CSL 1.0.2) processor: it formats citations and bibliographies from
// CSL-JSON items with any CSL style and locale, offline, as HTML or plain text.
//
// # Use
//
// Parse a style once (or take a bundled one), make a Processor, and format:
//
//	style, err := csl.BundledStyle("apa")            // or csl.ParseStyle(data) for any .csl file
//	p, err := csl.New(style, csl.WithLocale("fr-FR", true))
//	items, err := csl.ReadItems(r)                   // a CSL-JSON array
//	entries, err := p.Bibliography(items, csl.HTML)  // one formatted entry per item
//	cites, err := p.Citations(items, citations, csl.Text)
//
// Citations takes citation clusters in document order and computes positions (first, subsequent, ibid,
// ibid-with-locator, near-note), citation numbers and disambiguation (add-names, add-givenname, year-suffix, the
// disambiguate condition) over the whole document; CitationClusters formats clusters one by one, as citeproc-js's
// makeCitationCluster does.
//
// # Styles and locales
//
// ParseStyle reads independent and dependent styles; a dependent style whose parent is bundled is resolved to it by
// New. The bundled styles (BundledStyles: APA, IEEE, American Physical Society and the Physical Review journals,
// Springer physics, ISO 690 numeric French, Chicago author-date) and locales (en-US, en-GB, fr-FR) are copies of the
// CSL project's files under CC BY-SA 3.0 (bundled/README.md). Other locales are added with WithLocales (ReadLocaleDir
// reads a directory of locale files). The language falls back from fr-FR to fr to en-US; locale elements inside a
// style override the locale files.
//
// # Command line
//
// fairmeta cite (cmd/fairmeta) is this package on the command line: records of any format fairmeta reads (a CSL-JSON
// array as it is) formatted in a bundled style or a .csl file, as a bibliography or as citations, in text or HTML;
// its -items and -citations files are read by ReadCitationItems and ReadCitations:
//
//	fairmeta cite -style ieee -mode citation -items clusters.json items.json
//	fairmeta cite -style chicago-author-date -locale fr-FR -format html record.xml
//
// # Concurrency
//
// Style, Locale and Processor values are immutable once made and safe for concurrent use by any number of
// goroutines; every call keeps its document state in values of its own. Parse styles and locales once and share
// them.
//
// # Limits
//
// Styles and locales are read with bounds on size (4 MiB), nesting depth and element count; macro recursion and the
// work of one rendering are bounded, so a hostile style cannot hang the processor; ReadItems reads at most 64 MiB.
//
// # Conformance
//
// The processor is checked against the CSL test suite's processor fixtures (TestSuite); the fixtures it does not
// pass are listed with the reason in testdata/failing.txt.
package csl
