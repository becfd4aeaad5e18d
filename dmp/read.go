package dmp

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// keptValue is a value the document writes in a form the model does not hold (an object where the standard wants
// an array, a number as a string, an empty string, a value of the wrong type): Write puts raw back as long as the
// model still holds what was read from it.
type keptValue struct {
	raw       *node
	canon     *node // what the writer makes of the model's value at that path, as read; nil when it writes nothing
	tolerated bool  // a tolerated form that Upgrade rewrites in the 1.2 form
}

// decoder turns a JSON tree into the model, noting each tolerance once per value and each unknown key once.
type decoder struct {
	notes   Notes
	kept    map[string]*keptValue
	unknown map[string]bool // schema locations ("dmp.dataset[].x") of unknown keys already reported
	legacy  []string        // 1.0/1.1 shapes seen
	modern  []string        // 1.2-only members seen
}

// Read parses a maDMP document (1.2, or 1.0/1.1) into a Document. It tolerates what real tools write — a date-time
// without a time zone, epoch milliseconds, an object where the standard wants an array, numbers and booleans as
// strings, a value of the wrong type — and reports each in the notes, never silently; unknown members are kept in
// the Extra of their object and reported once per place. Write gives the same JSON tree back. An error is returned
// only for input that is not JSON (a *SyntaxError with line and column) or exceeds the reader's limits.
func Read(data []byte) (*Document, Notes, error) {
	root, dups, err := parseJSON(data)
	if err != nil {
		return nil, nil, err
	}
	d := &decoder{kept: map[string]*keptValue{}, unknown: map[string]bool{}}
	for _, k := range dups {
		d.notes.Add("", k, "key repeated in one object; the last value is kept, the others are dropped")
	}
	doc := &Document{}
	if root.kind != kObject {
		d.keepRaw("", root, "the document is not a JSON object; kept as is")
	} else {
		for _, m := range root.obj {
			switch m.key {
			case "$schema":
				doc.Schema = d.str(m.val, "$schema")
				if v := versionOf(doc.Schema); v != "" {
					doc.Version = v
				}
			case "dmp":
				d.dmp(m.val, "dmp", &doc.DMP)
			default:
				d.extra(&doc.Extra, m, "")
			}
		}
	}
	if doc.Version == "" {
		switch {
		case len(d.legacy) > 0:
			doc.Version = "1.1"
		case len(d.modern) > 0:
			doc.Version = "1.2"
		}
	}
	if doc.Version != "" && doc.Version != "1.2" {
		why := "its $schema"
		if versionOf(doc.Schema) == "" {
			why = "its shapes (" + strings.Join(d.legacy[:min(3, len(d.legacy))], ", ") + ")"
		}
		d.notes.Add("", doc.Version, "read as maDMP "+doc.Version+" from "+why+"; Upgrade rewrites it as 1.2")
	}
	doc.kept = d.kept
	doc.recordKept()
	return doc, d.notes, nil
}

// versionOf returns the version a $schema reference names ("…/1.1/maDMP-schema-1.1.json"), or "".
func versionOf(schemaRef string) string {
	for _, v := range []string{"1.0", "1.1", "1.2"} {
		if strings.Contains(schemaRef, "schema-"+v) || strings.Contains(schemaRef, "/"+v+"/") || strings.HasSuffix(schemaRef, "/"+v) {
			return v
		}
	}
	return ""
}

func location(path string) string {
	var b strings.Builder
	for i := 0; i < len(path); i++ {
		if path[i] == '[' {
			j := strings.IndexByte(path[i:], ']')
			if j > 0 {
				b.WriteString("[]")
				i += j
				continue
			}
		}
		b.WriteByte(path[i])
	}
	return b.String()
}

func (d *decoder) keep(path string, raw *node, tolerated bool) {
	d.kept[path] = &keptValue{raw: raw, tolerated: tolerated}
}

// keepRaw keeps a value the model cannot hold at all and notes it.
func (d *decoder) keepRaw(path string, raw *node, reason string) {
	d.keep(path, raw, false)
	d.notes.Add(path, noteValue(raw), reason)
}

