package schemaorg

import (
	"math"
	"strconv"
	"strings"

	"github.com/dop2i/fairmeta/fair"
)

func (rd *reader) resource(m map[string]any) *fair.Resource {
	r := &fair.Resource{}
	n := rd.view(m, "")
	rd.readType(n, r)
	rd.readIdentifiers(n, r)
	rd.readTitles(n, r)
	rd.readDescriptions(n, r)
	r.URL = rd.text(n, "url")
	r.Version = rd.text(n, "version")
	if r.Version == "" {
		r.Version = rd.text(n, "softwareVersion")
	}
	r.Language = rd.language(n)
	rd.readAgents(n, r)
	rd.readDates(n, r)
	rd.readKeywords(n, r)
	rd.readVariables(n, r)
	rd.readRights(n, r)
	for _, f := range rd.texts(n, "encodingFormat") {
		r.Formats = append(r.Formats, f.s)
	}
	for _, f := range rd.texts(n, "fileFormat") {
		r.Formats = append(r.Formats, f.s)
	}
	rd.readSizes(n, r)
	rd.readDistributions(n, r)
	rd.readPlaces(n, r)
	rd.readFunding(n, r)
	rd.readSoftware(n, r)
	rd.readRelations(n, r)
	rd.readArticlePages(n, r)
	rd.done(n)
	return r
}

// language reads inLanguage: a tag, or a Language node whose alternateName is the code.
func (rd *reader) language(n *node) string {
	vals := n.get("inLanguage")
	lang := ""
	for i, v := range vals {
		path := n.child("inLanguage", i, len(vals))
		var l string
		if t, ok := literal(v); ok {
			l = t.s
		} else {
			c := rd.view(v.(map[string]any), path)
			l = rd.text(c, "alternateName")
			if l == "" {
				l = rd.text(c, "name")
			} else {
				c.get("name")
			}
			rd.done(c)
		}
		if lang == "" {
			lang = l
		} else if l != lang {
			rd.skip(path, l, "only one language fits the record")
		}
	}
	return lang
}

func (rd *reader) readType(n *node, r *fair.Resource) {
	r.ResourceType.General = generalOfNode(n.m)
	for i, t := range types(n.m) {
		if c, ok := canonicalType(t); ok && c != t {
			rd.skip(n.child("@type", i, len(types(n.m))), t, "not a schema.org type (type names are case-sensitive); read as "+c)
		}
	}
	if r.ResourceType.General == "" {
		r.ResourceType.General = fair.ResourceTypeOther
	}
	for _, a := range rd.texts(n, "additionalType") {
		if g, ok := fair.ParseResourceTypeGeneral(a.s); ok && string(g) == a.s && g != r.ResourceType.General {
			r.ResourceType.General = g
			continue
		}
		if r.ResourceType.Type == "" {
			r.ResourceType.Type = a.s
		} else {
			rd.skip(n.child("additionalType", 0, 1), a.s, "only one specific type fits the record")
		}
	}
}

// pidOf reads an identifier node or literal: (value, scheme).
func (rd *reader) pidOf(v any, path string) (value, scheme string) {
	if t, ok := literal(v); ok {
		if p, err := fair.DetectPID(t.s); err == nil {
			return p.Value, string(p.Scheme)
		}
		return t.s, ""
	}
	c := rd.view(v.(map[string]any), path)
	value = rd.text(c, "value")
	scheme = rd.text(c, "propertyID")
	u := rd.text(c, "url")
	c.get("name")
	if value == "" {
		value = u
	}
	if value == "" {
		value = c.id()
	}
	if scheme == "" {
		if p, err := fair.DetectPID(value); err == nil {
			value, scheme = p.Value, string(p.Scheme)
		}
	}
	rd.done(c)
	return value, scheme
}

