// Package schemaorg writes a fair.Resource as schema.org JSON-LD (the metadata of a landing page, what Google
// Dataset Search, RO-Crate and CodeMeta read), reads schema.org as landing pages publish it back into a
// fair.Resource, and owns the SDK's JSON-LD processing: expansion, compaction, canonical N-Quads and content hashes
// on json-gold, behind a loader that is safe and offline by default and a cache that makes it fast.
//
// # Writing
//
// [Marshal] (or [Write]) gives a complete document with "@context": "https://schema.org/"; [Node] gives the node
// object alone, for embedding in a larger document such as an RO-Crate @graph:
//
//	doc, err := schemaorg.Marshal(rec) // rec is a *fair.Resource
//
// The @type follows the resourceTypeGeneral (Dataset, SoftwareSourceCode, ScholarlyArticle, ...; typeTable in
// tables.go), with additionalType holding the free-text type and, when several general types share a schema.org
// type, the general type itself. A Dataset carries what Google Dataset Search requires (name, description) and
// recommends (alternateName, creator, citation, funder, hasPart, isAccessibleForFree, isBasedOn, identifier,
// isPartOf, keywords, license, measurementTechnique, sameAs, spatialCoverage, temporalCoverage, variableMeasured,
// version, url, includedInDataCatalog, distribution) whenever the record has the facts. Persons and organisations carry their ORCID
// iD or ROR ID as @id and sameAs, other identifiers as PropertyValues, and affiliations as Organizations. Strings with
// a language are written as {"@value", "@language"} objects. The output escapes <, > and &, so it can go inside an
// HTML <script> element as it is.
//
// Fields and their schema.org properties:
//
//	Identifier, AlternateIdentifiers  @id (the resolver URL) and identifier (PropertyValue: propertyID, value, url)
//	Titles                            name (main), alternativeHeadline (Subtitle), alternateName (the others)
//	Descriptions                      description; Methods go to measurementTechnique
//	Variables                         variableMeasured (PropertyValue: name, description, unitText, propertyID)
//	Creators                          creator (Person or Organization)
//	Contributors                      editor, producer, translator, sponsor, copyrightHolder; other types as a
//	                                  Role {roleName: contributorType} under contributor
//	Publisher                         publisher; also includedInDataCatalog for a Dataset
//	PublicationYear, Dates            datePublished (Issued, else the year), dateCreated, dateModified,
//	                                  expires (Withdrawn), temporalCoverage (Coverage)
//	Language                          inLanguage
//	Keywords, Subjects                keywords: strings, and DefinedTerms (termCode, url, inDefinedTermSet)
//	Rights                            license: the URL, or a CreativeWork with name, url and an SPDX identifier
//	AccessRights, AccessConditions    isAccessibleForFree (open access or not), conditionsOfAccess
//	Formats, Sizes                    encodingFormat, size
//	Distributions                     distribution: DataDownload (name, contentUrl, encodingFormat,
//	                                  contentSize "N B", sha256)
//	GeoLocations                      spatialCoverage: Place with name and geo (GeoCoordinates, GeoShape box
//	                                  "south west north east", polygon)
//	FundingReferences                 funder (Organization) and funding (MonetaryGrant: identifier, name, url, funder)
//	Software                          codeRepository, programmingLanguage, runtimePlatform, operatingSystem,
//	                                  softwareRequirements (SoftwareApplication: name, softwareVersion, identifier)
//	RelatedIdentifiers, RelatedItems,
//	References                        the relation table below
//	Container (the first RelatedItem  isPartOf PublicationIssue (issueNumber) → PublicationVolume (volumeNumber) →
//	IsPublishedIn of type Journal)    Periodical (name, alternateName, identifier and issn, publisher), each level
//	                                  only when known; its pages and article number are the article's pageStart,
//	                                  pageEnd and position
//	Publication.Conference            @reverse workFeatured: Event (name, alternateName, startDate, endDate,
//	                                  location Place with name and address PostalAddress addressCountry,
//	                                  identifier, url)
//	Affiliation.OtherIdentifiers      identifier PropertyValues of the affiliation's Organization
//	Creator.RawAffiliations           affiliation Organizations (names) when the creator has no Affiliations
//
// Publication facts with no schema.org property of their own ride on the general ones: arXiv identifiers, report
// numbers and INSPIRE keys are identifier PropertyValues, arXiv categories DefinedTerms, collaborations
// Organizations among the creators (see "Publications" in package fair).
//
// What schema.org cannot carry, and so does not survive a round trip: name languages of persons, nameIdentifier
// scheme URIs other than ORCID, ROR and ISNI, publisher languages, description types other than Abstract and
// Methods (read back as Abstract), date types Accepted, Available, Collected, Submitted, Valid and Other, embargoed
// versus restricted access (both isAccessibleForFree false), checksums other than SHA-256, funder scheme URIs,
// the numberType of related items (a number is read back as an article number) and metadata-scheme attributes, raw affiliation
// strings of a creator that has affiliations, polygon inner points, and the CodeMeta-only software facts
// (issue tracker, continuous integration, development status, commit, tag).
//
// # Relations
//
// Each DataCite relationType is written under the schema.org property that means it. Where that property also
// carries another relation (the first one listed), or where schema.org has no property, the link is a schema.org
// Role whose roleName is the relationType: readers that ignore roles still find the link under a meaningful
// property, and this package reads back the exact relation. Related resources are nodes with @id (the resolver URL
// of the identifier), @type (from resourceTypeGeneral) and identifier (a PropertyValue with the identifier type).
//
//	Cites                 citation
//	IsCitedBy             @reverse citation
//	References            Role under citation
//	IsReferencedBy        Role under isRelatedTo
//	IsPartOf              isPartOf
//	IsPublishedIn         Role under isPartOf
//	HasPart               hasPart
//	IsDerivedFrom         isBasedOn
//	IsSourceOf            @reverse isBasedOn
//	IsVersionOf           exampleOfWork
//	HasVersion            workExample
//	IsTranslationOf       translationOfWork
//	HasTranslation        workTranslation
//	IsIdenticalTo         sameAs
//	IsDescribedBy         subjectOf
//	Describes             about
//	IsDocumentedBy        Role under subjectOf
//	Documents             Role under about
//	IsReviewedBy          review
//	Reviews               itemReviewed
//	IsSupplementTo, IsSupplementedBy, IsContinuedBy, Continues, IsNewVersionOf, IsPreviousVersionOf,
//	IsCompiledBy, Compiles, IsVariantFormOf, IsOriginalFormOf, HasMetadata, IsMetadataFor, Requires,
//	IsRequiredBy, Obsoletes, IsObsoletedBy, Collects, IsCollectedBy, Other
//	                      no schema.org property: Role under isRelatedTo
//
// A relation with relationTypeInformation is always written as a Role, whose description holds it.
//
// # Reading
//
// [Read] takes JSON-LD or an HTML page. Landing pages write schema.org in many shapes and Read accepts them all by
// expanding the document first: @context as "http://schema.org", "https://schema.org/", an object, an array or
// absent (with full IRIs); @type as a string or an array; values as strings, objects or arrays; nodes in a @graph
// that refer to each other by @id; @reverse; Croissant datasets (their FileObjects are distributions). From an HTML
// page it reads the first <script type="application/ld+json"> block that describes a resource. The main node is
// the first Dataset, or the first node of another resource type.
//
// Nothing is dropped silently: [Read] returns beside the record the fair.Notes of every property and value that has
// no place in a fair.Resource (a publisher's url, a Croissant recordSet), with its path, value and reason; [Write]
// returns those of what schema.org cannot hold of a record ([NotWritten]). [Format] describes the format for
// package format, which detects it and converts it to and from the other formats.
//
// # JSON-LD processing
//
// A [Processor] expands, compacts, canonicalizes (URDNA2015 N-Quads, byte for byte what json-gold's Normalize
// gives) and hashes JSON-LD. Its zero value is ready to use; [NewProcessor] configures it:
//
//	p, err := schemaorg.NewProcessor(schemaorg.WithSchemaOrgContext(official)) // official: the context file's bytes
//	nq, err := p.Canonicalize(ctx, doc)
//	sum, err := p.Hash(ctx, doc) // "sha256:<hex>" of the N-Quads
//
// Safe: json-gold's own loader opens any non-http IRI as a local path ("@context": "/etc/passwd"). The processor's
// loader never reads a local file and never uses the network unless [WithRemoteContexts] allows a URL prefix (https
// only, or http to loopback; responses capped at 8 MiB). Refusals are [*LoadError] values (errors.Is
// [ErrContextRefused]).
//
// Offline: every schema.org context URL is served from memory, by default from a context embedded in this package
// ([EmbeddedContext]) that defines every term the writer emits exactly as the official schema.org context does, so a
// written document has the same canonical form under either. For arbitrary input, give the official context
// (schemaorgcontext.jsonld of a schema.org release) to [WithSchemaOrgContext].
//
// Fast: json-gold processes the whole context again for every document (about 3,000 terms for schema.org). The
// processor processes each distinct @context once, keeps json-gold's processed form, and hands it back to json-gold
// as the @context of later documents, which json-gold accepts as an already active context. On top of that, the
// documents landing pages publish are canonicalized by a direct path that reproduces json-gold's expansion, RDF
// conversion and URDNA2015 byte for byte; documents using anything else (scoped contexts, containers, lists, named
// graphs) go through json-gold. A Processor is safe for concurrent use; reuse one.
package schemaorg
