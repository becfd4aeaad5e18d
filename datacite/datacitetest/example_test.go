package datacitetest_test

import (
	"context"
	"fmt"

	"github.com/dop2i/fairmeta/datacite"
	"github.com/dop2i/fairmeta/datacite/datacitetest"
	"github.com/dop2i/fairmeta/fair"
)

// Testing a pipeline's minting code: start a server with your repository and prefix, make it misbehave, point the
// client at it, and check what the server really holds.
func Example() {
	srv := datacitetest.NewServer(datacitetest.WithRepository("MYLAB.PIPELINE", "secret", "10.5072"))
	defer srv.Close()
	// The next create is stored, then its answer is lost; then one request gets a 503-like failure.
	srv.InjectNext("POST", datacitetest.FaultDropAfter)
	srv.InjectNext("", datacitetest.FaultServerError)

	client, err := datacite.NewClient(datacite.WithBaseURL(srv.URL), datacite.WithCredentials("MYLAB.PIPELINE", "secret"))
	if err != nil {
		fmt.Println(err)
		return
	}
	rec := &datacite.Record{
		URL:             "https://data.example.org/runs/4271",
		Creators:        []datacite.Creator{{Name: "Rossi, Paolo"}},
		Titles:          []datacite.Title{{Title: "Run 4271"}},
		Publisher:       datacite.Publisher{Name: "CC-IN2P3"},
		PublicationYear: 2026,
		Types:           datacite.Types{ResourceTypeGeneral: fair.ResourceTypeDataset},
	}
	res, err := client.Mint(context.Background(), datacite.MintRequest{Record: rec, Prefix: "10.5072", Event: datacite.EventPublish})
	if err != nil {
		fmt.Println(err)
		return
	}
	stored, _ := srv.Lookup(string(res.DOI))
	st := srv.Stats()
	fmt.Println("stored:", len(srv.DOIs()), stored.State, stored.URL)
	fmt.Println("faults injected:", st.FaultCount(), "creates:", st.Created)
	// Output:
	// stored: 1 findable https://data.example.org/runs/4271
	// faults injected: 2 creates: 1
}
