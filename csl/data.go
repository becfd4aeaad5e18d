package csl

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// Item is one CSL-JSON record, the input of the processor. Variables are kept by kind: names, dates and the rest
// (text and number variables, held as strings since CSL-JSON writes numbers both ways). Extra holds members that are
// none of these (objects or arrays under unknown keys) so that a write gives them back.
type Item struct {
	ID    string
	Type  string
	Names map[string][]Name
	Dates map[string]*Date
	Vars  map[string]string
	Extra map[string]json.RawMessage
}

// Name is one person or organisation in a CSL-JSON name variable. An organisation (or any name not to be split) has
// only Literal set.
type Name struct {
	Family              string `json:"family,omitempty"`
	Given               string `json:"given,omitempty"`
	DroppingParticle    string `json:"dropping-particle,omitempty"`
	NonDroppingParticle string `json:"non-dropping-particle,omitempty"`
	Suffix              string `json:"suffix,omitempty"`
	CommaSuffix         bool   `json:"comma-suffix,omitempty"`
	StaticOrdering      bool   `json:"static-ordering,omitempty"`
	Literal             string `json:"literal,omitempty"`
	ParseNames          bool   `json:"parse-names,omitempty"`
}

// Date is a CSL-JSON date: one or two date-parts arrays (a range), or a literal text, or a raw string to be parsed.
// Parts holds year, month and day (0 when absent); a month of 13–16 is a season (spring to winter), as in citeproc-js.
type Date struct {
	Parts   [][3]int
	Season  string
	Circa   bool
	Literal string
	Raw     string
}

// The CSL 1.0.2 variables that hold names and dates; any other variable is a text or number variable.
var nameVars = map[string]bool{
	"author": true, "chair": true, "collection-editor": true, "compiler": true, "composer": true,
	"container-author": true, "contributor": true, "curator": true, "director": true, "editor": true,
	"editorial-director": true, "executive-producer": true, "guest": true, "host": true, "interviewer": true,
	"illustrator": true, "narrator": true, "organizer": true, "original-author": true, "performer": true,
	"producer": true, "recipient": true, "reviewed-author": true, "script-writer": true, "series-creator": true,
	"translator": true, "editortranslator": true,
}

var dateVars = map[string]bool{
	"accessed": true, "available-date": true, "event-date": true, "issued": true, "original-date": true,
	"submitted": true,
}

// numberVars are the CSL number variables (rendered by cs:number, tested by is-numeric).
var numberVars = map[string]bool{
	"chapter-number": true, "citation-number": true, "collection-number": true, "edition": true,
	"first-reference-note-number": true, "issue": true, "locator": true, "number": true, "number-of-pages": true,
	"number-of-volumes": true, "page": true, "page-first": true, "part-number": true, "printing-number": true,
	"section": true, "supplement-number": true, "version": true, "volume": true,
}

// Limits on what ReadItems accepts.
const (
	maxInputBytes  = 64 << 20
	maxNamesPerVar = 100000
)

// DataError is returned by ReadItems for a record it cannot read.
type DataError struct {
	// Path names the member in the syntax of every fairmeta report: "[3].author[0]" (the first name of the fourth
	// item), "" for the input as a whole.
	Path string
	// Msg says what is wrong.
	Msg string
}

// Error returns "csl: PATH: MSG", or "csl: MSG" without a path.
func (e *DataError) Error() string {
	if e.Path == "" {
		return "csl: " + e.Msg
	}
	return "csl: " + e.Path + ": " + e.Msg
}

// under returns path below parent: "[2]" and "id" give "[2].id", "[2]" and "[0]" give "[2][0]".
func under(parent, path string) string {
	switch {
	case path == "":
		return parent
	case parent == "" || path[0] == '[':
		return parent + path
	default:
		return parent + "." + path
	}
}

