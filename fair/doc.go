// Package fair holds the hub of fairmeta: [Resource], the format-neutral record of a dataset, a software release or
// a publication that every format converts through, with the DataCite 4.7 controlled vocabularies as typed
// constants, persistent identifiers, and (in later files) the FAIR assessment of a record.
//
// # The record
//
// A [Resource] is a plain struct that a pipeline fills in by hand: strings for text, slices for repeated
// properties, typed strings for controlled lists. It can hold everything DataCite Metadata Schema 4.7 expresses and
// what schema.org, CodeMeta 3.0 and CFF 1.2 add beyond it. Package fair knows no format: the packages datacite,
// schemaorg and software read and write formats, always through a Resource.
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
// Everything in this package is safe for concurrent use; nothing here does I/O.
package fair
