package assess

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"

	"github.com/dop2i/fairmeta/doi"
	"github.com/dop2i/fairmeta/fair"
)

// The checks of the FAIRsFAIR data metrics v0.8 (FsF-*). Offline checks read the record and the bundled lists;
// network checks are in assess_network.go.

var dataChecks = map[string]check{
	"FsF-F1-01MD-1":   {kind: kindOffline, offline: checkMetadataIDUnique},
	"FsF-F1-01MD-2":   {kind: kindOffline, offline: checkDataIDUnique},
	"FsF-F1-02MD-1":   {kind: kindOffline, offline: checkMetadataIDPersistent},
	"FsF-F1-02MD-2":   {kind: kindNetwork, network: netMetadataPIDRegistered},
	"FsF-F1-02MD-4":   {kind: kindOffline, offline: checkDataIDPersistent},
	"FsF-F1-02MD-5":   {kind: kindNetwork, network: netDataPIDRegistered},
	"FsF-F2-01M-2":    {kind: kindOffline, offline: func(a *assessment) verdict { return a.coreMetadata(false) }},
	"FsF-F2-01M-3":    {kind: kindOffline, offline: func(a *assessment) verdict { return a.coreMetadata(true) }},
	"FsF-F3-01M-2":    {kind: kindOffline, offline: checkDataLinkInMetadata},
	"FsF-F4-01M-1":    {kind: kindNetwork, network: netSearchable},
	"FsF-A1-01M-1":    {kind: kindOffline, offline: checkAccessLevel},
	"FsF-A1-02MD-1":   {kind: kindNetwork, network: netMetadataRetrievable},
	"FsF-A1-02MD-2":   {kind: kindNetwork, network: netDataRetrievable},
	"FsF-A1.1-01MD-1": {kind: kindOffline, offline: func(a *assessment) verdict { return a.protocol(false, false) }},
	"FsF-A1.1-01MD-2": {kind: kindOffline, offline: func(a *assessment) verdict { return a.protocol(true, false) }},
	"FsF-A1.2-01MD-1": {kind: kindOffline, offline: func(a *assessment) verdict { return a.protocol(false, true) }},
	"FsF-A1.2-01MD-2": {kind: kindOffline, offline: func(a *assessment) verdict { return a.protocol(true, true) }},
	"FsF-I1-01M-1":    {kind: kindNetwork, network: netEmbeddedStructured},
	"FsF-I1-01M-2":    {kind: kindNetwork, network: netContentNegotiation},
	"FsF-I2-01M-2":    {kind: kindOffline, offline: checkSemanticResources},
	"FsF-I3-01M-1":    {kind: kindOffline, offline: func(a *assessment) verdict { return a.relatedResources(false) }},
	"FsF-I3-01M-2":    {kind: kindOffline, offline: func(a *assessment) verdict { return a.relatedResources(true) }},
	"FsF-R1-01M-1":    {kind: kindOffline, offline: checkResourceType},
	"FsF-R1-01M-2":    {kind: kindOffline, offline: checkSizeAndType},
	"FsF-R1-01M-3":    {kind: kindOffline, offline: checkMeasuredVariables},
	"FsF-R1.1-01M-1":  {kind: kindOffline, offline: checkLicence},
	"FsF-R1.2-01M-1":  {kind: kindOffline, offline: checkProvenanceElements},
	"FsF-R1.2-01M-2":  {kind: kindOffline, offline: checkProvenanceOntology},
	"FsF-R1.3-01M-1":  {kind: kindOffline, offline: func(a *assessment) verdict { return a.communityStandard(false) }},
	"FsF-R1.3-01M-3":  {kind: kindOffline, offline: func(a *assessment) verdict { return a.communityStandard(true) }},
	"FsF-R1.3-02D-1":  {kind: kindOffline, offline: checkFileFormat},
}

