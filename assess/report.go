package assess

import (
	"bufio"
	"fmt"
	"html/template"
	"io"
	"strconv"
	"strings"
)

// categoryNames names the FAIR categories.
var categoryNames = map[string]string{"F": "Findable", "A": "Accessible", "I": "Interoperable", "R": "Reusable"}

func num(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }

// WriteText writes the report for people to read in a terminal: the overall and per-category scores, every metric
// with its tests, and the fixes.
func (rep *Result) WriteText(w io.Writer) error {
	if err := checkWrite("WriteText", rep, w); err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	title := rep.Title
	if title == "" {
		title = "(untitled record)"
	}
	if rep.Identifier != "" {
		title += " (" + rep.Identifier + ")"
	}
	fmt.Fprintf(bw, "FAIR assessment of %s\n", title)
	network := "not run (offline; use -network to run them)"
	if rep.Network {
		network = "run"
	}
	fmt.Fprintf(bw, "Metrics: %s, %s; network tests %s\n", rep.MetricSet, rep.Specification, network)
	fmt.Fprintf(bw, "Overall: %s / %s points (%s %%), maturity %s; %d of %d metrics pass; most reachable %s: %s points\n",
		num(rep.Overall.Earned), num(rep.Overall.Total), num(rep.Overall.Percent), num(rep.Overall.Maturity),
		rep.Overall.Passed, rep.Overall.Metrics, map[bool]string{true: "with the network", false: "offline"}[rep.Network], num(rep.Reachable))
	for _, c := range fairCategories {
		s, ok := rep.Categories[c]
		if !ok {
			continue
		}
		fmt.Fprintf(bw, "  %s %-13s %5s / %-3s %6s %%  maturity %s (%s)\n", c, categoryNames[c], num(s.Earned), num(s.Total),
			num(s.Percent), num(s.Maturity), MaturityName(int(s.Maturity)))
	}
	for _, m := range rep.Metrics {
		fmt.Fprintf(bw, "\n%-15s %-5s %s: %s / %s, %s (%d)\n", m.ID, m.Principle, m.Name, num(m.Earned), num(m.Total), MaturityName(m.Maturity), m.Maturity)
		for _, t := range m.Tests {
			fmt.Fprintf(bw, "  %-7s %-16s %s pt, maturity %d: %s\n", t.Outcome, t.ID, num(t.Points), t.Maturity, t.Detail)
		}
	}
	if len(rep.Fixes) > 0 {
		fmt.Fprintf(bw, "\nHow to fix (%d):\n", len(rep.Fixes))
		for _, f := range rep.Fixes {
			fmt.Fprintf(bw, "  - [%s] %s\n", f.Test, f.Text)
		}
	}
	return bw.Flush()
}

// chartBar is one bar of the HTML report's chart.
type chartBar struct {
	Key, Name, Label, Tip string
	X, Y, H, LabelY       float64
	Maturity              string
}

// WriteHTML writes the report as one self-contained HTML page: no scripts, no external styles, fonts or images; the
// chart of the four FAIR categories is inline SVG.
func (rep *Result) WriteHTML(w io.Writer) error {
	if err := checkWrite("WriteHTML", rep, w); err != nil {
		return err
	}
	const top, height = 30.0, 160.0
	var bars []chartBar
	for i, c := range fairCategories {
		s := rep.Categories[c]
		h := s.Percent / 100 * height
		bars = append(bars, chartBar{
			Key: c, Name: categoryNames[c], Label: num(s.Percent) + " %",
			Tip: fmt.Sprintf("%s: %s of %s points, maturity %s", categoryNames[c], num(s.Earned), num(s.Total), MaturityName(int(s.Maturity))),
			X:   50 + float64(i)*110, Y: top + height - h, H: h, LabelY: top + height - h - 6,
			Maturity: MaturityName(int(s.Maturity)),
		})
	}
	return reportHTML.Execute(w, struct {
		*Result
		Bars           []chartBar
		Top, Bottom    float64
		CategoryNames  map[string]string
		Categories     []string
		NetworkSummary string
	}{rep, bars, top, top + height, categoryNames, fairCategories,
		map[bool]string{true: "Network tests were run.", false: "Network tests were not run (offline assessment); they count as not passed."}[rep.Network]})
}

