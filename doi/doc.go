// Package doi handles Digital Object Identifiers: parsing and normalising the forms people paste, comparing them,
// building resolver URLs, generating DataCite-style suffixes, and resolving DOIs through the Handle system and
// content negotiation.
//
// # Parsing
//
// [Parse] accepts a bare DOI ("10.5281/zenodo.1234"), a "doi:" or "info:doi/" prefix, and resolver URLs on doi.org,
// dx.doi.org and hdl.handle.net, percent-encoded or not. The result is a [DOI] in normalised form (lower case), so
// DOIs compare with ==. Text that is not a DOI gives a *[SyntaxError] saying why.
//
// # Suffixes
//
// [NewSuffix] and [NewDOI] generate suffixes the way DataCite does — a random 30-bit number in lower-case Crockford
// base32 followed by its ISO 7064 MOD 97-10 check value, "xxxx-xxxx", after an optional shoulder — so that a client
// knows a DOI before asking for it; [ParseSuffix] and [CheckSuffix] verify one.
//
// # Resolution
//
// A [Resolver] asks the Handle API where a DOI points ([Resolver.Resolve]) and fetches its metadata by content
// negotiation ([Resolver.Metadata] with [TypeDataCiteJSON], [TypeSchemaOrg], [TypeCSLJSON], [TypeBibTeX], [TypeRIS],
// ...; [Resolver.Citation] for a formatted citation in a style and locale). Its base URLs and HTTP client are options,
// so tests point it at a loopback server; it retries transient failures and caps response sizes. A Resolver is safe
// for concurrent use.
package doi
