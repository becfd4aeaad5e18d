// Package hal reads and writes HAL TEI, the metadata format of HAL, the French national open archive: the exports
// of HAL's API (with the research structures of listOrg and their ROR, IdRef, ISNI and RNSR ids) and the deposits
// HAL's SWORD server takes (the AOfr schema), for articles, conference papers, preprints, reports, theses, software
// and the other types of HAL's typology.
//
// # Reading
//
// [Read] turns HAL TEI into fair.Resources, one per record, with notes on everything the records cannot hold
// (HAL's collections and coded metadata, the structures' addresses and parents, elements HAL does not define).
// [Decode] gives HAL's own view, a [Document], and [ToResource] converts it. Reading is bounded by [Limits].
//
// # Writing a deposit
//
// A [Writer] turns a fair.Resource into a deposit and resolves each author's affiliations to HAL structures: first
// the HAL structure numbers the record carries, then its ROR ID through a [Resolver] — a [Table] built offline from
// HAL TEI exports or HAL's structure referential ([ReadTable]), or a [Client] of HAL's referential API — then, for a
// laboratory HAL does not know, its ROR parents ([RORParents], e.g. [RORIndexParents] of a ROR dump). An affiliation
// that cannot be resolved is kept as a new named structure and reported for the cataloguer:
//
//	table, err := hal.ReadTable(exports, hal.Limits{})
//	w := &hal.Writer{Resolver: table, Parents: hal.RORIndexParents(ror.Default())}
//	dep, err := w.Document(ctx, record)
//	err = dep.Document.Encode(os.Stdout)    // AOfr TEI
//	for _, r := range dep.Resolutions { ... } // how each affiliation was resolved
//
// [Check] says what HAL would refuse in a deposit (mandatory metadata of its type, from HAL's SWORD examples) and
// what a cataloguer must look at (new or closed structures, authors without affiliation).
//
// # Concurrency
//
// Documents are plain values. A Table is immutable once built and a Client guards its state: both are safe for
// concurrent use, and so is a Writer whose Resolver and Parents are.
package hal
