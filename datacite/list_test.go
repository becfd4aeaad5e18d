package datacite_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/dop2i/fairmeta/datacite"
	"github.com/dop2i/fairmeta/datacite/datacitetest"
)

// TestListPastTenThousand lists more DOIs than page numbers reach: the API (and datacitetest) refuse page numbers
// past the first 10,000 records, cursor paging reads them all, and a cursor resumes a listing.
func TestListPastTenThousand(t *testing.T) {
	t.Parallel()
	srv, c := setup(t, nil)
	const n = 10_250
	t0 := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range n {
		typ := "Dataset"
		if i%10 == 0 {
			typ = "OutputManagementPlan"
		}
		err := srv.Add(datacitetest.StoredDOI{DOI: fmt.Sprintf("10.5072/many-%05d", i), Client: repo, State: "findable",
			Attributes: []byte(`{"types":{"resourceTypeGeneral":"` + typ + `"},"titles":[{"title":"Run ` + fmt.Sprint(i) + `"}]}`),
			Created:    t0, Updated: t0.Add(time.Duration(i) * time.Hour)})
		if err != nil {
			t.Fatal(err)
		}
	}
	ctx := context.Background()
	// page numbers stop at 10,000 records
	_, _, err := c.DOIs.Get(ctx, "10.5072/many-00000")
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.Get(srv.URL + "/dois?page[size]=1000&page[number]=11")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusBadRequest {
		t.Errorf("page 11 of 1,000: status %d, want 400", resp.StatusCode)
	}
	// the iterator reads them all, each once
	seen := map[string]bool{}
	for rec, err := range c.DOIs.List(ctx, datacite.ListOptions{PageSize: 1000}) {
		if err != nil {
			t.Fatal(err)
		}
		if seen[rec.DOI] {
			t.Fatalf("%s listed twice", rec.DOI)
		}
		seen[rec.DOI] = true
	}
	if len(seen) != n {
		t.Errorf("listed %d DOIs, want %d", len(seen), n)
	}
	// pages resume from a cursor; filters combine
	opt := datacite.ListOptions{ResourceTypeID: "output-management-plan", Query: `updated:["2020-01-10T00:00:00Z" TO "2020-03-01T00:00:00Z"}`, PageSize: 50}
	var want int
	for i := range n {
		u := t0.Add(time.Duration(i) * time.Hour)
		if i%10 == 0 && !u.Before(time.Date(2020, 1, 10, 0, 0, 0, 0, time.UTC)) && u.Before(time.Date(2020, 3, 1, 0, 0, 0, 0, time.UTC)) {
			want++
		}
	}
	got, cursor := 0, ""
	for page := 0; ; page++ {
		p, _, err := c.DOIs.ListPage(ctx, opt, cursor)
		if err != nil {
			t.Fatal(err)
		}
		if p.Total != want {
			t.Errorf("total %d, want %d", p.Total, want)
		}
		got += len(p.Items)
		if p.Next == "" {
			break
		}
		cursor = p.Next
	}
	if got != want || want == 0 {
		t.Errorf("filtered listing: %d DOIs, want %d", got, want)
	}
	if _, _, err := c.DOIs.ListPage(ctx, opt, "not-a-cursor"); err == nil {
		t.Error("a made-up cursor: no error")
	} else if ae := new(datacite.APIError); !errors.As(err, &ae) || ae.StatusCode != http.StatusBadRequest {
		t.Errorf("a made-up cursor: %v, want a 400 *APIError", err)
	}
}
