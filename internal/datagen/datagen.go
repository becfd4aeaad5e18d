// Package datagen makes large, varied DataCite JSON Lines inputs for the tests and benchmarks of the streaming
// commands, by perturbing real records (the shared REST sample): new DOIs, titles, years, types, creators,
// affiliations (some of them IN2P3 laboratories named in free text, some with ROR IDs), ORCIDs; each line in one of
// the shapes bulk DataCite data comes in; and, on request, a fraction of corrupted lines.
package datagen

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"strconv"
)

// Shapes of a line.
const (
	ShapeJSONAPI    = iota // {"data": {"id", "type", "attributes"}}
	ShapeResource          // {"id", "type": "dois", "attributes"} — DataCite's data file
	ShapeAttributes        // the bare attributes object
	ShapeHarvested         // a harvested item {"identifier", "datestamp", "deleted", "record"}
	numShapes
)

// Options say what to generate.
type Options struct {
	Records int     // lines to write
	Seed    uint64  // the same seed gives the same lines
	Corrupt float64 // fraction of lines corrupted (truncated JSON, text, a wrong type)
	Shapes  []int   // the shapes drawn from; empty means all
}

// Result says what was generated.
type Result struct {
	DOIs    []string // the DOI of each good line, in order
	Bad     []int    // the 1-based numbers of the corrupted lines
	Affil   int      // good records with an IN2P3 laboratory among the affiliations
	ByShape [numShapes]int
}

var labs = []struct{ name, ror string }{
	{"Laboratoire de Physique des 2 Infinis Irène Joliot-Curie, Orsay, France", ""},
	{"LPNHE, Paris, France", ""},
	{"Centre de Calcul de l'IN2P3", "https://ror.org/04dcc3438"},
	{"Centre de Physique des Particules de Marseille", "https://ror.org/00fw8bp86"},
}

