package datacite_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/dop2i/fairmeta/datacite"
	"github.com/dop2i/fairmeta/datacite/datacitetest"
	"github.com/dop2i/fairmeta/fair"
)

// exampleRecord is a record with the mandatory properties and a landing page.
func exampleRecord(url, title string) *datacite.Record {
	return &datacite.Record{
		URL:             url,
		Creators:        []datacite.Creator{{Name: "Lefèvre, Camille", NameType: fair.NamePersonal}},
		Titles:          []datacite.Title{{Title: title}},
		Publisher:       datacite.Publisher{Name: "CC-IN2P3"},
		PublicationYear: 2026,
		Types:           datacite.Types{ResourceTypeGeneral: fair.ResourceTypeDataset},
	}
}

// Minting one DOI exactly once. The example runs against an in-process datacitetest server that drops the
// connection after storing the DOI — the failure that makes naive clients mint twice.
func ExampleClient_Mint() {
	srv := datacitetest.NewServer() // repository TEST.REPO owning prefix 10.5072
	defer srv.Close()
	srv.InjectNext("POST", datacitetest.FaultDropAfter)

	client, err := datacite.NewClient(datacite.WithBaseURL(srv.URL),
		datacite.WithCredentials(datacitetest.DefaultRepository, datacitetest.DefaultPassword))
	if err != nil {
		fmt.Println(err)
		return
	}
	res, err := client.Mint(context.Background(), datacite.MintRequest{
		Record: exampleRecord("https://data.example.org/runs/4271", "Calibrated air-shower events, run 4271"),
		Prefix: "10.5072",
		Event:  datacite.EventPublish,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(strings.HasPrefix(string(res.DOI), "10.5072/"), res.State, "recovered:", res.Recovered)
	fmt.Println("DOIs on the server:", len(srv.DOIs()))
	// Output:
	// true findable recovered: true
	// DOIs on the server: 1
}

// Errors are typed: errors.Is tells the condition, errors.As gives the API's problems with their paths.
func ExampleError() {
	srv := datacitetest.NewServer()
	defer srv.Close()
	client, _ := datacite.NewClient(datacite.WithBaseURL(srv.URL),
		datacite.WithCredentials(datacitetest.DefaultRepository, datacitetest.DefaultPassword))

	rec := exampleRecord("", "No landing page yet")
	rec.DOI, rec.Event = "10.5072/example-1", datacite.EventPublish
	_, _, err := client.DOIs.Create(context.Background(), rec)
	var apiErr *datacite.APIError
	if errors.Is(err, datacite.ErrInvalidMetadata) && errors.As(err, &apiErr) {
		for _, p := range apiErr.Problems {
			fmt.Println(apiErr.StatusCode, p.Source, p.Title)
		}
	}
	// Output: 422 url Can't be blank
}

// A batch with a journal: the second run finds everything minted and sends nothing.
func ExampleClient_MintBatch() {
	srv := datacitetest.NewServer()
	defer srv.Close()
	client, _ := datacite.NewClient(datacite.WithBaseURL(srv.URL),
		datacite.WithCredentials(datacitetest.DefaultRepository, datacitetest.DefaultPassword))
	dir, _ := os.MkdirTemp("", "mint")
	defer os.RemoveAll(dir)

	var recs []*datacite.Record
	for i := range 3 {
		recs = append(recs, exampleRecord(fmt.Sprintf("https://data.example.org/runs/%d", 4271+i), fmt.Sprintf("Run %d", 4271+i)))
	}
	opts := datacite.BatchOptions{Prefix: "10.5072", Event: datacite.EventRegister, Journal: filepath.Join(dir, "mint.journal")}
	for run := 1; run <= 2; run++ {
		results, err := client.MintBatch(context.Background(), recs, opts)
		if err != nil {
			fmt.Println(err)
			return
		}
		for _, r := range results {
			fmt.Println("run", run, "record", r.Index, r.State, "from journal:", r.Resumed, "error:", r.Err)
		}
	}
	fmt.Println("DOIs on the server:", len(srv.DOIs()))
	// Output:
	// run 1 record 0 registered from journal: false error: <nil>
	// run 1 record 1 registered from journal: false error: <nil>
	// run 1 record 2 registered from journal: false error: <nil>
	// run 2 record 0 registered from journal: true error: <nil>
	// run 2 record 1 registered from journal: true error: <nil>
	// run 2 record 2 registered from journal: true error: <nil>
	// DOIs on the server: 3
}

// Listing is an iterator over every page.
func ExampleDOIService_List() {
	srv := datacitetest.NewServer()
	defer srv.Close()
	client, _ := datacite.NewClient(datacite.WithBaseURL(srv.URL),
		datacite.WithCredentials(datacitetest.DefaultRepository, datacitetest.DefaultPassword))
	ctx := context.Background()
	for i := range 5 {
		rec := exampleRecord("https://data.example.org/", "Run")
		rec.DOI = fmt.Sprintf("10.5072/list-%d", i)
		if _, _, err := client.DOIs.Create(ctx, rec); err != nil {
			fmt.Println(err)
			return
		}
	}
	for rec, err := range client.DOIs.List(ctx, datacite.ListOptions{Prefix: "10.5072", PageSize: 2}) {
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(rec.DOI, rec.State)
	}
	// Output:
	// 10.5072/list-0 draft
	// 10.5072/list-1 draft
	// 10.5072/list-2 draft
	// 10.5072/list-3 draft
	// 10.5072/list-4 draft
}
