// Command dmp shows a machine-actionable data management plan for a project at CC-IN2P3, offline: the plan is built
// in Go with its yearly computing and storage needs, validated against the RDA DMP Common Standard 1.2, written as
// maDMP JSON, compared with the centre's accounting, turned into a DataCite OutputManagementPlan record and given a
// DOI exactly once — against an in-process DataCite test server that drops the connection after storing.
//
//	go run ./examples/dmp
package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/dop2i/fairmeta/datacite"
	"github.com/dop2i/fairmeta/datacite/datacitetest"
	"github.com/dop2i/fairmeta/dmp"
)

// ccIN2P3 is the ROR ID of the computing centre that the needs are declared at.
const ccIN2P3 = "https://ror.org/04dcc3438"

// accounting is what the centre's accounting says the project used: centre, year, resource, amount, unit.
const accounting = `centre,year,resource,amount,unit
04dcc3438,2026,cpu,1310000,core-hours
04dcc3438,2026,disk,0.42,PB
04dcc3438,2026,tape,0.9,PB
`

func main() {
	if err := run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "dmp:", err)
		os.Exit(1)
	}
}

func plan() *dmp.Document {
	yes := false
	size := int64(450e12)
	return &dmp.Document{DMP: dmp.DMP{
		Title:              "LSST-FR processing at CC-IN2P3",
		Language:           "eng",
		Created:            "2025-11-03T09:00:00Z",
		Modified:           "2026-01-15T14:30:00Z",
		DMPID:              dmp.ID{Identifier: "https://lsst-fr.example.org/dmp", Type: "url"},
		EthicalIssuesExist: "no",
		Contact: dmp.Contact{Name: "Lefèvre, Camille", Mbox: "camille.lefevre@example.org",
			ContactIDs:   []dmp.ID{{Identifier: "https://orcid.org/0000-0002-1825-0097", Type: "orcid"}},
			Affiliations: []dmp.Affiliation{{Name: "CC-IN2P3", AffiliationID: dmp.ID{Identifier: ccIN2P3, Type: "ror"}}}},
		Projects: []dmp.Project{{Title: "LSST-FR", Start: "2026-01-01", End: "2027-12-31",
			Funding: []dmp.Funding{{FunderID: dmp.ID{Identifier: "https://ror.org/02feahw73", Type: "ror"}, FundingStatus: "granted",
				Extra: dmp.Extra{{Key: "funder_name", Value: []byte(`"CNRS"`)}}}}}},
		Datasets: []dmp.Dataset{{
			Title: "Processed images, data release 1", Type: "Dataset", IsReused: &yes,
			DatasetID:    dmp.ID{Identifier: "https://doi.org/10.5072/lsst-fr-dr1", Type: "doi"},
			PersonalData: "no", SensitiveData: "no", Issued: "2027-06-30",
			Distributions: []dmp.Distribution{{Title: "Calibrated exposures (FITS)", DataAccess: "open", ByteSize: &size,
				Formats:  []string{"application/fits"},
				Licenses: []dmp.License{{LicenseRef: "https://creativecommons.org/licenses/by/4.0/", StartDate: "2027-06-30"}},
				Host: &dmp.Host{Title: "CC-IN2P3 storage", URL: "https://cc.in2p3.fr",
					HostIDs: []dmp.ID{{Identifier: ccIN2P3, Type: "ror"}}}}},
			TechnicalResources: []dmp.TechnicalResource{{Name: "CC-IN2P3",
				TechnicalResourceIDs: []dmp.ID{{Identifier: ccIN2P3, Type: "ror"}},
				Needs: []dmp.Need{
					{Year: 2026, Resource: dmp.CPU, Amount: 1.2, Unit: "Mcore-hours"},
					{Year: 2026, Resource: dmp.Disk, Amount: 450, Unit: "TB"},
					{Year: 2026, Resource: dmp.Tape, Amount: 1, Unit: "PB"},
					{Year: 2027, Resource: dmp.CPU, Amount: 1.5, Unit: "Mcore-hours"},
					{Year: 2027, Resource: dmp.GPU, Amount: 8000, Unit: "gpu-hours"},
					{Year: 2027, Resource: dmp.Disk, Amount: 0.8, Unit: "PB"},
				}}},
		}},
	}}
}

func run(w io.Writer) error {
	doc := plan()

	// 1. Write the plan as maDMP 1.2 JSON and validate it: errors are what the 1.2 schema rejects.
	var js bytes.Buffer
	if err := doc.Write(&js); err != nil {
		return err
	}
	rep, err := dmp.Validate(js.Bytes())
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "1. maDMP 1.2: %d bytes, %d errors, %d warnings\n", js.Len(), len(rep.Errors()), len(rep)-len(rep.Errors()))
	for _, p := range rep {
		fmt.Fprintf(w, "   %s\n", p)
	}

	// 2. Declared needs against the centre's accounting, per year.
	demands, notes := doc.Demands()
	usage, err := dmp.ReadUsage(strings.NewReader(accounting))
	if err != nil || len(notes) > 0 {
		return fmt.Errorf("needs: %v %v", err, notes)
	}
	fmt.Fprintln(w, "2. Computing and storage at CC-IN2P3, declared and used:")
	if err := dmp.Resources(demands, usage, false).WriteTable(indent{w}); err != nil {
		return err
	}

	// 3. The plan as a DataCite OutputManagementPlan record, minted exactly once through a faulty server.
	res, notes := doc.PlanResource()
	for _, n := range notes {
		fmt.Fprintf(w, "   note: %s\n", n)
	}
	rec := datacite.FromResource(res)
	srv := datacitetest.NewServer(datacitetest.WithRepository("IN2P3.DMP", "example-only", "10.5072"))
	defer srv.Close()
	client, err := datacite.NewClient(datacite.WithBaseURL(srv.URL), datacite.WithCredentials("IN2P3.DMP", "example-only"))
	if err != nil {
		return err
	}
	srv.InjectNext("", datacitetest.FaultDropAfter) // the connection drops after DataCite stored the DOI
	minted, err := client.Mint(context.Background(), datacite.MintRequest{Record: rec, Prefix: "10.5072", Event: datacite.EventPublish})
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "3. %s %s: %s, %d creator(s), %d related dataset(s); the server holds %d DOI(s)\n", minted.DOI, minted.State,
		rec.Types.ResourceTypeGeneral, len(rec.Creators), len(rec.RelatedIdentifiers), len(srv.DOIs()))

	// 4. What a machine can check in the plan (offline here; -network in the CLI resolves the DOIs).
	check, err := doc.Check(context.Background(), dmp.CheckOptions{})
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "4. Checks:")
	return check.WriteText(indent{w})
}

// indent writes each line with three spaces before it.
type indent struct{ w io.Writer }

func (i indent) Write(p []byte) (int, error) {
	lines := strings.SplitAfter(string(p), "\n")
	for _, l := range lines {
		if l == "" {
			continue
		}
		if _, err := io.WriteString(i.w, "   "+l); err != nil {
			return 0, err
		}
	}
	return len(p), nil
}
