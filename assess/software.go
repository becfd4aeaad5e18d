package assess

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/dop2i/fairmeta/fair"
)

// The checks of the FAIR4RS software metrics v0.7 (FRSM-*). What a software record can show is decided from it;
// what needs the source repository itself (its files, test suite, commit history) is reported as not run with the
// reason, as the package doc lists.

const repoReason = "needs the contents of the source repository, which fairmeta does not fetch"

var softwareChecks = map[string]check{
	"FRSM-01-F1-1":   {kind: kindNetwork, network: netSoftwareLanding},
	"FRSM-01-F1-2":   {kind: kindOffline, offline: func(a *assessment) verdict { return a.softwareID(false) }},
	"FRSM-01-F1-3":   {kind: kindOffline, offline: func(a *assessment) verdict { return a.softwareID(true) }},
	"FRSM-02-F1.1-1": {kind: kindOffline, offline: checkComponentIDs},
	"FRSM-02-F1.1-2": {kind: kindOffline, offline: checkComponentRelations},
	"FRSM-02-F1.1-3": {kind: kindRepository, reason: repoReason + " (its module structure)"},
	"FRSM-03-F1.2-1": {kind: kindOffline, offline: checkVersionDistinctID},
	"FRSM-03-F1.2-2": {kind: kindOffline, offline: checkVersionRelations},
	"FRSM-03-F1.2-3": {kind: kindOffline, offline: checkVersionNumber},
	"FRSM-04-F2-1":   {kind: kindOffline, offline: checkTitleDescription},
	"FRSM-04-F2-2":   {kind: kindOffline, offline: checkSoftwareDescriptive},
	"FRSM-04-F2-3":   {kind: kindOffline, offline: checkCodeMetaDescriptive},
	"FRSM-05-R1-1":   {kind: kindOffline, offline: checkContact},
	"FRSM-05-R1-2":   {kind: kindOffline, offline: checkDevStatusDocs},
	"FRSM-05-R1-3":   {kind: kindOffline, offline: checkCodeMetaDevelopment},
	"FRSM-06-F2-1":   {kind: kindOffline, offline: checkContributorsPresent},
	"FRSM-06-F2-2":   {kind: kindOffline, offline: checkContributorsORCID},
	"FRSM-06-F2-3":   {kind: kindRepository, reason: repoReason + " (a CITATION.cff or codemeta.json giving each contributor's share of credit; the record has no member for a credit share)"},
	"FRSM-07-F3-1":   {kind: kindOffline, offline: checkOwnIdentifier},
	"FRSM-07-F3-2":   {kind: kindNetwork, network: netSameInstance},
	"FRSM-08-F4-1":   {kind: kindOffline, offline: checkPersistentInfrastructure},
	"FRSM-08-F4-2":   {kind: kindNetwork, network: netSoftwareSearchable},
	"FRSM-08-F4-3":   {kind: kindOffline, offline: checkCrossReferenced},
	"FRSM-09-A1-1":   {kind: kindOffline, offline: func(a *assessment) verdict { return a.repoProtocol(false) }},
	"FRSM-09-A1-2":   {kind: kindOffline, offline: func(a *assessment) verdict { return a.repoProtocol(true) }},
	"FRSM-10-I1-1":   {kind: kindOffline, offline: checkFormatsDescribed},
	"FRSM-10-I1-2":   {kind: kindOffline, offline: checkFormatsOpen},
	"FRSM-10-I1-3":   {kind: kindOffline, offline: checkSchemaReference},
	"FRSM-11-I1-1":   {kind: kindRepository, reason: repoReason + " (the API documentation)"},
	"FRSM-11-I1-2":   {kind: kindRepository, reason: repoReason + " (whether its APIs are freely accessible)"},
	"FRSM-11-I1-3":   {kind: kindRepository, reason: repoReason + " (an OpenAPI or other interface definition)"},
	"FRSM-12-I2-1":   {kind: kindOffline, offline: checkSoftwareReferences},
	"FRSM-13-R1-1":   {kind: kindOffline, offline: checkInstructions},
	"FRSM-13-R1-2":   {kind: kindOffline, offline: checkDependencies},
	"FRSM-14-R1-1":   {kind: kindRepository, reason: repoReason + " (its tests and test data)"},
	"FRSM-14-R1-2":   {kind: kindRepository, reason: repoReason + " (automated unit and system tests in its CI configuration)"},
	"FRSM-14-R1-3":   {kind: kindRepository, reason: repoReason + " (a coverage report)"},
	"FRSM-15-R1.1-1": {kind: kindRepository, reason: repoReason + " (a LICENSE file)"},
	"FRSM-15-R1.1-2": {kind: kindRepository, reason: repoReason + " (the licences of bundled components)"},
	"FRSM-15-R1.1-3": {kind: kindOffline, offline: checkSPDXLicence},
	"FRSM-16-R1.1-1": {kind: kindOffline, offline: checkLicenceAndCopyright},
	"FRSM-16-R1.1-2": {kind: kindOffline, offline: checkMachineReadableLicence},
	"FRSM-17-R1.2-1": {kind: kindOffline, offline: checkCommitHistory},
	"FRSM-17-R1.2-2": {kind: kindRepository, reason: repoReason + " (its commits and issue references)"},
	"FRSM-17-R1.2-3": {kind: kindOffline, offline: checkProvenanceOntology},
}