// noteValue is how a note shows a value: a string as its text, anything else as compact JSON.
func noteValue(n *node) string {
	if n.kind == kString {
		return clip(n.s, 80)
	}
	return string(clipBytes(compact(n), 80))
}

func clipBytes(b []byte, n int) []byte {
	if len(b) > n {
		return append(b[:n:n], "…"...)
	}
	return b
}

// tolerate keeps a value written in a tolerated form and notes how it was read.
func (d *decoder) tolerate(path string, raw *node, reason string) {
	d.keep(path, raw, true)
	d.notes.Add(path, noteValue(raw), reason)
}

func (d *decoder) wrongType(path string, n *node, want string) {
	d.keepRaw(path, n, fmt.Sprintf("%s where %s is wanted; kept as is", describe(n), want))
}

// legacyKeys are members of 1.0/1.1 documents and of tools of that time that 1.2 names otherwise; Upgrade moves
// them to their 1.2 place.
var legacyKeys = map[string]string{
	"dmp.project[].project_id_type":                         "the type of a project_id string (1.1 tools); 1.2 has project_id [{identifier, type}]",
	"dmp.dataset[].distribution[].host.host_id_type":        "the type of the host url (1.1 tools); 1.2 has host_id [{identifier, type}]",
	"dmp.dataset[].distribution[].host.dmproadmap_host_id":  "DMPRoadmap's host identifier; 1.2 has host_id [{identifier, type}]",
	"dmp.dataset[].distribution[].host.supports_versioning": `did you mean "support_versioning"? (misspelt in 1.0/1.1 documents and their tools)`,
	"dmp.dmproadmap_related_identifiers":                    "DMPRoadmap's related identifiers; 1.2 has related_identifier",
}

// commonExtensions are members outside the standard that its own examples and many tools write; fairmeta reads
// them (a funder's name, a licence's name) and keeps them.
var commonExtensions = map[string]string{
	"dmp.project[].funding[].funder_name":                 "the funder's name (RDA examples); fairmeta carries it as the funder name",
	"dmp.dataset[].distribution[].license[].license_name": "the licence's name (RDA examples)",
}

// extra keeps an unknown member and reports it once per place in the document.
func (d *decoder) extra(x *Extra, m member, path string) {
	*x = append(*x, Member{m.key, compact(m.val)})
	p := joinKey(path, m.key)
	loc := location(p)
	if why, ok := legacyKeys[loc]; ok {
		d.legacy = append(d.legacy, m.key)
		if !d.unknown[loc] {
			d.unknown[loc] = true
			d.notes.Add(p, noteValue(m.val), "legacy member kept: "+why)
		}
		return
	}
	if why, ok := commonExtensions[loc]; ok {
		if !d.unknown[loc] {
			d.unknown[loc] = true
			d.notes.Add(p, noteValue(m.val), "extension member kept: "+why)
		}
		return
	}
	if !d.unknown[loc] {
		d.unknown[loc] = true
		reason := "unknown member kept and written back"
		if alt := knownNear(location(path), m.key); alt != "" {
			reason += fmt.Sprintf("; did you mean %q?", alt)
		}
		d.notes.Add(p, noteValue(m.val), reason)
	}
}

// knownNear returns the 1.2 member of the object at loc whose name is closest to key, when close enough.
func knownNear(loc, key string) string {
	s := schemaAt(loc)
	if s == nil {
		return ""
	}
	best, bestD := "", 4
	for _, k := range s.keys {
		d := editDistance(k, key)
		if strings.HasPrefix(key, k) || strings.HasPrefix(k, key) {
			d = min(d, 2)
		}
		if d > 0 && d < bestD && d <= len(k)/3+1 {
			best, bestD = k, d
		}
	}
	return best
}

// schemaAt returns the object schema at a location ("dmp.dataset[].host"), or nil.
func schemaAt(loc string) *schema {
	set := maDMP12()
	s := set.resolve(set.root)
	if loc == "" {
		return s
	}
	for _, part := range strings.Split(loc, ".") {
		name, arr := strings.CutSuffix(part, "[]")
		for arr {
			name2, more := strings.CutSuffix(name, "[]")
			name, arr = name2, more
		}
		if s == nil || s.props == nil {
			return nil
		}
		s = set.resolve(s.props[name])
		for s != nil {
			if s.oneOf != nil {
				s = set.resolve(s.oneOf[0])
				continue
			}
			if s.typ == "array" {
				s = set.resolve(s.items)
				continue
			}
			break
		}
	}
	if s == nil || s.typ != "object" {
		return nil
	}
	return s
}

