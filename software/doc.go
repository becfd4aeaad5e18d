// Package software describes software releases and records which release produced which data.
//
// A [Release] is the typed view of a software release — name, version, repository, commit and tag, SPDX licence,
// authors with ORCID iDs and affiliations, languages, dependencies with versions, runtime platforms and operating
// systems, DOI and concept DOI, SWHID, release date — and converts to and from [fair.Resource] (resourceTypeGeneral
// Software) with [Release.Resource] and [ReleaseFromResource], like every format of the SDK.
//
// # Where release facts come from
//
//   - [Self] describes the running program from the build information Go embeds in every binary (module, version,
//     vcs.revision, vcs.time, vcs.modified, dependencies): one call, and a pipeline says which build it is.
//   - [Discover] reads a source tree: codemeta.json, CITATION.cff, .zenodo.json, go.mod and the git repository
//     (HEAD, tags, origin, uncommitted changes), read from its files without a git binary ([OpenRepo]).
//
// # Formats
//
// [ReadCodeMeta] and [WriteCodeMeta] (CodeMeta 3.0; 2.0 is read too), [ReadCFF], [WriteCFF] and [ValidateCFF]
// (Citation File Format 1.2.0, validated by the rules of its JSON schema, every problem named by its key path and
// line), [WriteZenodo] and [ReadZenodo] (.zenodo.json for Zenodo's GitHub integration). Readers return beside the
// record the fair.Notes of what the input holds that the record has no place for (notRead); writers return those
// of what their format cannot hold of the record (notWritten, [NotWritten]). [CodeMetaFormat], [CFFFormat] and
// [ZenodoFormat] describe the three formats for package format, which detects them and converts between any two
// formats.
//
// # Intrinsic identifiers
//
// [FileSWHID], [DirSWHID] and [RevisionSWHID] compute Software Heritage identifiers (swh:1:cnt, swh:1:dir,
// swh:1:rev), which are git's blob, tree and commit IDs; [QualifiedSWHID] adds the anchor, path and origin
// qualifiers of the enclosing repository.
//
// # Provenance
//
// A [Run] records one pipeline step: the release (instrument), inputs with identifiers and checksums, outputs,
// parameters, start and end, agent. [Run.LinkDataset] writes it as DataCite related identifiers on the output
// dataset (IsCompiledBy the software's DOI or SWHID, IsDerivedFrom the inputs, Requires the dependencies);
// [Run.Crate] and [WriteRunCrateDir] as an RO-Crate following the Process Run Crate profile 0.5 with PROV-O terms.
// [ProducedBy] and [ReadRunCrate] read provenance back.
//
// Everything here is safe for concurrent use: functions share no mutable state.
package software