// softwareIDs returns the record's identifiers: the primary one, then the alternate ones.
func (a *assessment) softwareIDs() []string {
	var out []string
	if v := strings.TrimSpace(a.r.Identifier.Value); v != "" {
		out = append(out, v)
	}
	for _, id := range a.r.AlternateIdentifiers {
		if v := strings.TrimSpace(id.Value); v != "" {
			out = append(out, v)
		}
	}
	return out
}

// softwarePersistent are the schemes that guarantee uniqueness and persistence for software; softwareCommon are
// those commonly used for research software (DataCite DOIs, e.g. through Zenodo, and Software Heritage IDs).
var (
	softwarePersistent = map[fair.Scheme]bool{fair.SchemeDOI: true, fair.SchemeHandle: true, fair.SchemeARK: true, fair.SchemeSWHID: true, fair.SchemePURL: true, fair.SchemeURN: true}
	softwareCommon     = map[fair.Scheme]bool{fair.SchemeDOI: true, fair.SchemeSWHID: true}
)

func (a *assessment) softwareID(common bool) verdict {
	ids := a.softwareIDs()
	var seen []string
	for _, id := range ids {
		p, err := fair.DetectPID(id)
		if err != nil {
			seen = append(seen, fmt.Sprintf("%q (not recognised)", id))
			continue
		}
		_, w3id := persistentID(id) // w3id.org and identifiers.org URLs are persistent too
		if common && softwareCommon[p.Scheme] || !common && (softwarePersistent[p.Scheme] || w3id) {
			return verdict{pass: true, detail: fmt.Sprintf("%q is a %s", id, p.Scheme)}
		}
		seen = append(seen, fmt.Sprintf("%q (%s)", id, p.Scheme))
	}
	fix := `give the release a DOI (set identifier, e.g. {"value": "10.xxxx/...", "type": "DOI"}) and archive it at Software Heritage (its SWHID in alternateIdentifiers, e.g. {"value": "swh:1:rel:...", "type": "SWHID"})`
	if len(ids) == 0 {
		return verdict{detail: "the software has no identifier", fixes: []string{fix}}
	}
	what := "persistent"
	if common {
		what = "commonly used for software (DOI, SWHID)"
	}
	return verdict{detail: "no identifier is " + what + ": " + joinList(seen), fixes: []string{joinList(seen) + " is not " + what + ": " + fix}}
}

func (a *assessment) relations(types ...fair.RelationType) []int {
	var out []int
	for i, ri := range a.r.RelatedIdentifiers {
		for _, t := range types {
			if ri.RelationType == t {
				out = append(out, i)
			}
		}
	}
	return out
}

