package dmp

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/dop2i/fairmeta/fair"
)

// Demand is one year's declared need of one resource at one centre, in the resource's base unit.
type Demand struct {
	Plan       string  // the plan it comes from (its title, or the name the caller gave)
	Centre     string  // the centre's ROR ID as a URL, else its name
	CentreName string  // the technical resource's name
	Year       int     //
	Resource   string  // CPU, GPU, Disk or Tape
	Amount     float64 // core-hours, GPU-hours or bytes
	Path       string  // where in the plan, e.g. "dmp.dataset[0].technical_resource[1].fairmeta_resource_need[2]"
}

// centreKey returns the ROR ID of a technical resource as a URL, else its name.
func centreKey(t TechnicalResource) string {
	for _, id := range t.TechnicalResourceIDs {
		if pid, err := fair.ParseROR(id.Identifier); err == nil {
			return pid.Value
		}
	}
	return t.Name
}

// Demands lists the plan's resource needs (see [NeedsKey]) in base units; the notes name the needs it cannot read
// (an unknown unit, no year).
func (doc *Document) Demands() ([]Demand, Notes) {
	var out []Demand
	var notes Notes
	for i, ds := range doc.DMP.Datasets {
		for j, t := range ds.TechnicalResources {
			centre := centreKey(t)
			for k, n := range t.Needs {
				path := fmt.Sprintf("dmp.dataset[%d].technical_resource[%d].%s[%d]", i, j, NeedsKey, k)
				_, f, err := Units(n.Resource, n.Unit)
				switch {
				case err != nil:
					notes.Add(path, n.Unit, strings.TrimPrefix(err.Error(), "dmp: ")+": need left out")
					continue
				case n.Year == 0:
					notes.Add(path, "", "no year: need left out")
					continue
				case n.Amount < 0:
					notes.Add(path, strconv.FormatFloat(n.Amount, 'g', -1, 64), "negative amount: need left out")
					continue
				}
				out = append(out, Demand{Plan: doc.DMP.Title, Centre: centre, CentreName: t.Name, Year: n.Year,
					Resource: n.Resource, Amount: n.Amount * f, Path: path})
			}
		}
	}
	return out, notes
}

// Usage is one accounting line: what a centre delivered of a resource in a year, in the resource's base unit.
type Usage struct {
	Centre   string // ROR ID as a URL, else the name as written
	Year     int
	Resource string
	Amount   float64 // core-hours, GPU-hours or bytes
	Line     int     // line in the accounting file
}

// UsageError is a line of an accounting file that cannot be read.
type UsageError struct {
	Line int
	Msg  string
}

// Error returns "dmp: usage line N: what is wrong".
func (e *UsageError) Error() string { return fmt.Sprintf("dmp: usage line %d: %s", e.Line, e.Msg) }

// MaxUsageLines bounds an accounting file.
const MaxUsageLines = 1_000_000

// errNilWriter is the error of a report's writers given a nil io.Writer.
var errNilWriter = errors.New("dmp: nil writer")

