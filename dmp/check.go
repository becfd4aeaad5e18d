package dmp

import (
	"context"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/dop2i/fairmeta/assess"
	"github.com/dop2i/fairmeta/doi"
	"github.com/dop2i/fairmeta/fair"
)

// CheckOptions configures [Document.Check]. The zero value checks offline, as of today.
type CheckOptions struct {
	// Now is the date overdue datasets are judged at; zero means today.
	Now time.Time
	// Resolver, when set, turns on the network checks: each dataset DOI must resolve through it.
	Resolver *doi.Resolver
	// Fetch, when set with Resolver, fetches the record a dataset DOI points to (e.g. its DataCite JSON by content
	// negotiation, converted to a fair.Resource): its title and licence must agree with the plan, and it is what
	// the FAIR assessment scores instead of the plan's description of the dataset.
	Fetch func(ctx context.Context, d doi.DOI) (*fair.Resource, error)
}

// Assessment is the FAIR assessment summary of one dataset.
type Assessment struct {
	Dataset    int    `json:"dataset"` // index in dmp.dataset
	Title      string `json:"title"`
	Identifier string `json:"identifier,omitempty"`
	// Source is "plan" when the plan's description of the dataset was assessed (offline, or no record could be
	// fetched), "record" when the record its DOI points to was.
	Source     string                  `json:"source"`
	Overall    assess.Score            `json:"overall"`
	Categories map[string]assess.Score `json:"categories"` // F, A, I, R
}

// CheckReport is what Check found: findings (Problem.Keyword names the check: "pid", "licence", "host",
// "overdue", "resolve", "agree") and an assessment per dataset.
type CheckReport struct {
	Findings    Report       `json:"findings"`
	Assessments []Assessment `json:"assessments"`
}

var fairsharingRE = regexp.MustCompile(`(?i)(10\.25504/)?fairsharing\.[a-z0-9]+|fairsharing\.org/\d+`)

// Check runs the checks a machine can make on a plan: each dataset has a persistent identifier and a licence;
// each host is identified in re3data or FAIRsharing; a dataset whose issued date has passed without a DOI is
// overdue; each dataset's FAIR assessment is summarised. With opts.Resolver, dataset DOIs must resolve, and with
// opts.Fetch the record each DOI points to must agree with the plan (title, licence). Findings about the plan are
// warnings; a DOI that does not resolve, and an overdue dataset, are errors. Check returns an error only when ctx
// ends.
func (doc *Document) Check(ctx context.Context, opts CheckOptions) (*CheckReport, error) {
	now := opts.Now
	if now.IsZero() {
		now = time.Now()
	}
	rep := &CheckReport{Findings: Report{}, Assessments: []Assessment{}}
	find := func(sev Severity, path, check, format string, args ...any) {
		rep.Findings = append(rep.Findings, Problem{Path: path, Severity: sev, Keyword: check, Message: fmt.Sprintf(format, args...)})
	}
	for i, ds := range doc.DMP.Datasets {
		path := joinIndex("dmp.dataset", i)
		id := ds.DatasetID
		var pid *fair.PID
		if p, err := fair.DetectPID(id.Identifier); err == nil && p.Scheme != fair.SchemeURL {
			pid = &p
		}
		var d doi.DOI
		if pid != nil && pid.Scheme == fair.SchemeDOI {
			d = doi.DOI(pid.Value)
		}
		switch {
		case id.Identifier == "":
			find(SeverityWarning, path+".dataset_id", "pid", "no identifier: plan a DOI (or another persistent identifier)")
		case pid == nil:
			find(SeverityWarning, path+".dataset_id", "pid", "%q is not a persistent identifier (DOI, Handle, ARK, ...)", clip(id.Identifier, 60))
		}
		licensed := false
		for j, dist := range ds.Distributions {
			dp := joinIndex(path+".distribution", j)
			for _, l := range dist.Licenses {
				licensed = licensed || l.LicenseRef != ""
			}
			if dist.Host != nil && !hostRegistered(dist.Host) {
				find(SeverityWarning, dp+".host", "host", "host %q has no re3data or FAIRsharing identifier: add one to host_id", clip(dist.Host.Title, 60))
			}
		}
		if !licensed {
			find(SeverityWarning, path+".distribution", "licence", "no licence: give each distribution a license_ref and start_date")
		}
		if ds.Issued != "" && d == "" {
			if t, _, err := ParseDate(ds.Issued); err == nil && t.Before(now) {
				find(SeverityError, path+".issued", "overdue", "issued on %s but has no DOI: the dataset is overdue, or its DOI is missing from the plan", t.Format(time.DateOnly))
			}
		}
		res, _ := doc.datasetResource(i, now)
		source := "plan"
		if d != "" && opts.Resolver != nil {
			if _, err := opts.Resolver.Resolve(ctx, d); err != nil {
				if ctx.Err() != nil {
					return nil, ctx.Err()
				}
				find(SeverityError, path+".dataset_id", "resolve", "DOI %s does not resolve: %v", d, err)
			} else if opts.Fetch != nil {
				rec, err := opts.Fetch(ctx, d)
				switch {
				case ctx.Err() != nil:
					return nil, ctx.Err()
				case err != nil:
					find(SeverityWarning, path+".dataset_id", "agree", "the metadata of %s cannot be fetched: %v", d, err)
				default:
					agree(rec, &ds, path, find)
					res, source = rec, "record"
				}
			}
		}
		a, err := assess.Assess(ctx, res)
		if err != nil {
			return nil, err
		}
		rep.Assessments = append(rep.Assessments, Assessment{Dataset: i, Title: ds.Title, Identifier: id.Identifier, Source: source,
			Overall: a.Overall, Categories: a.Categories})
	}
	return rep, nil
}