var (
	uuidRE = regexp.MustCompile(`^(?i)(urn:uuid:)?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)
	hashRE = regexp.MustCompile(`^(?i)([a-z0-9-]+:)?([0-9a-f]{32}|[0-9a-f]{40}|[0-9a-f]{64}|[0-9a-f]{128})$`)
)

// uniqueSyntax reports whether s follows a unique identifier syntax (a PID, an IRI with a scheme, a UUID or a hash)
// and names it.
func uniqueSyntax(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", false
	}
	if p, err := fair.DetectPID(s); err == nil {
		return string(p.Scheme), true
	}
	if uuidRE.MatchString(s) {
		return "UUID", true
	}
	if hashRE.MatchString(s) {
		return "hash", true
	}
	if u, err := url.Parse(s); err == nil && u.Scheme != "" && (u.Host != "" || u.Opaque != "") && !strings.ContainsAny(s, " \t\n") {
		return "IRI", true
	}
	return "", false
}

// persistentSchemes are the identifier schemes F-UJI counts as persistent (PID systems that maintain resolution).
var persistentSchemes = map[fair.Scheme]bool{fair.SchemeDOI: true, fair.SchemeHandle: true, fair.SchemeARK: true, fair.SchemePURL: true, fair.SchemeURN: true}

// persistentID returns the PID s is when its scheme is persistent (also w3id.org and identifiers.org URLs).
func persistentID(s string) (fair.PID, bool) {
	p, err := fair.DetectPID(s)
	if err != nil {
		return fair.PID{}, false
	}
	if persistentSchemes[p.Scheme] {
		return p, true
	}
	if p.Scheme == fair.SchemeURL {
		if u, err := url.Parse(p.Value); err == nil && (u.Host == "w3id.org" || u.Host == "identifiers.org") {
			return fair.PID{Scheme: "w3id", Value: p.Value, URL: p.Value}, true
		}
	}
	return fair.PID{}, false
}

// metadataID returns the identifier that leads to the metadata: the primary identifier, or the landing page URL.
func (a *assessment) metadataID() (string, string) {
	if v := strings.TrimSpace(a.r.Identifier.Value); v != "" {
		return v, "identifier"
	}
	if v := strings.TrimSpace(a.r.URL); v != "" {
		return v, "url"
	}
	return "", ""
}

// metadataURL returns the URL at which the metadata is reached: the resolver URL of the primary identifier, or the
// landing page URL.
func (a *assessment) metadataURL() string {
	if v := strings.TrimSpace(a.r.Identifier.Value); v != "" {
		if p, err := fair.DetectPID(v); err == nil && p.URL != "" {
			return p.URL
		}
	}
	return strings.TrimSpace(a.r.URL)
}

// netMetadataURL is the URL the network tests fetch the metadata from: metadataURL, except that a DOI is asked at
// the resolver of the assessment ([WithDOIResolver]), which is doi.org unless the caller chose another.
func (a *assessment) netMetadataURL() string {
	if a.resolver != nil {
		if p, err := fair.DetectPID(strings.TrimSpace(a.r.Identifier.Value)); err == nil && p.Scheme == fair.SchemeDOI {
			return a.resolver.URL(doi.DOI(p.Value))
		}
	}
	return a.metadataURL()
}

// dataLink is a content URL of a distribution, with the distribution's index in the record.
type dataLink struct {
	at  int
	url string
}

// dataLinks are the identifiers leading to the data: the distributions' content URLs.
func (a *assessment) dataLinks() []dataLink {
	var out []dataLink
	for i, d := range a.r.Distributions {
		if s := strings.TrimSpace(d.ContentURL); s != "" {
			out = append(out, dataLink{i, s})
		}
	}
	return out
}

const fixMintDOI = `give the record a persistent identifier: set identifier to its DOI, e.g. {"value": "10.xxxx/...", "type": "DOI"} (mint one at DataCite with fairmeta doi mint or package datacite)`

func checkMetadataIDUnique(a *assessment) verdict {
	id, field := a.metadataID()
	if id == "" {
		return verdict{detail: "the record has neither an identifier nor a landing page URL",
			fixes: []string{fixMintDOI}}
	}
	if kind, ok := uniqueSyntax(id); ok {
		return verdict{pass: true, detail: fmt.Sprintf("%s %q is a %s", field, id, kind)}
	}
	return verdict{detail: fmt.Sprintf("%s %q follows no unique identifier syntax (PID, IRI, UUID or hash)", field, id),
		fixes: []string{fmt.Sprintf("%s %q is not a recognised identifier: %s", field, id, fixMintDOI)}}
}

func checkDataIDUnique(a *assessment) verdict {
	links := a.dataLinks()
	if len(links) == 0 {
		return verdict{detail: "no distribution has a content URL", fixes: []string{fixAddDistribution}}
	}
	var bad []string
	for _, l := range links {
		if kind, ok := uniqueSyntax(l.url); ok {
			return verdict{pass: true, detail: fmt.Sprintf("distributions[%d].contentURL %q is a %s", l.at, l.url, kind)}
		}
		bad = append(bad, fmt.Sprintf("distributions[%d].contentURL %q is not a URL or PID", l.at, l.url))
	}
	return verdict{detail: joinList(bad), fixes: bad}
}

func checkMetadataIDPersistent(a *assessment) verdict {
	id, field := a.metadataID()
	if id == "" {
		return verdict{detail: "the record has no identifier", fixes: []string{fixMintDOI}}
	}
	if p, ok := persistentID(id); ok {
		return verdict{pass: true, detail: fmt.Sprintf("%s %q is a %s", field, id, p.Scheme)}
	}
	return verdict{detail: fmt.Sprintf("%s %q is not a persistent identifier (DOI, Handle, ARK, PURL, URN, w3id)", field, id),
		fixes: []string{fmt.Sprintf("%s %q is not persistent: %s", field, id, fixMintDOI)}}
}

func checkDataIDPersistent(a *assessment) verdict {
	links := a.dataLinks()
	for _, l := range links {
		if p, ok := persistentID(l.url); ok {
			return verdict{pass: true, detail: fmt.Sprintf("distributions[%d].contentURL %q is a %s", l.at, l.url, p.Scheme)}
		}
	}
	if len(links) == 0 {
		return verdict{detail: "no distribution has a content URL", fixes: []string{fixAddDistribution}}
	}
	return verdict{detail: "no distribution's content URL is a persistent identifier", fixes: []string{fixDataPID(links[0])}}
}

// fixDataPID says to give the data file of l a persistent identifier.
func fixDataPID(l dataLink) string {
	return fmt.Sprintf("give the data file a persistent identifier (a DOI or Handle of the file) and use it as distributions[%d].contentURL", l.at)
}

const fixAddDistribution = `say where the data can be downloaded: add to distributions an entry with contentURL (and mediaType and size), e.g. {"contentURL": "https://...", "mediaType": "application/x-hdf5", "size": 6442450944}`

// coreMetadata checks the core citation elements and, with descriptive, the summary and keywords too.
func (a *assessment) coreMetadata(descriptive bool) verdict {
	r := a.r
	var missing, fixes []string
	need := func(ok bool, name, fix string) {
		if !ok {
			missing = append(missing, name)
			fixes = append(fixes, fix)
		}
	}
	named := len(r.Creators) > 0
	for _, c := range r.Creators {
		named = named && strings.TrimSpace(c.Name) != ""
	}
	need(named, "creator", `add the creators: creators, each with name, ORCID and affiliation, e.g. {"name": "Lefèvre, Camille", "nameIdentifiers": [{"value": "https://orcid.org/...", "scheme": "ORCID"}], "affiliations": [{"name": "IJCLab"}]}`)
	need(r.MainTitle() != "", "title", `add a title: add to titles {"title": "..."}`)
	id, _ := a.metadataID()
	need(id != "", "identifier", fixMintDOI)
	need(r.PublicationYear != 0 || hasDate(r, fair.DateIssued), "publication date", `set publicationYear (or add to dates {"date": "2026-11-02", "type": "Issued"})`)
	need(strings.TrimSpace(r.Publisher.Name) != "", "publisher", `set publisher, e.g. the data centre with its ROR ID: {"name": "CC-IN2P3", "identifier": "https://ror.org/02k1q2z47", "identifierScheme": "ROR"}`)
	need(r.ResourceType.General != "", "resource type", fixResourceType)
	if descriptive {
		need(hasSummary(r), "summary", `add an abstract: add to descriptions {"description": "...", "type": "Abstract"}`)
		need(len(r.Keywords) > 0 || len(r.Subjects) > 0, "keywords", "add keywords, or subjects from a vocabulary")
	}
	if len(missing) == 0 {
		return verdict{pass: true, detail: "all present"}
	}
	return verdict{detail: "missing: " + joinList(missing), fixes: fixes}
}

func hasDate(r *fair.Resource, t fair.DateType) bool {
	for _, d := range r.Dates {
		if d.Type == t && strings.TrimSpace(d.Date) != "" {
			return true
		}
	}
	return false
}

func hasSummary(r *fair.Resource) bool {
	for _, d := range r.Descriptions {
		if strings.TrimSpace(d.Description) != "" && (d.Type == fair.DescriptionAbstract || d.Type == "" || d.Type == fair.DescriptionOther) {
			return true
		}
	}
	return false
}

func checkDataLinkInMetadata(a *assessment) verdict {
	links := a.dataLinks()
	for _, l := range links {
		if _, ok := uniqueSyntax(l.url); ok {
			return verdict{pass: true, detail: fmt.Sprintf("distributions[%d].contentURL %q", l.at, l.url)}
		}
	}
	if len(links) > 0 {
		return verdict{detail: "the distributions' content URLs are not URLs or PIDs",
			fixes: []string{fmt.Sprintf("distributions[%d].contentURL %q is not a URL: give the download address", links[0].at, links[0].url)}}
	}
	return verdict{detail: "the record does not say where the data is", fixes: []string{fixAddDistribution}}
}

func checkAccessLevel(a *assessment) verdict {
	r := a.r
	if r.AccessRights.Valid() {
		return verdict{pass: true, detail: fmt.Sprintf("accessRights %q (%s)", r.AccessRights, r.AccessRights.URI())}
	}
	for i, rt := range r.Rights {
		for _, s := range []string{rt.URI, rt.Rights} {
			if cond, ok := accessCondition(s); ok {
				return verdict{pass: true, detail: fmt.Sprintf("rights[%d] %q states %s access", i, s, cond)}
			}
		}
	}
	// Free text counts as access information, as in F-UJI; a COAR term is what machines act on.
	if t := strings.TrimSpace(r.AccessConditions); t != "" {
		return verdict{pass: true, detail: fmt.Sprintf("access conditions in free text: accessConditions %q (a COAR term in accessRights would be machine-actionable)", t)}
	}
	for i, rt := range r.Rights {
		if t := strings.TrimSpace(rt.Rights); t != "" && !isLicence(rt) {
			return verdict{pass: true, detail: fmt.Sprintf("rights[%d] %q states access conditions in free text", i, t)}
		}
	}
	fix := fmt.Sprintf("state the access level: set accessRights to a COAR term (%q, %q, %q or %q)", fair.AccessOpen, fair.AccessEmbargoed, fair.AccessRestricted, fair.AccessMetadata)
	if r.AccessRights != "" {
		fix = fmt.Sprintf("accessRights %q is not a COAR access right: %s", r.AccessRights, strings.TrimPrefix(fix, "state the access level: "))
	}
	return verdict{detail: "no access level in the record", fixes: []string{fix}}
}

// protocol checks that the identifiers leading to the metadata (or, with data, to the data) use a standard
// protocol, and with auth one that supports authentication.
func (a *assessment) protocol(data, auth bool) verdict {
	var links []string
	what := "the identifier leading to the metadata"
	if data {
		for _, l := range a.dataLinks() {
			links = append(links, l.url)
		}
		what = "the data links"
	} else if u := a.metadataURL(); u != "" {
		links = []string{u}
	}
	if len(links) == 0 {
		if data {
			return verdict{detail: "no data links", fixes: []string{fixAddDistribution}}
		}
		return verdict{detail: "no identifier or landing page URL", fixes: []string{fixMintDOI}}
	}
	var seen []string
	for _, l := range links {
		scheme := ""
		if u, err := url.Parse(l); err == nil {
			scheme = strings.ToLower(u.Scheme)
		}
		p, ok := standardProtocols[scheme]
		if ok && (!auth || p.auth != "") {
			if auth {
				return verdict{pass: true, detail: fmt.Sprintf("%q uses %s, which supports %s", l, p.name, p.auth)}
			}
			return verdict{pass: true, detail: fmt.Sprintf("%q uses %s", l, p.name)}
		}
		seen = append(seen, fmt.Sprintf("%q (scheme %q)", l, scheme))
	}
	fix := fmt.Sprintf("%s %s: publish them over https", what, joinList(seen))
	if auth {
		return verdict{detail: fmt.Sprintf("no protocol supporting authentication in %s: %s", what, joinList(seen)),
			fixes: []string{fix + " (which supports authentication)"}}
	}
	return verdict{detail: fmt.Sprintf("no standard protocol in %s: %s", what, joinList(seen)), fixes: []string{fix}}
}

func checkSemanticResources(a *assessment) verdict {
	var with, fixes []string
	for i, s := range a.r.Subjects {
		if strings.TrimSpace(s.ValueURI) != "" || strings.TrimSpace(s.SchemeURI) != "" {
			with = append(with, fmt.Sprintf("subjects[%d] %q (%s)", i, s.Subject, firstNonEmpty(s.ValueURI, s.SchemeURI)))
		} else {
			fixes = append(fixes, fmt.Sprintf("subjects[%d] %q names no vocabulary: take the term from a registered vocabulary and set subjects[%d].schemeURI and subjects[%d].valueURI", i, s.Subject, i, i))
		}
	}
	if len(with) > 0 {
		return verdict{pass: true, detail: "terms from registered vocabularies: " + joinList(with)}
	}
	if len(fixes) > 0 {
		return verdict{detail: "no subject names its vocabulary by URI", fixes: fixes}
	}
	return verdict{detail: "no subjects", fixes: []string{`add to subjects terms from a registered vocabulary with their schemeURI and valueURI, e.g. the OECD Fields of Science "1.3 Physical sciences"`}}
}

func firstNonEmpty(s ...string) string {
	for _, x := range s {
		if strings.TrimSpace(x) != "" {
			return x
		}
	}
	return ""
}

// relatedResources checks for typed relations; with machine, relations by actionable identifier.
func (a *assessment) relatedResources(machine bool) verdict {
	r := a.r
	n := len(r.RelatedIdentifiers) + len(r.RelatedItems) + len(r.References)
	if !machine {
		if n > 0 {
			return verdict{pass: true, detail: fmt.Sprintf("%d related resources with a relation type", n)}
		}
		return verdict{detail: "no related resources", fixes: []string{fixRelate}}
	}
	var bad []string
	for i, ri := range r.RelatedIdentifiers {
		if ri.RelationType == "" {
			bad = append(bad, fmt.Sprintf("relatedIdentifiers[%d] has no relation type", i))
			continue
		}
		if _, ok := uniqueSyntax(ri.Identifier); ok {
			return verdict{pass: true, detail: fmt.Sprintf("relatedIdentifiers[%d] %s %q", i, ri.RelationType, ri.Identifier)}
		}
		bad = append(bad, fmt.Sprintf("relatedIdentifiers[%d] %q is not a URL or PID", i, ri.Identifier))
	}
	for i, it := range r.RelatedItems {
		if _, ok := uniqueSyntax(it.Identifier.Identifier); ok && it.RelationType != "" {
			return verdict{pass: true, detail: fmt.Sprintf("relatedItems[%d] %s %q", i, it.RelationType, it.Identifier.Identifier)}
		}
		what := "resource"
		if it.Type != "" {
			what = strings.ToLower(string(it.Type))
		}
		bad = append(bad, fmt.Sprintf("relatedItems[%d] (the related %s %q) has no persistent identifier", i, what, titleOf(it.Titles)))
	}
	for i, it := range r.References {
		bad = append(bad, fmt.Sprintf("references[%d] %q is cited by text only", i, firstNonEmpty(titleOf(it.Titles), string(it.Type))))
	}
	if n == 0 {
		return verdict{detail: "no related resources", fixes: []string{fixRelate}}
	}
	var fixes []string
	for _, b := range bad {
		fixes = append(fixes, b+": give the related resource by its DOI or URL in relatedIdentifiers")
	}
	return verdict{detail: "no related resource is given by an actionable identifier", fixes: fixes}
}

const fixRelate = `link related resources with typed relations in relatedIdentifiers, such as the software that produced the data (relationType "IsCompiledBy", its SWHID or DOI), the raw data ("IsDerivedFrom") or the paper ("IsCitedBy"), e.g. {"identifier": "swh:1:rel:...", "identifierType": "SWHID", "relationType": "IsCompiledBy"}`

func titleOf(ts []fair.Title) string {
	if len(ts) > 0 {
		return ts[0].Title
	}
	return ""
}

const fixResourceType = `set resourceType, e.g. {"general": "Dataset", "type": "Calibrated event list"}`

func checkResourceType(a *assessment) verdict {
	g := a.r.ResourceType.General
	if g.Valid() {
		return verdict{pass: true, detail: fmt.Sprintf("resource type %s", g)}
	}
	if g != "" {
		return verdict{detail: fmt.Sprintf("resource type %q is not a DataCite resourceTypeGeneral", g),
			fixes: []string{fmt.Sprintf("resourceType.general %q is not a DataCite value: use one of DataCite's resourceTypeGeneral values, e.g. \"Dataset\"", g)}}
	}
	return verdict{detail: "no resource type", fixes: []string{fixResourceType}}
}

func checkSizeAndType(a *assessment) verdict {
	r := a.r
	size := len(r.Sizes) > 0
	typ := len(r.Formats) > 0
	for _, d := range r.Distributions {
		size = size || d.Size > 0
		typ = typ || strings.TrimSpace(d.MediaType) != ""
	}
	switch {
	case size && typ:
		return verdict{pass: true, detail: "file size and type given"}
	case size:
		return verdict{detail: "file type missing", fixes: []string{`give the file type: set formats (media types, e.g. ["application/x-hdf5"]) or the distributions' mediaType`}}
	case typ:
		return verdict{detail: "file size missing", fixes: []string{`give the file size: set sizes (e.g. ["6 GB"]) or the distributions' size in bytes`}}
	}
	return verdict{detail: "no file size or type", fixes: []string{`give the file type and size: set formats and sizes, or the distributions' mediaType and size`}}
}

