package schemaorg

import (
	"context"
	"encoding/json"
	"reflect"
	"testing"

	"github.com/dop2i/fairmeta/fair"
)

// everyRelation is a record that uses every relation type, contributor type and date type once, so that the writer
// emits every term it can.
func everyRelation() *fair.Resource {
	r := fullDataset()
	r.RelatedIdentifiers = nil
	for i, rel := range fair.RelationTypes() {
		r.RelatedIdentifiers = append(r.RelatedIdentifiers, fair.RelatedIdentifier{Identifier: "10.1000/rel." + string(rel),
			IdentifierType: fair.IDTypeDOI, RelationType: rel, ResourceTypeGeneral: fair.ResourceTypeGenerals()[i%34]})
	}
	for _, ct := range fair.ContributorTypes() {
		r.Contributors = append(r.Contributors, fair.Contributor{ContributorType: ct, Creator: fair.Creator{Name: "Person " + string(ct)}})
	}
	for _, dt := range fair.DateTypes() {
		r.Dates = append(r.Dates, fair.Date{Date: "2026-01-02", Type: dt})
	}
	r.Software = software().Software
	return r
}

func emittedKeys(v any, keys map[string]bool) {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			if k[0] != '@' {
				keys[k] = true
			}
			emittedKeys(e, keys)
		}
	case []any:
		for _, e := range x {
			emittedKeys(e, keys)
		}
	}
}

func TestEmbeddedContextCoversWriter(t *testing.T) {
	var ctx struct {
		Context map[string]any `json:"@context"`
	}
	if err := json.Unmarshal(EmbeddedContext(), &ctx); err != nil {
		t.Fatal(err)
	}
	keys := map[string]bool{}
	for _, r := range []*fair.Resource{everyRelation(), software(), publication()} {
		doc, _, err := Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		var m any
		if err := json.Unmarshal(doc, &m); err != nil {
			t.Fatal(err)
		}
		emittedKeys(m, keys)
	}
	for k := range keys {
		if _, ok := ctx.Context[k]; !ok {
			t.Errorf("the writer emits %q, which the embedded context does not define", k)
		}
	}
	for k := range ctx.Context {
		if k[0] != '@' && k != "schema" && k != "id" && k != "type" && !keys[k] {
			t.Errorf("the embedded context defines %q, which the writer never emits", k)
		}
	}
}

func TestEmbeddedContextAgreesWithOfficial(t *testing.T) {
	var emb, off struct {
		Context map[string]any `json:"@context"`
	}
	if err := json.Unmarshal(EmbeddedContext(), &emb); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(officialContext(t), &off); err != nil {
		t.Fatal(err)
	}
	for k, v := range emb.Context {
		if !reflect.DeepEqual(off.Context[k], v) {
			t.Errorf("term %q: embedded %v, official %v", k, v, off.Context[k])
		}
	}
	// The documents the writer produces mean the same under either context.
	var embedded Processor
	official, err := NewProcessor(WithSchemaOrgContext(officialContext(t)))
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range []*fair.Resource{everyRelation(), software(), publication()} {
		doc, _, _ := Marshal(r)
		a, err := embedded.Canonicalize(context.Background(), doc)
		if err != nil {
			t.Fatal(err)
		}
		b, err := official.Canonicalize(context.Background(), doc)
		if err != nil {
			t.Fatal(err)
		}
		if string(a) != string(b) {
			t.Errorf("%s: N-Quads differ between the embedded and the official context\nembedded:\n%s\nofficial:\n%s", r.MainTitle(), a, b)
		}
	}
}
