package dmp

import (
	"bytes"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/dop2i/fairmeta/fair"
)

// DMP OPIDoR (https://dmp.opidor.fr, the French DMP service of Inist-CNRS) keeps plans in its own JSON model, of
// which it exports a "standard" form: one object with meta (title, language, dates, identifier, contact), project
// (or researchEntity: title, description, dates, funding, partners, principal investigator), contributor and
// researchOutput — one object per research output, with the modules of its template: researchOutputDescription
// (title, type, identifier, keywords, personal and sensitive data), sharing (distributions with file volumes and
// licences, hosts), dataStorage (estimatedVolume + volumeUnit, the facilities used, backup policy, costs),
// dataProcessing (facilities, methods), preservationIssues, documentationQuality (metadata standards), and the
// centre-specific modules of some templates: MesoUCA's storage and computing requests (mesoUCAStorageRequest:
// dataSize + volumeUnit for storageTime months; mesoUCACalculRequest: processTime in blocks of 1,000 CPU or GPU
// hours), GenOuest's genOuestServiceRequest (initial and extension dataSize) and MesoatLR's mesoatLRServiceRequest.
// Its RDA export drops the volumes and the computing requests. The module and field names are those of the
// templates in config/templates of the OPIDoR/DMPOPIDoR repository, the export shape that of
// app/views/shared/export/madmp_export_templates/default/plan.jbuilder, and the units those of its VolumeUnit
// registry (Octets, Ko, Mo, Go, To, Po and their English names), which its RDA export converts with powers of 1,000.

// DetectOPIDoR reports whether data looks like a DMP OPIDoR export: an object with researchOutput, or meta with
// project or researchEntity.
func DetectOPIDoR(data []byte) bool {
	t := bytes.TrimSpace(data)
	if len(t) == 0 || t[0] != '{' || len(t) > MaxBytes ||
		!bytes.Contains(t, []byte(`"researchOutput"`)) && !bytes.Contains(t, []byte(`"meta"`)) {
		return false
	}
	root, _, err := parseJSON(t)
	if err != nil || root.kind != kObject {
		return false
	}
	return root.get("dmp") == nil && (root.get("researchOutput") != nil || root.get("meta") != nil &&
		(root.get("project") != nil || root.get("researchEntity") != nil))
}

// opidorReader reads DMP OPIDoR's JSON and notes every member it does not carry into the maDMP model.
type opidorReader struct {
	notes Notes
	years []int // the project's years, for needs given without one
}

// ob is an object of the export being read: the members read are marked, the others noted when done.
type ob struct {
	n    *node
	path string
	used map[string]bool
	r    *opidorReader
}

func (r *opidorReader) wrap(n *node, path string) *ob {
	if n == nil || n.kind != kObject {
		if n != nil && n.kind != kNull {
			r.notes.Add(path, noteValue(n), "not an object: not carried")
		}
		return nil
	}
	return &ob{n: n, path: path, used: map[string]bool{}, r: r}
}

func (o *ob) get(key string) *node {
	if o == nil {
		return nil
	}
	o.used[key] = true
	return o.n.get(key)
}

// s returns a string member (a number is read as its text); "" when absent or null.
func (o *ob) s(key string) string {
	v := o.get(key)
	switch {
	case v == nil || v.kind == kNull:
		return ""
	case v.kind == kString:
		return strings.TrimSpace(v.s)
	case v.kind == kNumber:
		return v.s
	}
	o.r.notes.Add(joinKey(o.path, key), noteValue(v), "not a string: not carried")
	return ""
}

// num returns a number member, or a number written as a string; ok is false when absent.
func (o *ob) num(key string) (float64, bool) {
	s := o.s(key)
	if s == "" {
		return 0, false
	}
	f, err := strconv.ParseFloat(strings.ReplaceAll(s, ",", "."), 64)
	if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
		o.r.notes.Add(joinKey(o.path, key), s, "not a number: not carried")
		return 0, false
	}
	return f, true
}

func (o *ob) obj(key string) *ob { return o.r.wrap(o.get(key), joinKey(o.path, key)) }