// checkMeasuredVariables looks for the description of the variables: Resource.Variables (schema.org
// variableMeasured), a Description of type TechnicalInfo (DataCite's place for it) or subjects from a variable
// vocabulary.
func checkMeasuredVariables(a *assessment) verdict {
	if n := len(a.r.Variables); n > 0 {
		return verdict{pass: true, detail: fmt.Sprintf("variables names %d measured variable(s), e.g. %q", n, a.r.Variables[0].Name)}
	}
	for i, d := range a.r.Descriptions {
		if d.Type == fair.DescriptionTechnicalInfo && strings.TrimSpace(d.Description) != "" {
			return verdict{pass: true, detail: fmt.Sprintf("descriptions[%d] (TechnicalInfo) describes the content", i)}
		}
	}
	for i, s := range a.r.Subjects {
		if k := strings.ToLower(s.Scheme + " " + s.SchemeURI); strings.Contains(k, "variable") || strings.Contains(k, "parameter") {
			return verdict{pass: true, detail: fmt.Sprintf("subjects[%d] %q is a variable from %q", i, s.Subject, s.Scheme)}
		}
	}
	return verdict{detail: "no description of the measured variables",
		fixes: []string{`describe the measured variables and their units: set variables (name, unit, propertyID), e.g. [{"name": "energy", "unit": "EeV"}], and for DataCite add to descriptions {"description": "...", "type": "TechnicalInfo"}`}}
}

