// Package stream runs a function over every record of JSON Lines inputs at the speed of every core: the engine
// behind fairmeta's streaming commands (convert, validate, ror match, assess over millions of records), usable by
// any pipeline.
//
// # Inputs
//
// [Run] reads files, standard input ("-"), gzip (detected from the bytes, not the name; concatenated members
// included) and tar archives of JSON Lines parts, plain or gzipped, with plain or gzipped members — DataCite's data
// file layout — one after the other, line by line. Members of an archive that are not JSON Lines (*.jsonl,
// *.ndjson, *.json, each possibly .gz) are not read and are reported. Zstandard is not read: the registries ship
// gzip, and the standard library's gzip decoder keeps ahead of several cores of conversion.
//
// # Workers, order and memory
//
// Lines are cut into batches of about 256 KiB and handed to Options.Workers workers (default: every core); the
// output is written in input order whatever the number of workers. A fixed pool of batches bounds memory by the
// number of workers, not by the input's size.
//
// # Bad records
//
// A record the Func rejects is reported (Options.Errors) with its input and line, as a *RecordError, and the run
// goes on: one bad line never costs the good ones. A Func that panics is reported the same way.
//
// # Shards
//
// [Shard] selects a deterministic part of the records, by record: n batch jobs run with shards 1/n to n/n process
// every record exactly once and finish at about the same time, whatever the sizes of the files.
//
// # Filters
//
// [Filter] selects records by what they say — an affiliation's ROR ID or country (raw affiliation strings matched
// offline with a ror.Matcher), resource type, publisher, publication year, an ORCID — for use inside a Func.
//
// Run is safe to call from several goroutines with different inputs and writers.
package stream