// obj reports whether n is an object; otherwise it keeps n and notes it.
func (d *decoder) obj(n *node, path string) bool {
	if n.kind == kObject {
		if len(n.obj) == 0 {
			d.keep(path, n, false) // an empty object is written back as {}
		}
		return true
	}
	d.wrongType(path, n, "an object")
	return false
}

// str reads a string; a number is read as its text (tolerated); anything else is kept as is.
func (d *decoder) str(n *node, path string) string {
	switch n.kind {
	case kString:
		if n.s == "" {
			d.keep(path, n, false)
		}
		return n.s
	case kNumber:
		d.tolerate(path, n, "a number where a string is wanted; read as its text")
		return n.s
	}
	d.wrongType(path, n, "a string")
	return ""
}

// strs reads an array of strings; one string is read as a one-item array (tolerated).
func (d *decoder) strs(n *node, path string) []string {
	switch n.kind {
	case kString:
		d.tolerate(path, n, "a string where an array is wanted; read as a one-item array")
		return []string{n.s}
	case kArray:
		out := make([]string, 0, len(n.arr))
		for i, v := range n.arr {
			out = append(out, d.str(v, joinIndex(path, i)))
		}
		return out
	}
	d.wrongType(path, n, "an array of strings")
	return nil
}

// text reads a string; an array of strings is joined with newlines (tolerated: DMPRoadmap writes descriptions so).
func (d *decoder) text(n *node, path string) string {
	if n.kind == kArray {
		parts := make([]string, 0, len(n.arr))
		for _, v := range n.arr {
			if v.kind != kString {
				d.wrongType(path, n, "a string")
				return ""
			}
			parts = append(parts, v.s)
		}
		d.tolerate(path, n, "an array where a string is wanted; read as its items joined by newlines")
		return strings.Join(parts, "\n")
	}
	return d.str(n, path)
}

// items calls each for the items of an array; an object is read as a one-item array (tolerated).
func (d *decoder) items(n *node, path string, each func(v *node, path string)) bool {
	switch n.kind {
	case kArray:
		for i, v := range n.arr {
			each(v, joinIndex(path, i))
		}
		return true
	case kObject:
		d.tolerate(path, n, "an object where an array is wanted; read as a one-item array")
		each(n, path+"#single")
		return true
	}
	d.wrongType(path, n, "an array")
	return false
}

// ids reads identifiers given as one object or an array of them (both 1.2 forms); a one-item array is kept as
// an array.
func (d *decoder) ids(n *node, path string) []ID {
	switch n.kind {
	case kObject:
		return []ID{d.id(n, path+"#single")}
	case kArray:
		if len(n.arr) == 1 {
			d.keep(path, n, false)
		}
		out := make([]ID, 0, len(n.arr))
		for i, v := range n.arr {
			out = append(out, d.id(v, joinIndex(path, i)))
		}
		return out
	}
	d.wrongType(path, n, "an object or an array")
	return nil
}

// idList reads an array of identifiers (host_id, project_id, ...); one object is a one-item array (tolerated).
func (d *decoder) idList(n *node, path string) []ID {
	var out []ID
	if d.items(n, path, func(v *node, p string) { out = append(out, d.id(v, p)) }) && out == nil {
		out = []ID{}
	}
	return out
}

func (d *decoder) id(n *node, path string) ID {
	path = strings.TrimSuffix(path, "#single")
	var id ID
	if !d.obj(n, path) {
		return id
	}
	for _, m := range n.obj {
		p := joinKey(path, m.key)
		switch m.key {
		case "identifier":
			id.Identifier = d.str(m.val, p)
		case "type":
			id.Type = d.str(m.val, p)
		default:
			d.extra(&id.Extra, m, path)
		}
	}
	return id
}

// date reads a date; a date-time is tolerated (its date is what counts), epoch milliseconds are converted.
func (d *decoder) date(n *node, path string) string {
	return d.when(n, path, false)
}