func checkComponentIDs(a *assessment) verdict {
	parts := a.relations(fair.RelHasPart)
	if len(parts) == 0 {
		return verdict{detail: "no components listed", fixes: []string{`list the software's components with their own identifiers: relatedIdentifiers with relationType "HasPart"`}}
	}
	own := strings.ToLower(strings.TrimSpace(a.r.Identifier.Value))
	seen := map[string]int{}
	for _, i := range parts {
		id := strings.ToLower(strings.TrimSpace(a.r.RelatedIdentifiers[i].Identifier))
		if j, dup := seen[id]; dup || id == own || id == "" {
			what := "the record's own identifier"
			if dup {
				what = fmt.Sprintf("relatedIdentifiers[%d]", j)
			}
			return verdict{detail: fmt.Sprintf("relatedIdentifiers[%d] repeats %s", i, what),
				fixes: []string{fmt.Sprintf("relatedIdentifiers[%d] (HasPart) has the same identifier as %s: give each component its own identifier", i, what)}}
		}
		seen[id] = i
	}
	return verdict{pass: true, detail: fmt.Sprintf("%d components with distinct identifiers", len(parts))}
}

func checkComponentRelations(a *assessment) verdict {
	if rs := a.relations(fair.RelHasPart, fair.RelIsPartOf); len(rs) > 0 {
		return verdict{pass: true, detail: fmt.Sprintf("%d HasPart/IsPartOf relations", len(rs))}
	}
	return verdict{detail: "no relation between components", fixes: []string{"relate the software to its components (HasPart) or to the software it is part of (IsPartOf) in relatedIdentifiers"}}
}

var versionRelations = []fair.RelationType{fair.RelIsVersionOf, fair.RelHasVersion, fair.RelIsNewVersionOf, fair.RelIsPreviousVersionOf}

func checkVersionDistinctID(a *assessment) verdict {
	own := strings.TrimSpace(a.r.Identifier.Value)
	if own == "" {
		return verdict{detail: "the release has no identifier", fixes: []string{`give this version its own DOI (identifier) — Zenodo and DataCite mint one per release`}}
	}
	for _, i := range a.relations(versionRelations...) {
		if strings.EqualFold(strings.TrimSpace(a.r.RelatedIdentifiers[i].Identifier), own) {
			return verdict{detail: fmt.Sprintf("relatedIdentifiers[%d] (%s) has the release's own identifier", i, a.r.RelatedIdentifiers[i].RelationType),
				fixes: []string{fmt.Sprintf("identifier %q is used for both this version and relatedIdentifiers[%d]: give each version its own DOI and the concept another", own, i)}}
		}
	}
	if strings.TrimSpace(a.r.Version) == "" {
		return verdict{detail: "the record does not say which version the identifier is for", fixes: []string{fmt.Sprintf(`set version (e.g. "1.4.0") so that identifier %q identifies one version`, own)}}
	}
	return verdict{pass: true, detail: fmt.Sprintf("%q identifies version %s", own, a.r.Version)}
}

func checkVersionRelations(a *assessment) verdict {
	if rs := a.relations(versionRelations...); len(rs) > 0 {
		return verdict{pass: true, detail: fmt.Sprintf("%d version relations", len(rs))}
	}
	return verdict{detail: "no relation to other versions", fixes: []string{"relate the release to the software concept (IsVersionOf its concept DOI) and to the previous release (IsNewVersionOf) in relatedIdentifiers"}}
}

func checkVersionNumber(a *assessment) verdict {
	if v := strings.TrimSpace(a.r.Version); v != "" {
		return verdict{pass: true, detail: "version " + v}
	}
	return verdict{detail: "no version number", fixes: []string{`set version to the release's version number, e.g. "1.4.0"`}}
}