// objs returns the objects of an array member; one object is read as a one-item array.
func (o *ob) objs(key string) []*ob {
	v := o.get(key)
	p := joinKey(o.path, key)
	if v == nil || v.kind == kNull {
		return nil
	}
	if v.kind == kObject {
		return []*ob{o.r.wrap(v, p)}
	}
	if v.kind != kArray {
		o.r.notes.Add(p, noteValue(v), "not an array: not carried")
		return nil
	}
	var out []*ob
	for i, it := range v.arr {
		if w := o.r.wrap(it, joinIndex(p, i)); w != nil {
			out = append(out, w)
		}
	}
	return out
}

// strs returns the strings of an array member (or one string).
func (o *ob) strs(key string) []string {
	v := o.get(key)
	if v == nil {
		return nil
	}
	if v.kind == kString {
		return []string{v.s}
	}
	var out []string
	if v.kind == kArray {
		for _, it := range v.arr {
			if it.kind == kString && strings.TrimSpace(it.s) != "" {
				out = append(out, strings.TrimSpace(it.s))
			}
		}
	}
	return out
}

// done notes the members that were not read, except OPIDoR's internal ones.
func (o *ob) done() {
	if o == nil {
		return
	}
	for _, m := range o.n.obj {
		if o.used[m.key] || m.val.kind == kNull || m.val.kind == kString && m.val.s == "" ||
			m.key == "dbid" || m.key == "schema_id" || m.key == "research_output_id" || m.key == "configuration" || m.key == "template_name" {
			continue
		}
		o.r.notes.Add(joinKey(o.path, m.key), noteValue(m.val), "DMP OPIDoR member not carried into maDMP")
	}
}

// yesNo converts OPIDoR's Oui/Non (or Yes/No) answers.
func yesNo(s string) string {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "oui", "yes", "true":
		return "yes"
	case "non", "no", "false":
		return "no"
	}
	return "unknown"
}

// accessOf converts OPIDoR's data access terms (as its RDA export does).
func accessOf(s string) string {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "ouvert", "open":
		return "open"
	case "restreint", "restricted", "partagé", "shared":
		return "shared"
	case "fermé", "ferme", "closed":
		return "closed"
	}
	return ""
}

// statusOf converts OPIDoR's funding status.
func statusOf(s string) string {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "planifié", "planned":
		return "planned"
	case "soumis", "applied":
		return "applied"
	case "approuvé", "granted":
		return "granted"
	case "rejeté", "refusé", "rejected":
		return "rejected"
	}
	return ""
}

// idOf converts an identifier with its OPIDoR idType ("ORCID iD", "ROR ID", "Crossref funder ID", "URL", "DOI").
func idOf(id, typ string) ID {
	if id == "" {
		return ID{}
	}
	t := strings.ToLower(typ)
	switch {
	case strings.Contains(t, "orcid"):
		t = "orcid"
	case strings.Contains(t, "ror"):
		t = "ror"
	case strings.Contains(t, "crossref") || strings.Contains(t, "fundref"):
		t = "fundref"
	case strings.Contains(t, "isni"):
		t = "isni"
	case t == "":
		t = "other"
		if _, err := fair.ParseROR(id); err == nil && strings.Contains(id, "ror.org") {
			t = "ror"
		} else if strings.HasPrefix(id, "http") {
			t = "url"
		}
	}
	return ID{Identifier: id, Type: t}
}

func (r *opidorReader) person(o *ob) (name, mbox string, ids []ID, affs []Affiliation) {
	p := o.obj("person")
	if p == nil {
		p = o // some fragments hold the person's fields directly
	}
	first, last := p.s("firstName"), p.s("lastName")
	switch {
	case last != "" && first != "":
		name = last + ", " + first
	default:
		name = strings.TrimSpace(last + first)
	}
	mbox = p.s("mbox")
	if id := idOf(p.s("personId"), p.s("idType")); id.Identifier != "" {
		ids = append(ids, id)
	}
	if an := p.s("affiliationName"); an != "" {
		a := Affiliation{Name: an, AffiliationID: idOf(p.s("affiliationId"), p.s("affiliationIdType"))}
		if a.AffiliationID.Type != "ror" && a.AffiliationID.Identifier != "" {
			r.notes.Add(joinKey(p.path, "affiliationId"), a.AffiliationID.Identifier, "an "+a.AffiliationID.Type+" affiliation identifier: kept, but not a ROR ID")
		}
		affs = append(affs, a)
	}
	if p != o {
		p.done()
	}
	return
}

