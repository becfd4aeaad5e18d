package datacite

import (
	"bytes"
	"encoding/json"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/dop2i/fairmeta/fair"
	"golang.org/x/text/encoding/unicode"
)

// XMLFormat returns the descriptor of DataCite Metadata Schema 4.7 XML (named "datacite-xml") for package format:
// read with [ReadXML] (kernel-4 and kernel-3, UTF-8 or UTF-16), written with [Record.WriteXML] after
// [FromResource]. Its reader's notes are what [ReadXML] found that the record cannot hold; its writer's are
// [NotWritten], the landing page (url, which DataCite keeps beside the XML, not in it) and, when the XML written
// is invalid by the 4.7 XSD, a note per problem [Validate] finds (each missing mandatory property named).
func XMLFormat() fair.Format {
	return fair.Format{
		Name:        "datacite-xml",
		Description: "DataCite Metadata Schema 4.7 XML (reads kernel-3 and kernel-4)",
		MediaTypes:  []string{"application/vnd.datacite.datacite+xml", "application/xml"},
		Extensions:  []string{".xml"},
		Detect:      detectXML,
		Read: func(data []byte) ([]*fair.Resource, fair.Notes, error) {
			rec, notRead, err := ReadXML(data)
			if err != nil {
				return nil, nil, err
			}
			return []*fair.Resource{ToResource(rec)}, notRead, nil
		},
		Write: func(w io.Writer, r *fair.Resource) (fair.Notes, error) {
			if err := fair.CheckWrite(w, r); err != nil {
				return nil, err
			}
			rec := FromResource(r)
			notWritten := NotWritten(r)
			if r.URL != "" {
				notWritten.Add("url", r.URL, "DataCite XML has no property for the landing page: DataCite holds it beside the metadata (REST API url)")
			}
			return append(notWritten, xsdNotes(r, rec)...), rec.WriteXML(w)
		},
	}
}

// xsdNotes says, one note per problem, why the XML written for rec is invalid by the 4.7 XSD: each mandatory
// property it lacks (the DOI of a record that has none yet, a publicationYear, ...) and each value the schema
// refuses. The XML is written all the same — a draft to complete — but never silently. rec is FromResource(r); the
// notes name the places in r, as every writer's notes do ("identifier.value" for the DOI, "resourceType.general").
func xsdNotes(r *fair.Resource, rec *Record) fair.Notes {
	var out fair.Notes
	for _, p := range inResourceTerms(Validate(rec).Errors(), r, rec) {
		out.Add(p.Path, "", "the DataCite XML written is invalid by the 4.7 XSD: "+p.Message)
	}
	return out
}

// JSONFormat returns the descriptor of the DataCite REST API's JSON (named "datacite-json") for package format: read
// with [ReadJSON] (a JSON:API document, a list or bare attributes), written as a JSON:API document, a JSON:API list
// for several records, or one document per line. Its reader reports, beside [ReadJSON]'s notes, the attributes
// the record has no place for (contentUrl, older API generations' author or title, ...), not the REST API's
// administrative ones (state, counts, xml, ...). Its writer's notes are [NotWritten].
func JSONFormat() fair.Format {
	return fair.Format{
		Name:        "datacite-json",
		Description: "DataCite REST API JSON (JSON:API documents and lists, bare attributes)",
		MediaTypes:  []string{"application/vnd.datacite.datacite+json", "application/vnd.api+json"},
		Extensions:  []string{".json"},
		Detect:      detectJSON,
		Read: func(data []byte) ([]*fair.Resource, fair.Notes, error) {
			recs, notRead, err := ReadJSON(data)
			if err != nil {
				return nil, nil, err
			}
			if len(recs) == 0 {
				return nil, nil, &ReadError{Format: "JSON", Path: "data", Msg: "the document holds no record"}
			}
			out := make([]*fair.Resource, len(recs))
			for i, r := range recs {
				out[i] = ToResource(r)
				if len(recs) > 1 {
					notRead = append(notRead, extraNotes(r).Indexed("data", i)...)
				} else {
					notRead = append(notRead, extraNotes(r)...)
				}
			}
			return out, notRead, nil
		},
		Write: func(w io.Writer, r *fair.Resource) (fair.Notes, error) {
			if err := fair.CheckWrite(w, r); err != nil {
				return nil, err
			}
			b, err := FromResource(r).MarshalJSONAPI()
			if err != nil {
				return nil, err
			}
			var ind bytes.Buffer
			if err := json.Indent(&ind, b, "", "  "); err != nil {
				return nil, err
			}
			ind.WriteByte('\n')
			_, err = w.Write(ind.Bytes())
			return NotWritten(r), err
		},
		WriteList: func(w io.Writer, rs []*fair.Resource) (fair.Notes, error) {
			recs := make([]*Record, len(rs))
			var notWritten fair.Notes
			for i, r := range rs {
				recs[i] = FromResource(r)
				notWritten = append(notWritten, NotWritten(r).Prefixed(indexPath(i))...)
			}
			return notWritten, WriteJSONList(w, recs)
		},
		WriteLine: func(w io.Writer, r *fair.Resource) (fair.Notes, error) {
			return NotWritten(r), FromResource(r).WriteJSON(w)
		},
	}
}