func checkTitleDescription(a *assessment) verdict {
	var missing, fixes []string
	if a.r.MainTitle() == "" {
		missing, fixes = append(missing, "title"), append(fixes, `add the software's name as a title: add to titles {"title": "..."}`)
	}
	if !hasSummary(a.r) {
		missing, fixes = append(missing, "description"), append(fixes, `add a description of what the software does: add to descriptions {"description": "...", "type": "Abstract"}`)
	}
	if len(missing) > 0 {
		return verdict{detail: "missing: " + joinList(missing), fixes: fixes}
	}
	return verdict{pass: true, detail: "title and description present"}
}

func checkSoftwareDescriptive(a *assessment) verdict {
	r := a.r
	var have, missing []string
	kinds := []struct {
		ok   bool
		name string
		fix  string
	}{
		{len(r.Subjects) > 0, "domain", "subjects naming the research domain"},
		{len(r.FundingReferences) > 0, "funder", "fundingReferences"},
		{len(r.Software.ProgrammingLanguages) > 0, "programming language", "software.programmingLanguages"},
		{hasDate(r, fair.DateCreated), "date created", `a date of type "Created" in dates`},
		{len(r.Keywords) > 0, "keywords", "keywords"},
	}
	var fixes []string
	for _, k := range kinds {
		if k.ok {
			have = append(have, k.name)
		} else {
			missing = append(missing, k.name)
			fixes = append(fixes, k.fix)
		}
	}
	// The metric names five kinds "such as"; three of them make the software describable beyond its title.
	if len(have) >= 3 {
		return verdict{pass: true, detail: "descriptive metadata: " + joinList(have)}
	}
	return verdict{detail: fmt.Sprintf("only %d of domain, funder, programming language, date created and keywords (3 needed); missing %s", len(have), joinList(missing)),
		fixes: []string{"add " + joinList(fixes)}}
}

func checkCodeMetaDescriptive(a *assessment) verdict {
	s := a.r.Software
	var missing []string
	if strings.TrimSpace(s.CodeRepository) == "" {
		missing = append(missing, "software.codeRepository")
	}
	if len(s.ProgrammingLanguages) == 0 {
		missing = append(missing, "software.programmingLanguages")
	}
	if len(missing) == 0 {
		return verdict{pass: true, detail: "the record carries CodeMeta's software properties (codeRepository, programmingLanguage), so it is published as codemeta.json"}
	}
	return verdict{detail: "the record lacks CodeMeta's software properties: " + joinList(missing),
		fixes: []string{"set " + joinList(missing) + " so the record can be written as CodeMeta (fairmeta convert -to codemeta)"}}
}

func checkContact(a *assessment) verdict {
	r := a.r
	for i, c := range r.Contributors {
		if c.ContributorType == fair.ContributorContactPerson {
			return verdict{pass: true, detail: fmt.Sprintf("contributors[%d] %q is the contact person", i, c.Name)}
		}
	}
	for i, c := range r.Creators {
		if strings.TrimSpace(c.Email) != "" {
			return verdict{pass: true, detail: fmt.Sprintf("creators[%d] %q has an email address", i, c.Name)}
		}
	}
	if u := strings.TrimSpace(r.Software.IssueTracker); u != "" {
		return verdict{pass: true, detail: "support through the issue tracker " + u}
	}
	return verdict{detail: "no contact or support", fixes: []string{`say whom to contact: a contributor of contributorType "ContactPerson", a creator's email, or software.issueTracker`}}
}

func checkDevStatusDocs(a *assessment) verdict {
	var missing []string
	if strings.TrimSpace(a.r.Software.DevelopmentStatus) == "" {
		missing = append(missing, `software.developmentStatus (a repostatus.org term such as "active")`)
	}
	if len(a.relations(fair.RelIsDocumentedBy)) == 0 {
		missing = append(missing, `a link to the documentation (in relatedIdentifiers, of relationType "IsDocumentedBy")`)
	}
	if len(missing) == 0 {
		return verdict{pass: true, detail: "development status " + a.r.Software.DevelopmentStatus + " and documentation link"}
	}
	return verdict{detail: "missing " + joinList(missing), fixes: []string{"add " + joinList(missing)}}
}