// ReadPlan reads a plan in either of the package's formats, recognised from its content: a DMP OPIDoR export
// ([DetectOPIDoR], read with [ReadOPIDoR]) or a maDMP document of any version (read with [Read]).
func ReadPlan(data []byte) (*Document, Notes, error) {
	if DetectOPIDoR(data) {
		return ReadOPIDoR(data)
	}
	return Read(data)
}

// ReadOPIDoR reads a plan exported by DMP OPIDoR in its own ("standard") JSON and returns it as a maDMP 1.2
// Document: meta and project become the plan's header and project, each research output a dataset, with its
// distributions and hosts, and the computing and storage its modules declare become resource needs (see
// [NeedsKey]) of technical resources named after the facilities: storage volumes (dataStorage estimatedVolume,
// MesoUCA, GenOuest and MesoatLR storage requests) for each year of the project, computing requests (MesoUCA
// processTime, in blocks of 1,000 hours, GPU when its computing type says so) spread evenly over the project's
// years. Every member not carried, and every assumption made, is in the notes.
func ReadOPIDoR(data []byte) (*Document, Notes, error) {
	root, _, err := parseJSON(data)
	if err != nil {
		return nil, nil, err
	}
	r := &opidorReader{}
	top := r.wrap(root, "")
	if top == nil {
		return nil, nil, &SyntaxError{Line: 1, Column: 1, Msg: "a DMP OPIDoR export is a JSON object"}
	}
	doc := &Document{Version: "1.2"}
	p := &doc.DMP
	p.Datasets = []Dataset{}
	if meta := top.obj("meta"); meta != nil {
		p.Title = meta.s("title")
		p.Description = meta.s("description")
		p.Language = r.language(meta, "dmpLanguage")
		p.Created = opidorDateTime(meta.s("creationDate"))
		p.Modified = opidorDateTime(meta.s("lastModifiedDate"))
		p.DMPID = idOf(meta.s("dmpId"), meta.s("idType"))
		for i, c := range meta.objs("contact") {
			name, mbox, ids, affs := r.person(c)
			if i == 0 {
				p.Contact = Contact{Name: name, Mbox: mbox, ContactIDs: ids, Affiliations: affs}
			} else {
				p.Contributors = append(p.Contributors, Contributor{Name: name, Mbox: mbox, ContributorIDs: ids, Affiliations: affs, Roles: []string{"ContactPerson"}})
			}
			c.done()
		}
		meta.done()
	}
	if p.Modified == "" {
		p.Modified = p.Created
	}
	p.EthicalIssuesExist = "unknown"
	proj := top.obj("project")
	if proj == nil {
		proj = top.obj("researchEntity")
	}
	if proj != nil {
		pr := Project{Title: proj.s("title"), Description: proj.s("description")}
		if pr.Title == "" {
			pr.Title = proj.s("name")
		}
		pr.Start, pr.End = opidorDate(proj.s("startDate")), opidorDate(proj.s("endDate"))
		for _, f := range proj.objs("funding") {
			fu := Funding{FundingStatus: statusOf(f.s("fundingStatus"))}
			if fd := f.obj("funder"); fd != nil {
				fu.FunderID = idOf(fd.s("funderId"), fd.s("idType"))
				if n := fd.s("name"); n != "" {
					fu.Extra.Set("funder_name", quoteJSON(n))
				}
				fd.done()
			}
			if g := f.s("grantId"); g != "" {
				fu.GrantID = ID{Identifier: g, Type: "other"}
				if strings.HasPrefix(g, "http") {
					fu.GrantID.Type = "url"
				}
			}
			pr.Funding = append(pr.Funding, fu)
			f.done()
		}
		for _, pi := range proj.objs("principalInvestigator") {
			name, mbox, ids, affs := r.person(pi)
			p.Contributors = append(p.Contributors, Contributor{Name: name, Mbox: mbox, ContributorIDs: ids, Affiliations: affs, Roles: []string{"ProjectLeader"}})
			pi.done()
		}
		proj.done()
		p.Projects = []Project{pr}
		r.years = yearsBetween(pr.Start, pr.End)
	}
	if len(r.years) == 0 {
		if t, _, err := ParseDateTime(p.Created); err == nil {
			r.years = []int{t.Year()}
			r.notes.Add("project", "", fmt.Sprintf("no project dates: needs without a year are counted in %d, the plan's year", t.Year()))
		}
	}
	for _, c := range top.objs("contributor") {
		name, mbox, ids, affs := r.person(c)
		role := c.s("role")
		p.Contributors = append(p.Contributors, Contributor{Name: name, Mbox: mbox, ContributorIDs: ids, Affiliations: affs, Roles: []string{role}})
		c.done()
	}
	if id := top.s("dmp_id"); id != "" && p.DMPID.Identifier == "" {
		p.DMPID = ID{Identifier: id, Type: "other"}
	}
	for i, ro := range top.objs("researchOutput") {
		p.Datasets = append(p.Datasets, r.researchOutput(ro, i))
	}
	if len(top.n.obj) > 0 && top.get("researchOutput") == nil {
		r.notes.Add("researchOutput", "", "no research output: the plan has no dataset")
	}
	top.done()
	return doc, r.notes, nil
}