// isLicence reports whether a rights entry is a licence: an SPDX licence, or a statement or URI that names a
// licence. Like F-UJI, a rights entry that is neither a licence nor an access-rights term is taken as a statement of
// access conditions.
func isLicence(rt fair.Rights) bool {
	if _, ok := spdxOf(rt); ok || strings.EqualFold(rt.IdentifierScheme, "SPDX") && rt.Identifier != "" {
		return true
	}
	low := strings.ToLower(rt.Rights + " " + rt.URI + " " + rt.Identifier)
	for _, w := range []string{"licen", "creativecommons.org", "opensource.org", "opendatacommons.org", "gnu.org/licenses"} {
		if strings.Contains(low, w) {
			return true
		}
	}
	return false
}

// licences returns the indices of the rights entries that are licences.
func (a *assessment) licences() []int {
	var out []int
	for i, rt := range a.r.Rights {
		if isLicence(rt) {
			out = append(out, i)
		}
	}
	return out
}

const fixLicence = `add a licence: add to rights an entry with an SPDX identifier, e.g. {"rights": "Creative Commons Attribution 4.0 International", "identifier": "CC-BY-4.0", "identifierScheme": "SPDX", "uri": "https://creativecommons.org/licenses/by/4.0/legalcode"}`

func checkLicence(a *assessment) verdict {
	lic := a.licences()
	if len(lic) == 0 {
		return verdict{detail: "no licence", fixes: []string{fixLicence}}
	}
	rt := a.r.Rights[lic[0]]
	if id, ok := spdxOf(rt); ok {
		return verdict{pass: true, detail: fmt.Sprintf("rights[%d] is the licence %s", lic[0], id)}
	}
	return verdict{pass: true, detail: fmt.Sprintf("rights[%d] %q is a licence statement", lic[0], firstNonEmpty(rt.Rights, rt.URI, rt.Identifier))}
}