// ReadUsage reads accounting lines: centre, year, resource, amount, unit — separated by commas or tabs, one per
// line; blank lines, lines starting with "#" and a header line starting with "centre" are skipped. The centre is a
// ROR ID in any form (compared as a URL) or a name; units are those of [Units]. Every bad line is reported, all at
// once, as a *UsageError joined with errors.Join.
func ReadUsage(r io.Reader) ([]Usage, error) {
	if r == nil {
		return nil, errors.New("dmp: ReadUsage: nil reader")
	}
	var out []Usage
	var errs []error
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	line := 0
	for sc.Scan() {
		if line++; line > MaxUsageLines {
			return nil, &UsageError{line, fmt.Sprintf("more than %d lines", MaxUsageLines)}
		}
		text := strings.TrimSpace(sc.Text())
		if text == "" || strings.HasPrefix(text, "#") || line == 1 && strings.HasPrefix(strings.ToLower(text), "centre") ||
			line == 1 && strings.HasPrefix(strings.ToLower(text), "center") {
			continue
		}
		cr := csv.NewReader(strings.NewReader(text))
		if strings.Contains(text, "\t") {
			cr.Comma = '\t'
		}
		cr.TrimLeadingSpace = true
		f, err := cr.Read()
		if err != nil || len(f) != 5 {
			errs = append(errs, &UsageError{line, "want 5 fields: centre, year, resource, amount, unit"})
			continue
		}
		u := Usage{Centre: strings.TrimSpace(f[0]), Resource: strings.ToLower(strings.TrimSpace(f[2])), Line: line}
		if pid, err := fair.ParseROR(u.Centre); err == nil {
			u.Centre = pid.Value
		}
		y, err := strconv.Atoi(strings.TrimSpace(f[1]))
		if err != nil || y < 1900 || y > 2200 {
			errs = append(errs, &UsageError{line, fmt.Sprintf("year %q is not a calendar year", f[1])})
			continue
		}
		u.Year = y
		amount, err := strconv.ParseFloat(strings.TrimSpace(f[3]), 64)
		if err != nil || amount < 0 || math.IsInf(amount, 0) || math.IsNaN(amount) {
			errs = append(errs, &UsageError{line, fmt.Sprintf("amount %q is not a non-negative number", f[3])})
			continue
		}
		_, factor, err := Units(u.Resource, strings.TrimSpace(f[4]))
		if err != nil {
			errs = append(errs, &UsageError{line, strings.TrimPrefix(err.Error(), "dmp: ")})
			continue
		}
		u.Amount = amount * factor
		out = append(out, u)
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	return out, errors.Join(errs...)
}

// ResourceRow is one line of a ResourceReport: a plan's (or all plans') need of a resource at a centre in a year,
// and what was used, in the display unit: core-hours, GPU-hours, or TB (10¹² bytes) for disk and tape.
type ResourceRow struct {
	Plan       string  `json:"plan"` // "" in the rows of all plans (-sum)
	Centre     string  `json:"centre"`
	CentreName string  `json:"centreName,omitempty"`
	Year       int     `json:"year,omitempty"` // 0 in a total over the years
	Resource   string  `json:"resource"`
	Unit       string  `json:"unit"`
	Declared   float64 `json:"declared"`
	Used       float64 `json:"used"`
	HasUsage   bool    `json:"hasUsage"` // an accounting line was matched
	Overrun    bool    `json:"overrun"`  // used more than declared
}

// Percent returns used as a percentage of declared; +Inf for a use that was not declared.
func (r ResourceRow) Percent() float64 {
	if r.Declared == 0 {
		if r.Used == 0 {
			return 0
		}
		return math.Inf(1)
	}
	return 100 * r.Used / r.Declared
}

// ResourceReport is the declared and used resources of plans, per year, and the totals over the years.
type ResourceReport struct {
	Rows []ResourceRow `json:"rows"`
	// Totals has one row per plan, centre and resource over all years: hours add up; for disk and tape, which are
	// volumes held, the total is the largest year (the peak), declared and used each.
	Totals []ResourceRow `json:"totals"`
	// Notes says what could not be counted: usage that several plans share when not summed, unreadable needs.
	Notes Notes `json:"notes,omitempty"`
}

// displayUnit returns the display unit of a resource and the factor from its base unit.
func displayUnit(resource string) (string, float64) {
	switch resource {
	case CPU:
		return "core-hours", 1
	case GPU:
		return "GPU-hours", 1
	}
	return "TB", 1e-12
}

type rowKey struct {
	plan, centre string
	year         int
	resource     string
}

// Resources compares declared needs with usage, per plan (or, with sum, for all plans together), centre, year and
// resource. Usage is matched by centre, year and resource; when several plans declare the same centre, year and
// resource and sum is false, the usage cannot be split between them: it is left out of their rows and noted (sum
// the plans to compare it). Usage that no plan declared gives a row with nothing declared, flagged as an overrun.
func Resources(demands []Demand, usage []Usage, sum bool) ResourceReport {
	var rep ResourceReport
	rows := map[rowKey]*ResourceRow{}
	plansOf := map[rowKey]map[string]bool{} // (centre, year, resource) → plans
	get := func(k rowKey, name string) *ResourceRow {
		r, ok := rows[k]
		if !ok {
			unit, _ := displayUnit(k.resource)
			r = &ResourceRow{Plan: k.plan, Centre: k.centre, CentreName: name, Year: k.year, Resource: k.resource, Unit: unit}
			rows[k] = r
		}
		if r.CentreName == "" {
			r.CentreName = name
		}
		return r
	}
	for _, d := range demands {
		plan := d.Plan
		if sum {
			plan = ""
		}
		_, f := displayUnit(d.Resource)
		get(rowKey{plan, d.Centre, d.Year, d.Resource}, d.CentreName).Declared += d.Amount * f
		ck := rowKey{"", d.Centre, d.Year, d.Resource}
		if plansOf[ck] == nil {
			plansOf[ck] = map[string]bool{}
		}
		plansOf[ck][plan] = true
	}
	for _, u := range usage {
		ck := rowKey{"", u.Centre, u.Year, u.Resource}
		_, f := displayUnit(u.Resource)
		plans := plansOf[ck]
		switch {
		case len(plans) == 1:
			for p := range plans {
				r := get(rowKey{p, u.Centre, u.Year, u.Resource}, "")
				r.Used += u.Amount * f
				r.HasUsage = true
			}
		case len(plans) == 0:
			r := get(rowKey{"", u.Centre, u.Year, u.Resource}, "")
			r.Used += u.Amount * f
			r.HasUsage = true
		default:
			rep.Notes.Add(fmt.Sprintf("usage line %d", u.Line), u.Centre, fmt.Sprintf("%d plans declare %s at this centre in %d: usage not split between them (sum the plans)", len(plans), u.Resource, u.Year))
		}
	}
	totals := map[rowKey]*ResourceRow{}
	for _, r := range rows {
		r.Overrun = r.HasUsage && r.Used > r.Declared*(1+1e-12)
		rep.Rows = append(rep.Rows, *r)
		k := rowKey{r.Plan, r.Centre, 0, r.Resource}
		t, ok := totals[k]
		if !ok {
			t = &ResourceRow{Plan: r.Plan, Centre: r.Centre, CentreName: r.CentreName, Resource: r.Resource, Unit: r.Unit}
			totals[k] = t
		}
		if r.Resource == CPU || r.Resource == GPU {
			t.Declared += r.Declared
			t.Used += r.Used
		} else {
			t.Declared = math.Max(t.Declared, r.Declared)
			t.Used = math.Max(t.Used, r.Used)
		}
		t.HasUsage = t.HasUsage || r.HasUsage
		t.Overrun = t.Overrun || r.Overrun
	}
	for _, t := range totals {
		rep.Totals = append(rep.Totals, *t)
	}
	order := func(rs []ResourceRow) {
		sort.Slice(rs, func(i, j int) bool {
			a, b := rs[i], rs[j]
			if a.Plan != b.Plan {
				return a.Plan < b.Plan
			}
			if a.Centre != b.Centre {
				return a.Centre < b.Centre
			}
			if a.Resource != b.Resource {
				return resourceOrder(a.Resource) < resourceOrder(b.Resource)
			}
			return a.Year < b.Year
		})
	}
	order(rep.Rows)
	order(rep.Totals)
	return rep
}

func resourceOrder(r string) int {
	switch r {
	case CPU:
		return 0
	case GPU:
		return 1
	case Disk:
		return 2
	case Tape:
		return 3
	}
	return 4
}

// formatAmount writes an amount with thousands separators and at most 3 decimals.
func formatAmount(v float64) string {
	s := strconv.FormatFloat(math.Round(v*1000)/1000, 'f', -1, 64)
	intPart, frac, _ := strings.Cut(s, ".")
	neg := strings.HasPrefix(intPart, "-")
	intPart = strings.TrimPrefix(intPart, "-")
	var b strings.Builder
	for i, c := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	out := b.String()
	if frac != "" {
		out += "." + frac
	}
	if neg {
		out = "-" + out
	}
	return out
}

// WriteTable writes the report as an aligned text table: one line per row, then the totals; numbers are aligned
// to the right.
func (rep ResourceReport) WriteTable(w io.Writer) error {
	if w == nil {
		return errNilWriter
	}
	rows := [][]string{{"plan", "centre", "year", "resource", "declared", "used", "%", "unit", ""}}
	right := []bool{false, false, true, false, true, true, true, false, false}
	line := func(r ResourceRow, year string) {
		plan := r.Plan
		if plan == "" {
			plan = "(all plans)"
		}
		used, pct := "-", "-"
		if r.HasUsage {
			used = formatAmount(r.Used)
			if p := r.Percent(); !math.IsInf(p, 1) {
				pct = strconv.FormatFloat(math.Round(p), 'f', 0, 64)
			} else {
				pct = "undeclared"
			}
		}
		flag := ""
		if r.Overrun {
			flag = "OVERRUN"
		}
		rows = append(rows, []string{clip(plan, 40), clip(r.Centre, 40), year, r.Resource, formatAmount(r.Declared), used, pct, r.Unit, flag})
	}
	for _, r := range rep.Rows {
		line(r, strconv.Itoa(r.Year))
	}
	for _, r := range rep.Totals {
		line(r, "total")
	}
	width := make([]int, len(right))
	for _, row := range rows {
		for i, c := range row {
			width[i] = max(width[i], utf8.RuneCountInString(c))
		}
	}
	var b strings.Builder
	for _, row := range rows {
		var l strings.Builder
		for i, c := range row {
			pad := strings.Repeat(" ", width[i]-utf8.RuneCountInString(c))
			if i > 0 {
				l.WriteString("  ")
			}
			if right[i] {
				l.WriteString(pad + c)
			} else {
				l.WriteString(c + pad)
			}
		}
		b.WriteString(strings.TrimRight(l.String(), " "))
		b.WriteByte('\n')
	}
	for _, n := range rep.Notes {
		fmt.Fprintf(&b, "note: %s\n", n)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteJSON writes the report as indented JSON.
func (rep ResourceReport) WriteJSON(w io.Writer) error {
	if w == nil {
		return errNilWriter
	}
	if rep.Rows == nil {
		rep.Rows = []ResourceRow{}
	}
	if rep.Totals == nil {
		rep.Totals = []ResourceRow{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(rep)
}

// WriteHTML writes the report as a self-contained HTML page: per plan, centre and resource an SVG bar chart of
// declared and used per year (overruns in red), then the table.
func (rep ResourceReport) WriteHTML(w io.Writer) error {
	if w == nil {
		return errNilWriter
	}
	var b strings.Builder
	b.WriteString("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Computing and storage: declared and used</title>\n")
	b.WriteString("<style>body{font-family:sans-serif;margin:2em;color:#222}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2em .6em;text-align:right}" +
		"th{background:#f3f3f3}td.l{text-align:left}.over{color:#b00020;font-weight:bold}figure{display:inline-block;margin:0 2em 2em 0}" +
		"figcaption{font-size:90%;margin-bottom:.3em}</style></head><body>\n<h1>Computing and storage: declared and used</h1>\n")
	type group struct {
		key  rowKey
		rows []ResourceRow
	}
	var groups []*group
	idx := map[rowKey]*group{}
	for _, r := range rep.Rows {
		k := rowKey{r.Plan, r.Centre, 0, r.Resource}
		g, ok := idx[k]
		if !ok {
			g = &group{key: k}
			idx[k] = g
			groups = append(groups, g)
		}
		g.rows = append(g.rows, r)
	}
	for _, g := range groups {
		plan := g.key.plan
		if plan == "" {
			plan = "all plans"
		}
		fmt.Fprintf(&b, "<figure><figcaption>%s — %s — %s (%s)</figcaption>\n", html.EscapeString(plan),
			html.EscapeString(g.key.centre), html.EscapeString(g.key.resource), html.EscapeString(g.rows[0].Unit))
		b.WriteString(barChart(g.rows))
		b.WriteString("</figure>\n")
	}
	b.WriteString("<table><tr><th>plan</th><th>centre</th><th>year</th><th>resource</th><th>declared</th><th>used</th><th>%</th><th>unit</th><th></th></tr>\n")
	row := func(r ResourceRow, year string) {
		plan := r.Plan
		if plan == "" {
			plan = "(all plans)"
		}
		used, pct := "–", "–"
		if r.HasUsage {
			used = formatAmount(r.Used)
			if p := r.Percent(); math.IsInf(p, 1) {
				pct = "undeclared"
			} else {
				pct = strconv.FormatFloat(math.Round(p), 'f', 0, 64)
			}
		}
		cls, flag := "", ""
		if r.Overrun {
			cls, flag = ` class="over"`, "overrun"
		}
		fmt.Fprintf(&b, "<tr%s><td class=\"l\">%s</td><td class=\"l\">%s</td><td>%s</td><td class=\"l\">%s</td><td>%s</td><td>%s</td><td>%s</td><td class=\"l\">%s</td><td>%s</td></tr>\n",
			cls, html.EscapeString(plan), html.EscapeString(r.Centre), year, html.EscapeString(r.Resource), formatAmount(r.Declared), used, pct,
			html.EscapeString(r.Unit), flag)
	}
	for _, r := range rep.Rows {
		row(r, strconv.Itoa(r.Year))
	}
	for _, r := range rep.Totals {
		row(r, "total")
	}
	b.WriteString("</table>\n")
	for _, n := range rep.Notes {
		fmt.Fprintf(&b, "<p>note: %s</p>\n", html.EscapeString(n.String()))
	}
	b.WriteString("</body></html>\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// barChart draws declared (grey) and used (blue, red when over) bars per year as inline SVG.
func barChart(rows []ResourceRow) string {
	const width, height, left, bottom, top = 420, 220, 70, 45, 10
	maxV := 0.0
	for _, r := range rows {
		maxV = math.Max(maxV, math.Max(r.Declared, r.Used))
	}
	if maxV == 0 {
		maxV = 1
	}
	plotH := float64(height - bottom - top)
	slot := float64(width-left-10) / float64(len(rows))
	bw := math.Min(slot/2.5, 40)
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" role="img">`, width, height, width, height)
	fmt.Fprintf(&b, `<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#444"/>`, left, height-bottom, width-5, height-bottom)
	fmt.Fprintf(&b, `<text x="%d" y="%d" font-size="10" text-anchor="end">%s</text>`, left-4, top+8, html.EscapeString(formatAmount(maxV)))
	fmt.Fprintf(&b, `<text x="%d" y="%d" font-size="10" text-anchor="end">0</text>`, left-4, height-bottom)
	for i, r := range rows {
		x := float64(left) + slot*float64(i) + slot/2 - bw
		hd := plotH * r.Declared / maxV
		fmt.Fprintf(&b, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="#bbb"><title>declared %s %s</title></rect>`,
			x, float64(height-bottom)-hd, bw, hd, html.EscapeString(formatAmount(r.Declared)), html.EscapeString(r.Unit))
		if r.HasUsage {
			hu := plotH * r.Used / maxV
			color := "#1f6fb2"
			if r.Overrun {
				color = "#b00020"
			}
			fmt.Fprintf(&b, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="%s"><title>used %s %s</title></rect>`,
				x+bw, float64(height-bottom)-hu, bw, hu, color, html.EscapeString(formatAmount(r.Used)), html.EscapeString(r.Unit))
		}
		fmt.Fprintf(&b, `<text x="%.1f" y="%d" font-size="11" text-anchor="middle">%d</text>`, x+bw, height-bottom+14, r.Year)
	}
	b.WriteString(`<rect x="80" y="204" width="10" height="10" fill="#bbb"/><text x="94" y="213" font-size="10">declared</text>`)
	b.WriteString(`<rect x="150" y="204" width="10" height="10" fill="#1f6fb2"/><text x="164" y="213" font-size="10">used</text>`)
	b.WriteString(`<rect x="200" y="204" width="10" height="10" fill="#b00020"/><text x="214" y="213" font-size="10">over the declared</text>`)
	b.WriteString("</svg>\n")
	return b.String()
}