// dateTime reads a date-time; one without a time zone is tolerated (read as UTC), epoch milliseconds converted.
func (d *decoder) dateTime(n *node, path string) string {
	return d.when(n, path, true)
}

func (d *decoder) when(n *node, path string, withTime bool) string {
	if n.kind == kNumber {
		ms, err := strconv.ParseFloat(n.s, 64)
		if err != nil || math.IsInf(ms, 0) || math.Abs(ms) > 1e15 {
			d.wrongType(path, n, "a date")
			return ""
		}
		t := time.UnixMilli(int64(ms)).UTC()
		s := t.Format("2006-01-02T15:04:05.000Z07:00")
		if !withTime {
			s = t.Format(time.DateOnly)
		}
		d.tolerate(path, n, "epoch milliseconds; read as "+s)
		return s
	}
	s := d.str(n, path)
	if n.kind != kString || s == "" {
		return s
	}
	if withTime {
		if _, form, err := ParseDateTime(s); err == nil && form != "" {
			d.notes.Add(path, s, form)
		}
	} else if _, form, err := ParseDate(s); err == nil && form != "" {
		d.notes.Add(path, s, form)
	}
	return s
}

// ParseDateTime reads a date-time as maDMP documents write it. The standard wants RFC 3339 with a time zone;
// tolerated, and described in form: no time zone (read as UTC), a space instead of "T", a bare date (midnight
// UTC). form is "" for a date-time in the standard's form.
func ParseDateTime(s string) (t time.Time, form string, err error) {
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t, "", nil
	}
	for _, l := range []string{"2006-01-02T15:04:05.999999999", "2006-01-02 15:04:05.999999999", "2006-01-02T15:04"} {
		if t, err := time.Parse(l, s); err == nil {
			return t, "date-time without a time zone; read as UTC", nil
		}
	}
	if t, err := time.Parse("2006-01-02 15:04:05.999999999Z07:00", s); err == nil {
		return t, "date-time with a space instead of T; read as " + t.Format(time.RFC3339Nano), nil
	}
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t, "a date where a date-time is wanted; read as midnight UTC", nil
	}
	return time.Time{}, "", fmt.Errorf("dmp: %q is not an ISO 8601 date-time", s)
}

// ParseDate reads a date as maDMP documents write it: "2024-06-30"; tolerated, and described in form: a
// date-time (its date, in its own time zone, is taken), a year and month, a year.
func ParseDate(s string) (t time.Time, form string, err error) {
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t, "", nil
	}
	if t, form, err := ParseDateTime(s); err == nil && form != "a date where a date-time is wanted; read as midnight UTC" {
		return t, "a date-time where a date is wanted; read as " + t.Format(time.DateOnly), nil
	}
	if t, err := time.Parse("2006-01", s); err == nil {
		return t, "a year and month where a date is wanted; read as " + t.Format(time.DateOnly), nil
	}
	if t, err := time.Parse("2006", s); err == nil {
		return t, "a year where a date is wanted; read as " + t.Format(time.DateOnly), nil
	}
	return time.Time{}, "", fmt.Errorf("dmp: %q is not an ISO 8601 date", s)
}

func (d *decoder) boolish(n *node, path string) *bool {
	switch n.kind {
	case kBool:
		b := n.b
		return &b
	case kString:
		var b bool
		switch strings.ToLower(strings.TrimSpace(n.s)) {
		case "true", "yes", "1":
			b = true
		case "false", "no", "0":
		default:
			d.wrongType(path, n, "a boolean")
			return nil
		}
		d.tolerate(path, n, fmt.Sprintf("a string where a boolean is wanted; read as %t", b))
		return &b
	}
	d.wrongType(path, n, "a boolean")
	return nil
}