func checkCodeMetaDevelopment(a *assessment) verdict {
	s := a.r.Software
	var missing []string
	if strings.TrimSpace(s.CodeRepository) == "" {
		missing = append(missing, "software.codeRepository")
	}
	if strings.TrimSpace(s.DevelopmentStatus) == "" {
		missing = append(missing, "software.developmentStatus")
	}
	if strings.TrimSpace(s.IssueTracker) == "" && strings.TrimSpace(s.ContinuousIntegration) == "" {
		missing = append(missing, "software.issueTracker or software.continuousIntegration")
	}
	if len(missing) == 0 {
		return verdict{pass: true, detail: "CodeMeta development properties present (codeRepository, developmentStatus, issueTracker/continuousIntegration)"}
	}
	return verdict{detail: "the record lacks CodeMeta's development properties: " + joinList(missing), fixes: []string{"set " + joinList(missing)}}
}

func checkContributorsPresent(a *assessment) verdict {
	if n := len(a.r.Creators) + len(a.r.Contributors); n > 0 {
		return verdict{pass: true, detail: fmt.Sprintf("%d creators and %d contributors", len(a.r.Creators), len(a.r.Contributors))}
	}
	return verdict{detail: "no authors or contributors", fixes: []string{"add the authors as creators"}}
}

func hasORCID(c fair.Creator) bool {
	for _, n := range c.NameIdentifiers {
		if strings.EqualFold(string(n.Scheme), "ORCID") || strings.Contains(strings.ToLower(n.Value), "orcid.org/") {
			if _, err := fair.ParseORCID(n.Value); err == nil {
				return true
			}
		}
	}
	return false
}

// orcidExample is a name identifier giving an ORCID, as the record's JSON form gives it.
const orcidExample = `{"value": "https://orcid.org/...", "scheme": "ORCID"}`

func displayName(c fair.Creator) string {
	if n := strings.TrimSpace(c.Name); n != "" {
		return n
	}
	return strings.TrimSpace(c.GivenName + " " + c.FamilyName)
}

// personsWithoutORCID lists, as fixes, the personal creators and contributors without a valid ORCID.
func (a *assessment) personsWithoutORCID() []string {
	var fixes []string
	person := func(c fair.Creator) bool { return c.NameType != fair.NameOrganizational }
	for i, c := range a.r.Creators {
		if person(c) && !hasORCID(c) {
			fixes = append(fixes, fmt.Sprintf("creators[%d] %q has no ORCID: add to creators[%d].nameIdentifiers %s", i, displayName(c), i, orcidExample))
		}
	}
	for i, c := range a.r.Contributors {
		if c.ContributorType == "" {
			fixes = append(fixes, fmt.Sprintf("contributors[%d] %q has no role: set contributors[%d].contributorType", i, displayName(c.Creator), i))
		}
		if person(c.Creator) && !hasORCID(c.Creator) {
			fixes = append(fixes, fmt.Sprintf("contributors[%d] %q has no ORCID: add to contributors[%d].nameIdentifiers %s", i, displayName(c.Creator), i, orcidExample))
		}
	}
	return fixes
}

func checkContributorsORCID(a *assessment) verdict {
	if len(a.r.Creators) == 0 {
		return verdict{detail: "no authors", fixes: []string{"add the authors as creators, each with an ORCID"}}
	}
	if fixes := a.personsWithoutORCID(); len(fixes) > 0 {
		return verdict{detail: fmt.Sprintf("%d problems with the people credited", len(fixes)), fixes: fixes}
	}
	return verdict{pass: true, detail: "every person credited has an ORCID and every contributor a role"}
}

func checkOwnIdentifier(a *assessment) verdict {
	for _, id := range a.softwareIDs() {
		if _, ok := uniqueSyntax(id); ok {
			return verdict{pass: true, detail: fmt.Sprintf("the citation metadata includes %q", id)}
		}
	}
	return verdict{detail: "the citation metadata has no identifier", fixes: []string{`put the release's DOI in its citation metadata (identifier; it becomes "doi:" in CITATION.cff and "identifier" in codemeta.json)`}}
}