// provenanceRelations are the DataCite relations that map to PROV via PROV-DC (isVersionOf, isReferencedBy,
// isReplacedBy, references, isBasedOn/isDerivedFrom, hasVersion, replaces/obsoletes, hasFormat, isFormatOf).
var provenanceRelations = []fair.RelationType{fair.RelIsVersionOf, fair.RelIsNewVersionOf, fair.RelIsReferencedBy, fair.RelIsObsoletedBy, fair.RelReferences,
	fair.RelIsDerivedFrom, fair.RelHasVersion, fair.RelObsoletes, fair.RelIsVariantFormOf, fair.RelIsOriginalFormOf}

func checkProvenanceElements(a *assessment) verdict {
	r := a.r
	var found []string
	if len(r.Contributors) > 0 {
		found = append(found, "contributors")
	}
	if strings.TrimSpace(r.Publisher.Name) != "" {
		found = append(found, "publisher")
	}
	for _, t := range []fair.DateType{fair.DateCreated, fair.DateIssued, fair.DateAccepted, fair.DateSubmitted, fair.DateUpdated} {
		if hasDate(r, t) {
			found = append(found, string(t)+" date")
		}
	}
	if r.PublicationYear != 0 && !hasDate(r, fair.DateIssued) {
		found = append(found, "publication year")
	}
	for _, ri := range r.RelatedIdentifiers {
		for _, p := range provenanceRelations {
			if ri.RelationType == p {
				found = append(found, string(p)+" relation")
			}
		}
	}
	if len(found) > 0 {
		return verdict{pass: true, detail: "provenance elements: " + joinList(found)}
	}
	return verdict{detail: "no provenance elements", fixes: []string{
		`say where the data comes from: add to dates {"date": "...", "type": "Created"}, the contributors with their contributorType, and to relatedIdentifiers an "IsDerivedFrom" relation to the source data`}}
}

