package doi_test

import (
	"context"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/dop2i/fairmeta/datacite/datacitetest"
	"github.com/dop2i/fairmeta/doi"
)

func ExampleParse() {
	for _, s := range []string{"https://doi.org/10.5281/ZENODO.1234", "doi:10.1000/182", "10.abc/x"} {
		d, err := doi.Parse(s)
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Println(d, d.URL())
	}
	// Output:
	// 10.5281/zenodo.1234 https://doi.org/10.5281/zenodo.1234
	// 10.1000/182 https://doi.org/10.1000/182
	// doi: "10.abc/x" is not a DOI: registrant code "abc" is not made of digits
}

func ExampleFormatSuffix() {
	fmt.Println(doi.FormatSuffix(0), doi.FormatSuffix(1), doi.FormatSuffix(1<<30-1))
	fmt.Println(doi.CheckSuffix("zzzz-zz02"), doi.CheckSuffix("zzzz-zz01"))
	// Output:
	// 0000-0098 0000-0195 zzzz-zz02
	// <nil> doi: suffix "zzzz-zz01" is not a generated suffix: check value 01, want 02
}

func ExampleNewDOI() {
	d, err := doi.NewDOI("10.5072", "in2p3.")
	fmt.Println(err, d.Prefix(), strings.HasPrefix(d.Suffix(), "in2p3."), doi.CheckSuffix(d.Suffix()) == nil)
	// Output: <nil> 10.5072 true true
}

// Resolution against a loopback stand-in for doi.org; in production, NewResolver() talks to https://doi.org/.
func ExampleResolver_Resolve() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `{"responseCode":1,"handle":"10.5072/abcd-ef12","values":[{"index":1,"type":"URL","data":{"format":"string","value":"https://data.example.org/runs/4271"}}]}`)
	}))
	defer srv.Close()

	r, err := doi.NewResolver(doi.WithBaseURL(srv.URL))
	if err != nil {
		fmt.Println(err)
		return
	}
	res, err := r.Resolve(context.Background(), doi.MustParse("doi:10.5072/ABCD-EF12"))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(res.DOI, "→", res.URL)
	// Output: 10.5072/abcd-ef12 → https://data.example.org/runs/4271
}

// Negotiate fetches a DOI's metadata in whichever of the formats fairmeta reads the resolver gives, in one request.
func ExampleResolver_Negotiate() {
	srv := datacitetest.NewServer() // a loopback DataCite, which answers content negotiation like doi.org
	defer srv.Close()
	srv.Add(datacitetest.StoredDOI{DOI: "10.5072/abcd-ef12", Client: datacitetest.DefaultRepository, State: "findable",
		URL: "https://data.example.org/runs/4271", Attributes: []byte(`{"titles":[{"title":"Run 4271"}]}`)})

	r, err := doi.NewResolver(doi.WithBaseURL(srv.URL))
	if err != nil {
		log.Fatal(err)
	}
	m, err := r.Negotiate(context.Background(), doi.MustParse("https://doi.org/10.5072/ABCD-EF12"))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(m.ContentType)
	fmt.Println(strings.Contains(string(m.Body), "Run 4271"))
	// Output:
	// application/vnd.datacite.datacite+json
	// true
}