func (rd *reader) readIdentifiers(n *node, r *fair.Resource) {
	if id := n.id(); id != "" {
		if p, err := fair.ParseDOI(id); err == nil {
			r.Identifier = fair.Identifier{Value: p.Value, Type: "DOI"}
		}
	}
	vals := n.get("identifier")
	for i, v := range vals {
		val, scheme := rd.pidOf(v, n.child("identifier", i, len(vals)))
		if val == "" {
			continue
		}
		if scheme == "DOI" {
			if p, err := fair.ParseDOI(val); err == nil {
				val = p.Value
			}
		}
		id := fair.Identifier{Value: val, Type: fair.Scheme(scheme)}
		switch {
		case r.Identifier.Value == "":
			r.Identifier = id
		case strings.EqualFold(r.Identifier.Value, val):
		default:
			r.AlternateIdentifiers = append(r.AlternateIdentifiers, id)
		}
	}
	if r.Identifier.Value == "" {
		if id := n.id(); id != "" && !strings.HasPrefix(id, "./") && !strings.HasPrefix(id, "#") {
			if p, err := fair.DetectPID(id); err == nil {
				r.Identifier = fair.Identifier{Value: p.Value, Type: fair.Scheme(p.Scheme)}
			}
		}
	}
}

func (rd *reader) readTitles(n *node, r *fair.Resource) {
	names := rd.texts(n, "name")
	heads := rd.texts(n, "headline")
	for i, t := range append(names, heads...) {
		typ := fair.TitleType("")
		if i > 0 {
			if t.s == r.Titles[0].Title {
				continue
			}
			typ = fair.TitleAlternativeTitle
		}
		r.Titles = append(r.Titles, fair.Title{Title: t.s, Type: typ, Lang: t.lang})
	}
	for _, t := range rd.texts(n, "alternateName") {
		r.Titles = append(r.Titles, fair.Title{Title: t.s, Type: fair.TitleAlternativeTitle, Lang: t.lang})
	}
	for _, t := range rd.texts(n, "alternativeHeadline") {
		r.Titles = append(r.Titles, fair.Title{Title: t.s, Type: fair.TitleSubtitle, Lang: t.lang})
	}
}

func (rd *reader) readDescriptions(n *node, r *fair.Resource) {
	seen := map[string]bool{}
	add := func(name string, typ fair.DescriptionType) {
		for _, t := range rd.texts(n, name) {
			if seen[t.s] {
				continue
			}
			seen[t.s] = true
			r.Descriptions = append(r.Descriptions, fair.Description{Description: t.s, Type: typ, Lang: t.lang})
		}
	}
	add("description", fair.DescriptionAbstract)
	add("abstract", fair.DescriptionAbstract)
	add("measurementTechnique", fair.DescriptionMethods)
	add("measurementMethod", fair.DescriptionMethods)
	add("disambiguatingDescription", fair.DescriptionOther)
	add("comment", fair.DescriptionOther)
}

func (rd *reader) readDates(n *node, r *fair.Resource) {
	pub := rd.texts(n, "datePublished")
	for i, d := range pub {
		if i > 0 {
			rd.skip(n.child("datePublished", i, len(pub)), d.s, "only one publication date fits the record")
			continue
		}
		if y, err := strconv.Atoi(d.s[:min(4, len(d.s))]); err == nil && len(d.s) >= 4 {
			r.PublicationYear = y
		}
		if len(d.s) > 4 {
			r.Dates = append(r.Dates, fair.Date{Date: d.s, Type: fair.DateIssued})
		}
	}
	for _, dp := range dateProperties[1:] {
		for _, d := range rd.texts(n, dp.property) {
			r.Dates = append(r.Dates, fair.Date{Date: d.s, Type: dp.typ})
		}
	}
	for _, d := range rd.texts(n, "copyrightYear") {
		r.Dates = append(r.Dates, fair.Date{Date: d.s, Type: fair.DateCopyrighted})
	}
}

// readVariables reads variableMeasured: names, or PropertyValue nodes with a unit and a property ID.
func (rd *reader) readVariables(n *node, r *fair.Resource) {
	vals := n.get("variableMeasured")
	for i, v := range vals {
		if t, ok := literal(v); ok {
			if t.s != "" {
				r.Variables = append(r.Variables, fair.Variable{Name: t.s})
			}
			continue
		}
		c := rd.view(v.(map[string]any), n.child("variableMeasured", i, len(vals)))
		c.get("@type")
		va := fair.Variable{Name: rd.text(c, "name"), Description: rd.text(c, "description"),
			Unit: rd.text(c, "unitText"), PropertyID: rd.text(c, "propertyID")}
		if va.Name == "" {
			va.Name = rd.text(c, "value")
		}
		r.Variables = append(r.Variables, va)
		rd.done(c)
	}
}