// provNamespaces are the formal provenance ontologies.
var provNamespaces = []string{"http://www.w3.org/ns/prov", "http://purl.org/pav"}

// provenanceLink returns the index of a related identifier that links a provenance record in PROV-O or PAV.
func (a *assessment) provenanceLink() (int, bool) {
	for i, ri := range a.r.RelatedIdentifiers {
		s := strings.ToLower(strings.Replace(ri.SchemeURI+" "+ri.RelatedMetadataScheme, "https://", "http://", -1))
		for _, ns := range provNamespaces {
			if strings.Contains(s, ns) || strings.Contains(s, "prov-o") || strings.EqualFold(strings.TrimSpace(ri.RelatedMetadataScheme), "PROV") ||
				strings.EqualFold(strings.TrimSpace(ri.RelatedMetadataScheme), "PAV") {
				return i, true
			}
		}
	}
	return 0, false
}

const fixProvLink = `link a machine-readable provenance record: add to relatedIdentifiers ` + provLinkExample + ` with the address of the PROV document of the run that made it`

// provLinkExample is a relatedIdentifiers entry linking a PROV-O record, as the record's JSON form gives it.
const provLinkExample = `{"identifier": "https://...", "identifierType": "URL", "relationType": "HasMetadata", "relatedMetadataScheme": "PROV-O", "schemeURI": "http://www.w3.org/ns/prov#"}`