func (d *decoder) integer(n *node, path string) *int64 {
	text := n.s
	switch n.kind {
	case kNumber:
	case kString:
		text = strings.TrimSpace(n.s)
	default:
		d.wrongType(path, n, "an integer")
		return nil
	}
	v, err := strconv.ParseInt(text, 10, 64)
	if err != nil {
		f, ferr := strconv.ParseFloat(text, 64)
		if ferr != nil || f != math.Trunc(f) || math.Abs(f) >= 1<<63 {
			d.wrongType(path, n, "an integer")
			return nil
		}
		v = int64(f)
	}
	if n.kind == kString {
		d.tolerate(path, n, fmt.Sprintf("a number written as a string; read as %d", v))
	}
	return &v
}

func (d *decoder) number(n *node, path string) *float64 {
	text := n.s
	switch n.kind {
	case kNumber:
	case kString:
		text = strings.TrimSpace(n.s)
	default:
		d.wrongType(path, n, "a number")
		return nil
	}
	f, err := strconv.ParseFloat(text, 64)
	if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
		d.wrongType(path, n, "a number")
		return nil
	}
	if n.kind == kString {
		d.tolerate(path, n, "a number written as a string; read as "+strconv.FormatFloat(f, 'g', -1, 64))
	} else if strconv.FormatFloat(f, 'g', -1, 64) != n.s && !numEqual(strconv.FormatFloat(f, 'g', -1, 64), n.s) {
		d.keep(path, n, false) // more digits than a float64 holds: written back as it was
	}
	return &f
}

func (d *decoder) dmp(n *node, path string, p *DMP) {
	if !d.obj(n, path) {
		return
	}
	for _, m := range n.obj {
		k := joinKey(path, m.key)
		switch m.key {
		case "title":
			p.Title = d.str(m.val, k)
		case "description":
			p.Description = d.text(m.val, k)
		case "language":
			p.Language = d.str(m.val, k)
		case "created":
			p.Created = d.dateTime(m.val, k)
		case "modified":
			p.Modified = d.dateTime(m.val, k)
		case "dmp_id":
			p.DMPID = d.id(m.val, k)
		case "contact":
			d.contact(m.val, k, &p.Contact)
		case "contributor":
			p.Contributors = []Contributor{}
			d.items(m.val, k, func(v *node, path string) {
				p.Contributors = append(p.Contributors, d.contributor(v, path))
			})
		case "cost":
			p.Costs = []Cost{}
			d.items(m.val, k, func(v *node, path string) { p.Costs = append(p.Costs, d.cost(v, path)) })
		case "dataset":
			p.Datasets = []Dataset{}
			d.items(m.val, k, func(v *node, path string) { p.Datasets = append(p.Datasets, d.dataset(v, path)) })
		case "ethical_issues_exist":
			p.EthicalIssuesExist = d.str(m.val, k)
		case "ethical_issues_description":
			p.EthicalIssuesDescription = d.text(m.val, k)
		case "ethical_issues_report":
			p.EthicalIssuesReport = d.str(m.val, k)
		case "project":
			p.Projects = []Project{}
			d.items(m.val, k, func(v *node, path string) { p.Projects = append(p.Projects, d.project(v, path)) })
		case "alternate_identifier":
			d.modern = append(d.modern, m.key)
			p.AlternateIdentifiers = d.idList(m.val, k)
		case "related_identifier":
			d.modern = append(d.modern, m.key)
			p.RelatedIdentifiers = d.related(m.val, k)
		default:
			d.extra(&p.Extra, m, path)
		}
	}
}

func (d *decoder) affiliations(n *node, path string) []Affiliation {
	d.modern = append(d.modern, "affiliation")
	out := []Affiliation{}
	d.items(n, path, func(v *node, p string) {
		p = strings.TrimSuffix(p, "#single")
		var a Affiliation
		if d.obj(v, p) {
			for _, m := range v.obj {
				k := joinKey(p, m.key)
				switch m.key {
				case "name":
					a.Name = d.str(m.val, k)
				case "affiliation_id":
					a.AffiliationID = d.id(m.val, k)
				default:
					d.extra(&a.Extra, m, p)
				}
			}
		}
		out = append(out, a)
	})
	return out
}

func (d *decoder) contact(n *node, path string, c *Contact) {
	if !d.obj(n, path) {
		return
	}
	for _, m := range n.obj {
		k := joinKey(path, m.key)
		switch m.key {
		case "name":
			c.Name = d.str(m.val, k)
		case "mbox":
			c.Mbox = d.str(m.val, k)
		case "contact_id":
			c.ContactIDs = d.ids(m.val, k)
		case "affiliation":
			c.Affiliations = d.affiliations(m.val, k)
		default:
			d.extra(&c.Extra, m, path)
		}
	}
}

