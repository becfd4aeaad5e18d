package assess_test

import (
	"context"
	"os"
	"testing"

	"github.com/dop2i/fairmeta/assess"
	"github.com/dop2i/fairmeta/datacite"
	"github.com/dop2i/fairmeta/fair"
	"github.com/dop2i/fairmeta/internal/testenv"
)

// readExample reads one of the official DataCite example records through package datacite.
func readExample(t *testing.T, name string) *fair.Resource {
	t.Helper()
	b, err := os.ReadFile(testenv.SharedData(t, "datacite", "examples", "kernel-4.6", name))
	if err != nil {
		t.Fatal(err)
	}
	rec, _, err := datacite.ReadXML(b)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return datacite.ToResource(rec)
}

// TestOfficialExamplesRank checks that DataCite's full example scores at least as high as its dataset example, and
// both higher than a record with only the mandatory properties — offline and with the same metric set.
func TestOfficialExamplesRank(t *testing.T) {
	full := readExample(t, "datacite-example-full-v4.xml")
	dataset := readExample(t, "datacite-example-dataset-v4.xml")
	mandatory := &fair.Resource{ // the mandatory properties of the dataset example, nothing else
		Identifier: dataset.Identifier, Creators: []fair.Creator{{Name: dataset.Creators[0].Name}}, Titles: dataset.Titles[:1],
		Publisher: fair.Publisher{Name: dataset.Publisher.Name}, PublicationYear: dataset.PublicationYear,
		ResourceType: dataset.ResourceType,
	}
	score := func(name string, r *fair.Resource) *assess.Result {
		rep, err := assess.Assess(context.Background(), r, assess.WithMetricSet(assess.MetricsData))
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%-9s %5v / %v points (%v %%), maturity %v; F %v A %v I %v R %v", name, rep.Overall.Earned, rep.Overall.Total,
			rep.Overall.Percent, rep.Overall.Maturity, rep.Categories["F"].Earned, rep.Categories["A"].Earned,
			rep.Categories["I"].Earned, rep.Categories["R"].Earned)
		return rep
	}
	f, d, m := score("full", full), score("dataset", dataset), score("mandatory", mandatory)
	if f.Overall.Earned < d.Overall.Earned {
		t.Errorf("full example %v < dataset example %v", f.Overall.Earned, d.Overall.Earned)
	}
	if d.Overall.Earned <= m.Overall.Earned || f.Overall.Earned <= m.Overall.Earned {
		t.Errorf("examples (full %v, dataset %v) do not beat the mandatory-only record (%v)", f.Overall.Earned, d.Overall.Earned, m.Overall.Earned)
	}
	// What the full example lacks: a distribution (content URL, media type), an access-rights term, a linked
	// provenance record and a community-specific standard.
	for _, fx := range f.Fixes {
		t.Logf("full example, to fix [%s] %s", fx.Test, fx.Text)
	}
}
