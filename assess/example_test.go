package assess_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/dop2i/fairmeta/assess"
	"github.com/dop2i/fairmeta/fair"
)

// Assess a record with only DataCite's mandatory properties, offline, and print its scores and what to fix.
func ExampleAssess() {
	rec := &fair.Resource{
		Identifier:      fair.Identifier{Value: "10.5281/zenodo.4271", Type: "DOI"},
		Creators:        []fair.Creator{{Name: "Lefèvre, Camille"}},
		Titles:          []fair.Title{{Title: "Calibrated air-shower events, run 4271"}},
		Publisher:       fair.Publisher{Name: "CC-IN2P3"},
		PublicationYear: 2026,
		ResourceType:    fair.ResourceType{General: fair.ResourceTypeDataset},
	}
	rep, err := assess.Assess(context.Background(), rec)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%s: %v of %v points (%v %%), maturity %v; offline at most %v\n", rep.MetricSet, rep.Overall.Earned,
		rep.Overall.Total, rep.Overall.Percent, rep.Overall.Maturity, rep.Reachable)
	for _, c := range assess.FAIRCategories() {
		s := rep.Categories[c]
		fmt.Printf("%s %v/%v maturity %v\n", c, s.Earned, s.Total, s.Maturity)
	}
	lic, _ := rep.Test("FsF-R1.1-01M-1")
	fmt.Println(lic.Outcome, lic.Fixes[0])
	net, _ := rep.Test("FsF-A1-02MD-1")
	fmt.Println(net.Outcome)
	// Output:
	// FAIRsFAIR data metrics v0.8: 7.5 of 26 points (28.85 %), maturity 1; offline at most 19.5
	// F 2.5/7 maturity 1
	// A 2/7 maturity 2
	// I 0/6 maturity 0
	// R 3/6 maturity 1
	// fail add a licence: add to rights an entry with an SPDX identifier, e.g. {"rights": "Creative Commons Attribution 4.0 International", "identifier": "CC-BY-4.0", "identifierScheme": "SPDX", "uri": "https://creativecommons.org/licenses/by/4.0/legalcode"}
	// not run
}

// A metric of a report, with its tests.
func ExampleResult_Metric() {
	rec := &fair.Resource{Titles: []fair.Title{{Title: "Untyped notes"}}}
	rep, _ := assess.Assess(context.Background(), rec)
	m, _ := rep.Metric("FsF-F2-01M")
	fmt.Println(m.ID, m.Principle, m.Earned, m.Total, assess.MaturityName(m.Maturity))
	for _, t := range m.Tests {
		fmt.Println(t.ID, t.Outcome, t.Detail)
	}
	// Output:
	// FsF-F2-01M F2 0 2 incomplete
	// FsF-F2-01M-2 fail missing: creator, identifier, publication date, publisher and resource type
	// FsF-F2-01M-3 fail missing: creator, identifier, publication date, publisher, resource type, summary and keywords
}

// The network tests run only with an HTTP client. Here the landing page and the data file are on a loopback server.
func ExampleWithHTTPClient() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/runs/4271":
			fmt.Fprint(w, `<html><head><script type="application/ld+json">
{"@context": "https://schema.org", "@type": "Dataset", "name": "Run 4271"}</script></head><body>Run 4271</body></html>`)
		case "/runs/4271.h5":
			w.Header().Set("Content-Type", "application/x-hdf5")
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	rec := &fair.Resource{
		Titles:        []fair.Title{{Title: "Run 4271"}},
		URL:           srv.URL + "/runs/4271",
		Distributions: []fair.Distribution{{ContentURL: srv.URL + "/runs/4271.h5"}, {ContentURL: srv.URL + "/gone.h5"}},
	}
	for _, opts := range [][]assess.Option{nil, {assess.WithHTTPClient(srv.Client())}} {
		rep, err := assess.Assess(context.Background(), rec, opts...)
		if err != nil {
			fmt.Println(err)
			return
		}
		var line []string
		for _, id := range []string{"FsF-A1-02MD-1", "FsF-A1-02MD-2", "FsF-F4-01M-1", "FsF-I1-01M-1"} {
			t, _ := rep.Test(id)
			line = append(line, fmt.Sprintf("%s %s", id, t.Outcome))
		}
		fmt.Println(strings.Join(line, "; "))
	}
	// Output:
	// FsF-A1-02MD-1 not run; FsF-A1-02MD-2 not run; FsF-F4-01M-1 not run; FsF-I1-01M-1 not run
	// FsF-A1-02MD-1 pass; FsF-A1-02MD-2 pass; FsF-F4-01M-1 pass; FsF-I1-01M-1 pass
}