func checkPersistentInfrastructure(a *assessment) verdict {
	for _, id := range a.softwareIDs() {
		if p, err := fair.DetectPID(id); err == nil && (p.Scheme == fair.SchemeDOI || p.Scheme == fair.SchemeSWHID) {
			where := "DataCite (DOI)"
			if p.Scheme == fair.SchemeSWHID {
				where = "Software Heritage"
			}
			return verdict{pass: true, detail: fmt.Sprintf("%q: the metadata record is kept by %s", id, where)}
		}
	}
	return verdict{detail: "no record on an infrastructure that guarantees persistence", fixes: []string{"deposit the release where its metadata is kept for good: mint a DataCite DOI (e.g. through Zenodo) and archive the code at Software Heritage"}}
}

func checkCrossReferenced(a *assessment) verdict {
	var doi, swh bool
	for _, id := range a.softwareIDs() {
		if p, err := fair.DetectPID(id); err == nil {
			doi = doi || p.Scheme == fair.SchemeDOI
			swh = swh || p.Scheme == fair.SchemeSWHID
		}
	}
	for _, ri := range a.r.RelatedIdentifiers {
		if p, err := fair.DetectPID(ri.Identifier); err == nil && p.Scheme == fair.SchemeSWHID {
			swh = true
		}
	}
	if doi && swh {
		return verdict{pass: true, detail: "records at DataCite (DOI) and Software Heritage (SWHID) that the record cross-references"}
	}
	var missing []string
	if !doi {
		missing = append(missing, "a DOI (identifier)")
	}
	if !swh {
		missing = append(missing, "the Software Heritage ID of the release (a SWHID in alternateIdentifiers or relatedIdentifiers)")
	}
	return verdict{detail: "the record is not cross-referenced across infrastructures", fixes: []string{"add " + joinList(missing)}}
}

func (a *assessment) repoProtocol(auth bool) verdict {
	repo := strings.TrimSpace(a.r.Software.CodeRepository)
	if repo == "" {
		return verdict{detail: "no code repository", fixes: []string{`set software.codeRepository to the repository's address, e.g. "https://gitlab.in2p3.fr/group/tool"`}}
	}
	scheme := ""
	if u, err := url.Parse(repo); err == nil {
		scheme = strings.ToLower(u.Scheme)
	}
	scheme = strings.TrimPrefix(scheme, "git+")
	p, ok := standardProtocols[scheme]
	switch {
	case ok && (!auth || p.auth != ""):
		if auth {
			return verdict{pass: true, detail: fmt.Sprintf("%q uses %s, which supports %s", repo, p.name, p.auth)}
		}
		return verdict{pass: true, detail: fmt.Sprintf("%q uses %s", repo, p.name)}
	case ok:
		return verdict{detail: fmt.Sprintf("%s supports no authentication", p.name), fixes: []string{fmt.Sprintf("software.codeRepository %q: give its https address", repo)}}
	}
	return verdict{detail: fmt.Sprintf("%q does not use a standard protocol", repo), fixes: []string{fmt.Sprintf("software.codeRepository %q: give its https address", repo)}}
}

func checkFormatsDescribed(a *assessment) verdict {
	if len(a.r.Formats) > 0 {
		return verdict{pass: true, detail: "data formats: " + joinList(a.r.Formats)}
	}
	return verdict{detail: "the record does not say which data formats the software reads or writes", fixes: []string{`list the data formats the software reads and writes as media types in formats, e.g. ["application/fits"]`}}
}

