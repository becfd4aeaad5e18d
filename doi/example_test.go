package doi_test

import (
	"fmt"

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
