package oaipmhtest

import (
	"bytes"
	"strconv"
	"strings"
	"time"

	"github.com/dop2i/fairmeta/datacite"
)

// DataCiteRecord makes a repository item of a DataCite record in the three forms DataCite's own provider serves:
// "datacite" (the kernel-4 <resource>), "oai_datacite" (the resource in DataCite's OAI wrapper, with the
// repository's symbol) and "oai_dc" (unqualified Dublin Core: title, creators, publisher, date, type, identifier,
// description, subjects, rights). The identifier is "doi:" and the DOI, as DataCite's provider names items. A nil
// rec gives an item with no identifier and no metadata.
func DataCiteRecord(rec *datacite.Record, datestamp time.Time, sets ...string) Record {
	if rec == nil {
		return Record{Datestamp: datestamp, Sets: sets}
	}
	res := string(bytes.TrimSpace(stripDecl(rec.AppendXML(nil))))
	symbol := strings.ToUpper(rec.Client)
	if symbol == "" && len(sets) > 0 {
		symbol = sets[0]
	}
	wrapped := `<oai_datacite xmlns="` + NamespaceOAIDataCite + `"><schemaVersion>4</schemaVersion><datacentreSymbol>` +
		esc(symbol) + "</datacentreSymbol><payload>" + res + "</payload></oai_datacite>"
	return Record{
		Identifier: "doi:" + rec.DOI,
		Datestamp:  datestamp,
		Sets:       sets,
		Metadata:   map[string]string{"datacite": res, "oai_datacite": wrapped, "oai_dc": dublinCore(rec)},
	}
}

func stripDecl(b []byte) []byte {
	if bytes.HasPrefix(b, []byte("<?xml")) {
		if i := bytes.Index(b, []byte("?>")); i >= 0 {
			return b[i+2:]
		}
	}
	return b
}

// dublinCore writes the oai_dc form of a DataCite record, following DataCite's own mapping in spirit.
func dublinCore(r *datacite.Record) string {
	var b strings.Builder
	b.WriteString(`<oai_dc:dc xmlns:oai_dc="` + NamespaceOAIDC + `" xmlns:dc="` + NamespaceDC + `">`)
	el := func(name, v string) {
		if v != "" {
			b.WriteString("<dc:" + name + ">" + esc(v) + "</dc:" + name + ">")
		}
	}
	for _, t := range r.Titles {
		el("title", t.Title)
	}
	for _, c := range r.Creators {
		el("creator", c.Name)
	}
	el("publisher", r.Publisher.Name)
	if r.PublicationYear > 0 {
		el("date", strconv.Itoa(r.PublicationYear))
	}
	el("type", string(r.Types.ResourceTypeGeneral))
	el("identifier", "https://doi.org/"+r.DOI)
	for _, d := range r.Descriptions {
		el("description", d.Description)
	}
	for _, s := range r.Subjects {
		el("subject", s.Subject)
	}
	for _, rt := range r.RightsList {
		el("rights", rt.Rights)
	}
	b.WriteString("</oai_dc:dc>")
	return b.String()
}