// country reads an ISO 3166-1 country code, noting one that is not.
func (r *opidorReader) country(o *ob, key string) string {
	c := strings.ToUpper(o.s(key))
	if c != "" {
		if why := checkCountry(c); why != "" {
			r.notes.Add(joinKey(o.path, key), c, why+": kept as written")
		}
	}
	return c
}

// language reads a language, noting one that is not an ISO 639-3 code once converted.
func (r *opidorReader) language(o *ob, key string) string {
	l := opidorLanguage(o.s(key))
	if l != "" {
		if why := checkLanguage(l); why != "" {
			r.notes.Add(joinKey(o.path, key), l, why+": kept as written")
		}
	}
	return l
}

func opidorLanguage(s string) string {
	l := strings.ToLower(strings.TrimSpace(s))
	switch l {
	case "fr_fr", "fr", "fra", "fre", "français", "french":
		return "fra"
	case "en_gb", "en", "eng", "anglais", "english":
		return "eng"
	}
	if l3, ok := iso639_1to3[l]; ok {
		return l3
	}
	return l
}

func opidorDate(s string) string {
	if s == "" {
		return ""
	}
	if t, _, err := ParseDate(s); err == nil {
		return t.Format(time.DateOnly)
	}
	return s
}

func opidorDateTime(s string) string {
	if s == "" {
		return ""
	}
	if t, _, err := ParseDateTime(s); err == nil {
		return t.UTC().Format(time.RFC3339)
	}
	if t, _, err := ParseDate(s); err == nil {
		return t.Format(time.RFC3339)
	}
	return s
}

func yearsBetween(start, end string) []int {
	s, _, err1 := ParseDate(start)
	e, _, err2 := ParseDate(end)
	switch {
	case err1 == nil && err2 == nil && !e.Before(s) && e.Year()-s.Year() < 50:
		var ys []int
		for y := s.Year(); y <= e.Year(); y++ {
			ys = append(ys, y)
		}
		return ys
	case err1 == nil:
		return []int{s.Year()}
	case err2 == nil:
		return []int{e.Year()}
	}
	return nil
}