func checkProvenanceOntology(a *assessment) verdict {
	if i, ok := a.provenanceLink(); ok {
		return verdict{pass: true, detail: fmt.Sprintf("relatedIdentifiers[%d] links a provenance record (%s)", i,
			firstNonEmpty(a.r.RelatedIdentifiers[i].SchemeURI, a.r.RelatedIdentifiers[i].RelatedMetadataScheme))}
	}
	return verdict{detail: "no provenance in PROV or PAV", fixes: []string{fixProvLink}}
}

// dataciteMissing lists the DataCite 4.7 mandatory properties the record lacks.
func (a *assessment) dataciteMissing() []string {
	r := a.r
	var missing []string
	if r.DOI() == "" {
		missing = append(missing, "a DOI")
	}
	if len(r.Creators) == 0 {
		missing = append(missing, "creators")
	}
	if r.MainTitle() == "" {
		missing = append(missing, "a title")
	}
	if strings.TrimSpace(r.Publisher.Name) == "" {
		missing = append(missing, "a publisher")
	}
	if r.PublicationYear == 0 {
		missing = append(missing, "a publication year")
	}
	if !r.ResourceType.General.Valid() {
		missing = append(missing, "a resource type")
	}
	return missing
}

// communityStandard checks for metadata in a community-endorsed standard: with generic, a multidisciplinary one
// (DataCite, which the record can be published in when it has DataCite's mandatory properties, or a linked record in
// another generic standard); otherwise a community-specific one linked by HasMetadata.
func (a *assessment) communityStandard(generic bool) verdict {
	var links []string
	for i, ri := range a.r.RelatedIdentifiers {
		if ri.RelationType != fair.RelHasMetadata && ri.RelationType != fair.RelIsDescribedBy {
			continue
		}
		st, ok := findStandard(ri.RelatedMetadataScheme, ri.SchemeURI)
		if !ok {
			links = append(links, fmt.Sprintf("relatedIdentifiers[%d] (%q)", i, firstNonEmpty(ri.RelatedMetadataScheme, ri.SchemeURI, ri.Identifier)))
			continue
		}
		if st.generic == generic {
			return verdict{pass: true, detail: fmt.Sprintf("relatedIdentifiers[%d] links metadata in %s", i, st.title)}
		}
	}
	if generic {
		missing := a.dataciteMissing()
		if len(missing) == 0 {
			return verdict{pass: true, detail: "the record has every DataCite 4.7 mandatory property, so it is published in the DataCite Metadata Schema, a multidisciplinary standard of the RDA catalogue"}
		}
		return verdict{detail: "the record lacks " + joinList(missing) + " for the DataCite Metadata Schema",
			fixes: []string{"either complete the DataCite mandatory properties (add " + joinList(missing) + `), or link the record's ` +
				`metadata in a multidisciplinary standard (e.g. the run's PROV-O record, an RO-Crate, Dublin Core): add to relatedIdentifiers ` +
				provLinkExample}}
	}
	detail := "no metadata in a community-specific standard is linked"
	if len(links) > 0 {
		detail += "; not recognised as a community standard: " + joinList(links)
	}
	return verdict{detail: detail, fixes: []string{`link the record's metadata in your community's standard (e.g. IVOA VOResource for astronomy): add to relatedIdentifiers an entry with relationType "HasMetadata", relatedMetadataScheme the standard's name and schemeURI its namespace, ` +
		`e.g. {"identifier": "https://...", "identifierType": "URL", "relationType": "HasMetadata", "relatedMetadataScheme": "...", "schemeURI": "..."}`}}
}