func (rd *reader) readKeywords(n *node, r *fair.Resource) {
	vals := n.get("keywords")
	for i, v := range vals {
		if t, ok := literal(v); ok {
			if len(vals) == 1 && strings.Contains(t.s, ",") {
				for _, k := range strings.Split(t.s, ",") {
					if k = strings.TrimSpace(k); k != "" {
						r.Keywords = append(r.Keywords, k)
					}
				}
				continue
			}
			if t.s != "" {
				r.Keywords = append(r.Keywords, t.s)
			}
			continue
		}
		c := rd.view(v.(map[string]any), n.child("keywords", i, len(vals)))
		r.Subjects = append(r.Subjects, rd.subject(c))
	}
}

func (rd *reader) subject(c *node) fair.Subject {
	var s fair.Subject
	if t, ok := first(c.get("name")); ok {
		s.Subject, s.Lang = t.s, t.lang
	}
	s.ClassificationCode = rd.text(c, "termCode")
	s.ValueURI = rd.text(c, "url")
	if s.ValueURI == "" {
		s.ValueURI = c.id()
	}
	sets := c.get("inDefinedTermSet")
	for _, v := range sets {
		if t, ok := literal(v); ok {
			if strings.Contains(t.s, "://") {
				s.SchemeURI = t.s
			} else {
				s.Scheme = t.s
			}
			continue
		}
		set := rd.view(v.(map[string]any), c.child("inDefinedTermSet", 0, 1))
		s.Scheme = rd.text(set, "name")
		s.SchemeURI = rd.text(set, "url")
		if s.SchemeURI == "" {
			s.SchemeURI = set.id()
		}
		rd.done(set)
	}
	rd.done(c)
	return s
}

func (rd *reader) readRights(n *node, r *fair.Resource) {
	vals := n.get("license")
	for i, v := range vals {
		var rt fair.Rights
		if t, ok := literal(v); ok {
			if strings.Contains(t.s, "://") {
				rt.URI = t.s
			} else {
				rt.Rights = t.s
			}
		} else {
			c := rd.view(v.(map[string]any), n.child("license", i, len(vals)))
			if t, ok := first(c.get("name")); ok {
				rt.Rights, rt.Lang = t.s, t.lang
			}
			rt.URI = rd.text(c, "url")
			if rt.URI == "" {
				rt.URI = c.id()
			}
			if rt.URI == "" {
				rt.URI = rd.text(c, "license") // Dryad nests the licence URL in the licence
			}
			ids := c.get("identifier")
			for j, idv := range ids {
				val, scheme := rd.pidOf(idv, c.child("identifier", j, len(ids)))
				if rt.Identifier == "" {
					rt.Identifier, rt.IdentifierScheme = val, scheme
				}
			}
			rd.done(c)
		}
		if rt.Identifier == "" {
			if id, ok := strings.CutPrefix(rt.URI, "https://spdx.org/licenses/"); ok {
				rt.Identifier, rt.IdentifierScheme = strings.TrimSuffix(strings.TrimSuffix(id, ".html"), ".json"), "SPDX"
			}
		}
		if rt.IdentifierScheme == "SPDX" {
			rt.SchemeURI = "https://spdx.org/licenses/"
		}
		r.Rights = append(r.Rights, rt)
	}
	for _, v := range rd.texts(n, "isAccessibleForFree") {
		switch v.s {
		case "true":
			r.AccessRights = fair.AccessOpen
		case "false":
			r.AccessRights = fair.AccessRestricted
		}
	}
	r.AccessConditions = rd.text(n, "conditionsOfAccess")
}