func (d *decoder) contributor(n *node, path string) Contributor {
	path = strings.TrimSuffix(path, "#single")
	var c Contributor
	if !d.obj(n, path) {
		return c
	}
	for _, m := range n.obj {
		k := joinKey(path, m.key)
		switch m.key {
		case "name":
			c.Name = d.str(m.val, k)
		case "mbox":
			c.Mbox = d.str(m.val, k)
		case "contributor_id":
			c.ContributorIDs = d.ids(m.val, k)
		case "role":
			c.Roles = d.strs(m.val, k)
		case "affiliation":
			c.Affiliations = d.affiliations(m.val, k)
		default:
			d.extra(&c.Extra, m, path)
		}
	}
	return c
}

func (d *decoder) creator(n *node, path string) Creator {
	path = strings.TrimSuffix(path, "#single")
	var c Creator
	if !d.obj(n, path) {
		return c
	}
	for _, m := range n.obj {
		k := joinKey(path, m.key)
		switch m.key {
		case "name":
			c.Name = d.str(m.val, k)
		case "mbox":
			c.Mbox = d.str(m.val, k)
		case "creator_id":
			c.CreatorIDs = d.ids(m.val, k)
		case "affiliation":
			c.Affiliations = d.affiliations(m.val, k)
		default:
			d.extra(&c.Extra, m, path)
		}
	}
	return c
}

func (d *decoder) cost(n *node, path string) Cost {
	path = strings.TrimSuffix(path, "#single")
	var c Cost
	if !d.obj(n, path) {
		return c
	}
	for _, m := range n.obj {
		k := joinKey(path, m.key)
		switch m.key {
		case "title":
			c.Title = d.str(m.val, k)
		case "description":
			c.Description = d.text(m.val, k)
		case "currency_code":
			c.CurrencyCode = d.str(m.val, k)
		case "value":
			c.Value = d.number(m.val, k)
		default:
			d.extra(&c.Extra, m, path)
		}
	}
	return c
}

func (d *decoder) project(n *node, path string) Project {
	path = strings.TrimSuffix(path, "#single")
	var p Project
	if !d.obj(n, path) {
		return p
	}
	for _, m := range n.obj {
		k := joinKey(path, m.key)
		switch m.key {
		case "title":
			p.Title = d.str(m.val, k)
		case "description":
			p.Description = d.text(m.val, k)
		case "start":
			p.Start = d.date(m.val, k)
		case "end":
			p.End = d.date(m.val, k)
		case "project_id":
			if m.val.kind == kString {
				// 1.1-era tools: "project_id": "https://...", "project_id_type": "..."
				d.legacy = append(d.legacy, "project_id string")
				d.extra(&p.Extra, m, path)
				continue
			}
			d.modern = append(d.modern, m.key)
			p.ProjectIDs = d.idList(m.val, k)
		case "funding":
			p.Funding = []Funding{}
			d.items(m.val, k, func(v *node, path string) { p.Funding = append(p.Funding, d.funding(v, path)) })
		default:
			d.extra(&p.Extra, m, path)
		}
	}
	return p
}

func (d *decoder) funding(n *node, path string) Funding {
	path = strings.TrimSuffix(path, "#single")
	var f Funding
	if !d.obj(n, path) {
		return f
	}
	for _, m := range n.obj {
		k := joinKey(path, m.key)
		switch m.key {
		case "funder_id":
			f.FunderID = d.id(m.val, k)
		case "grant_id":
			f.GrantID = d.id(m.val, k)
		case "funding_status":
			f.FundingStatus = d.str(m.val, k)
		default:
			d.extra(&f.Extra, m, path)
		}
	}
	return f
}

