package inspire_test

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/dop2i/fairmeta/fair"
	"github.com/dop2i/fairmeta/inspire"
	"github.com/dop2i/fairmeta/internal/testenv"
)

func loadLookup(t *testing.T) *inspire.Lookup {
	t.Helper()
	var lk inspire.Lookup
	for _, sub := range []string{"institutions", "authors", "literature"} {
		files, _ := filepath.Glob(filepath.Join(testenv.SharedData(t, "publications", "inspire", sub), "*.json"))
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			n, err := lk.Add(b)
			if err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			if (sub == "literature") != (n == 0) {
				t.Errorf("%s: Add took %d records", f, n)
			}
		}
	}
	// The schema's own examples of an institution and an author record.
	for _, name := range []string{"institutions_example.json", "authors_example.json"} {
		b, err := os.ReadFile(filepath.Join(testenv.SharedData(t, "publications", "inspire-schemas", "examples"), name))
		if err != nil {
			t.Fatal(err)
		}
		if n, err := lk.Add(b); err != nil || n != 1 {
			t.Errorf("%s: Add took %d records, %v", name, n, err)
		}
		if _, _, err := inspire.Read(b); !errors.Is(err, inspire.ErrNotLiterature) {
			t.Errorf("%s: Read gives %v, want ErrNotLiterature", name, err)
		}
	}
	return &lk
}

func TestLookup(t *testing.T) {
	lk := loadLookup(t)
	if ni, na := lk.Len(); ni < 5 || na < 10 {
		t.Fatalf("lookup of %d institutions and %d authors", ni, na)
	}
	cern, ok := lk.Institution("902725")
	if !ok || cern.ROR != "https://ror.org/01ggx4157" || cern.Country != "FR" || cern.GRID != "grid.9132.9" ||
		!slices.Contains(cern.Names, "European Organization for Nuclear Research") {
		t.Errorf("CERN: %+v", cern)
	}

	b, err := os.ReadFile(testenv.SharedData(t, "publications", "inspire", "literature", "1992645.json"))
	if err != nil {
		t.Fatal(err)
	}
	recs, _, err := inspire.Read(b)
	if err != nil {
		t.Fatal(err)
	}
	r := recs[0]
	rep := lk.Resolve(r)
	a := r.Creators[0].Affiliations[0]
	if a.Identifier != "https://ror.org/01ggx4157" || a.IdentifierScheme != "ROR" ||
		!slices.Contains(a.OtherIdentifiers, fair.NameIdentifier{Value: "902725", Scheme: fair.OrgSchemeInspire}) {
		t.Errorf("CERN affiliation after Resolve: %+v", a)
	}
	if !slices.ContainsFunc(r.Creators[0].NameIdentifiers, func(ni fair.NameIdentifier) bool { return ni.Scheme == "ORCID" }) {
		t.Errorf("the author record's ORCID was not added: %+v", r.Creators[0].NameIdentifiers)
	}
	if len(rep.Resolved) < 2 {
		t.Errorf("report: %+v", rep)
	}
	// Resolving again changes nothing.
	if again := lk.Resolve(r); len(again.Resolved) != 0 {
		t.Errorf("second Resolve changed %+v", again.Resolved)
	}
}

func TestLookupUnknown(t *testing.T) {
	var lk inspire.Lookup
	recs, _, err := inspire.Read(collaborationPaper(2))
	if err != nil {
		t.Fatal(err)
	}
	rep := lk.Resolve(recs[0])
	// Two authors, two affiliations each, and their author records: all unknown to an empty lookup.
	if len(rep.Unknown) != 6 || len(rep.Resolved) != 0 {
		t.Errorf("empty lookup: %d unknown, %d resolved", len(rep.Unknown), len(rep.Resolved))
	}
}