func checkFileFormat(a *assessment) verdict {
	r := a.r
	type cand struct{ where, mt, name string }
	var cs []cand
	for i, f := range r.Formats {
		cs = append(cs, cand{fmt.Sprintf("formats[%d]", i), f, ""})
	}
	for i, d := range r.Distributions {
		cs = append(cs, cand{fmt.Sprintf("distributions[%d]", i), d.MediaType, firstNonEmpty(d.Name, d.ContentURL)})
	}
	var unknown []string
	for _, c := range cs {
		if f, ok := findFormat(c.mt, c.name); ok {
			return verdict{pass: true, detail: fmt.Sprintf("%s is %s, a %s format", c.where, f.name, f.kind)}
		}
		unknown = append(unknown, fmt.Sprintf("%s %q", c.where, firstNonEmpty(c.mt, c.name)))
	}
	if len(cs) == 0 {
		return verdict{detail: "no file format given", fixes: []string{`give the file format as a media type in formats, e.g. ["application/x-hdf5"]`}}
	}
	return verdict{detail: "no recognised open, long-term or scientific format: " + joinList(unknown),
		fixes: []string{joinList(unknown) + " is not a recognised open, long-term or scientific format: provide the data also in one (e.g. HDF5, FITS, NetCDF, CSV) and list its media type"}}
}
