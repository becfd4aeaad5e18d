// Package doi handles Digital Object Identifiers: parsing and normalising the forms people paste, comparing them,
// building resolver URLs, and (in later files) generating DataCite-style suffixes and resolving DOIs through the
// Handle system and content negotiation.
//
// # Parsing
//
// [Parse] accepts a bare DOI ("10.5281/zenodo.1234"), a "doi:" or "info:doi/" prefix, and resolver URLs on doi.org,
// dx.doi.org and hdl.handle.net, percent-encoded or not. The result is a [DOI] in normalised form (lower case), so
// DOIs compare with ==. Text that is not a DOI gives a *[SyntaxError] saying why.
package doi
