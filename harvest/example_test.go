package harvest_test

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/dop2i/fairmeta/datacite"
	"github.com/dop2i/fairmeta/fair"
	"github.com/dop2i/fairmeta/harvest"
	"github.com/dop2i/fairmeta/harvest/oaipmhtest"
)

// Harvest a repository's DataCite records over OAI-PMH into JSON Lines (here standard output; OpenOutput gives a
// file with a checkpoint, for harvests that resume).
func ExampleHarvestOAI() {
	rec := &datacite.Record{DOI: "10.5072/run-4271", Creators: []datacite.Creator{{Name: "Lefèvre, Camille"}},
		Titles: []datacite.Title{{Title: "Calibrated air-shower events"}}, Publisher: datacite.Publisher{Name: "CC-IN2P3"},
		PublicationYear: 2026, Types: datacite.Types{ResourceTypeGeneral: fair.ResourceTypeDataset}}
	srv := oaipmhtest.NewServer(oaipmhtest.WithRecords(oaipmhtest.DataCiteRecord(rec, time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC))))
	defer srv.Close()

	client, err := harvest.NewOAIClient(srv.URL)
	if err != nil {
		fmt.Println(err)
		return
	}
	out, _ := harvest.NewOutput(os.Stdout)
	st, err := harvest.HarvestOAI(context.Background(), client, harvest.Query{MetadataPrefix: "oai_datacite"}, out)
	fmt.Println(st.Items, "record(s), error:", err)
	// Output:
	// {"identifier":"doi:10.5072/run-4271","datestamp":"2026-03-01T10:00:00Z","deleted":false,"record":{"doi":"10.5072/run-4271","creators":[{"name":"Lefèvre, Camille"}],"titles":[{"title":"Calibrated air-shower events"}],"publisher":{"name":"CC-IN2P3"},"publicationYear":2026,"types":{"resourceTypeGeneral":"Dataset"}}}
	// 1 record(s), error: <nil>
}