func indexPath(i int) string { return "[" + strconv.Itoa(i) + "]" }

// detectXML reports whether data is XML naming a DataCite schema namespace, in UTF-8 or UTF-16.
func detectXML(data []byte) bool {
	if len(data) >= 2 {
		e, utf16 := unicode.BigEndian, false
		switch {
		case data[0] == 0xFE && data[1] == 0xFF, data[0] == 0:
			utf16 = true
		case data[0] == 0xFF && data[1] == 0xFE, data[1] == 0:
			e, utf16 = unicode.LittleEndian, true
		}
		if utf16 {
			u, err := unicode.UTF16(e, unicode.UseBOM).NewDecoder().Bytes(data)
			if err != nil {
				return false
			}
			data = u
		}
	}
	t := bytes.TrimLeft(trimBOM(data), " \t\r\n")
	return len(t) > 0 && t[0] == '<' && bytes.Contains(data, []byte("datacite.org/schema/kernel-"))
}

// detectJSON reports whether data is DataCite JSON: a JSON:API document of type dois, or attributes with
// types.resourceTypeGeneral (or, in Invenio's 4.0 and 4.1 schemas, resourceType.resourceTypeGeneral beside
// creators), and no JSON-LD context.
func detectJSON(data []byte) bool {
	t := bytes.TrimLeft(trimBOM(data), " \t\r\n")
	if len(t) == 0 || t[0] != '{' || bytes.Contains(t, []byte(`"@context"`)) {
		return false
	}
	if bytes.Contains(t, []byte(`"dois"`)) {
		return true
	}
	return bytes.Contains(t, []byte(`"resourceTypeGeneral"`)) &&
		(bytes.Contains(t, []byte(`"types"`)) || bytes.Contains(t, []byte(`"resourceType"`)) && bytes.Contains(t, []byte(`"creators"`)))
}

// restAdmin are the REST API attributes that describe the DOI's registration, usage or a derived view of the
// metadata rather than the work: a fair.Resource has no place for them and needs none (the record holds the facts
// they are derived from), so reading them into one loses nothing. Every other attribute the schema does not define
// is reported.
var restAdmin = map[string]bool{
	"id": true, "identifiers": true, "xml": true, "container": true, "prefix": true, "suffix": true, "state": true,
	"event": true, "reason": true, "source": true, "isActive": true, "metadataVersion": true, "schemaVersion": true,
	"agency": true, "provider": true, "providerId": true, "client": true, "clientId": true, "landingPage": true,
	"created": true, "registered": true, "published": true, "updated": true,
	"viewCount": true, "downloadCount": true, "referenceCount": true, "citationCount": true, "partCount": true,
	"partOfCount": true, "versionCount": true, "versionOfCount": true, "viewsOverTime": true,
	"downloadsOverTime": true, "citationsOverTime": true,
}

// extraNotes reports the attributes of r's Extra that carry a value and are neither DataCite metadata nor the REST
// API's administrative attributes (restAdmin): contentUrl, the attributes of older API generations (author, title,
// resource-type-general, ...), or any other; ToResource has no place for them.
func extraNotes(r *Record) fair.Notes {
	var keys []string
	for k, v := range r.Extra {
		switch strings.TrimSpace(string(v)) {
		case "null", "[]", "{}", `""`:
			continue
		}
		if !restAdmin[k] {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	var out fair.Notes
	for _, k := range keys {
		var b bytes.Buffer
		if json.Compact(&b, r.Extra[k]) != nil {
			b.Reset()
			b.Write(r.Extra[k])
		}
		out.Add(k, truncate(b.String(), 60), "not a DataCite metadata property: the record has no place for it")
	}
	return out
}