func (d *decoder) related(n *node, path string) []RelatedIdentifier {
	out := []RelatedIdentifier{}
	d.items(n, path, func(v *node, p string) {
		p = strings.TrimSuffix(p, "#single")
		var r RelatedIdentifier
		if d.obj(v, p) {
			for _, m := range v.obj {
				k := joinKey(p, m.key)
				switch m.key {
				case "identifier":
					r.Identifier = d.str(m.val, k)
				case "type":
					r.Type = d.str(m.val, k)
				case "relation_type":
					r.RelationType = d.str(m.val, k)
				case "resource_type":
					r.ResourceType = d.str(m.val, k)
				case "metadata_scheme":
					r.MetadataScheme = d.str(m.val, k)
				case "scheme_type":
					r.SchemeType = d.str(m.val, k)
				case "scheme_uri":
					r.SchemeURI = d.str(m.val, k)
				default:
					d.extra(&r.Extra, m, p)
				}
			}
		}
		out = append(out, r)
	})
	return out
}

func (d *decoder) dataset(n *node, path string) Dataset {
	path = strings.TrimSuffix(path, "#single")
	var ds Dataset
	if !d.obj(n, path) {
		return ds
	}
	for _, m := range n.obj {
		k := joinKey(path, m.key)
		switch m.key {
		case "title":
			ds.Title = d.str(m.val, k)
		case "description":
			ds.Description = d.text(m.val, k)
		case "type":
			ds.Type = d.str(m.val, k)
		case "language":
			ds.Language = d.str(m.val, k)
		case "dataset_id":
			ds.DatasetID = d.id(m.val, k)
		case "personal_data":
			ds.PersonalData = d.str(m.val, k)
		case "sensitive_data":
			ds.SensitiveData = d.str(m.val, k)
		case "is_reused":
			d.modern = append(d.modern, m.key)
			ds.IsReused = d.boolish(m.val, k)
		case "issued":
			ds.Issued = d.date(m.val, k)
		case "keyword":
			ds.Keywords = d.strs(m.val, k)
		case "data_quality_assurance":
			ds.DataQualityAssurance = d.strs(m.val, k)
		case "preservation_statement":
			ds.PreservationStatement = d.text(m.val, k)
		case "rights":
			d.modern = append(d.modern, m.key)
			ds.Rights = d.text(m.val, k)
		case "creator":
			d.modern = append(d.modern, m.key)
			ds.Creators = []Creator{}
			d.items(m.val, k, func(v *node, p string) { ds.Creators = append(ds.Creators, d.creator(v, p)) })
		case "distribution":
			ds.Distributions = []Distribution{}
			d.items(m.val, k, func(v *node, p string) { ds.Distributions = append(ds.Distributions, d.distribution(v, p)) })
		case "metadata":
			ds.Metadata = []Metadata{}
			d.items(m.val, k, func(v *node, p string) { ds.Metadata = append(ds.Metadata, d.metadata(v, p)) })
		case "security_and_privacy":
			ds.SecurityAndPrivacy = []SecurityAndPrivacy{}
			d.items(m.val, k, func(v *node, p string) {
				p = strings.TrimSuffix(p, "#single")
				var s SecurityAndPrivacy
				if d.obj(v, p) {
					for _, mm := range v.obj {
						kk := joinKey(p, mm.key)
						switch mm.key {
						case "title":
							s.Title = d.str(mm.val, kk)
						case "description":
							s.Description = d.text(mm.val, kk)
						default:
							d.extra(&s.Extra, mm, p)
						}
					}
				}
				ds.SecurityAndPrivacy = append(ds.SecurityAndPrivacy, s)
			})
		case "technical_resource":
			ds.TechnicalResources = []TechnicalResource{}
			d.items(m.val, k, func(v *node, p string) {
				ds.TechnicalResources = append(ds.TechnicalResources, d.technicalResource(v, p))
			})
		case "alternate_identifier":
			d.modern = append(d.modern, m.key)
			ds.AlternateIdentifiers = d.idList(m.val, k)
		case "related_identifier":
			d.modern = append(d.modern, m.key)
			ds.RelatedIdentifiers = d.related(m.val, k)
		default:
			d.extra(&ds.Extra, m, path)
		}
	}
	return ds
}