func checkFormatsOpen(a *assessment) verdict {
	if len(a.r.Formats) == 0 {
		return verdict{detail: "no data formats listed", fixes: []string{`list the data formats in formats, preferably open ones, e.g. ["application/x-hdf5"]`}}
	}
	var closed []string
	for i, f := range a.r.Formats {
		if ff, ok := findFormat(f, ""); !ok || ff.kind&(fmtOpen|fmtLongTerm|fmtScientific) == 0 {
			closed = append(closed, fmt.Sprintf("formats[%d] %q", i, f))
		}
	}
	if len(closed) == 0 {
		return verdict{pass: true, detail: "every format listed is open, long-term or scientific"}
	}
	return verdict{detail: "not recognised as open: " + joinList(closed), fixes: []string{joinList(closed) + " is not a recognised open format: support an open one (HDF5, FITS, NetCDF, CSV, JSON) and list it"}}
}

func checkSchemaReference(a *assessment) verdict {
	for i, ri := range a.r.RelatedIdentifiers {
		if ri.ResourceTypeGeneral == fair.ResourceTypeStandard || strings.TrimSpace(ri.SchemeURI) != "" && ri.RelationType != fair.RelHasMetadata {
			return verdict{pass: true, detail: fmt.Sprintf("relatedIdentifiers[%d] %q references a format specification", i, ri.Identifier)}
		}
	}
	return verdict{detail: "no reference to a format schema", fixes: []string{`reference the specification of the data formats: add to relatedIdentifiers {"identifier": "https://...", "identifierType": "URL", "relationType": "References", "resourceTypeGeneral": "Standard"} with the address of the format's specification`}}
}

// referenceTypes are the resource types of articles and data a software record may reference.
var referenceTypes = []fair.ResourceTypeGeneral{fair.ResourceTypeJournalArticle, fair.ResourceTypeDataPaper, fair.ResourceTypePreprint, fair.ResourceTypeText,
	fair.ResourceTypeConferencePaper, fair.ResourceTypeDataset, fair.ResourceTypeReport, fair.ResourceTypeBook, fair.ResourceTypeBookChapter}

func checkSoftwareReferences(a *assessment) verdict {
	for i, ri := range a.r.RelatedIdentifiers {
		if _, ok := uniqueSyntax(ri.Identifier); !ok {
			continue
		}
		for _, t := range referenceTypes {
			if ri.ResourceTypeGeneral == t {
				return verdict{pass: true, detail: fmt.Sprintf("relatedIdentifiers[%d] %s %s %q", i, ri.RelationType, t, ri.Identifier)}
			}
		}
		switch ri.RelationType {
		case fair.RelIsDocumentedBy, fair.RelIsSupplementTo, fair.RelIsCitedBy, fair.RelIsReferencedBy, fair.RelCites, fair.RelReferences, fair.RelIsDescribedBy, fair.RelRequires:
			return verdict{pass: true, detail: fmt.Sprintf("relatedIdentifiers[%d] %s %q", i, ri.RelationType, ri.Identifier)}
		}
	}
	return verdict{detail: "no machine-readable reference to articles or data", fixes: []string{`reference the paper describing the software (IsDocumentedBy, its DOI) and the data it uses or produced (relatedIdentifiers with resourceTypeGeneral "Dataset")`}}
}

var instructionWords = []string{"install", "build", "run", "usage", "compile"}

func checkInstructions(a *assessment) verdict {
	for i, d := range a.r.Descriptions {
		if d.Type != fair.DescriptionTechnicalInfo && d.Type != fair.DescriptionMethods && d.Type != fair.DescriptionOther {
			continue
		}
		low := strings.ToLower(d.Description)
		for _, w := range instructionWords {
			if strings.Contains(low, w) {
				return verdict{pass: true, detail: fmt.Sprintf("descriptions[%d] (%s) gives instructions (%q)", i, d.Type, w)}
			}
		}
	}
	for i, ri := range a.r.RelatedIdentifiers {
		if ri.RelationType == fair.RelIsDocumentedBy {
			return verdict{pass: true, detail: fmt.Sprintf("relatedIdentifiers[%d] links the documentation %q", i, ri.Identifier)}
		}
	}
	return verdict{detail: "no build, installation or execution instructions", fixes: []string{`say how to build, install and run it: add to descriptions {"description": "...", "type": "TechnicalInfo"}, or a link to the documentation (IsDocumentedBy)`}}
}