func (r *opidorReader) researchOutput(ro *ob, i int) Dataset {
	ds := Dataset{PersonalData: "unknown", SensitiveData: "unknown"}
	if d := ro.obj("researchOutputDescription"); d != nil {
		ds.Title = d.s("title")
		ds.Description = d.s("description")
		ds.Type = d.s("type")
		ds.Language = r.language(d, "language")
		ds.Issued = opidorDate(d.s("issuedDate"))
		if id := d.s("datasetId"); id != "" {
			ds.DatasetID = ID{Identifier: id, Type: strings.ToLower(d.s("idType"))}
			if ds.DatasetID.Type == "" {
				ds.DatasetID.Type = "other"
			}
		}
		ds.Keywords = d.strs("uncontrolledKeywords")
		for _, k := range d.objs("controlledKeyword") {
			if kw := k.s("keyword"); kw != "" {
				ds.Keywords = append(ds.Keywords, kw)
			}
			k.done()
		}
		ds.PersonalData = yesNo(d.s("containsPersonalData"))
		ds.SensitiveData = yesNo(d.s("containsSensitiveData"))
		d.done()
	}
	if ds.Title == "" {
		ds.Title = fmt.Sprintf("Research output %d", i+1)
		r.notes.Add(joinIndex("researchOutput", i), "", "no title: named "+strconv.Quote(ds.Title))
	}
	if ds.DatasetID.Identifier == "" {
		ds.DatasetID = ID{Identifier: strconv.Itoa(i + 1), Type: "other"}
	}
	if sh := ro.obj("sharing"); sh != nil {
		var hosts []*Host
		for _, h := range sh.objs("host") {
			host := &Host{Title: h.s("title"), URL: h.s("hostId"), GeoLocation: r.country(h, "geoLocation"),
				SupportVersioning: yesNo(h.s("hasVersioningPolicy")), Availability: h.s("availability")}
			if host.URL != "" {
				host.HostIDs = []ID{idOf(host.URL, h.s("idType"))}
			}
			host.PIDSystems = lower(h.strs("pidSystem"))
			if c := h.strs("certification"); len(c) > 0 {
				host.CertifiedWith = strings.ToLower(strings.ReplaceAll(c[0], " ", ""))
			}
			hosts = append(hosts, host)
			h.done()
		}
		for j, d := range sh.objs("distribution") {
			dist := Distribution{Title: d.s("fileName"), Description: d.s("description"), AccessURL: d.s("accessUrl"),
				DownloadURL: d.s("downloadUrl"), AvailableUntil: opidorDate(d.s("availableUntil")), Issued: opidorDate(d.s("releaseDate")),
				DataAccess: accessOf(d.s("dataAccess"))}
			if dist.Title == "" {
				dist.Title = ds.Title
			}
			if f := d.s("fileFormat"); f != "" {
				dist.Formats = []string{f}
			}
			if v, ok := d.num("fileVolume"); ok {
				if b, err := bytesOf(v, d.s("volumeUnit")); err == nil {
					dist.ByteSize = &b
				} else {
					r.notes.Add(joinKey(d.path, "volumeUnit"), d.s("volumeUnit"), err.Error())
				}
			}
			if l := d.obj("license"); l != nil {
				if u := l.s("licenseUrl"); u != "" {
					dist.Licenses = []License{{LicenseRef: u, StartDate: opidorDate(d.s("licenseStartDate"))}}
				}
				l.done()
			}
			if j < len(hosts) {
				dist.Host = hosts[j]
			} else if len(hosts) > 0 {
				dist.Host = hosts[0]
			}
			ds.Distributions = append(ds.Distributions, dist)
			d.done()
		}
		sh.done()
	}
	if pi := ro.obj("preservationIssues"); pi != nil {
		ds.PreservationStatement = pi.s("description")
		pi.done()
	}
	if dq := ro.obj("documentationQuality"); dq != nil {
		lang := r.language(dq, "metadataLanguage")
		for _, ms := range dq.objs("metadataStandard") {
			md := Metadata{Description: ms.s("name"), Language: lang}
			if id := ms.s("metadataStandardId"); id != "" {
				md.MetadataStandardIDs = []ID{{Identifier: id, Type: "url"}}
			}
			ds.Metadata = append(ds.Metadata, md)
			ms.done()
		}
		if d := dq.s("description"); d != "" {
			ds.DataQualityAssurance = append(ds.DataQualityAssurance, d)
		}
		dq.done()
	}
	if qa := ro.obj("qualityAssuranceMethod"); qa != nil {
		if d := qa.s("description"); d != "" {
			ds.DataQualityAssurance = append(ds.DataQualityAssurance, d)
		}
		qa.done()
	}
	for _, module := range []string{"dataStorage", "dataProcessing", "dataCollection"} {
		if m := ro.obj(module); m != nil {
			ds.TechnicalResources = append(ds.TechnicalResources, r.facilities(m, module)...)
			m.done()
		}
	}
	ro.done()
	return ds
}