// ReadItems reads a CSL-JSON array of items (a single object is accepted as an array of one). It is tolerant of what
// real data holds: numbers where strings are expected and the reverse, date-parts written as strings, raw and
// literal dates, EDTF-like date strings, names as literal or family/given. Items without an id get one ("ITEM-n").
func ReadItems(r io.Reader) ([]*Item, error) {
	if r == nil {
		return nil, errors.New("csl: ReadItems: nil reader")
	}
	data, err := io.ReadAll(io.LimitReader(r, maxInputBytes+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxInputBytes {
		return nil, &DataError{Path: "", Msg: fmt.Sprintf("input larger than %d bytes", maxInputBytes)}
	}
	data = bytes.TrimSpace(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")))
	if len(data) > 0 && data[0] == '{' {
		data = append(append([]byte{'['}, data...), ']')
	}
	var raws []json.RawMessage
	if err := json.Unmarshal(data, &raws); err != nil {
		return nil, &DataError{Path: "", Msg: "not a CSL-JSON array: " + err.Error()}
	}
	items := make([]*Item, 0, len(raws))
	for i, raw := range raws {
		it, err := ParseItem(raw)
		if err != nil {
			var de *DataError
			if errors.As(err, &de) {
				de.Path = under("["+strconv.Itoa(i)+"]", de.Path)
				return nil, de
			}
			return nil, err
		}
		if it.ID == "" {
			it.ID = "ITEM-" + strconv.Itoa(i+1)
		}
		items = append(items, it)
	}
	return items, nil
}

// ParseItem reads one CSL-JSON object.
func ParseItem(raw []byte) (*Item, error) {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil, &DataError{Path: "", Msg: "not a JSON object"}
	}
	it := &Item{}
	for k, v := range m {
		switch {
		case k == "id":
			s, ok := scalarString(v)
			if !ok {
				return nil, &DataError{Path: "id", Msg: "id must be a string or a number"}
			}
			it.ID = s
		case k == "type":
			s, _ := scalarString(v)
			it.Type = s
		case nameVars[k]:
			names, err := parseNames(v)
			if err != nil {
				return nil, &DataError{Path: under(k, err.(*DataError).Path), Msg: err.(*DataError).Msg}
			}
			if len(names) > 0 {
				if it.Names == nil {
					it.Names = map[string][]Name{}
				}
				it.Names[k] = names
			}
		case dateVars[k]:
			d, err := parseDate(v)
			if err != nil {
				return nil, &DataError{Path: k, Msg: err.Error()}
			}
			if d != nil {
				if it.Dates == nil {
					it.Dates = map[string]*Date{}
				}
				it.Dates[k] = d
			}
		default:
			if s, ok := scalarString(v); ok {
				if s == "" {
					continue
				}
				if it.Vars == nil {
					it.Vars = map[string]string{}
				}
				it.Vars[k] = s
			} else if !isNull(v) {
				if it.Extra == nil {
					it.Extra = map[string]json.RawMessage{}
				}
				it.Extra[k] = append(json.RawMessage(nil), v...)
			}
		}
	}
	if note := it.Vars["note"]; note != "" {
		it.noteVariables(note)
	}
	// Older CSL-JSON (Zotero, citeproc-js) names the short titles journalAbbreviation and shortTitle.
	for legacy, name := range map[string]string{"journalAbbreviation": "container-title-short", "shortTitle": "title-short"} {
		if v := it.Vars[legacy]; v != "" && it.Vars[name] == "" {
			it.Vars[name] = v
		}
	}
	return it, nil
}

// textVars are the CSL 1.0.2 text variables (with container-title-short and title-short) a note line may give.
var textVars = map[string]bool{
	"abstract": true, "annote": true, "archive": true, "archive_collection": true, "archive_location": true,
	"archive-place": true, "authority": true, "call-number": true, "citation-key": true, "citation-label": true,
	"collection-title": true, "container-title": true, "container-title-short": true, "dimensions": true,
	"division": true, "DOI": true, "event": true, "event-title": true, "event-place": true, "genre": true, "ISBN": true,
	"ISSN": true, "jurisdiction": true, "keyword": true, "language": true, "license": true, "medium": true,
	"original-publisher": true, "original-publisher-place": true, "original-title": true, "part-title": true,
	"PMCID": true, "PMID": true, "publisher": true, "publisher-place": true, "references": true,
	"reviewed-genre": true, "reviewed-title": true, "scale": true, "source": true, "status": true, "title": true,
	"title-short": true, "URL": true, "volume-title": true,
}

var noteLineRe = regexp.MustCompile(`^\s*([A-Za-z][A-Za-z_-]*)\s*:\s*(.*?)\s*$`)

// noteVariables reads the variables a note gives one a line, "name: value", as Zotero and citeproc-js do for what
// CSL-JSON has no field for: a text, number or date variable the item does not already have ("event-date:
// 2004-10-01/2004-10-14"), or a name ("reviewed-author: Hall || W. C.", family || given; a name without "||" is
// literal). Other lines are left alone; the note itself is kept as it is. The work is one pass over the note.
func (it *Item) noteVariables(note string) {
	var names map[string][]Name
	for _, line := range strings.Split(note, "\n") {
		m := noteLineRe.FindStringSubmatch(line)
		if m == nil || m[2] == "" {
			continue
		}
		k, v := m[1], m[2]
		switch {
		case nameVars[k]:
			if k == "editortranslator" {
				continue
			}
			n := Name{Literal: v}
			if fam, giv, ok := strings.Cut(v, "||"); ok {
				n = Name{Family: strings.TrimSpace(fam), Given: strings.TrimSpace(giv)}
			}
			if len(it.Names[k]) > 0 {
				continue // the item's own names win
			}
			if names == nil {
				names = map[string][]Name{}
			}
			if len(names[k]) < maxNamesPerVar {
				names[k] = append(names[k], n)
			}
		case dateVars[k]:
			if it.Dates[k] != nil {
				continue
			}
			if it.Dates == nil {
				it.Dates = map[string]*Date{}
			}
			it.Dates[k] = parseRawDate(v)
		case textVars[k] || numberVars[k] && k != "citation-number" && k != "locator" && k != "first-reference-note-number":
			if it.Vars[k] == "" {
				it.Vars[k] = v
			}
		}
	}
	for k, ns := range names {
		if it.Names == nil {
			it.Names = map[string][]Name{}
		}
		it.Names[k] = ns
	}
}

func isNull(v json.RawMessage) bool { return string(bytes.TrimSpace(v)) == "null" }

// scalarString gives a JSON string, number or boolean as a string.
func scalarString(v json.RawMessage) (string, bool) {
	v = bytes.TrimSpace(v)
	if len(v) == 0 {
		return "", false
	}
	switch v[0] {
	case '"':
		var s string
		if json.Unmarshal(v, &s) != nil {
			return "", false
		}
		return s, true
	case 't', 'f':
		return string(v), true
	case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		return string(v), true
	}
	return "", false
}

func truthy(v json.RawMessage) bool {
	s, ok := scalarString(v)
	if !ok {
		return false
	}
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "0", "false", "no":
		return false
	}
	return true
}

func parseNames(v json.RawMessage) ([]Name, error) {
	if isNull(v) {
		return nil, nil
	}
	var raws []json.RawMessage
	if err := json.Unmarshal(v, &raws); err != nil {
		// A single object or a string is accepted as a list of one.
		var one map[string]json.RawMessage
		if json.Unmarshal(v, &one) == nil {
			raws = []json.RawMessage{v}
		} else if s, ok := scalarString(v); ok {
			if s == "" {
				return nil, nil
			}
			return []Name{{Literal: s}}, nil
		} else {
			return nil, &DataError{Path: "", Msg: "not a list of names"}
		}
	}
	if len(raws) > maxNamesPerVar {
		return nil, &DataError{Path: "", Msg: fmt.Sprintf("more than %d names", maxNamesPerVar)}
	}
	names := make([]Name, 0, len(raws))
	for i, r := range raws {
		var m map[string]json.RawMessage
		if err := json.Unmarshal(r, &m); err != nil {
			if s, ok := scalarString(r); ok && s != "" {
				names = append(names, Name{Literal: s})
				continue
			}
			return nil, &DataError{Path: fmt.Sprintf("[%d]", i), Msg: "a name must be an object"}
		}
		var n Name
		institution := false
		for k, fv := range m {
			s, _ := scalarString(fv)
			switch k {
			case "family":
				n.Family = s
			case "given":
				n.Given = s
			case "dropping-particle":
				n.DroppingParticle = s
			case "non-dropping-particle":
				n.NonDroppingParticle = s
			case "suffix":
				n.Suffix = s
			case "comma-suffix":
				n.CommaSuffix = truthy(fv)
			case "static-ordering":
				n.StaticOrdering = truthy(fv)
			case "literal":
				n.Literal = s
			case "parse-names":
				n.ParseNames = truthy(fv)
			case "isInstitution":
				institution = truthy(fv)
			}
		}
		if institution && n.Literal == "" && n.Given == "" {
			n.Literal, n.Family = n.Family, ""
		}
		if n.Literal == "" && n.Family == "" && n.Given == "" {
			continue
		}
		names = append(names, n)
	}
	return names, nil
}

func parseDate(v json.RawMessage) (*Date, error) {
	if isNull(v) {
		return nil, nil
	}
	if s, ok := scalarString(v); ok {
		if strings.TrimSpace(s) == "" {
			return nil, nil
		}
		d := parseRawDate(s)
		return d, nil
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(v, &m); err != nil {
		return nil, errors.New("a date must be an object or a string")
	}
	d := &Date{}
	if dp, ok := m["date-parts"]; ok && !isNull(dp) {
		var parts [][]json.RawMessage
		if err := json.Unmarshal(dp, &parts); err != nil {
			return nil, errors.New("date-parts must be a list of lists")
		}
		for _, p := range parts {
			if len(p) == 0 {
				continue
			}
			var dp [3]int
			valid := false
			for j := 0; j < len(p) && j < 3; j++ {
				s, _ := scalarString(p[j])
				s = strings.TrimSpace(s)
				if s == "" {
					break
				}
				n, err := strconv.Atoi(s)
				if err != nil {
					if f, ferr := strconv.ParseFloat(s, 64); ferr == nil {
						n = int(f)
					} else {
						break
					}
				}
				dp[j] = n
				if j == 0 {
					valid = true
				}
			}
			if dp[1] >= 21 && dp[1] <= 24 {
				dp[1] -= 8 // EDTF seasons 21–24 are months 13–16
			}
			if valid || len(d.Parts) == 1 {
				d.Parts = append(d.Parts, dp)
			}
			if len(d.Parts) == 2 {
				break
			}
		}
	}
	if s, ok := m["season"]; ok {
		d.Season, _ = scalarString(s)
	}
	if c, ok := m["circa"]; ok {
		d.Circa = truthy(c)
	}
	if l, ok := m["literal"]; ok {
		d.Literal, _ = scalarString(l)
	}
	if r, ok := m["raw"]; ok {
		d.Raw, _ = scalarString(r)
		if len(d.Parts) == 0 && d.Literal == "" && d.Raw != "" {
			p := parseRawDate(d.Raw)
			d.Parts, d.Literal = p.Parts, p.Literal
			if d.Season == "" {
				d.Season = p.Season
			}
			d.Circa = d.Circa || p.Circa
		}
	}
	if len(d.Parts) == 0 && d.Literal == "" && d.Raw == "" {
		return nil, nil
	}
	// A season given as a number (1–4) in the "season" member, with no month, is kept as month 13–16.
	if len(d.Parts) > 0 && d.Parts[0][1] == 0 && d.Season != "" {
		if n, err := strconv.Atoi(d.Season); err == nil && n >= 1 && n <= 4 {
			d.Parts[0][1] = 12 + n
			d.Season = ""
		}
	}
	// Fold a range whose second date equals the first; a second date of year 0 is an open range ("1987–").
	if len(d.Parts) == 2 && d.Parts[1] == d.Parts[0] {
		d.Parts = d.Parts[:1]
	}
	return d, nil
}

var monthNames = map[string]int{
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10,
	"nov": 11, "dec": 12, "spring": 13, "summer": 14, "autumn": 15, "fall": 15, "winter": 16,
}

// parseRawDate reads the date strings people write: ISO 8601 and EDTF-like (2001, 2001-03, 2001-03-15, 2001-21 for a
// season, 2001/2003 ranges, "2001~" or "2001?" approximate), "15 March 2001", "March 15, 2001", "Spring 2001". What it
// cannot read becomes a literal date.
func parseRawDate(s string) *Date {
	s = strings.TrimSpace(s)
	d := &Date{Raw: s}
	t := s
	if strings.HasSuffix(t, "~") || strings.HasSuffix(t, "?") || strings.HasSuffix(t, "%") {
		d.Circa = true
		t = strings.TrimRight(t, "~?%")
	}
	if strings.HasPrefix(strings.ToLower(t), "circa ") || strings.HasPrefix(strings.ToLower(t), "ca. ") || strings.HasPrefix(strings.ToLower(t), "c. ") {
		d.Circa = true
		t = strings.TrimSpace(t[strings.IndexByte(t, ' ')+1:])
	}
	var halves []string
	for _, sep := range []string{"/", " - ", "–", "—"} {
		if strings.Contains(t, sep) {
			halves = strings.SplitN(t, sep, 2)
			break
		}
	}
	if halves == nil {
		// A plain hyphen is a range only between two whole dates (1998-2000), not inside an ISO date.
		if parts := strings.Split(t, "-"); len(parts) == 2 && len(parts[0]) == 4 && len(parts[1]) == 4 {
			halves = parts
		} else {
			halves = []string{t}
		}
	}
	for _, h := range halves {
		p, ok := parseOneDate(strings.TrimSpace(h))
		if !ok {
			return &Date{Literal: s, Raw: s}
		}
		d.Parts = append(d.Parts, p)
	}
	if len(d.Parts) == 2 {
		a, b := &d.Parts[0], &d.Parts[1]
		// "March-April 2001" or "15-18 March 2001": borrow the missing parts from the other end.
		if a[0] == 0 {
			a[0] = b[0]
			if a[1] == 0 {
				a[1] = b[1]
			}
		}
		if b[0] == 0 {
			b[0] = a[0]
		}
		if a[0] == 0 {
			return &Date{Literal: s, Raw: s}
		}
	}
	if len(d.Parts) == 1 && d.Parts[0][0] == 0 {
		return &Date{Literal: s, Raw: s}
	}
	return d
}

func parseOneDate(s string) ([3]int, bool) {
	var p [3]int
	if s == "" {
		return p, false
	}
	// ISO / EDTF forms.
	if iso := strings.Split(s, "-"); len(iso) <= 3 && isDigits(strings.TrimPrefix(iso[0], "-")) {
		ok := true
		for i, x := range iso {
			n, err := strconv.Atoi(x)
			if err != nil {
				ok = false
				break
			}
			if i == 1 && n >= 21 && n <= 24 {
				n -= 8 // EDTF season 21–24 → 13–16
			}
			p[i] = n
		}
		if ok && len(iso[0]) >= 3 || ok && len(iso) == 1 {
			return p, p[1] <= 16 && p[2] <= 31
		}
	}
	// Words: day, month name, year in any order.
	fields := strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == ',' || r == '.' })
	for _, f := range fields {
		lf := strings.ToLower(f)
		if n, err := strconv.Atoi(f); err == nil {
			switch {
			case len(f) >= 3 || n > 31:
				p[0] = n
			case p[2] == 0:
				p[2] = n
			default:
				return p, false
			}
			continue
		}
		found := false
		for k, m := range monthNames {
			if strings.HasPrefix(lf, k) {
				p[1] = m
				found = true
				break
			}
		}
		if !found {
			return p, false
		}
	}
	if p[1] == 0 && p[2] != 0 {
		return p, false
	}
	return p, true
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// WriteItems writes items as a CSL-JSON array, members in a stable order. A nil writer or item is an error.
func WriteItems(w io.Writer, items []*Item) error {
	if w == nil {
		return errors.New("csl: WriteItems: nil writer")
	}
	if i := slices.Index(items, nil); i >= 0 {
		return fmt.Errorf("csl: WriteItems: item %d is nil", i)
	}
	var buf bytes.Buffer
	buf.WriteString("[")
	for i, it := range items {
		if i > 0 {
			buf.WriteString(",")
		}
		buf.WriteString("\n  ")
		b, err := it.MarshalJSON()
		if err != nil {
			return err
		}
		buf.Write(b)
	}
	buf.WriteString("\n]\n")
	_, err := w.Write(buf.Bytes())
	return err
}

// MarshalJSON writes the item as a CSL-JSON object: numbers stay strings (as they were read), dates as date-parts.
func (it *Item) MarshalJSON() ([]byte, error) {
	m := map[string]any{}
	for k, v := range it.Extra {
		m[k] = v
	}
	for k, v := range it.Vars {
		m[k] = v
	}
	for k, v := range it.Names {
		m[k] = v
	}
	for k, v := range it.Dates {
		m[k] = v
	}
	m["id"] = it.ID
	if it.Type != "" {
		m["type"] = it.Type
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var buf bytes.Buffer
	buf.WriteByte('{')
	for i, k := range keys {
		if i > 0 {
			buf.WriteByte(',')
		}
		kb, _ := json.Marshal(k)
		buf.Write(kb)
		buf.WriteByte(':')
		vb, err := json.Marshal(m[k])
		if err != nil {
			return nil, err
		}
		buf.Write(vb)
	}
	buf.WriteByte('}')
	return buf.Bytes(), nil
}

// UnmarshalJSON reads one CSL-JSON object (see ParseItem).
func (it *Item) UnmarshalJSON(b []byte) error {
	p, err := ParseItem(b)
	if err != nil {
		return err
	}
	*it = *p
	return nil
}

// MarshalJSON writes a date as date-parts (with season, circa, literal and raw when set).
func (d *Date) MarshalJSON() ([]byte, error) {
	m := map[string]any{}
	if len(d.Parts) > 0 {
		var parts [][]int
		for _, p := range d.Parts {
			var q []int
			for _, x := range p {
				if x == 0 {
					break
				}
				q = append(q, x)
			}
			if len(q) == 0 {
				q = []int{0} // the open end of a range
			}
			parts = append(parts, q)
		}
		m["date-parts"] = parts
	}
	if d.Season != "" {
		m["season"] = d.Season
	}
	if d.Circa {
		m["circa"] = true
	}
	if d.Literal != "" {
		m["literal"] = d.Literal
	}
	if d.Raw != "" {
		m["raw"] = d.Raw
	}
	return json.Marshal(m)
}

// UnmarshalJSON reads a CSL-JSON date (object or string).
func (d *Date) UnmarshalJSON(b []byte) error {
	p, err := parseDate(b)
	if err != nil {
		return err
	}
	if p == nil {
		*d = Date{}
		return nil
	}
	*d = *p
	return nil
}

// Var returns a text or number variable.
func (it *Item) Var(name string) string { return it.Vars[name] }
