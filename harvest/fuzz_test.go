package harvest

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"testing"
)

// FuzzParseResponse feeds arbitrary bytes to the OAI-PMH response parser: it must never panic, and what it cuts out
// as a record's metadata must be well-formed XML whenever the response was.
func FuzzParseResponse(f *testing.F) {
	f.Add([]byte(`<?xml version="1.0" encoding="UTF-8"?><OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><responseDate>2026-01-01T00:00:00Z</responseDate><request verb="ListRecords">x</request><ListRecords><record><header><identifier>a</identifier><datestamp>2026-01-01</datestamp><setSpec>s</setSpec></header><metadata><oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>T &amp; U</dc:title></oai_dc:dc></metadata></record><record><header status="deleted"><identifier>b</identifier><datestamp>2026-01-02</datestamp></header></record><resumptionToken completeListSize="10" cursor="0">tok</resumptionToken></ListRecords></OAI-PMH>`))
	f.Add([]byte(`<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/" xmlns:dc="http://purl.org/dc/elements/1.1/"><request>x</request><error code="badResumptionToken">expired</error></OAI-PMH>`))
	f.Add([]byte(`<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/" xmlns:dc="urn:x"><GetRecord><record><header><identifier>c</identifier><datestamp>2026</datestamp></header><metadata><!-- c --><dc:x a="1"><dc:y/></dc:x></metadata></record></GetRecord></OAI-PMH>`))
	f.Add([]byte(`<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><Identify><repositoryName>r</repositoryName><granularity>YYYY-MM-DD</granularity><description><x/></description></Identify></OAI-PMH>`))
	f.Add([]byte(`<oai_datacite xmlns="http://schema.datacite.org/oai/oai-1.1/"><payload><resource xmlns="http://datacite.org/schema/kernel-4"><identifier identifierType="DOI">10.5072/x</identifier></resource></payload></oai_datacite>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		resp, err := parseResponse(data)
		if err == nil {
			for _, r := range resp.Records {
				if len(r.Metadata) > 0 && wellFormed(data) && !wellFormed(r.Metadata) {
					t.Fatalf("metadata cut out of a well-formed response is not well-formed:\n%s", r.Metadata)
				}
			}
		}
		rec, _, _ := DecodeMetadata(data)
		if len(rec) > 0 && !json.Valid(rec) {
			t.Fatalf("DecodeMetadata gave invalid JSON %q", rec)
		}
	})
}

func wellFormed(b []byte) bool {
	d := xml.NewDecoder(bytes.NewReader(b))
	for {
		_, err := d.Token()
		if err != nil {
			return err.Error() == "EOF"
		}
	}
}
