package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/dop2i/fairmeta/datacite"
	"github.com/dop2i/fairmeta/datacite/datacitetest"
	"github.com/dop2i/fairmeta/doi"
	"github.com/dop2i/fairmeta/fair"
)

// mintStep gives the record its DOI, exactly once, and resolves it.
//
// With DATACITE_USERNAME and DATACITE_PASSWORD set it talks to DataCite — the test system unless DATACITE_API_URL
// says otherwise — and mints a draft under DATACITE_PREFIX (drafts can be deleted). Without them it starts an
// in-process datacitetest server, a loopback DataCite, so the quickstart stays offline and needs no account; there it
// publishes the DOI and resolves it through the server's Handle API, as doi.org would.
func mintStep(rec *fair.Resource) error {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	event, prefix := datacite.EventPublish, datacitetest.DefaultPrefix
	opts := []datacite.Option{datacite.WithEnv(os.Getenv)}
	var srv *datacitetest.Server
	if os.Getenv(datacite.EnvUsername) == "" || os.Getenv(datacite.EnvPassword) == "" {
		srv = datacitetest.NewServer()
		defer srv.Close()
		opts = []datacite.Option{datacite.WithBaseURL(srv.URL), datacite.WithCredentials(datacitetest.DefaultRepository, datacitetest.DefaultPassword)}
		fmt.Println("  no DATACITE_* credentials: minting against an in-process datacitetest server")
	} else {
		event, prefix = "", os.Getenv("DATACITE_PREFIX")
		if prefix == "" {
			return fmt.Errorf("set DATACITE_PREFIX to your repository's DOI prefix (e.g. 10.5072) to mint at DataCite")
		}
	}
	client, err := datacite.NewClient(opts...)
	if err != nil {
		return err
	}
	fmt.Println("  client:", client)
	// Minting a fair.Resource writes the DOI back into it: the record printed below carries it.
	res, err := client.Mint(ctx, datacite.MintRequest{Resource: rec, Prefix: prefix, Shoulder: "qs-", Event: event})
	if err != nil {
		return err
	}
	fmt.Printf("  minted %s (%s) in %d request(s)\n", res.DOI, res.State, res.Attempts)
	if srv == nil {
		return nil
	}
	r, err := doi.NewResolver(doi.WithBaseURL(srv.URL))
	if err != nil {
		return err
	}
	loc, err := r.Resolve(ctx, res.DOI)
	if err != nil {
		return err
	}
	fmt.Printf("  %s resolves to %s\n", res.DOI, loc.URL)
	return nil
}