// Generate writes opts.Records lines made from base (JSON:API resource objects of real records) to w.
func Generate(w io.Writer, base []json.RawMessage, opts Options) (*Result, error) {
	if len(base) == 0 {
		return nil, fmt.Errorf("datagen: no base records")
	}
	type resource struct {
		ID            string                     `json:"id"`
		Type          string                     `json:"type"`
		Attributes    map[string]json.RawMessage `json:"attributes"`
		Relationships json.RawMessage            `json:"relationships,omitempty"`
	}
	recs := make([]resource, len(base))
	for i, b := range base {
		if err := json.Unmarshal(b, &recs[i]); err != nil {
			return nil, fmt.Errorf("datagen: base record %d: %w", i, err)
		}
		if len(recs[i].Relationships) > 0 { // one line per record: no newline of the source's indentation
			var c bytes.Buffer
			if err := json.Compact(&c, recs[i].Relationships); err != nil {
				return nil, err
			}
			recs[i].Relationships = c.Bytes()
		}
	}
	shapes := opts.Shapes
	if len(shapes) == 0 {
		shapes = []int{ShapeJSONAPI, ShapeResource, ShapeAttributes, ShapeHarvested}
	}
	rng := rand.New(rand.NewPCG(opts.Seed, opts.Seed^0x5eed))
	res := &Result{}
	types := []string{"Dataset", "Software", "Text", "Image", "Collection", "PhysicalObject", "Other", "Dataset", "Dataset"}
	buf := make([]byte, 0, 16<<10)
	for n := 1; n <= opts.Records; n++ {
		src := recs[rng.IntN(len(recs))]
		attrs := make(map[string]json.RawMessage, len(src.Attributes))
		for k, v := range src.Attributes {
			attrs[k] = v
		}
		doi := fmt.Sprintf("10.5072/gen.%d.%x", n, rng.Uint32())
		attrs["doi"] = mustJSON(doi)
		attrs["publicationYear"] = mustJSON(1995 + rng.IntN(31))
		attrs["titles"] = mustJSON([]map[string]string{{"title": fmt.Sprintf("Run %d of %s", n, string(titleOf(src.Attributes)))}})
		attrs["types"] = mustJSON(map[string]string{"resourceTypeGeneral": types[rng.IntN(len(types))], "resourceType": "generated"})
		creators := []map[string]any{}
		for c := 0; c < 1+rng.IntN(4); c++ {
			cr := map[string]any{"name": fmt.Sprintf("Person%d, Given%d", rng.IntN(5000), c), "nameType": "Personal",
				"nameIdentifiers": []any{}, "affiliation": []any{}}
			if rng.IntN(3) == 0 {
				cr["nameIdentifiers"] = []map[string]string{{"nameIdentifier": orcid(rng), "nameIdentifierScheme": "ORCID", "schemeUri": "https://orcid.org"}}
			}
			creators = append(creators, cr)
		}
		in2p3 := rng.IntN(10) == 0
		if in2p3 {
			lab := labs[rng.IntN(len(labs))]
			aff := map[string]string{"name": lab.name}
			if lab.ror != "" {
				aff["affiliationIdentifier"], aff["affiliationIdentifierScheme"], aff["schemeUri"] = lab.ror, "ROR", "https://ror.org"
			}
			creators[0]["affiliation"] = []map[string]string{aff}
		}
		attrs["creators"] = mustJSON(creators)
		updated := fmt.Sprintf("20%02d-%02d-%02dT%02d:%02d:%02dZ", 15+rng.IntN(10), 1+rng.IntN(12), 1+rng.IntN(28), rng.IntN(24), rng.IntN(60), rng.IntN(60))
		attrs["updated"] = mustJSON(updated)
		shape := shapes[rng.IntN(len(shapes))]
		buf = buf[:0]
		a := mustJSON(attrs)
		r := resource{ID: doi, Type: "dois", Relationships: src.Relationships}
		switch shape {
		case ShapeJSONAPI:
			buf = append(buf, `{"data":{"id":`...)
			buf = append(buf, mustJSON(r.ID)...)
			buf = append(buf, `,"type":"dois","attributes":`...)
			buf = append(append(buf, a...), "}}"...)
		case ShapeResource:
			buf = append(buf, `{"id":`...)
			buf = append(buf, mustJSON(r.ID)...)
			buf = append(buf, `,"type":"dois","attributes":`...)
			buf = append(buf, a...)
			if len(r.Relationships) > 0 {
				buf = append(append(buf, `,"relationships":`...), r.Relationships...)
			}
			buf = append(buf, '}')
		case ShapeAttributes:
			buf = append(buf, a...)
		case ShapeHarvested:
			buf = append(buf, `{"identifier":`...)
			buf = append(buf, mustJSON(doi)...)
			buf = append(buf, `,"datestamp":`...)
			buf = append(buf, mustJSON(updated)...)
			buf = append(buf, `,"deleted":false,"record":`...)
			buf = append(append(buf, a...), '}')
		}
		if opts.Corrupt > 0 && rng.Float64() < opts.Corrupt {
			switch rng.IntN(3) {
			case 0:
				buf = buf[:len(buf)/2] // truncated JSON
			case 1:
				buf = append(buf[:0], "this line is not a record "+strconv.Itoa(n)...)
			case 2: // well-formed JSON of the wrong type in a property
				buf = append(buf[:0], `{"data":{"id":"x","type":"dois","attributes":{"titles":"not a list","types":{"resourceTypeGeneral":"Dataset"}}}}`...)
			}
			res.Bad = append(res.Bad, n)
		} else {
			res.DOIs = append(res.DOIs, doi)
			res.ByShape[shape]++
			if in2p3 {
				res.Affil++
			}
		}
		buf = append(buf, '\n')
		if _, err := w.Write(buf); err != nil {
			return nil, err
		}
	}
	return res, nil
}

func titleOf(attrs map[string]json.RawMessage) []byte {
	var ts []struct {
		Title string `json:"title"`
	}
	_ = json.Unmarshal(attrs["titles"], &ts)
	if len(ts) == 0 {
		return []byte("a dataset")
	}
	t := ts[0].Title
	if len(t) > 120 {
		t = t[:120]
	}
	return []byte(t)
}

// orcid makes a valid ORCID (its check digit computed as ISO 7064 11,2 wants).
func orcid(rng *rand.Rand) string {
	digits := fmt.Sprintf("0000000%08d", rng.IntN(100_000_000))[:15]
	total := 0
	for _, c := range digits {
		total = (total + int(c-'0')) * 2
	}
	check := (12 - total%11) % 11
	last := strconv.Itoa(check)
	if check == 10 {
		last = "X"
	}
	d := digits + last
	return "https://orcid.org/" + d[0:4] + "-" + d[4:8] + "-" + d[8:12] + "-" + d[12:16]
}

func mustJSON(v any) json.RawMessage {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err) // only called with values that always marshal
	}
	return b
}