var reportHTML = template.Must(template.New("report").Funcs(template.FuncMap{
	"num":      num,
	"maturity": func(x any) string { return MaturityName(toInt(x)) },
	"lower":    strings.ToLower,
	"outcome":  func(o Outcome) string { return strings.ReplaceAll(string(o), " ", "-") },
}).Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>FAIR assessment: {{.Title}}</title>
<style>
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#1d2733;background:#fff}
h1{font-size:1.5rem;margin-bottom:.2rem} h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #d0d7de;padding-bottom:.3rem}
.meta{color:#57606a;margin:.2rem 0}
.summary{display:flex;flex-wrap:wrap;gap:2rem;align-items:flex-start}
table{border-collapse:collapse;width:100%;margin:.5rem 0;font-size:.92rem}
th,td{border:1px solid #d0d7de;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f6f8fa}
td.num{text-align:right;white-space:nowrap}
td.id{white-space:nowrap;font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:.85rem}
.pass{color:#116329;font-weight:600}.fail{color:#a40e26;font-weight:600}.not-run,.could-not-check{color:#6e7781;font-style:italic}
tr.metric td{background:#f6f8fa;font-weight:600}
.fix{color:#6f4e00}
.overall{font-size:2.4rem;font-weight:700;margin:.2rem 0}
svg text{font-family:inherit}
</style>
</head>
<body>
<h1>FAIR assessment: {{if .Title}}{{.Title}}{{else}}(untitled record){{end}}</h1>
{{if .Identifier}}<p class="meta">Identifier: <code>{{.Identifier}}</code></p>{{end}}
<p class="meta">Metrics: {{.MetricSet}} (<a href="{{.Specification}}">{{.Specification}}</a>). {{.NetworkSummary}}</p>
<div class="summary">
<div>
<p class="overall" id="overall">{{num .Overall.Percent}} %</p>
<p>{{num .Overall.Earned}} of {{num .Overall.Total}} points, {{.Overall.Passed}} of {{.Overall.Metrics}} metrics passed.<br>
FAIR maturity {{num .Overall.Maturity}} of 3. Most reachable {{if .Network}}with the network{{else}}offline{{end}}: {{num .Reachable}} points.</p>
<table id="categories"><tr><th>Category</th><th>Points</th><th>Score</th><th>Maturity</th></tr>
{{range $c := .Categories}}{{with index $.Result.Categories $c}}<tr><td>{{$c}} {{index $.CategoryNames $c}}</td><td class="num">{{num .Earned}} / {{num .Total}}</td><td class="num">{{num .Percent}} %</td><td>{{num .Maturity}} ({{maturity .Maturity}})</td></tr>
{{end}}{{end}}</table>
</div>
<svg id="chart" xmlns="http://www.w3.org/2000/svg" width="480" height="250" viewBox="0 0 480 250" role="img" aria-labelledby="chart-title">
<title id="chart-title">Score per FAIR category, in percent of the points available</title>
<line x1="40" y1="{{.Bottom}}" x2="470" y2="{{.Bottom}}" stroke="#57606a"/>
{{range .Bars}}<g class="bar" data-category="{{.Key}}">
<title>{{.Tip}}</title>
<rect x="{{.X}}" y="{{$.Top}}" width="70" height="160" fill="#eaeef2"/>
<rect class="value" x="{{.X}}" y="{{.Y}}" width="70" height="{{.H}}" fill="#2f81f7"/>
<text x="{{.X}}" dx="35" y="{{.LabelY}}" text-anchor="middle" font-size="13">{{.Label}}</text>
<text x="{{.X}}" dx="35" y="{{$.Bottom}}" dy="18" text-anchor="middle" font-size="14" font-weight="700">{{.Key}}</text>
<text x="{{.X}}" dx="35" y="{{$.Bottom}}" dy="34" text-anchor="middle" font-size="11" fill="#57606a">{{.Maturity}}</text>
</g>
{{end}}</svg>
</div>
<h2>Metrics</h2>
<table id="metrics"><tr><th>Metric / test</th><th>Principle</th><th>Name</th><th>Points</th><th>Maturity</th><th>Outcome and fixes</th></tr>
{{range .Metrics}}<tr class="metric" id="{{.ID}}"><td class="id">{{.ID}}</td><td>{{.Principle}}</td><td>{{.Name}}</td><td class="num">{{num .Earned}} / {{num .Total}}</td><td>{{.Maturity}} ({{maturity .Maturity}})</td><td class="{{outcome .Status}}">{{.Status}}</td></tr>
{{range .Tests}}<tr class="test" id="{{.ID}}"><td class="id">{{.ID}}</td><td></td><td>{{.Name}}</td><td class="num">{{num .Earned}} / {{num .Points}}</td><td>{{.Maturity}}</td><td><span class="{{outcome .Outcome}}">{{.Outcome}}</span>{{if .Detail}}: {{.Detail}}{{end}}{{range .Fixes}}<br><span class="fix">Fix: {{.}}</span>{{end}}</td></tr>
{{end}}{{end}}</table>
{{if .Fixes}}<h2>How to fix ({{len .Fixes}})</h2>
<ol id="fixes">{{range .Fixes}}<li><code>{{.Test}}</code> {{.Text}}</li>
{{end}}</ol>{{end}}
<p class="meta">Generated by fairmeta, scored as F-UJI scores.</p>
</body>
</html>
`))

func toInt(x any) int {
	switch v := x.(type) {
	case int:
		return v
	case float64:
		return int(v)
	}
	return 0
}

// checkWrite is the error of a writer called on a nil result or with a nil io.Writer, nil otherwise.
func checkWrite(fn string, rep *Result, w io.Writer) error {
	switch {
	case rep == nil:
		return fmt.Errorf("assess: %s of a nil *Result", fn)
	case w == nil:
		return fmt.Errorf("assess: %s to a nil io.Writer", fn)
	}
	return nil
}
