package dmp_test

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/dop2i/fairmeta/dmp"
	"github.com/dop2i/fairmeta/fair"
)

// TestFormatRoundTrip reads each shared plan as its OutputManagementPlan record, writes that record as a maDMP and
// reads it again: the record comes back, up to what the writer's notes name.
func TestFormatRoundTrip(t *testing.T) {
	f := dmp.Format()
	for _, file := range sharedDocs(t) {
		t.Run(filepath.Base(file), func(t *testing.T) {
			data, _ := os.ReadFile(file)
			recs, _, err := f.Read(data)
			if err != nil || len(recs) != 1 {
				t.Fatalf("Read: %v, %d records", err, len(recs))
			}
			r1 := recs[0]
			var out bytes.Buffer
			notWritten, err := f.Write(&out, r1)
			if err != nil {
				t.Fatal(err)
			}
			recs, _, err = f.Read(out.Bytes())
			if err != nil {
				t.Fatalf("reading what Write wrote: %v\n%s", err, out.String())
			}
			r2 := recs[0]
			same := func(what string, a, b any) {
				if !reflect.DeepEqual(a, b) {
					t.Errorf("%s: %v, then %v (notes %v)", what, a, b, notWritten)
				}
			}
			same("identifier", r1.Identifier, r2.Identifier)
			same("titles", r1.Titles, r2.Titles)
			same("descriptions", r1.Descriptions, r2.Descriptions)
			same("type", r1.ResourceType, r2.ResourceType)
			same("language", r1.Language, r2.Language)
			same("publication year", r1.PublicationYear, r2.PublicationYear)
			same("creators", names(r1.Creators), names(r2.Creators))
			same("funding", r1.FundingReferences, r2.FundingReferences)
			same("related identifiers", r1.RelatedIdentifiers[:min(len(r1.RelatedIdentifiers), len(r2.RelatedIdentifiers))], r2.RelatedIdentifiers)
		})
	}
}

func names(cs []fair.Creator) []string {
	var out []string
	for _, c := range cs {
		out = append(out, c.Name)
	}
	return out
}
