package software

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/dop2i/fairmeta/fair"
	"github.com/dop2i/fairmeta/internal/atomicfile"
	"github.com/dop2i/fairmeta/internal/git"
)

// Provenance of a run: which software release (and dependencies) turned which inputs, with which parameters, into
// which outputs, when, and on whose behalf. A Run is emitted
//
//   - as DataCite related identifiers on the output dataset ([Run.LinkDataset]): IsCompiledBy the software's DOI
//     and SWHID, IsDerivedFrom each input with a persistent identifier, Requires each dependency with one;
//   - as an RO-Crate following the Process Run Crate profile 0.5 ([Run.Crate], [WriteRunCrateDir]): a CreateAction
//     with instrument, object, result, agent, startTime and endTime, annotated with the PROV-O terms
//     prov:used, prov:wasAssociatedWith and prov:wasGeneratedBy;
//
// and read back: [ProducedBy] finds the software versions that produced a dataset from its related identifiers,
// [ReadRunCrate] the runs of a crate.

// Run is one execution of a pipeline step.
type Run struct {
	// ID identifies the run in a crate, e.g. "#calibrate-2026-11-02T10:00:00Z"; [Run.Crate] makes one from the
	// start time when it is empty.
	ID string `json:"id,omitempty"`
	// Name says what the step did, e.g. "Calibrate run 4271".
	Name string `json:"name,omitempty"`
	// Description says more, e.g. the command line.
	Description string `json:"description,omitempty"`
	// Software is the release that ran (the instrument).
	Software *Release `json:"software,omitempty"`
	// Agent is the person or organisation on whose behalf it ran; its first name identifier (an ORCID iD, a ROR
	// ID) identifies it.
	Agent *fair.Creator `json:"agent,omitempty"`
	// Inputs are the data read.
	Inputs []Entity `json:"inputs,omitempty"`
	// Outputs are the data written.
	Outputs []Entity `json:"outputs,omitempty"`
	// Parameters are the settings of the run.
	Parameters []Parameter `json:"parameters,omitempty"`
	// Start is when the run began.
	Start time.Time `json:"start,omitzero"`
	// End is when it finished.
	End time.Time `json:"end,omitzero"`
	// Error is the failure of a run that did not complete; empty for a completed run.
	Error string `json:"error,omitempty"`
	// SourceDir is the directory of the software's source tree on this machine, when the program knows it. When
	// the build records no clean commit, [Run.LinkDataset] names the software by the SWHID of this tree. The path
	// itself is never written anywhere (not in JSON, not in a crate).
	SourceDir string `json:"-"`
}

// Entity is a piece of data a run read or wrote.
type Entity struct {
	// ID identifies the data: a persistent identifier (DOI, Handle, ARK, ...), a URL, or for a file of a crate
	// its path relative to the crate's root, slash-separated.
	ID string `json:"id"`
	// Name is a short human name; the file name when empty.
	Name string `json:"name,omitempty"`
	// MediaType is the IANA media type, e.g. "application/x-hdf5".
	MediaType string `json:"mediaType,omitempty"`
	// Size is the size in bytes; 0 when unknown.
	Size int64 `json:"size,omitempty"`
	// Checksum is the digest of the content; zero when unknown.
	Checksum fair.Checksum `json:"checksum,omitzero"`
}

// Parameter is a named setting of a run.
type Parameter struct {
	Name  string `json:"name"`  // the name of the setting, e.g. "gain"
	Value string `json:"value"` // its value as text
}

