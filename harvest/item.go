package harvest

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"

	"github.com/dop2i/fairmeta/datacite"
	"github.com/dop2i/fairmeta/fair"
	"github.com/dop2i/fairmeta/format"
)

// Item is one harvested record, written as one line of JSON Lines:
//
//	{"identifier":"doi:10.5072/abcd-ef12","datestamp":"2026-03-01T10:00:00Z","deleted":false,"record":{...}}
//
// Record holds the DataCite JSON attributes when the metadata is DataCite (the REST API's attributes as it sent
// them; oai_datacite and datacite metadata read and converted), or else the metadata as a JSON string (an oai_dc
// record's XML, for example), or null for a deleted record. Problem says why metadata in a format fairmeta reads
// could not be read; Record then holds it as a string, so nothing is lost. NotRead lists what of the metadata the
// DataCite record could not hold (see fair.Note), with paths in the metadata's terms.
type Item struct {
	Identifier string          `json:"identifier"`
	Datestamp  string          `json:"datestamp"`
	Deleted    bool            `json:"deleted"`
	Record     json.RawMessage `json:"record"`
	Problem    string          `json:"problem,omitempty"`
	NotRead    fair.Notes      `json:"notRead,omitempty"`
}

// appendJSON appends the item as one line of JSON, newline included.
func (it *Item) appendJSON(b []byte) []byte {
	b = append(b, `{"identifier":`...)
	b = appendString(b, it.Identifier)
	b = append(b, `,"datestamp":`...)
	b = appendString(b, it.Datestamp)
	if it.Deleted {
		b = append(b, `,"deleted":true,"record":`...)
	} else {
		b = append(b, `,"deleted":false,"record":`...)
	}
	if len(it.Record) == 0 {
		b = append(b, "null"...)
	} else {
		b = appendCompact(b, it.Record)
	}
	if it.Problem != "" {
		b = append(b, `,"problem":`...)
		b = appendString(b, it.Problem)
	}
	if len(it.NotRead) > 0 {
		if enc, err := json.Marshal(it.NotRead); err == nil {
			b = append(b, `,"notRead":`...)
			b = append(b, enc...)
		}
	}
	return append(b, "}\n"...)
}

func appendString(b []byte, s string) []byte {
	enc, _ := json.Marshal(s) // a string always marshals
	return append(b, enc...)
}

// appendCompact appends JSON without newlines (the API's documents may be indented), or the bytes as a string when
// they are not valid JSON.
func appendCompact(b []byte, raw []byte) []byte {
	if bytes.IndexByte(raw, '\n') < 0 && json.Valid(raw) {
		return append(b, raw...)
	}
	var buf bytes.Buffer
	if err := json.Compact(&buf, raw); err != nil {
		return appendString(b, string(raw))
	}
	return append(b, buf.Bytes()...)
}

// DecodeMetadata turns the metadata of an OAI-PMH record into an Item's record: DataCite XML (a kernel-4 or
// kernel-3 <resource>, bare or in DataCite's oai_datacite wrapper) becomes DataCite JSON attributes, with the notes
// of what the record could not hold; metadata in another format of format.Default() is read and converted to
// DataCite JSON through fair.Resource, with the notes of what was not read and not written; anything else (oai_dc,
// MARC) is kept as a JSON string of its XML. problem is non-empty when the metadata looked like a format fairmeta
// reads but could not be read (the record is then the string).
func DecodeMetadata(md []byte) (record json.RawMessage, notRead fair.Notes, problem string) {
	if len(bytes.TrimSpace(md)) == 0 {
		return nil, nil, ""
	}
	res, isDataCite, err := dataciteResource(md)
	if isDataCite && err == nil {
		var rec *datacite.Record
		if rec, notRead, err = datacite.ReadXML(res); err == nil {
			var attrs []byte
			if attrs, err = json.Marshal(rec); err == nil {
				return attrs, notRead, ""
			}
		}
	}
	raw := appendString(nil, string(md))
	if isDataCite {
		return raw, nil, fmt.Sprintf("DataCite metadata kept as XML: %v", err)
	}
	reg := format.Default()
	f, err := reg.Detect(md)
	if err != nil {
		return raw, nil, "" // a format fairmeta does not read
	}
	recs, notRead, err := f.Read(md)
	if err != nil || len(recs) != 1 {
		if err == nil {
			err = fmt.Errorf("%d records in one item", len(recs))
		}
		return raw, nil, fmt.Sprintf("%s metadata kept as XML: %v", f.Name, err)
	}
	attrs, err := json.Marshal(datacite.FromResource(recs[0]))
	if err != nil {
		return raw, nil, fmt.Sprintf("%s metadata kept as XML: %v", f.Name, err)
	}
	for _, n := range datacite.NotWritten(recs[0]) {
		n.Reason = "not written as DataCite: " + n.Reason
		notRead = append(notRead, n)
	}
	return attrs, notRead, ""
}

// dataciteResource finds the DataCite <resource> in metadata: the root element itself, or the child of an
// oai_datacite payload.
func dataciteResource(md []byte) (res []byte, isDataCite bool, err error) {
	p := &parser{body: md, d: xml.NewDecoder(bytes.NewReader(md))}
	root, err := p.start()
	if err != nil {
		return nil, false, err
	}
	switch root.Name.Local {
	case "resource":
		return md, isKernel(root.Name.Space), nil
	case "oai_datacite":
	default:
		return nil, false, nil
	}
	err = p.children(func(se xml.StartElement) error {
		if se.Name.Local != "payload" || res != nil {
			return p.skip()
		}
		var err error
		res, err = p.metadata()
		return err
	})
	if err == nil && res == nil {
		err = fmt.Errorf("oai_datacite without a payload")
	}
	return res, true, err
}

func isKernel(ns string) bool {
	return ns == datacite.Namespace || ns == "http://datacite.org/schema/kernel-3" || ns == ""
}
