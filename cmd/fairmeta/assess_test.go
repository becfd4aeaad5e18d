package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"image/png"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dop2i/fairmeta/assess"
	"github.com/dop2i/fairmeta/fair"
	"github.com/dop2i/fairmeta/internal/testenv"
)

// assessRecord is a dataset record in the SDK's own JSON form, with a licence but no access level.
func assessRecord() *fair.Resource {
	return &fair.Resource{
		Identifier:      fair.Identifier{Value: "10.5281/zenodo.4271", Type: "DOI"},
		Creators:        []fair.Creator{{Name: "Lefèvre, Camille"}, {Name: "Rossi, Paolo"}},
		Titles:          []fair.Title{{Title: "Calibrated air-shower events, run 4271"}},
		Publisher:       fair.Publisher{Name: "CC-IN2P3"},
		PublicationYear: 2026,
		ResourceType:    fair.ResourceType{General: fair.ResourceTypeDataset},
		Rights:          []fair.Rights{{Rights: "CC-BY-4.0"}},
	}
}

func writeRecord(t *testing.T, r *fair.Resource) string {
	t.Helper()
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "record.json")
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestAssessText(t *testing.T) {
	code, out, errs := runCLI(t, "", "assess", writeRecord(t, assessRecord()))
	if code != exitOK {
		t.Fatalf("exit %d, stderr %s", code, errs)
	}
	for _, want := range []string{"FAIR assessment of Calibrated air-shower events, run 4271 (10.5281/zenodo.4271)",
		"pass    FsF-R1.1-01M-1", "fail    FsF-A1-01M-1", "not run FsF-A1-02MD-1", "[FsF-A1-01M-1] state the access level"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

func TestAssessJSON(t *testing.T) {
	sw := assessRecord()
	sw.ResourceType.General = fair.ResourceTypeSoftware
	code, out, errs := runCLI(t, "", "assess", "-json", writeRecord(t, assessRecord()), writeRecord(t, sw))
	if code != exitOK {
		t.Fatalf("exit %d, stderr %s", code, errs)
	}
	var reps []assess.Result
	if err := json.Unmarshal([]byte(out), &reps); err != nil {
		t.Fatalf("output is not a JSON array of reports: %v\n%s", err, out)
	}
	if len(reps) != 2 || reps[0].MetricSet != assess.MetricsData || reps[1].MetricSet != assess.MetricsSoftware {
		t.Fatalf("got %d reports, want a data and a software report", len(reps))
	}
	want, err := assess.Assess(t.Context(), assessRecord())
	if err != nil {
		t.Fatal(err)
	}
	if reps[0].Overall != want.Overall {
		t.Errorf("CLI overall %+v, package %+v", reps[0].Overall, want.Overall)
	}
}

// TestAssessStdinAndMetrics reads the record from standard input and forces the software metrics.
func TestAssessStdinAndMetrics(t *testing.T) {
	b, _ := json.Marshal(assessRecord())
	code, out, errs := runCLI(t, string(b), "assess", "-json", "-metrics", "frsm-0.7", "-")
	if code != exitOK || !strings.Contains(out, `"metricSet": "frsm-0.7"`) {
		t.Errorf("exit %d, stderr %s, output:\n%.300s", code, errs, out)
	}
}

func TestAssessHTMLFiles(t *testing.T) {
	dir := t.TempDir()
	html := filepath.Join(dir, "report.html")
	code, out, errs := runCLI(t, "", "assess", "-html", html, writeRecord(t, assessRecord()), writeRecord(t, assessRecord()))
	if code != exitOK {
		t.Fatalf("exit %d, stderr %s", code, errs)
	}
	for _, p := range []string{html, filepath.Join(dir, "report-2.html")} {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(b, []byte(`<svg id="chart"`)) || !strings.Contains(out, p) {
			t.Errorf("%s: no chart, or not named in the output %q", p, out)
		}
	}
}

func TestAssessUnreadable(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "bad.json")
	os.WriteFile(bad, []byte(`{"titles": [{"title": "x"}], "resourceType": {"general": "Dataset"}, "nosuchfield": 1}`), 0o644)
	good := writeRecord(t, assessRecord())
	code, out, errs := runCLI(t, "", "assess", filepath.Join(t.TempDir(), "missing.json"), bad, good)
	if code != exitProblem {
		t.Errorf("exit %d, want %d", code, exitProblem)
	}
	if !strings.Contains(errs, "missing.json") || !strings.Contains(errs, "bad.json") || !strings.Contains(out, "FAIR assessment of") {
		t.Errorf("want both bad inputs named on stderr and the good one assessed; stderr:\n%s\nstdout:\n%.200s", errs, out)
	}
	// A poor record is not a problem in the input: exit 0 whatever the score.
	if code, _, _ := runCLI(t, "", "assess", writeRecord(t, &fair.Resource{Titles: []fair.Title{{Title: "x"}}, ResourceType: fair.ResourceType{General: "Dataset"}})); code != exitOK {
		t.Errorf("poor record: exit %d, want 0", code)
	}
}

func TestAssessUsage(t *testing.T) {
	for _, args := range [][]string{{"assess"}, {"assess", "-json", "-html", "x.html", "f.json"}, {"assess", "-metrics", "fsf-0.5", "f.json"}} {
		if code, _, _ := runCLI(t, "", args...); code != exitUsage {
			t.Errorf("%q: exit %d, want %d", args, code, exitUsage)
		}
	}
}

// TestAssessNetwork runs the network tests against a landing page and data file on loopback.
func TestAssessNetwork(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/landing":
			w.Header().Set("Content-Type", "text/html")
			fmt.Fprint(w, `<html><head><script type="application/ld+json">{"@context":"https://schema.org","@type":"Dataset","name":"x"}</script></head></html>`)
		case "/data.h5":
			w.Header().Set("Content-Type", "application/x-hdf5")
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	r := assessRecord()
	r.Identifier = fair.Identifier{}
	r.URL = srv.URL + "/landing"
	r.Distributions = []fair.Distribution{{ContentURL: srv.URL + "/data.h5"}}
	code, out, errs := runCLI(t, "", "assess", "-network", writeRecord(t, r))
	if code != exitOK {
		t.Fatalf("exit %d, stderr %s", code, errs)
	}
	for _, want := range []string{"pass    FsF-A1-02MD-1", "pass    FsF-A1-02MD-2", "pass    FsF-F4-01M-1", "pass    FsF-I1-01M-1", "fail    FsF-I1-01M-2"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

// TestAssessHTMLInChromium renders an HTML report in headless Chromium (Debian's chromium package; .ci/run installs
// it), checks the page it built — the chart with its four bars, the metrics table — and that the browser logged no
// console error, and takes a screenshot. FAIRMETA_SCREENSHOT=path keeps the screenshot.
func TestAssessHTMLInChromium(t *testing.T) {
	chromium := testenv.Tool(t, "chromium", "apt-get install chromium")
	dir := t.TempDir()
	html := filepath.Join(dir, "report.html")
	r := assessRecord()
	r.Creators[1].Name = `Rossi, "Paolo" <b>&</b>`
	if code, _, errs := runCLI(t, "", "assess", "-html", html, writeRecord(t, r)); code != exitOK {
		t.Fatalf("assess -html: exit %d, stderr %s", code, errs)
	}
	browser := func(extra ...string) (stdout, stderr string) {
		t.Helper()
		args := append([]string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
			"--disable-background-networking", "--disable-component-update", "--disable-sync",
			"--user-data-dir=" + filepath.Join(t.TempDir(), "profile"), "--enable-logging=stderr", "--v=0"}, extra...)
		args = append(args, "file://"+html)
		cmd := exec.CommandContext(t.Context(), chromium, args...)
		var o, e bytes.Buffer
		cmd.Stdout, cmd.Stderr = &o, &e
		if err := cmd.Run(); err != nil {
			t.Fatalf("chromium %s: %v\n%s", strings.Join(extra, " "), err, e.String())
		}
		return o.String(), e.String()
	}
	consoleErrors := func(log string) []string {
		var bad []string
		for _, l := range strings.Split(log, "\n") {
			if strings.Contains(l, "CONSOLE") || strings.Contains(l, "Uncaught") || strings.Contains(l, "ERR_FILE_NOT_FOUND") ||
				strings.Contains(l, "net::ERR") {
				bad = append(bad, l)
			}
		}
		return bad
	}

	dom, log := browser("--dump-dom")
	if bad := consoleErrors(log); len(bad) > 0 {
		t.Errorf("console errors while rendering:\n%s", strings.Join(bad, "\n"))
	}
	for _, want := range []string{`<svg id="chart"`, `data-category="F"`, `data-category="A"`, `data-category="I"`, `data-category="R"`,
		`<table id="metrics">`, `id="FsF-R1.3-02D-1"`, `<ol id="fixes">`} {
		if !strings.Contains(dom, want) {
			t.Errorf("rendered DOM lacks %s", want)
		}
	}
	if n := strings.Count(dom, `class="value"`); n != 4 {
		t.Errorf("rendered chart has %d value bars, want 4", n)
	}
	if strings.Contains(dom, "<b>&amp;</b>") || strings.Contains(dom, "<b>") {
		t.Errorf("record text was rendered as markup")
	}

	shot := filepath.Join(dir, "report.png")
	if _, log := browser("--screenshot="+shot, "--window-size=1280,1600", "--hide-scrollbars"); len(consoleErrors(log)) > 0 {
		t.Errorf("console errors while taking the screenshot:\n%s", strings.Join(consoleErrors(log), "\n"))
	}
	f, err := os.Open(shot)
	if err != nil {
		t.Fatalf("no screenshot: %v", err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	if b := img.Bounds(); b.Dx() != 1280 || b.Dy() != 1600 {
		t.Errorf("screenshot is %v, want 1280×1600", b)
	}
	// The chart's value bars are the page's only blue (#2f81f7); the screenshot must show it.
	blue := 0
	for y := img.Bounds().Min.Y; y < img.Bounds().Max.Y; y += 2 {
		for x := img.Bounds().Min.X; x < img.Bounds().Max.X; x += 2 {
			r, g, b, _ := img.At(x, y).RGBA()
			if r>>8 < 0x40 && g>>8 > 0x70 && g>>8 < 0x90 && b>>8 > 0xe8 {
				blue++
			}
		}
	}
	if blue < 100 {
		t.Errorf("screenshot shows %d blue chart pixels, want the bars drawn", blue)
	}
	if keep := os.Getenv("FAIRMETA_SCREENSHOT"); keep != "" {
		b, _ := os.ReadFile(shot)
		os.WriteFile(keep, b, 0o644)
		h, _ := os.ReadFile(html)
		os.WriteFile(strings.TrimSuffix(keep, filepath.Ext(keep))+".html", h, 0o644)
	}
}

// TestAssessRegisteredFormats assesses records in the formats other packages register: the official DataCite full
// example (datacite-xml) and a CodeMeta file, which gets the software metrics.
func TestAssessRegisteredFormats(t *testing.T) {
	full := testenv.SharedData(t, "datacite", "examples", "kernel-4.6", "datacite-example-full-v4.xml")
	cm := testenv.SharedData(t, "software", "codemeta", "examples", "codemeta.json")
	code, out, errs := runCLI(t, "", "assess", "-json", full, cm)
	if code != exitOK {
		t.Fatalf("exit %d, stderr %s", code, errs)
	}
	var reps []assess.Result
	if err := json.Unmarshal([]byte(out), &reps); err != nil || len(reps) != 2 {
		t.Fatalf("want two reports: %v\n%.300s", err, out)
	}
	if reps[0].Identifier != "10.82433/B09Z-4K37" || reps[0].MetricSet != assess.MetricsData || reps[0].Overall.Earned == 0 {
		t.Errorf("DataCite full example: %s %s %v", reps[0].Identifier, reps[0].MetricSet, reps[0].Overall.Earned)
	}
	if reps[1].MetricSet != assess.MetricsSoftware || reps[1].Title == "" {
		t.Errorf("CodeMeta file: metric set %s, title %q", reps[1].MetricSet, reps[1].Title)
	}
}