func (d *decoder) metadata(n *node, path string) Metadata {
	path = strings.TrimSuffix(path, "#single")
	var md Metadata
	if !d.obj(n, path) {
		return md
	}
	for _, m := range n.obj {
		k := joinKey(path, m.key)
		switch m.key {
		case "description":
			md.Description = d.text(m.val, k)
		case "language":
			md.Language = d.str(m.val, k)
		case "metadata_standard_id":
			md.MetadataStandardIDs = d.ids(m.val, k)
		default:
			d.extra(&md.Extra, m, path)
		}
	}
	return md
}

func (d *decoder) technicalResource(n *node, path string) TechnicalResource {
	path = strings.TrimSuffix(path, "#single")
	var t TechnicalResource
	if !d.obj(n, path) {
		return t
	}
	for _, m := range n.obj {
		k := joinKey(path, m.key)
		switch m.key {
		case "name":
			t.Name = d.str(m.val, k)
		case "description":
			t.Description = d.text(m.val, k)
		case "technical_resource_id":
			d.modern = append(d.modern, m.key)
			t.TechnicalResourceIDs = d.idList(m.val, k)
		case NeedsKey:
			t.Needs = d.needs(m.val, k)
		default:
			d.extra(&t.Extra, m, path)
		}
	}
	return t
}

func (d *decoder) distribution(n *node, path string) Distribution {
	path = strings.TrimSuffix(path, "#single")
	var ds Distribution
	if !d.obj(n, path) {
		return ds
	}
	for _, m := range n.obj {
		k := joinKey(path, m.key)
		switch m.key {
		case "title":
			ds.Title = d.str(m.val, k)
		case "description":
			ds.Description = d.text(m.val, k)
		case "access_url":
			ds.AccessURL = d.str(m.val, k)
		case "download_url":
			ds.DownloadURL = d.str(m.val, k)
		case "available_until":
			ds.AvailableUntil = d.date(m.val, k)
		case "issued":
			d.modern = append(d.modern, "distribution.issued")
			ds.Issued = d.date(m.val, k)
		case "data_access":
			ds.DataAccess = d.str(m.val, k)
		case "byte_size":
			ds.ByteSize = d.integer(m.val, k)
		case "format":
			ds.Formats = d.strs(m.val, k)
		case "host":
			if m.val.kind == kObject {
				ds.Host = d.host(m.val, k)
			} else {
				d.wrongType(k, m.val, "an object")
			}
		case "license":
			ds.Licenses = []License{}
			d.items(m.val, k, func(v *node, p string) {
				p = strings.TrimSuffix(p, "#single")
				var l License
				if d.obj(v, p) {
					for _, mm := range v.obj {
						kk := joinKey(p, mm.key)
						switch mm.key {
						case "license_ref":
							l.LicenseRef = d.str(mm.val, kk)
						case "start_date":
							l.StartDate = d.date(mm.val, kk)
						default:
							d.extra(&l.Extra, mm, p)
						}
					}
				}
				ds.Licenses = append(ds.Licenses, l)
			})
		default:
			d.extra(&ds.Extra, m, path)
		}
	}
	return ds
}

func (d *decoder) host(n *node, path string) *Host {
	h := &Host{}
	if len(n.obj) == 0 {
		d.keep(path, n, false)
	}
	for _, m := range n.obj {
		k := joinKey(path, m.key)
		switch m.key {
		case "title":
			h.Title = d.str(m.val, k)
		case "description":
			h.Description = d.text(m.val, k)
		case "url":
			h.URL = d.str(m.val, k)
		case "host_id":
			d.modern = append(d.modern, m.key)
			h.HostIDs = d.idList(m.val, k)
		case "availability":
			h.Availability = d.str(m.val, k)
		case "backup_frequency":
			h.BackupFrequency = d.str(m.val, k)
		case "backup_type":
			h.BackupType = d.str(m.val, k)
		case "storage_type":
			h.StorageType = d.str(m.val, k)
		case "certified_with":
			h.CertifiedWith = d.str(m.val, k)
		case "geo_location":
			h.GeoLocation = d.str(m.val, k)
		case "pid_system":
			h.PIDSystems = d.strs(m.val, k)
		case "support_versioning":
			h.SupportVersioning = d.str(m.val, k)
		default:
			d.extra(&h.Extra, m, path)
		}
	}
	return h
}
