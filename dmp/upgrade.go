package dmp

import (
	"encoding/json"
	"sort"
	"strconv"
	"strings"
	"time"
)

// SchemaRef12 is the $schema reference Upgrade writes when the document has one: the $id of the 1.2 schema.
const SchemaRef12 = "https://github.com/RDA-DMP-Common/RDA-DMP-Common-Standard/tree/master/examples/JSON/JSON-schema/1.2"

// Upgrade rewrites the document in the form of maDMP 1.2 and returns a note per change: values read in a tolerated
// form (epoch milliseconds, an object for an array, numbers and booleans as strings) are written as 1.2 wants them;
// date-times without a time zone get "Z" (they were read as UTC) and date-times where a date is wanted become the
// date; the shapes of 1.0/1.1 tools move to their 1.2 members (a project_id string and project_id_type → project_id,
// host_id_type and DMPRoadmap's dmproadmap_host_id → host_id, supports_versioning → support_versioning,
// dmproadmap_related_identifiers → related_identifier); a $schema reference names 1.2. Values the model cannot hold
// (a number where an object is wanted) are left as they are: validation reports them.
func (doc *Document) Upgrade() Notes {
	var notes Notes
	paths := make([]string, 0, len(doc.kept))
	for p, k := range doc.kept {
		if k.tolerated {
			paths = append(paths, p)
		}
	}
	sort.Strings(paths)
	for _, p := range paths {
		notes.Add(p, string(clipBytes(compact(doc.kept[p].raw), 80)), "written in the 1.2 form")
		delete(doc.kept, p)
	}
	p := &doc.DMP
	dateTime := func(path string, s *string) {
		if t, form, err := ParseDateTime(*s); err == nil && form != "" {
			old := *s
			*s = t.UTC().Format(time.RFC3339Nano)
			notes.Add(path, old, "rewritten as "+*s+" ("+form+")")
		}
	}
	date := func(path string, s *string) {
		if t, form, err := ParseDate(*s); err == nil && form != "" && !strings.HasPrefix(form, "a year") {
			old := *s
			*s = t.Format(time.DateOnly)
			notes.Add(path, old, "rewritten as "+*s+" ("+form+")")
		}
	}
	dateTime("dmp.created", &p.Created)
	dateTime("dmp.modified", &p.Modified)
	if rel := p.Extra.Get("dmproadmap_related_identifiers"); rel != nil {
		var old []struct {
			RelationType string `json:"relation_type"`
			Type         string `json:"related_identifier_type"`
			Value        string `json:"value"`
		}
		if json.Unmarshal(rel, &old) == nil {
			for _, r := range old {
				p.RelatedIdentifiers = append(p.RelatedIdentifiers, RelatedIdentifier{
					Identifier: r.Value, Type: strings.ToLower(r.Type), RelationType: r.RelationType})
			}
			p.Extra.Delete("dmproadmap_related_identifiers")
			notes.Add("dmp.dmproadmap_related_identifiers", string(clipBytes(rel, 80)), "moved to dmp.related_identifier")
		}
	}
	for i := range p.Projects {
		pr := &p.Projects[i]
		pp := joinIndex("dmp.project", i)
		date(pp+".start", &pr.Start)
		date(pp+".end", &pr.End)
		if raw := pr.Extra.Get("project_id"); raw != nil {
			var id string
			if json.Unmarshal(raw, &id) == nil {
				typ := "other"
				if t := pr.Extra.Get("project_id_type"); t != nil {
					var s string
					if json.Unmarshal(t, &s) == nil && s != "" {
						typ = strings.ToLower(s)
					}
				}
				if strings.HasPrefix(typ, "http") || strings.HasPrefix(id, "http") {
					typ = "url"
				}
				pr.ProjectIDs = append(pr.ProjectIDs, ID{Identifier: id, Type: typ})
				pr.Extra.Delete("project_id")
				pr.Extra.Delete("project_id_type")
				notes.Add(pp+".project_id", id, "moved to project_id [{identifier, type: "+typ+"}]")
			}
		}
	}
	for i := range p.Datasets {
		ds := &p.Datasets[i]
		dp := joinIndex("dmp.dataset", i)
		date(dp+".issued", &ds.Issued)
		for j := range ds.Distributions {
			di := &ds.Distributions[j]
			dip := joinIndex(dp+".distribution", j)
			date(dip+".available_until", &di.AvailableUntil)
			date(dip+".issued", &di.Issued)
			for k := range di.Licenses {
				date(joinIndex(dip+".license", k)+".start_date", &di.Licenses[k].StartDate)
			}
			if di.Host != nil {
				upgradeHost(di.Host, dip+".host", &notes)
			}
		}
	}
	if doc.Schema != "" && versionOf(doc.Schema) != "1.2" {
		notes.Add("$schema", doc.Schema, "now names the 1.2 schema")
		doc.Schema = SchemaRef12
	}
	if doc.Version != "1.2" {
		was := doc.Version
		if was == "" {
			was = "an unknown version"
		}
		notes.Add("", was, "upgraded to maDMP 1.2")
		doc.Version = "1.2"
	}
	return notes
}

func upgradeHost(h *Host, path string, notes *Notes) {
	if raw := h.Extra.Get("dmproadmap_host_id"); raw != nil {
		var id struct{ Type, Identifier string }
		if json.Unmarshal(raw, &id) == nil && id.Identifier != "" {
			h.HostIDs = append(h.HostIDs, ID{Identifier: id.Identifier, Type: strings.ToLower(id.Type)})
			h.Extra.Delete("dmproadmap_host_id")
			notes.Add(path+".dmproadmap_host_id", id.Identifier, "moved to host_id")
		}
	}
	if raw := h.Extra.Get("host_id_type"); raw != nil {
		var typ string
		if json.Unmarshal(raw, &typ) == nil {
			if h.URL != "" {
				h.HostIDs = append(h.HostIDs, ID{Identifier: h.URL, Type: "url"})
				notes.Add(path+".host_id_type", typ, "the host url "+strconv.Quote(h.URL)+" is its identifier: moved to host_id")
			} else {
				notes.Add(path+".host_id_type", typ, "dropped: no url it could type")
			}
			h.Extra.Delete("host_id_type")
		}
	}
	if raw := h.Extra.Get("supports_versioning"); raw != nil {
		var v string
		if json.Unmarshal(raw, &v) == nil {
			if h.SupportVersioning == "" {
				h.SupportVersioning = v
				notes.Add(path+".supports_versioning", v, "renamed support_versioning")
			} else {
				notes.Add(path+".supports_versioning", v, "dropped: support_versioning is already "+strconv.Quote(h.SupportVersioning))
			}
			h.Extra.Delete("supports_versioning")
		}
	}
}
