package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/dop2i/fairmeta/hal"
	"github.com/dop2i/fairmeta/internal/testenv"
)

// The example's deposit validates against HAL's AOfr schema; each author's affiliation is resolved by the way the
// example shows (the INSPIRE institution's HAL structure, the table through the ROR ID, a new structure under the
// parent's, a new named structure), and every affiliation kept as a new structure is in the cataloguer's report.
func TestRun(t *testing.T) {
	var tei, report bytes.Buffer
	if err := run(context.Background(), &tei, &report); err != nil {
		t.Fatalf("%v\n%s", err, report.String())
	}
	p := filepath.Join(t.TempDir(), "deposit.xml")
	if err := os.WriteFile(p, tei.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	if v := testenv.HALAOfrXSD(t, p)[p]; v != "" {
		t.Errorf("the deposit does not validate against AOfr:\n%s", v)
	}
	docs, _, err := hal.Decode(tei.Bytes(), hal.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	d := docs[0]
	if len(d.Authors) != 4 || len(d.Collaborations) != 1 {
		t.Fatalf("%d authors, collaborations %q", len(d.Authors), d.Collaborations)
	}
	want := []struct {
		surname, structure, parent string
	}{
		{"Dupont", "struct-1234", ""},  // the INSPIRE institution record's HAL structure
		{"Rossi", "struct-1235", ""},   // IP2I's ROR ID in the table
		{"Lefèvre", "", "struct-1236"}, // LAPP: not in the table, its ROR parent IN2P3 is
		{"Schmidt", "", ""},            // CERN: neither
	}
	s := report.String()
	for i, w := range want {
		a := d.Authors[i]
		if a.Surname != w.surname || len(a.Affiliations) != 1 {
			t.Fatalf("author %d: %s with %d affiliations", i, a.Surname, len(a.Affiliations))
		}
		ref := strings.TrimPrefix(a.Affiliations[0], "#")
		st, ok := d.Structure(ref)
		switch {
		case !ok || st.Name == "":
			t.Errorf("%s: affiliation %s not described by name", a.Surname, ref)
		case w.structure != "" && ref != w.structure:
			t.Errorf("%s: affiliated to %s, want %s", a.Surname, ref, w.structure)
		case w.structure == "" && !strings.HasPrefix(ref, "localStruct-"):
			t.Errorf("%s: affiliated to %s, want a new structure", a.Surname, ref)
		case w.structure == "" && !strings.Contains(s, st.Name+": no HAL structure"):
			t.Errorf("%s: new structure %q not in the cataloguer's report:\n%s", a.Surname, st.Name, s)
		}
		if w.parent != "" && (len(st.Parents) != 1 || st.Parents[0].Ref != w.parent) {
			t.Errorf("%s: %s has parents %+v, want %s", a.Surname, ref, st.Parents, w.parent)
		}
	}
	for _, re := range []*regexp.Regexp{
		regexp.MustCompile(`1\. INSPIRE record 9000003 \(DOI 10\.5072/synthetic\.2026\.003\): .*, 5 creators, .* 1 affiliations resolved`),
		regexp.MustCompile(`2\. ROR: 3 affiliations identified`),
		regexp.MustCompile(`4\. HAL would refuse 0 things; 2 to review`),
	} {
		if !re.MatchString(s) {
			t.Errorf("report does not match %s:\n%s", re, s)
		}
	}
}