func checkDependencies(a *assessment) verdict {
	s := a.r.Software
	var missing []string
	if len(s.Requirements) == 0 {
		missing = append(missing, "the dependencies (software.requirements)")
	}
	if strings.TrimSpace(s.ContinuousIntegration) == "" {
		missing = append(missing, "the automated build (software.continuousIntegration)")
	}
	if len(missing) == 0 {
		return verdict{pass: true, detail: fmt.Sprintf("%d dependencies listed; automated build at %s", len(s.Requirements), s.ContinuousIntegration)}
	}
	return verdict{detail: "missing " + joinList(missing), fixes: []string{"add " + joinList(missing)}}
}

func checkSPDXLicence(a *assessment) verdict {
	for _, i := range a.licences() {
		if id, ok := spdxOf(a.r.Rights[i]); ok {
			return verdict{pass: true, detail: fmt.Sprintf("rights[%d] is SPDX %s", i, id)}
		}
	}
	if lic := a.licences(); len(lic) > 0 {
		rt := a.r.Rights[lic[0]]
		return verdict{detail: "the licence is not recognised as SPDX", fixes: []string{fmt.Sprintf("rights[%d] %q is not an SPDX licence: set rights[%d].identifier to the SPDX identifier (e.g. \"Apache-2.0\") and rights[%d].identifierScheme to \"SPDX\"", lic[0], firstNonEmpty(rt.Rights, rt.URI), lic[0], lic[0])}}
	}
	return verdict{detail: "no licence", fixes: []string{fixSoftwareLicence}}
}

const fixSoftwareLicence = `add a licence: add to rights an entry with an SPDX identifier, e.g. {"rights": "Apache License 2.0", "identifier": "Apache-2.0", "identifierScheme": "SPDX", "uri": "https://spdx.org/licenses/Apache-2.0.html"}`

func checkLicenceAndCopyright(a *assessment) verdict {
	lic := a.licences()
	holder := false
	for _, c := range a.r.Contributors {
		holder = holder || c.ContributorType == fair.ContributorRightsHolder
	}
	for _, rt := range a.r.Rights {
		low := strings.ToLower(rt.Rights)
		holder = holder || strings.Contains(low, "copyright") || strings.Contains(low, "©")
	}
	var fixes []string
	if len(lic) == 0 {
		fixes = append(fixes, fixSoftwareLicence)
	}
	if !holder {
		fixes = append(fixes, `name the copyright holder: a contributor of contributorType "RightsHolder" (e.g. the laboratory, with its ROR ID)`)
	}
	if len(fixes) == 0 {
		return verdict{pass: true, detail: "licence and copyright holder given"}
	}
	return verdict{detail: "licence or copyright holder missing", fixes: fixes}
}

func checkMachineReadableLicence(a *assessment) verdict {
	for _, i := range a.licences() {
		rt := a.r.Rights[i]
		if id, ok := spdxOf(rt); ok {
			return verdict{pass: true, detail: fmt.Sprintf("rights[%d] is SPDX %s", i, id)}
		}
		if _, err := fair.ParseURL(rt.URI); err == nil {
			return verdict{pass: true, detail: fmt.Sprintf("rights[%d] links the licence text %q", i, rt.URI)}
		}
	}
	return verdict{detail: "no SPDX identifier or licence URI", fixes: []string{fixSoftwareLicence}}
}

func checkCommitHistory(a *assessment) verdict {
	s := a.r.Software
	if strings.TrimSpace(s.CodeRepository) == "" {
		return verdict{detail: "no code repository", fixes: []string{"set software.codeRepository to the version-control repository"}}
	}
	if strings.TrimSpace(s.Commit) == "" && strings.TrimSpace(s.Tag) == "" {
		return verdict{detail: "the release is not tied to the repository's history", fixes: []string{"set software.commit (the full commit hash) or software.tag of the release"}}
	}
	return verdict{pass: true, detail: fmt.Sprintf("%s at %s", s.CodeRepository, firstNonEmpty(s.Tag, s.Commit))}
}
