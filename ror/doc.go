// Package ror works with the Research Organization Registry: ROR IDs, the v2 record of an organisation, the ROR API
// v2 client, and offline affiliation matching against a ROR data dump or the small curated set built into the
// package.
//
// # Matching affiliations offline
//
// An [Index] holds organisations in memory. [Default] is the curated set of particle-physics and astronomy
// organisations built into the package; [LoadIndex] reads a ROR data dump (the release .zip, .json, .json.gz,
// .jsonl or .jsonl.gz), streaming it and decoding records on every core:
//
//	ix, err := ror.LoadIndex(ctx, "v2.1-2026-01-15-ror-data.zip")
//	m := ix.Match("IJCLab, Université Paris-Saclay, CNRS/IN2P3, Orsay, France")
//	for _, c := range m.Matches { // the laboratory first, then its institutions
//		fmt.Println(c.Organization.ID, c.Substring, c.Evidence)
//	}
//
// [Index.Match] returns every candidate it found and chooses every organisation the string names that it is
// confident of, most specific first, each with the words it rests on and the places and relatives that support it;
// a wrong identifier in published metadata is worse than none. A laboratory and the institutions it belongs to
// named in one string are all chosen; a name found only inside a longer name of another organisation is not. The
// built-in set also resolves the usual short names of the IN2P3 laboratories ("LAPP", "CC-IN2P3") when the string
// names nothing else; otherwise it agrees with a dump on the organisations both hold. [Enrich] applies a [Matcher]
// to a [fair.Resource], filling the missing ROR identifiers of affiliations (one affiliation per organisation),
// organisational creators, the publisher and funders, and reporting what it changed, split and could not match.
//
// # The ROR API
//
// A [Client] gets records by ID, searches (as an iterator over pages) and asks ROR's own affiliation matching; it is
// a [Matcher] too, so that Enrich can run online. It keeps under ROR's published rate limits (2,000 requests per 5
// minutes with a client ID, 50 without), retries 429 and 5xx responses, and caches the records it fetched:
//
//	c, err := ror.NewClient(ror.WithEnv(os.Getenv)) // the client ID from ROR_CLIENT_ID, if set
//	o, err := c.Get(ctx, "04dcc3438")
//
// # Concurrency
//
// An Index is immutable once built and a Client guards its state: both are safe for concurrent use and meant to be
// shared. The *Organization values they return are shared too and must not be modified.
package ror