func (rd *reader) readSizes(n *node, r *fair.Resource) {
	seen := map[string]bool{}
	for _, prop := range []string{"size", "contentSize"} {
		vals := n.get(prop)
		for i, v := range vals {
			var s string
			if t, ok := literal(v); ok {
				s = t.s
			} else {
				c := rd.view(v.(map[string]any), n.child(prop, i, len(vals)))
				s = strings.TrimSpace(rd.text(c, "value") + " " + rd.text(c, "unitText"))
				c.get("unitCode")
				if s == "" {
					s = rd.text(c, "name")
				}
				rd.done(c)
			}
			if s != "" && !seen[s] {
				seen[s] = true
				r.Sizes = append(r.Sizes, s)
			}
		}
	}
}

// parseBytes reads a content size such as "6442450944 B", "117743", "12.5 MB" or "3 KiB" as bytes.
func parseBytes(s string) (int64, bool) {
	s = strings.TrimSpace(s)
	i := 0
	for i < len(s) && (s[i] >= '0' && s[i] <= '9' || s[i] == '.') {
		i++
	}
	num, err := strconv.ParseFloat(s[:i], 64)
	if err != nil || num < 0 {
		return 0, false
	}
	unit := strings.ToLower(strings.TrimSpace(s[i:]))
	mult := map[string]float64{"": 1, "b": 1, "byte": 1, "bytes": 1, "kb": 1e3, "mb": 1e6, "gb": 1e9, "tb": 1e12,
		"kib": 1 << 10, "mib": 1 << 20, "gib": 1 << 30, "tib": 1 << 40, "mbytes": 1e6, "kbytes": 1e3, "gbytes": 1e9}[unit]
	if mult == 0 {
		return 0, false
	}
	v := num * mult
	if v > math.MaxInt64/2 {
		return 0, false
	}
	return int64(math.Round(v)), true
}

func (rd *reader) readDistributions(n *node, r *fair.Resource) {
	vals := n.get("distribution")
	for i, v := range vals {
		path := n.child("distribution", i, len(vals))
		if t, ok := literal(v); ok {
			r.Distributions = append(r.Distributions, fair.Distribution{ContentURL: t.s})
			continue
		}
		c := rd.view(v.(map[string]any), path)
		var d fair.Distribution
		d.Name = rd.text(c, "name")
		d.ContentURL = rd.text(c, "contentUrl")
		if d.ContentURL == "" {
			d.ContentURL = rd.text(c, "url")
		}
		d.MediaType = rd.text(c, "encodingFormat")
		if d.MediaType == "" {
			d.MediaType = rd.text(c, "fileFormat")
		}
		if cs := rd.text(c, "contentSize"); cs != "" {
			if b, ok := parseBytes(cs); ok {
				d.Size = b
			} else {
				rd.skip(path+".contentSize", cs, "not a size in bytes")
			}
		}
		if h := rd.text(c, "sha256"); h != "" {
			d.Checksum = fair.Checksum{Algorithm: "sha256", Value: strings.ToLower(h)}
		} else if h, ok := c.m["http://mlcommons.org/croissant/md5"]; ok {
			c.used["http://mlcommons.org/croissant/md5"] = true
			d.Checksum = fair.Checksum{Algorithm: "md5", Value: strings.ToLower(firstText(h))}
		}
		if d.ContentURL == "" {
			rd.skip(path, v, "a distribution without contentUrl (a Croissant FileSet?) has no place in the record")
			continue
		}
		rd.done(c)
		r.Distributions = append(r.Distributions, d)
	}
	// Dryad and others put contentUrl on the dataset itself.
	for _, u := range rd.texts(n, "contentUrl") {
		r.Distributions = append(r.Distributions, fair.Distribution{ContentURL: u.s})
	}
}

func parseFloats(s string) ([]float64, bool) {
	f := strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == ',' || r == '\t' || r == '\n' })
	out := make([]float64, len(f))
	for i, x := range f {
		v, err := strconv.ParseFloat(x, 64)
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, false
		}
		out[i] = v
	}
	return out, true
}

