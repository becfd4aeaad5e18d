package dmp

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strconv"
)

// encoder builds the JSON tree of a Document. Where the document read held a value in a form the model does not
// keep (see keptValue), the encoder puts that value back as long as the model still holds what was read from it.
type encoder struct {
	kept   map[string]*keptValue
	record bool // first pass after reading: note what the model's values encode to
}

// Write writes the document as indented JSON. A document from Read is written back as the same JSON tree (member
// order aside), extensions and tolerated forms included, unless the model was changed or upgraded: a changed value
// is written in the 1.2 form.
func (doc *Document) Write(w io.Writer) error {
	switch {
	case doc == nil:
		return errors.New("dmp: Write of a nil *Document")
	case w == nil:
		return errors.New("dmp: Write to a nil io.Writer")
	}
	b, err := doc.MarshalJSON()
	if err != nil {
		return err
	}
	var out bytes.Buffer
	if err := json.Indent(&out, b, "", "  "); err != nil {
		return err
	}
	out.WriteByte('\n')
	_, err = w.Write(out.Bytes())
	return err
}

// MarshalJSON returns the document as compact JSON.
func (doc *Document) MarshalJSON() ([]byte, error) {
	e := &encoder{kept: doc.kept}
	return compact(e.document(doc)), nil
}

// recordKept notes, for each kept value, what the model's value encodes to, so that Write knows whether it changed.
func (doc *Document) recordKept() {
	if len(doc.kept) == 0 {
		return
	}
	e := &encoder{kept: doc.kept, record: true}
	e.document(doc)
}

// val returns what to write at path: the kept raw value while the model holds what was read from it, else v.
func (e *encoder) val(path string, v *node) *node {
	k, ok := e.kept[path]
	if !ok {
		return v
	}
	if e.record {
		k.canon = v
		return k.raw
	}
	if (k.canon == nil) == (v == nil) && (v == nil || equal(k.canon, v)) {
		return k.raw
	}
	return v
}

func (e *encoder) put(obj *node, path, key string, v *node) {
	if v = e.val(joinKey(path, key), v); v != nil {
		obj.obj = append(obj.obj, member{key, v})
	}
}

func (e *encoder) str(obj *node, path, key, s string) {
	var v *node
	if s != "" {
		v = strNode(s)
	}
	e.put(obj, path, key, v)
}

func (e *encoder) strs(obj *node, path, key string, ss []string) {
	if ss == nil {
		e.put(obj, path, key, nil)
		return
	}
	a := arrNode()
	p := joinKey(path, key)
	for i, s := range ss {
		a.arr = append(a.arr, e.val(joinIndex(p, i), strNode(s)))
	}
	e.put(obj, path, key, a)
}

// extra appends the extension members.
func (e *encoder) extra(obj *node, x Extra) {
	for _, m := range x {
		v, _, err := parseJSON(m.Value)
		if err != nil || len(m.Value) == 0 {
			v = strNode(string(m.Value)) // only a caller's Extra can be invalid JSON: keep its text
		}
		obj.obj = append(obj.obj, member{m.Key, v})
	}
}

// list writes a slice as an array of objects, each made by one.
func list[T any](e *encoder, obj *node, path, key string, items []T, one func(item *T, path string) *node) {
	if items == nil {
		e.put(obj, path, key, nil)
		return
	}
	p := joinKey(path, key)
	a := arrNode()
	for i := range items {
		ip := joinIndex(p, i)
		a.arr = append(a.arr, e.val(ip, one(&items[i], ip)))
	}
	e.put(obj, path, key, a)
}

// nonEmpty returns nil for an object without members, so that zero structs are not written.
func nonEmpty(n *node) *node {
	if len(n.obj) == 0 {
		return nil
	}
	return n
}

func (e *encoder) document(doc *Document) *node {
	root := objNode()
	e.str(root, "", "$schema", doc.Schema)
	e.put(root, "", "dmp", nonEmpty(e.dmp(&doc.DMP, "dmp")))
	e.extra(root, doc.Extra)
	return e.val("", root)
}

func (e *encoder) id(id *ID, path string) *node {
	o := objNode()
	e.str(o, path, "identifier", id.Identifier)
	e.str(o, path, "type", id.Type)
	e.extra(o, id.Extra)
	return o
}

func (e *encoder) idObj(obj *node, path, key string, id *ID) {
	e.put(obj, path, key, nonEmpty(e.id(id, joinKey(path, key))))
}

// ids writes identifiers that 1.2 allows as one object or an array: one as an object.
func (e *encoder) ids(obj *node, path, key string, ids []ID) {
	if len(ids) == 1 {
		if k, ok := e.kept[joinKey(path, key)]; !ok || k.raw.kind != kArray {
			e.put(obj, path, key, e.id(&ids[0], joinKey(path, key)))
			return
		}
	}
	list(e, obj, path, key, ids, e.id)
}

