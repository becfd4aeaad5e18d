package dmp_test

import (
	"bytes"
	"errors"
	"math"
	"os"
	"strings"
	"testing"

	"github.com/dop2i/fairmeta/dmp"
)

const (
	lsst  = "LSST-FR: processing of the Rubin Observatory data release"
	cta   = "CTA-FR: gamma-ray simulations"
	ccin  = "https://ror.org/04dcc3438"
	tib   = 1024.0 * 1024 * 1024 * 1024 / 1e12 // one TiB in TB
	nobuy = -1.0                               // no usage matched
)

func fixtureReport(t *testing.T, sum bool) dmp.ResourceReport {
	t.Helper()
	var demands []dmp.Demand
	for _, f := range []string{"plan-lsst.json", "plan-cta.json"} {
		data, err := os.ReadFile("testdata/resources/" + f)
		if err != nil {
			t.Fatal(err)
		}
		doc, _, err := dmp.Read(data)
		if err != nil {
			t.Fatal(err)
		}
		d, notes := doc.Demands()
		if len(notes) > 0 {
			t.Fatalf("%s: %v", f, notes)
		}
		demands = append(demands, d...)
	}
	uf, err := os.Open("testdata/resources/usage.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer uf.Close()
	usage, err := dmp.ReadUsage(uf)
	if err != nil {
		t.Fatal(err)
	}
	return dmp.Resources(demands, usage, sum)
}

type wantRow struct {
	plan, centre string
	year         int
	resource     string
	declared     float64
	used         float64 // nobuy when no accounting line matched
	overrun      bool
}

func checkRows(t *testing.T, what string, got []dmp.ResourceRow, want []wantRow) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s: %d rows, want %d:\n%+v", what, len(got), len(want), got)
	}
	for i := range min(len(got), len(want)) {
		g, w := got[i], want[i]
		used := g.Used
		if !g.HasUsage {
			used = nobuy
		}
		if g.Plan != w.plan || g.Centre != w.centre || g.Year != w.year || g.Resource != w.resource ||
			math.Abs(g.Declared-w.declared) > 1e-6 || math.Abs(used-w.used) > 1e-6 || g.Overrun != w.overrun {
			t.Errorf("%s row %d:\n got %q %q %d %s declared %v used %v overrun %v\nwant %q %q %d %s declared %v used %v overrun %v",
				what, i, g.Plan, g.Centre, g.Year, g.Resource, g.Declared, used, g.Overrun, w.plan, w.centre, w.year, w.resource, w.declared, w.used, w.overrun)
		}
	}
}

// TestResourcesSummed checks the figures of two plans summed against accounting lines, computed by hand from the
// fixture files (units: core-hours, GPU-hours, TB).
func TestResourcesSummed(t *testing.T) {
	rep := fixtureReport(t, true)
	// Rows and totals are ordered by plan, centre (as text: "GRICAD" before "https://..."), resource, year.
	checkRows(t, "rows", rep.Rows, []wantRow{
		{"", "GRICAD", 2026, "cpu", 50_000, 60_000, true},
		{"", ccin, 2026, "cpu", 1_200_000 + 300_000 + 400_000, 1_650_000, false},
		{"", ccin, 2027, "cpu", 1_500_000, 1_400_000, false},
		{"", ccin, 2028, "cpu", 0, 10, true},
		{"", ccin, 2027, "gpu", 8000 + 2000, 12_000, true},
		{"", ccin, 2026, "disk", 500 + 200, 750, true},
		{"", ccin, 2027, "disk", 800, nobuy, false},
		{"", ccin, 2027, "tape", 2000 + 500*tib, 1500, false},
	})
	checkRows(t, "totals", rep.Totals, []wantRow{
		{"", "GRICAD", 0, "cpu", 50_000, 60_000, true},
		{"", ccin, 0, "cpu", 3_400_000, 3_050_010, true},
		{"", ccin, 0, "gpu", 10_000, 12_000, true},
		{"", ccin, 0, "disk", 800, 750, true}, // volumes: the peak year, declared and used each
		{"", ccin, 0, "tape", 2000 + 500*tib, 1500, false},
	})
	if len(rep.Notes) != 0 {
		t.Errorf("notes: %v", rep.Notes)
	}
}

// TestResourcesPerPlan checks the same fixture per plan: usage that two plans share is not split, and says so.
func TestResourcesPerPlan(t *testing.T) {
	rep := fixtureReport(t, false)
	checkRows(t, "rows", rep.Rows, []wantRow{
		{"", ccin, 2028, "cpu", 0, 10, true},
		{cta, "GRICAD", 2026, "cpu", 50_000, 60_000, true},
		{cta, ccin, 2026, "cpu", 400_000, nobuy, false},
		{cta, ccin, 2027, "gpu", 2000, nobuy, false},
		{cta, ccin, 2026, "disk", 200, nobuy, false},
		{lsst, ccin, 2026, "cpu", 1_500_000, nobuy, false},
		{lsst, ccin, 2027, "cpu", 1_500_000, 1_400_000, false},
		{lsst, ccin, 2027, "gpu", 8000, nobuy, false},
		{lsst, ccin, 2026, "disk", 500, nobuy, false},
		{lsst, ccin, 2027, "disk", 800, nobuy, false},
		{lsst, ccin, 2027, "tape", 2000 + 500*tib, 1500, false},
	})
	if len(rep.Notes) != 3 {
		t.Errorf("want 3 notes (cpu 2026, disk 2026, gpu 2027 shared by two plans), got %v", rep.Notes)
	}
	var table, js, page bytes.Buffer
	if err := rep.WriteTable(&table); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"1,500,000", "1,400,000", "93", "OVERRUN", "2,549.756", "undeclared", "note: usage line"} {
		if !strings.Contains(table.String(), want) {
			t.Errorf("table lacks %q:\n%s", want, table.String())
		}
	}
	if err := rep.WriteJSON(&js); err != nil || !strings.Contains(js.String(), `"overrun": true`) {
		t.Errorf("JSON: %v\n%s", err, js.String())
	}
	if err := rep.WriteHTML(&page); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(page.String(), "<svg"); n != 9 {
		t.Errorf("HTML has %d charts, want one per plan, centre and resource (9)", n)
	}
	if strings.Contains(page.String(), "<script") || strings.Contains(page.String(), "src=") {
		t.Error("the HTML report is not self-contained")
	}
}

func TestReadUsageReportsEveryBadLine(t *testing.T) {
	in := "centre,year,resource,amount,unit\nx,2026,cpu,1,core-hours\nx,20x6,cpu,1,core-hours\nx,2026,cpu,-1,core-hours\nx,2026,cpu,1,TB\nx,2026\n"
	usage, err := dmp.ReadUsage(strings.NewReader(in))
	var ue *dmp.UsageError
	if !errors.As(err, &ue) || len(usage) != 1 {
		t.Fatalf("usage %v, err %v", usage, err)
	}
	for _, line := range []string{"line 3", "line 4", "line 5", "line 6"} {
		if !strings.Contains(err.Error(), line) {
			t.Errorf("error does not report %s: %v", line, err)
		}
	}
}