func hostRegistered(h *Host) bool {
	for _, s := range append([]string{h.URL}, idsOf(h.HostIDs)...) {
		if re3dataRE.MatchString(strings.TrimSuffix(s, "/")) || strings.Contains(s, "re3data.org/repository/r3d") || fairsharingRE.MatchString(s) {
			return true
		}
	}
	return false
}

func idsOf(ids []ID) []string {
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		out = append(out, id.Identifier)
	}
	return out
}

func sorted(s []string) []string {
	sort.Strings(s)
	return s
}

func normTitle(s string) string { return strings.Join(strings.Fields(strings.ToLower(s)), " ") }

// agree compares the record a DOI points to with the plan's dataset: title and licence.
func agree(rec *fair.Resource, ds *Dataset, path string, find func(Severity, string, string, string, ...any)) {
	if ds.Title != "" {
		same := false
		var titles []string
		for _, t := range rec.Titles {
			titles = append(titles, strconv.Quote(t.Title))
			same = same || normTitle(t.Title) == normTitle(ds.Title)
		}
		if !same {
			find(SeverityWarning, path+".title", "agree", "the plan says %q, the DOI's record %s", clip(ds.Title, 80), strings.Join(titles, ", "))
		}
	}
	planLic := map[string]bool{}
	for _, dist := range ds.Distributions {
		for _, l := range dist.Licenses {
			if id, ok := assess.SPDXLicense(fair.Rights{URI: l.LicenseRef}); ok {
				planLic[id] = true
			} else if l.LicenseRef != "" {
				planLic[strings.TrimSuffix(l.LicenseRef, "/")] = true
			}
		}
	}
	if len(planLic) == 0 {
		return
	}
	recLic := map[string]bool{}
	for _, rt := range rec.Rights {
		if id, ok := assess.SPDXLicense(rt); ok {
			recLic[id] = true
		} else if rt.URI != "" {
			recLic[strings.TrimSuffix(rt.URI, "/")] = true
		}
	}
	for l := range planLic {
		if recLic[l] {
			return
		}
	}
	var plan, got []string
	for l := range planLic {
		plan = append(plan, l)
	}
	for l := range recLic {
		got = append(got, l)
	}
	if len(got) == 0 {
		got = []string{"none"}
	}
	find(SeverityWarning, path+".distribution", "agree", "the plan's licence (%s) is not the DOI record's (%s)", strings.Join(sorted(plan), ", "), strings.Join(sorted(got), ", "))
}

// WriteText writes the findings, one "PATH: severity: message" line each, then one line per assessed dataset.
func (rep *CheckReport) WriteText(w io.Writer) error {
	if w == nil {
		return errNilWriter
	}
	var b strings.Builder
	for _, f := range rep.Findings {
		fmt.Fprintf(&b, "%s [%s]\n", f, f.Keyword)
	}
	for _, a := range rep.Assessments {
		fmt.Fprintf(&b, "dmp.dataset[%d]: FAIR %.0f%% (F %.0f%%, A %.0f%%, I %.0f%%, R %.0f%%) of the %s: %s\n", a.Dataset, a.Overall.Percent,
			a.Categories["F"].Percent, a.Categories["A"].Percent, a.Categories["I"].Percent, a.Categories["R"].Percent, a.Source, clip(a.Title, 60))
	}
	_, err := io.WriteString(w, b.String())
	return err
}