func (e *encoder) affiliations(obj *node, path string, as []Affiliation) {
	list(e, obj, path, "affiliation", as, func(a *Affiliation, p string) *node {
		o := objNode()
		e.str(o, p, "name", a.Name)
		e.idObj(o, p, "affiliation_id", &a.AffiliationID)
		e.extra(o, a.Extra)
		return o
	})
}

func (e *encoder) related(obj *node, path string, rs []RelatedIdentifier) {
	list(e, obj, path, "related_identifier", rs, func(r *RelatedIdentifier, p string) *node {
		o := objNode()
		e.str(o, p, "identifier", r.Identifier)
		e.str(o, p, "type", r.Type)
		e.str(o, p, "relation_type", r.RelationType)
		e.str(o, p, "resource_type", r.ResourceType)
		e.str(o, p, "metadata_scheme", r.MetadataScheme)
		e.str(o, p, "scheme_type", r.SchemeType)
		e.str(o, p, "scheme_uri", r.SchemeURI)
		e.extra(o, r.Extra)
		return o
	})
}

func (e *encoder) dmp(p *DMP, path string) *node {
	o := objNode()
	e.str(o, path, "title", p.Title)
	e.str(o, path, "description", p.Description)
	e.str(o, path, "language", p.Language)
	e.str(o, path, "created", p.Created)
	e.str(o, path, "modified", p.Modified)
	e.idObj(o, path, "dmp_id", &p.DMPID)
	e.put(o, path, "contact", nonEmpty(e.contact(&p.Contact, joinKey(path, "contact"))))
	list(e, o, path, "contributor", p.Contributors, func(c *Contributor, cp string) *node {
		co := objNode()
		e.str(co, cp, "name", c.Name)
		e.str(co, cp, "mbox", c.Mbox)
		e.ids(co, cp, "contributor_id", c.ContributorIDs)
		e.strs(co, cp, "role", c.Roles)
		e.affiliations(co, cp, c.Affiliations)
		e.extra(co, c.Extra)
		return co
	})
	list(e, o, path, "cost", p.Costs, func(c *Cost, cp string) *node {
		co := objNode()
		e.str(co, cp, "title", c.Title)
		e.str(co, cp, "description", c.Description)
		e.str(co, cp, "currency_code", c.CurrencyCode)
		if c.Value != nil {
			e.put(co, cp, "value", numNode(strconv.FormatFloat(*c.Value, 'g', -1, 64)))
		} else {
			e.put(co, cp, "value", nil)
		}
		e.extra(co, c.Extra)
		return co
	})
	list(e, o, path, "dataset", p.Datasets, e.dataset)
	e.str(o, path, "ethical_issues_exist", p.EthicalIssuesExist)
	e.str(o, path, "ethical_issues_description", p.EthicalIssuesDescription)
	e.str(o, path, "ethical_issues_report", p.EthicalIssuesReport)
	list(e, o, path, "project", p.Projects, func(pr *Project, pp string) *node {
		po := objNode()
		e.str(po, pp, "title", pr.Title)
		e.str(po, pp, "description", pr.Description)
		e.str(po, pp, "start", pr.Start)
		e.str(po, pp, "end", pr.End)
		list(e, po, pp, "project_id", pr.ProjectIDs, e.id)
		list(e, po, pp, "funding", pr.Funding, func(f *Funding, fp string) *node {
			fo := objNode()
			e.idObj(fo, fp, "funder_id", &f.FunderID)
			e.idObj(fo, fp, "grant_id", &f.GrantID)
			e.str(fo, fp, "funding_status", f.FundingStatus)
			e.extra(fo, f.Extra)
			return fo
		})
		e.extra(po, pr.Extra)
		return po
	})
	list(e, o, path, "alternate_identifier", p.AlternateIdentifiers, e.id)
	e.related(o, path, p.RelatedIdentifiers)
	e.extra(o, p.Extra)
	return o
}

func (e *encoder) contact(c *Contact, path string) *node {
	o := objNode()
	e.str(o, path, "name", c.Name)
	e.str(o, path, "mbox", c.Mbox)
	e.ids(o, path, "contact_id", c.ContactIDs)
	e.affiliations(o, path, c.Affiliations)
	e.extra(o, c.Extra)
	return o
}