// FileEntity describes the file at path for a crate rooted at root: its ID is the path relative to root, with its
// size, SHA-256 checksum and media type (from the extension).
func FileEntity(root, path string) (Entity, error) {
	rel, err := filepath.Rel(root, path)
	if err != nil || strings.HasPrefix(rel, "..") {
		return Entity{}, &PathError{Path: path, Reason: "is not inside " + root}
	}
	f, err := os.Open(path)
	if err != nil {
		return Entity{}, fmt.Errorf("software: %w", err)
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.CopyBuffer(h, f, make([]byte, 1<<20)) // large reads: system calls cost nothing next to SHA-256
	if err != nil {
		return Entity{}, fmt.Errorf("software: %s: %w", path, err)
	}
	return Entity{
		ID:        escapePath(filepath.ToSlash(rel)),
		Name:      filepath.Base(path),
		MediaType: mediaType(path),
		Size:      n,
		Checksum:  fair.Checksum{Algorithm: "sha256", Value: hex.EncodeToString(h.Sum(nil))},
	}, nil
}

// escapePath percent-encodes each segment of a relative path, as RO-Crate identifiers of files require.
func escapePath(p string) string {
	parts := strings.Split(p, "/")
	for i, s := range parts {
		parts[i] = url.PathEscape(s)
	}
	return strings.Join(parts, "/")
}

// mediaTypes adds the formats of physics and astronomy that the system tables often lack.
var mediaTypes = map[string]string{
	".h5": "application/x-hdf5", ".hdf5": "application/x-hdf5", ".fits": "application/fits", ".fit": "application/fits",
	".root": "application/x-root", ".csv": "text/csv", ".json": "application/json", ".parquet": "application/vnd.apache.parquet",
	".nc": "application/x-netcdf", ".txt": "text/plain", ".yaml": "application/yaml", ".yml": "application/yaml",
}

func mediaType(path string) string {
	ext := strings.ToLower(filepath.Ext(path))
	if t, ok := mediaTypes[ext]; ok {
		return t
	}
	t := mime.TypeByExtension(ext)
	if i := strings.IndexByte(t, ';'); i >= 0 {
		t = t[:i]
	}
	return t
}

// SoftwareIdentifiers returns the persistent identifiers of a release that a dataset's IsCompiledBy relation can
// point at: its DOI, its SWHID, and, when it has neither, the SWHID of its git commit (a 40-digit commit ID is the
// swh:1:rev identifier of that commit) unless the build had uncommitted changes, or else its repository URL. A
// modified build is best named by the swh:1:dir of its source tree, set as its SWHID (see [DirSWHID]).
func (r *Release) SoftwareIdentifiers() []fair.RelatedIdentifier {
	var out []fair.RelatedIdentifier
	add := func(id string, t fair.RelatedIdentifierType) {
		out = append(out, fair.RelatedIdentifier{Identifier: id, IdentifierType: t, RelationType: fair.RelIsCompiledBy,
			ResourceTypeGeneral: fair.ResourceTypeSoftware})
	}
	if r.DOI != "" {
		add(r.DOI, fair.IDTypeDOI)
	}
	if r.SWHID != "" {
		if id, err := fair.ParseSWHID(r.SWHID); err == nil {
			add(id.Core(), fair.IDTypeSWHID)
		}
	}
	if len(out) == 0 && git.IsObjectID(strings.ToLower(r.Commit)) && !r.Modified() {
		add("swh:1:rev:"+strings.ToLower(r.Commit), fair.IDTypeSWHID)
	}
	if len(out) == 0 && r.Repository != "" {
		add(r.Repository, fair.IDTypeURL)
	}
	return out
}

// LinkDataset adds the provenance of the run to the record of a dataset it produced, as DataCite related
// identifiers: IsCompiledBy the software (see [Release.SoftwareIdentifiers]), IsDerivedFrom every input with a
// persistent identifier or URL, and Requires every dependency of the software that has one. Relations already
// present are not repeated. With a nil run or ds it does nothing.
//
// A build that records no clean commit — "go run" or "go build" with -buildvcs=false, a module installed from a
// proxy, or a working tree with uncommitted changes or untracked files (Go then stamps vcs.modified) — cannot be
// named by a commit. LinkDataset then names it by the SWHID of its source tree when [Run.SourceDir] is set (the
// swh:1:dir of exactly the files that were built), or else by its repository, with the module version in the
// relation's information; and it says so in warnings (path "relatedIdentifiers"), which a program should show:
// without them a dataset would silently carry no exact software version.
func (run *Run) LinkDataset(ds *fair.Resource) (warnings fair.Notes) {
	if run == nil || ds == nil {
		return nil
	}
	add := func(ri fair.RelatedIdentifier) {
		for _, x := range ds.RelatedIdentifiers {
			if x.Identifier == ri.Identifier && x.RelationType == ri.RelationType {
				return
			}
		}
		ds.RelatedIdentifiers = append(ds.RelatedIdentifiers, ri)
	}
	if sw := run.Software; sw != nil {
		ids := sw.SoftwareIdentifiers()
		if why := sw.Unpinned(); why != "" {
			switch id, err := run.sourceSWHID(); {
			case err != nil:
				warnings = append(warnings, fair.Note{Path: "relatedIdentifiers", Reason: why + "; and the SWHID of its source tree could not be computed: " + err.Error()})
			case id != "":
				ids = []fair.RelatedIdentifier{{Identifier: id, IdentifierType: fair.IDTypeSWHID, RelationType: fair.RelIsCompiledBy,
					ResourceTypeGeneral: fair.ResourceTypeSoftware, RelationTypeInformation: versionInformation(sw)}}
				warnings = append(warnings, fair.Note{Path: "relatedIdentifiers", Value: id,
					Reason: why + ": IsCompiledBy names the software by the SWHID of its source tree (Run.SourceDir)"})
			case len(ids) > 0:
				ids[0].RelationTypeInformation = versionInformation(sw)
				warnings = append(warnings, fair.Note{Path: "relatedIdentifiers", Value: ids[0].Identifier,
					Reason: why + ": IsCompiledBy names only the repository" + strings.TrimPrefix(" ("+ids[0].RelationTypeInformation+")", " ()") +
						"; set Run.SourceDir to the source tree (its SWHID is then linked), or give the release a DOI or SWHID"})
			default:
				warnings = append(warnings, fair.Note{Path: "relatedIdentifiers", Value: sw.Name,
					Reason: why + ", and it has no repository, DOI or SWHID: no IsCompiledBy relation is added; set Run.SourceDir to the source tree, or give the release a DOI or SWHID"})
			}
		}
		for _, ri := range ids {
			add(ri)
		}
	}
	for _, in := range run.Inputs {
		if v, t, ok := classify(in.ID); ok {
			add(fair.RelatedIdentifier{Identifier: v, IdentifierType: t, RelationType: fair.RelIsDerivedFrom})
		}
	}
	if run.Software != nil {
		for _, dep := range run.Software.Dependencies {
			if v, t, ok := classify(dep.Identifier); ok && dep.Identifier != "" {
				add(fair.RelatedIdentifier{Identifier: v, IdentifierType: t, RelationType: fair.RelRequires,
					ResourceTypeGeneral:     fair.ResourceTypeSoftware,
					RelationTypeInformation: strings.TrimSpace("dependency " + dep.Name + " " + dep.Version + " of the software that produced the data")})
			}
		}
	}
	return warnings
}

// Unpinned says why the release cannot be named as an exact version — it has no DOI, no SWHID and no clean
// commit (see [Release.SoftwareIdentifiers]) — or returns "" when it can. A program describing itself with [Self]
// should show it: a build by "go run", with -buildvcs=false or from a modified tree is such a release.
func (r *Release) Unpinned() string {
	if r == nil {
		return "no release"
	}
	if ids := r.SoftwareIdentifiers(); len(ids) > 0 && ids[0].IdentifierType != fair.IDTypeURL {
		return ""
	}
	return unpinnedReason(r)
}

// unpinnedReason says why a release cannot be named by its commit.
func unpinnedReason(r *Release) string {
	switch {
	case r.Commit != "" && r.Modified():
		return "the software was built from a working tree with uncommitted changes or untracked files, so its commit " + r.Commit + " is not the code that ran"
	case r.Commit != "":
		return "the software's commit " + r.Commit + " is not a full git object ID"
	}
	return "the software's build records no commit (go run, -buildvcs=false, or not built from a git checkout)"
}

// versionInformation is the relationTypeInformation of an IsCompiledBy relation that is not pinned by a commit:
// the name and version known.
func versionInformation(r *Release) string {
	v := r.Version
	if v == "(devel)" || v == "(devel)+dirty" {
		v = ""
	}
	s := strings.TrimSpace(r.Name + " " + v)
	if s == "" {
		return ""
	}
	if v != "" && !strings.HasSuffix(v, "+dirty") {
		return s + " (module version)"
	}
	return s
}

// sourceSWHID returns the swh:1:dir identifier of the run's SourceDir, or "" when it has none.
func (run *Run) sourceSWHID() (string, error) {
	if run.SourceDir == "" {
		return "", nil
	}
	id, err := DirSWHID(run.SourceDir)
	if err != nil {
		return "", err
	}
	return id.String(), nil
}

// SoftwareRef is a software version a dataset names as the one that produced it.
type SoftwareRef struct {
	// Identifier is the identifier as the record gives it.
	Identifier string
	// Type is its type: DOI, SWHID or URL.
	Type fair.RelatedIdentifierType
	// SWHID is the parsed identifier when Type is SWHID.
	SWHID fair.SWHID
}

// ProducedBy returns the software versions a dataset's record says produced it: the targets of its IsCompiledBy
// relations, in order. An SWHID that does not parse is returned with a zero SWHID field. A nil ds gives nil.
func ProducedBy(ds *fair.Resource) []SoftwareRef {
	if ds == nil {
		return nil
	}
	var out []SoftwareRef
	for _, ri := range ds.RelatedIdentifiers {
		if ri.RelationType != fair.RelIsCompiledBy {
			continue
		}
		ref := SoftwareRef{Identifier: ri.Identifier, Type: ri.IdentifierType}
		if ri.IdentifierType == fair.IDTypeSWHID {
			ref.SWHID, _ = fair.ParseSWHID(ri.Identifier)
		}
		out = append(out, ref)
	}
	return out
}

// RO-Crate and profile identifiers.
const (
	roCrateSpec        = "https://w3id.org/ro/crate/1.1"
	roCrateContext     = "https://w3id.org/ro/crate/1.1/context"
	workflowRunContext = "https://w3id.org/ro/terms/workflow-run/context"
	processRunProfile  = "https://w3id.org/ro/wfrun/process/0.5"
	provNamespace      = "http://www.w3.org/ns/prov#"
	// CrateMetadataFile is the name of an RO-Crate's metadata file.
	CrateMetadataFile = "ro-crate-metadata.json"
)

func ref(id string) map[string]any { return map[string]any{"@id": id} }

func refs(ids []string) any {
	out := make([]any, len(ids))
	for i, id := range ids {
		out[i] = ref(id)
	}
	if len(out) == 1 {
		return out[0]
	}
	return out
}

// crateID gives external identifiers their resolvable form (a DOI as https://doi.org/...).
func crateID(id string) string {
	if v, t, ok := classify(id); ok && t == fair.IDTypeDOI && strings.Contains(id, "/") && !strings.HasPrefix(id, "./") {
		return doiURL(v)
	}
	return id
}

// Crate builds the RO-Crate metadata document (the JSON-LD of ro-crate-metadata.json) of the run, following the
// Process Run Crate profile 0.5, with ds as the crate's root dataset (its title, description, licence, identifier,
// creators and date). The outputs are the files of the crate (hasPart); inputs with a persistent identifier stay
// external entities. PROV-O terms are added beside the schema.org ones.
// A nil ds gives a root dataset with only what the run says; a nil run gives nil.
func (run *Run) Crate(ds *fair.Resource) map[string]any {
	if run == nil {
		return nil
	}
	if ds == nil {
		ds = &fair.Resource{}
	}
	runID := run.ID
	if runID == "" {
		runID = "#run-" + run.Start.UTC().Format("20060102T150405Z")
	}
	var graph []any
	seen := map[string]bool{}
	addNode := func(n map[string]any) {
		id := n["@id"].(string)
		if !seen[id] {
			seen[id] = true
			graph = append(graph, n)
		}
	}
	addNode(map[string]any{"@id": CrateMetadataFile, "@type": "CreativeWork", "conformsTo": ref(roCrateSpec), "about": ref("./")})

	root := map[string]any{"@id": "./", "@type": "Dataset", "conformsTo": ref(processRunProfile), "mentions": ref(runID)}
	if ds != nil {
		if t := ds.MainTitle(); t != "" {
			root["name"] = t
		}
		if d := descriptionText(ds); d != "" {
			root["description"] = d
		}
		if d := ds.DOI(); d != "" {
			root["identifier"] = doiURL(d)
		}
		if d := dateOf(ds, fair.DateIssued); d != "" {
			root["datePublished"] = d
		} else if ds.PublicationYear > 0 {
			root["datePublished"] = fmt.Sprint(ds.PublicationYear)
		}
		ids, uris := spdxOf(ds)
		var lic []string
		for _, id := range ids {
			lic = append(lic, "https://spdx.org/licenses/"+id)
			addNode(map[string]any{"@id": "https://spdx.org/licenses/" + id, "@type": "CreativeWork", "name": id, "identifier": id})
		}
		for _, u := range uris {
			lic = append(lic, u)
			addNode(map[string]any{"@id": u, "@type": "CreativeWork", "name": u})
		}
		if len(lic) > 0 {
			root["license"] = refs(lic)
		}
		var authors []string
		for _, c := range ds.Creators {
			n := crateAgent(c)
			authors = append(authors, n["@id"].(string))
			addNode(n)
		}
		if len(authors) > 0 {
			root["author"] = refs(authors)
		}
	}
	var parts []string
	for _, o := range run.Outputs {
		if !strings.Contains(o.ID, "://") {
			parts = append(parts, o.ID)
		}
	}
	if len(parts) > 0 {
		root["hasPart"] = refs(parts)
	}
	addNode(root)
	addNode(map[string]any{"@id": processRunProfile, "@type": "CreativeWork", "name": "Process Run Crate", "version": "0.5"})

	action := map[string]any{"@id": runID, "@type": []any{"CreateAction", "prov:Activity"}}
	if run.Name != "" {
		action["name"] = run.Name
	}
	if run.Description != "" {
		action["description"] = run.Description
	}
	if !run.Start.IsZero() {
		action["startTime"] = run.Start.Format(time.RFC3339Nano)
		action["prov:startedAtTime"] = run.Start.Format(time.RFC3339Nano)
	}
	if !run.End.IsZero() {
		action["endTime"] = run.End.Format(time.RFC3339Nano)
		action["prov:endedAtTime"] = run.End.Format(time.RFC3339Nano)
	}
	if run.Error != "" {
		action["actionStatus"] = ref("http://schema.org/FailedActionStatus")
		action["error"] = run.Error
	} else {
		action["actionStatus"] = ref("http://schema.org/CompletedActionStatus")
	}
	var associated []string
	if run.Software != nil {
		rel := run.Software
		if rel.Unpinned() != "" {
			if id, err := run.sourceSWHID(); err == nil && id != "" {
				c := *rel // named by its source tree, as LinkDataset names it
				c.SWHID = id
				rel = &c
			}
		}
		sw := crateSoftware(rel, addNode)
		action["instrument"] = ref(sw)
		associated = append(associated, sw)
	}
	if run.Agent != nil {
		n := crateAgent(*run.Agent)
		addNode(n)
		action["agent"] = ref(n["@id"].(string))
		associated = append(associated, n["@id"].(string))
	}
	if len(associated) > 0 {
		action["prov:wasAssociatedWith"] = refs(associated)
	}
	var objects, used, results []string
	for _, in := range run.Inputs {
		id := crateID(in.ID)
		addNode(crateFile(in, id, ""))
		objects = append(objects, id)
		used = append(used, id)
	}
	for i, p := range run.Parameters {
		id := fmt.Sprintf("%s-param-%d", runID, i+1)
		addNode(map[string]any{"@id": id, "@type": "PropertyValue", "name": p.Name, "value": p.Value})
		objects = append(objects, id)
	}
	for _, out := range run.Outputs {
		id := crateID(out.ID)
		addNode(crateFile(out, id, runID))
		results = append(results, id)
	}
	if len(objects) > 0 {
		action["object"] = refs(objects)
	}
	if len(used) > 0 {
		action["prov:used"] = refs(used)
	}
	if len(results) == 0 {
		// No output listed: what the run produced is the dataset the crate describes (Process Run Crate wants a
		// result on every CreateAction).
		results = []string{"./"}
	}
	action["result"] = refs(results)
	addNode(action)
	return map[string]any{
		"@context": []any{roCrateContext, workflowRunContext, map[string]any{"prov": provNamespace}},
		"@graph":   graph,
	}
}

// crateAgent describes a person or organisation, identified by its first name identifier, else by a local ID.
func crateAgent(c fair.Creator) map[string]any {
	id := ""
	if o := orcidOf(c); o != "" {
		id = o
	} else if len(c.NameIdentifiers) > 0 && strings.Contains(c.NameIdentifiers[0].Value, "://") {
		id = c.NameIdentifiers[0].Value
	} else {
		id = "#" + url.PathEscape(strings.ReplaceAll(strings.ToLower(c.Name), " ", "-"))
	}
	n := map[string]any{"@id": id, "@type": []any{"Person", "prov:Person"}, "name": displayName(c)}
	if !isPerson(c) {
		n["@type"] = []any{"Organization", "prov:Organization"}
	} else if g, f := nameParts(c); g != "" || f != "" {
		n["givenName"], n["familyName"] = g, f
	}
	if len(c.Affiliations) > 0 {
		a := c.Affiliations[0]
		if a.Identifier != "" {
			n["affiliation"] = map[string]any{"@id": a.Identifier, "name": a.Name}
		} else {
			n["affiliation"] = a.Name
		}
	}
	return n
}

// displayName writes a person's name "Given Family", as RO-Crate and schema.org name does.
func displayName(c fair.Creator) string {
	if g, f := nameParts(c); g != "" && f != "" {
		return g + " " + f
	}
	return c.Name
}

// crateSoftware adds the SoftwareApplication entity of a release (and of its dependencies) and returns its ID:
// the DOI URL, else the SWHID, else the repository at the commit, else a local ID.
func crateSoftware(r *Release, addNode func(map[string]any)) string {
	id := ""
	switch {
	case r.DOI != "":
		id = doiURL(r.DOI)
	case r.SWHID != "":
		id = r.SWHID
	case r.Repository != "" && r.Commit != "" && !r.Modified():
		id = r.Repository + "#" + r.Commit
	case r.Repository != "" && !r.Modified():
		id = r.Repository
	default:
		// A local identifier: the name, and the version when there is one (a modified build's code is only this
		// build's, so it is not the repository's entity either).
		id = "#" + url.PathEscape(strings.Trim(r.Name+"-"+strings.TrimPrefix(r.Version, "(devel)"), "-"))
		if id == "#" {
			id = "#software"
		}
	}
	n := map[string]any{"@id": id, "@type": []any{"SoftwareApplication", "prov:SoftwareAgent"}, "name": r.Name}
	if r.Version != "" {
		n["softwareVersion"] = r.Version
	}
	if r.Repository != "" {
		n["url"] = r.Repository
	}
	var ids []any
	if r.DOI != "" {
		ids = append(ids, doiURL(r.DOI))
	}
	if r.SWHID != "" {
		ids = append(ids, r.SWHID)
	}
	if r.ConceptDOI != "" {
		n["isPartOf"] = ref(doiURL(r.ConceptDOI))
	}
	if r.Commit != "" {
		ids = append(ids, map[string]any{"@type": "PropertyValue", "propertyID": "commit", "value": r.Commit})
	}
	if r.Tag != "" {
		ids = append(ids, map[string]any{"@type": "PropertyValue", "propertyID": "tag", "value": r.Tag})
	}
	if len(ids) > 0 {
		n["identifier"] = ids
	}
	if r.License != "" {
		n["license"] = ref("https://spdx.org/licenses/" + r.License)
	}
	if len(r.RuntimePlatforms) > 0 {
		n["runtimePlatform"] = r.RuntimePlatforms
	}
	if len(r.OperatingSystems) > 0 {
		n["operatingSystem"] = r.OperatingSystems
	}
	if len(r.ProgrammingLanguages) > 0 {
		n["programmingLanguage"] = r.ProgrammingLanguages
	}
	var deps []string
	for _, d := range r.Dependencies {
		if isLocalPath(d.Name) {
			continue // a directory of the build machine (a hand-made release); FromBuildInfo names the module instead
		}
		did := d.Identifier
		if did == "" {
			did = "#dep-" + url.PathEscape(d.Name) + "@" + url.PathEscape(d.Version)
		}
		dn := map[string]any{"@id": did, "@type": "SoftwareApplication", "name": d.Name}
		if d.Version != "" {
			dn["softwareVersion"] = d.Version
		}
		addNode(dn)
		deps = append(deps, did)
	}
	if len(deps) > 0 {
		n["softwareRequirements"] = refs(deps)
	}
	addNode(n)
	return id
}

// crateFile describes an input or output: a File when it is a path of the crate, a Dataset or CreativeWork with an
// identifier otherwise; generatedBy adds prov:wasGeneratedBy.
func crateFile(e Entity, id, generatedBy string) map[string]any {
	n := map[string]any{"@id": id}
	if strings.Contains(id, "://") {
		n["@type"] = []any{"Dataset", "prov:Entity"}
		if e.ID != id {
			n["identifier"] = e.ID
		}
	} else {
		n["@type"] = []any{"File", "prov:Entity"}
	}
	if e.Name != "" {
		n["name"] = e.Name
	}
	if e.MediaType != "" {
		n["encodingFormat"] = e.MediaType
	}
	if e.Size > 0 {
		n["contentSize"] = fmt.Sprint(e.Size)
	}
	if e.Checksum.Value != "" {
		n[strings.ToLower(e.Checksum.Algorithm)] = e.Checksum.Value
	}
	if generatedBy != "" {
		n["prov:wasGeneratedBy"] = ref(generatedBy)
	}
	return n
}

// WriteRunCrate writes the run's RO-Crate metadata document (see [Run.Crate]).
func WriteRunCrate(w io.Writer, run *Run, ds *fair.Resource) error {
	switch {
	case w == nil:
		return errors.New("software: WriteRunCrate to a nil io.Writer")
	case run == nil:
		return errors.New("software: WriteRunCrate of a nil *Run")
	}
	return writeJSON(w, run.Crate(ds))
}

// WriteRunCrateDir makes dir an RO-Crate of the run: every file under dir that is not already among the run's
// outputs is added to them (with its size, SHA-256 and media type), and ro-crate-metadata.json is written in dir.
// The run is updated with the outputs found.
func WriteRunCrateDir(dir string, run *Run, ds *fair.Resource) error {
	if run == nil {
		return errors.New("software: WriteRunCrateDir of a nil *Run")
	}
	known := map[string]bool{}
	for _, o := range run.Outputs {
		known[o.ID] = true
	}
	var found []Entity
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || !d.Type().IsRegular() {
			return nil
		}
		if rel, _ := filepath.Rel(dir, p); rel == CrateMetadataFile || atomicfile.IsTemp(d.Name()) {
			return nil // the crate's own metadata, or a temporary file a crash left behind
		}
		e, err := FileEntity(dir, p)
		if err != nil {
			return err
		}
		if !known[e.ID] {
			found = append(found, e)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("software: %w", err)
	}
	sort.Slice(found, func(i, j int) bool { return found[i].ID < found[j].ID })
	run.Outputs = append(run.Outputs, found...)
	// A temporary file renamed into place: an earlier crate's metadata is replaced whole or not at all.
	err = atomicfile.WriteFile(filepath.Join(dir, CrateMetadataFile), 0o644, func(w io.Writer) error { return WriteRunCrate(w, run, ds) })
	var ce *CrateError
	if err != nil && !errors.As(err, &ce) && !strings.HasPrefix(err.Error(), "software: ") {
		err = fmt.Errorf("software: %w", err)
	}
	return err
}

// CrateError reports an RO-Crate metadata document that cannot be read.
type CrateError struct {
	Reason string // what is wrong
}

// Error returns the reason with the package prefix.
func (e *CrateError) Error() string { return "software: RO-Crate: " + e.Reason }

// ReadRunCrate reads the runs (CreateAction entities) of an RO-Crate metadata document, resolving their
// instrument, agent, objects (inputs and PropertyValue parameters) and results through the graph. It reads the
// crates [Run.Crate] writes and those of other tools following the Process Run Crate profile.
func ReadRunCrate(data []byte) ([]*Run, error) {
	var doc struct {
		Graph []map[string]any `json:"@graph"`
	}
	if err := jsonUnmarshal(data, &doc); err != nil {
		return nil, &CrateError{Reason: "not JSON: " + err.Error()}
	}
	if len(doc.Graph) == 0 {
		return nil, &CrateError{Reason: "no @graph"}
	}
	byID := map[string]map[string]any{}
	for _, n := range doc.Graph {
		if id := text(n["@id"]); id != "" {
			byID[id] = n
		}
	}
	var runs []*Run
	for _, n := range doc.Graph {
		if !hasCrateType(n, "CreateAction") {
			continue
		}
		run := &Run{ID: text(n["@id"]), Name: text(n["name"]), Description: text(n["description"]), Error: text(n["error"])}
		run.Start, _ = parseDate(text(n["startTime"]))
		run.End, _ = parseDate(text(n["endTime"]))
		if sw := byID[text(first(n["instrument"]))]; sw != nil {
			run.Software = softwareFromCrate(sw, byID)
		} else if id := text(first(n["instrument"])); id != "" {
			run.Software = &Release{Name: id}
		}
		if a := byID[text(first(n["agent"]))]; a != nil {
			run.Agent = agentFromCrate(a)
		}
		for _, o := range list(n["object"]) {
			id := text(o)
			node := byID[id]
			if node != nil && hasCrateType(node, "PropertyValue") {
				run.Parameters = append(run.Parameters, Parameter{Name: text(node["name"]), Value: text(node["value"])})
				continue
			}
			run.Inputs = append(run.Inputs, entityFromCrate(id, node))
		}
		for _, o := range list(n["result"]) {
			id := text(o)
			if id == "./" {
				continue // the crate's root dataset, written when the run listed no output
			}
			run.Outputs = append(run.Outputs, entityFromCrate(id, byID[id]))
		}
		runs = append(runs, run)
	}
	if len(runs) == 0 {
		return nil, &CrateError{Reason: "no CreateAction in the graph"}
	}
	return runs, nil
}

func hasCrateType(n map[string]any, t string) bool {
	for _, x := range texts(n["@type"]) {
		if x == t || x == "schema:"+t {
			return true
		}
	}
	return false
}

func softwareFromCrate(n map[string]any, byID map[string]map[string]any) *Release {
	r := &Release{Name: text(n["name"]), Version: text(n["softwareVersion"]), Repository: text(n["url"])}
	if r.Version == "" {
		r.Version = text(n["version"])
	}
	for _, id := range list(n["identifier"]) {
		if m, ok := id.(map[string]any); ok {
			switch text(m["propertyID"]) {
			case "commit":
				r.Commit = text(m["value"])
			case "tag":
				r.Tag = text(m["value"])
			}
			continue
		}
		v, t, ok := classify(text(id))
		switch {
		case ok && t == fair.IDTypeDOI && r.DOI == "":
			r.DOI = v
		case ok && t == fair.IDTypeSWHID && r.SWHID == "":
			r.SWHID = v
		}
	}
	id := text(n["@id"])
	if v, t, ok := classify(id); ok && t == fair.IDTypeDOI && r.DOI == "" {
		r.DOI = v
	}
	if c := text(first(n["isPartOf"])); c != "" {
		r.ConceptDOI = bareDOI(c)
	}
	if l := text(first(n["license"])); l != "" {
		r.License = spdxID(licenseFromURL(l))
	}
	r.RuntimePlatforms = texts(n["runtimePlatform"])
	r.OperatingSystems = texts(n["operatingSystem"])
	r.ProgrammingLanguages = texts(n["programmingLanguage"])
	for _, d := range list(n["softwareRequirements"]) {
		did := text(d)
		dn := byID[did]
		req := fair.Requirement{Name: did}
		if dn != nil {
			req.Name, req.Version = text(dn["name"]), text(dn["softwareVersion"])
			if req.Version == "" {
				req.Version = text(dn["version"])
			}
		}
		if !strings.HasPrefix(did, "#") {
			req.Identifier = did
		}
		r.Dependencies = append(r.Dependencies, req)
	}
	return r
}

func agentFromCrate(n map[string]any) *fair.Creator {
	c := &fair.Creator{Name: text(n["name"]), NameType: fair.NamePersonal}
	if hasCrateType(n, "Organization") {
		c.NameType = fair.NameOrganizational
	} else if g, f := text(n["givenName"]), text(n["familyName"]); g != "" || f != "" {
		c.GivenName, c.FamilyName, c.Name = g, f, personName(g, f)
	}
	if id := text(n["@id"]); strings.Contains(id, "://") {
		c.NameIdentifiers = []fair.NameIdentifier{nameIdentifierFromID(id)}
	}
	for _, a := range list(n["affiliation"]) {
		if m, ok := a.(map[string]any); ok {
			c.Affiliations = append(c.Affiliations, affiliationFrom(text(m["name"]), text(m["@id"])))
		} else if s := text(a); s != "" {
			c.Affiliations = append(c.Affiliations, fair.Affiliation{Name: s})
		}
	}
	return c
}

func entityFromCrate(id string, n map[string]any) Entity {
	e := Entity{ID: id}
	if n == nil {
		return e
	}
	if ident := text(n["identifier"]); ident != "" {
		e.ID = ident
	} else if d := bareDOI(id); d != "" && strings.Contains(id, "doi.org/") {
		e.ID = d
	}
	e.Name = text(n["name"])
	e.MediaType = text(n["encodingFormat"])
	fmt.Sscan(text(n["contentSize"]), &e.Size)
	for _, alg := range []string{"sha256", "sha512", "sha1", "md5"} {
		if v := text(n[alg]); v != "" {
			e.Checksum = fair.Checksum{Algorithm: alg, Value: v}
			break
		}
	}
	return e
}
