package oaipmhtest_test

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/dop2i/fairmeta/harvest"
	"github.com/dop2i/fairmeta/harvest/oaipmhtest"
)

// A provider whose resumption tokens expire: the client's list starts again from the latest datestamp it saw and
// yields every record once.
func ExampleServer_ExpireTokens() {
	srv := oaipmhtest.NewServer(oaipmhtest.WithPageSize(2))
	defer srv.Close()
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range 5 {
		srv.Add(oaipmhtest.Record{Identifier: fmt.Sprintf("oai:example.org:%d", i), Datestamp: t0.Add(time.Duration(i) * time.Hour),
			Metadata: map[string]string{"oai_dc": `<oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/"/>`}})
	}
	c, _ := harvest.NewOAIClient(srv.URL, harvest.WithRateLimit(0, 0))
	ctx := context.Background()
	p, _ := c.ListRecordsPage(ctx, harvest.Query{MetadataPrefix: "oai_dc"}, "")
	srv.ExpireTokens()
	_, err := c.ListRecordsPage(ctx, harvest.Query{}, p.Token.Value)
	var pe *harvest.ProtocolError
	fmt.Println(errors.As(err, &pe) && pe.Code == harvest.CodeBadResumptionToken)

	n := 0
	for r, err := range c.ListRecords(ctx, harvest.Query{MetadataPrefix: "oai_dc"}) {
		if err != nil {
			fmt.Println(err)
			return
		}
		if n++; n == 2 {
			srv.ExpireTokens()
		}
		fmt.Println(r.Identifier, r.Datestamp)
	}
	// Output:
	// true
	// oai:example.org:0 2026-01-01T00:00:00Z
	// oai:example.org:1 2026-01-01T01:00:00Z
	// oai:example.org:2 2026-01-01T02:00:00Z
	// oai:example.org:3 2026-01-01T03:00:00Z
	// oai:example.org:4 2026-01-01T04:00:00Z
}