func lower(ss []string) []string {
	for i := range ss {
		ss[i] = strings.ToLower(ss[i])
	}
	return ss
}

// bytesOf converts a volume in an OPIDoR unit to bytes.
func bytesOf(v float64, unit string) (int64, error) {
	_, f, err := Units(Disk, unit)
	if err != nil {
		return 0, fmt.Errorf("unknown volume unit %q: size not carried", unit)
	}
	return int64(math.Round(v * f)), nil
}

// facilities reads a storage, processing or collection module: its facilities become technical resources, and the
// volumes and computing it requests become their needs (on the first facility, or on one named after the module).
func (r *opidorReader) facilities(m *ob, module string) []TechnicalResource {
	var trs []TechnicalResource
	for _, f := range m.objs("facility") {
		tr := TechnicalResource{Name: f.s("title"), Description: f.s("serviceContact")}
		if id := f.s("technicalResourceId"); id != "" {
			tid := idOf(id, f.s("idType"))
			if pid, err := fair.ParseROR(id); err == nil && tid.Type == "ror" {
				tid.Identifier = pid.Value
			}
			tr.TechnicalResourceIDs = []ID{tid}
		}
		trs = append(trs, tr)
		f.done()
	}
	var needs []Need
	storage := func(o *ob, sizeKey string) {
		v, ok := o.num(sizeKey)
		if !ok {
			return
		}
		unit := o.s("volumeUnit")
		if _, _, err := Units(Disk, unit); err != nil {
			r.notes.Add(joinKey(o.path, "volumeUnit"), unit, "unknown volume unit: storage need not carried")
			return
		}
		for _, y := range r.years {
			needs = append(needs, Need{Year: y, Resource: Disk, Amount: v, Unit: unit,
				Description: "from DMP OPIDoR " + module + "." + sizeKey})
		}
		if len(r.years) > 1 {
			r.notes.Add(joinKey(o.path, sizeKey), strconv.FormatFloat(v, 'g', -1, 64)+" "+unit,
				fmt.Sprintf("a volume without a year: declared as disk in each year of the project (%d–%d)", r.years[0], r.years[len(r.years)-1]))
		}
	}
	storage(m, "estimatedVolume")
	for _, sr := range m.objs("mesoUCAStorageRequest") {
		storage(sr, "dataSize")
		sr.done()
	}
	if lr := m.obj("mesoatLRServiceRequest"); lr != nil {
		storage(lr, "dataSize")
		lr.done()
	}
	for _, gr := range m.objs("genOuestServiceRequest") {
		for _, k := range []string{"initialRequest", "extensionRequest"} {
			if req := gr.obj(k); req != nil {
				storage(req, "dataSize")
				req.done()
			}
		}
		gr.done()
	}
	for _, cr := range m.objs("mesoUCACalculRequest") {
		v, ok := cr.num("processTime")
		if !ok {
			cr.done()
			continue
		}
		kind := CPU
		if strings.Contains(strings.ToUpper(cr.s("calculType")), "GPU") {
			kind = GPU
		}
		hours := v * 1000 // processTime counts blocks of 1,000 CPU or GPU hours
		if len(r.years) > 0 {
			for _, y := range r.years {
				needs = append(needs, Need{Year: y, Resource: kind, Amount: hours / float64(len(r.years)), Unit: "core-hours",
					Description: "from DMP OPIDoR " + module + ".mesoUCACalculRequest.processTime"})
				if kind == GPU {
					needs[len(needs)-1].Unit = "gpu-hours"
				}
			}
			r.notes.Add(joinKey(cr.path, "processTime"), strconv.FormatFloat(v, 'g', -1, 64),
				fmt.Sprintf("%s thousand %s-hours for the project, without a year: spread evenly over %d year(s)", strconv.FormatFloat(v, 'g', -1, 64), kind, len(r.years)))
		}
		cr.done()
	}
	if len(needs) > 0 {
		if len(trs) == 0 {
			trs = append(trs, TechnicalResource{Name: "unnamed facility of " + module})
			r.notes.Add(joinKey(m.path, "facility"), "", "needs without a facility: given to a technical resource named after the module")
		}
		trs[0].Needs = append(trs[0].Needs, needs...)
	}
	return trs
}