func (e *encoder) dataset(ds *Dataset, path string) *node {
	o := objNode()
	e.str(o, path, "title", ds.Title)
	e.str(o, path, "description", ds.Description)
	e.str(o, path, "type", ds.Type)
	e.str(o, path, "language", ds.Language)
	e.idObj(o, path, "dataset_id", &ds.DatasetID)
	e.str(o, path, "personal_data", ds.PersonalData)
	e.str(o, path, "sensitive_data", ds.SensitiveData)
	if ds.IsReused != nil {
		e.put(o, path, "is_reused", boolNode(*ds.IsReused))
	} else {
		e.put(o, path, "is_reused", nil)
	}
	e.str(o, path, "issued", ds.Issued)
	e.strs(o, path, "keyword", ds.Keywords)
	e.strs(o, path, "data_quality_assurance", ds.DataQualityAssurance)
	e.str(o, path, "preservation_statement", ds.PreservationStatement)
	e.str(o, path, "rights", ds.Rights)
	list(e, o, path, "creator", ds.Creators, func(c *Creator, cp string) *node {
		co := objNode()
		e.str(co, cp, "name", c.Name)
		e.str(co, cp, "mbox", c.Mbox)
		e.ids(co, cp, "creator_id", c.CreatorIDs)
		e.affiliations(co, cp, c.Affiliations)
		e.extra(co, c.Extra)
		return co
	})
	list(e, o, path, "distribution", ds.Distributions, e.distribution)
	list(e, o, path, "metadata", ds.Metadata, func(m *Metadata, mp string) *node {
		mo := objNode()
		e.str(mo, mp, "description", m.Description)
		e.str(mo, mp, "language", m.Language)
		e.ids(mo, mp, "metadata_standard_id", m.MetadataStandardIDs)
		e.extra(mo, m.Extra)
		return mo
	})
	list(e, o, path, "security_and_privacy", ds.SecurityAndPrivacy, func(s *SecurityAndPrivacy, sp string) *node {
		so := objNode()
		e.str(so, sp, "title", s.Title)
		e.str(so, sp, "description", s.Description)
		e.extra(so, s.Extra)
		return so
	})
	list(e, o, path, "technical_resource", ds.TechnicalResources, func(t *TechnicalResource, tp string) *node {
		to := objNode()
		e.str(to, tp, "name", t.Name)
		e.str(to, tp, "description", t.Description)
		list(e, to, tp, "technical_resource_id", t.TechnicalResourceIDs, e.id)
		list(e, to, tp, NeedsKey, t.Needs, e.need)
		e.extra(to, t.Extra)
		return to
	})
	list(e, o, path, "alternate_identifier", ds.AlternateIdentifiers, e.id)
	e.related(o, path, ds.RelatedIdentifiers)
	e.extra(o, ds.Extra)
	return o
}

func (e *encoder) distribution(d *Distribution, path string) *node {
	o := objNode()
	e.str(o, path, "title", d.Title)
	e.str(o, path, "description", d.Description)
	e.str(o, path, "access_url", d.AccessURL)
	e.str(o, path, "download_url", d.DownloadURL)
	e.str(o, path, "available_until", d.AvailableUntil)
	e.str(o, path, "issued", d.Issued)
	e.str(o, path, "data_access", d.DataAccess)
	if d.ByteSize != nil {
		e.put(o, path, "byte_size", numNode(strconv.FormatInt(*d.ByteSize, 10)))
	} else {
		e.put(o, path, "byte_size", nil)
	}
	e.strs(o, path, "format", d.Formats)
	if d.Host != nil {
		e.put(o, path, "host", nonEmpty(e.host(d.Host, joinKey(path, "host"))))
	} else {
		e.put(o, path, "host", nil)
	}
	list(e, o, path, "license", d.Licenses, func(l *License, lp string) *node {
		lo := objNode()
		e.str(lo, lp, "license_ref", l.LicenseRef)
		e.str(lo, lp, "start_date", l.StartDate)
		e.extra(lo, l.Extra)
		return lo
	})
	e.extra(o, d.Extra)
	return o
}

func (e *encoder) host(h *Host, path string) *node {
	o := objNode()
	e.str(o, path, "title", h.Title)
	e.str(o, path, "description", h.Description)
	e.str(o, path, "url", h.URL)
	list(e, o, path, "host_id", h.HostIDs, e.id)
	e.str(o, path, "availability", h.Availability)
	e.str(o, path, "backup_frequency", h.BackupFrequency)
	e.str(o, path, "backup_type", h.BackupType)
	e.str(o, path, "storage_type", h.StorageType)
	e.str(o, path, "certified_with", h.CertifiedWith)
	e.str(o, path, "geo_location", h.GeoLocation)
	e.strs(o, path, "pid_system", h.PIDSystems)
	e.str(o, path, "support_versioning", h.SupportVersioning)
	e.extra(o, h.Extra)
	return o
}