func (rd *reader) readPlaces(n *node, r *fair.Resource) {
	for _, prop := range []string{"spatialCoverage", "spatial", "locationCreated", "contentLocation"} {
		vals := n.get(prop)
		for i, v := range vals {
			path := n.child(prop, i, len(vals))
			if t, ok := literal(v); ok {
				r.GeoLocations = append(r.GeoLocations, fair.GeoLocation{Place: t.s})
				continue
			}
			c := rd.view(v.(map[string]any), path)
			var g fair.GeoLocation
			g.Place = rd.text(c, "name")
			if g.Place == "" {
				g.Place = rd.text(c, "address")
			}
			geos := c.get("geo")
			for j, gv := range geos {
				gp := c.child("geo", j, len(geos))
				gm, ok := gv.(map[string]any)
				if !ok {
					rd.skip(gp, gv, "expected GeoCoordinates or GeoShape")
					continue
				}
				gn := rd.view(gm, gp)
				rd.geo(gn, &g)
				rd.done(gn)
			}
			rd.done(c)
			if g.Place != "" || g.Point != nil || g.Box != nil || len(g.Polygons) > 0 {
				r.GeoLocations = append(r.GeoLocations, g)
			}
		}
	}
}

func (rd *reader) geo(gn *node, g *fair.GeoLocation) {
	lat, lon := rd.text(gn, "latitude"), rd.text(gn, "longitude")
	if lat != "" || lon != "" {
		la, err1 := strconv.ParseFloat(lat, 64)
		lo, err2 := strconv.ParseFloat(lon, 64)
		if err1 != nil || err2 != nil || math.Abs(la) > 90 || math.Abs(lo) > 180 {
			rd.skip(gn.path, lat+" "+lon, "not a latitude and longitude in degrees")
		} else {
			g.Point = &fair.GeoPoint{Latitude: la, Longitude: lo}
		}
	}
	if b := rd.text(gn, "box"); b != "" {
		f, ok := parseFloats(b)
		if !ok || len(f) != 4 {
			rd.skip(gn.path+".box", b, `expected "south west north east"`)
		} else {
			g.Box = &fair.GeoBox{SouthLatitude: f[0], WestLongitude: f[1], NorthLatitude: f[2], EastLongitude: f[3]}
		}
	}
	for _, p := range rd.texts(gn, "polygon") {
		f, ok := parseFloats(p.s)
		if !ok || len(f)%2 != 0 || len(f) < 8 {
			rd.skip(gn.path+".polygon", p.s, "expected four or more latitude longitude pairs")
			continue
		}
		var poly fair.GeoPolygon
		for k := 0; k < len(f); k += 2 {
			poly.Points = append(poly.Points, fair.GeoPoint{Latitude: f[k], Longitude: f[k+1]})
		}
		g.Polygons = append(g.Polygons, poly)
	}
}

func (rd *reader) readSoftware(n *node, r *fair.Resource) {
	s := &r.Software
	s.CodeRepository = rd.text(n, "codeRepository")
	for _, t := range rd.texts(n, "programmingLanguage") {
		s.ProgrammingLanguages = append(s.ProgrammingLanguages, t.s)
	}
	for _, t := range rd.texts(n, "runtimePlatform") {
		s.RuntimePlatforms = append(s.RuntimePlatforms, t.s)
	}
	for _, t := range rd.texts(n, "operatingSystem") {
		s.OperatingSystems = append(s.OperatingSystems, t.s)
	}
	vals := n.get("softwareRequirements")
	for i, v := range vals {
		if t, ok := literal(v); ok {
			s.Requirements = append(s.Requirements, fair.Requirement{Name: t.s})
			continue
		}
		c := rd.view(v.(map[string]any), n.child("softwareRequirements", i, len(vals)))
		q := fair.Requirement{Name: rd.text(c, "name"), Version: rd.text(c, "softwareVersion")}
		if q.Version == "" {
			q.Version = rd.text(c, "version")
		}
		q.Identifier = rd.text(c, "identifier")
		if q.Identifier == "" {
			q.Identifier = c.id()
		}
		rd.done(c)
		s.Requirements = append(s.Requirements, q)
	}
}
