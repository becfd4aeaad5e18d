package schemaorg

import (
	"bytes"
	"context"
	"regexp"
	"testing"

	"github.com/dop2i/fairmeta/fair"
)

// fastOnly runs the fast path alone; errBail means it left the document to json-gold.
func fastOnly(p *Processor, doc []byte) ([]byte, error) {
	p.init()
	return p.fastCanonicalize(p.topContext(context.Background()), doc)
}

// TestFastPathMatchesJSONGold: the landing pages and everything the writer produces take the fast path, and it
// gives json-gold's Normalize output byte for byte.
func TestFastPathMatchesJSONGold(t *testing.T) {
	official := officialContext(t)
	p, err := NewProcessor(WithSchemaOrgContext(official))
	if err != nil {
		t.Fatal(err)
	}
	l := plainLoader(t, official)
	docs := landingDocs(t)
	for _, r := range []*fair.Resource{fullDataset(), software(), everyRelation(), publication()} {
		b, _, _ := Marshal(r)
		docs["written: "+r.MainTitle()] = b
	}
	for name, doc := range docs {
		got, err := fastOnly(p, doc)
		if err != nil {
			t.Errorf("%s: the fast path did not take the document: %v", name, err)
			continue
		}
		if want := plainNormalize(t, l, doc); string(got) != want {
			t.Errorf("%s: fast path differs from json-gold\ngot:\n%s\nwant:\n%s", name, got, want)
		}
	}
}

// FuzzCanonicalizeFastPath compares the fast path with json-gold on whatever it accepts.
func FuzzCanonicalizeFastPath(f *testing.F) {
	for _, d := range []string{
		`{"@context": "https://schema.org/", "@type": "Dataset", "name": ["a", "a"], "creator": [{"@type": "Person", "name": "P"}, {"@type": "Person", "name": "P"}]}`,
		`{"@context": {"@vocab": "http://schema.org/", "@language": "EN"}, "@id": "https://e.org/x", "name": "n", "url": "https://e.org/x", "knows": {"@id": "https://e.org/x"}}`,
		`[{"@context": "https://schema.org/", "@graph": [{"@id": "_:a", "knows": {"@id": "_:b"}}, {"@id": "_:b", "knows": {"@id": "_:a"}}]}]`,
		`{"@context": "https://schema.org/", "version": 1.5, "size": 3, "isAccessibleForFree": true, "@reverse": {"isBasedOn": {"@id": "rel"}}, "license": "x y"}`,
		`{"@context": "https://schema.org/", "name": "q\"b\\s\nn\rr\tt", "description": {"@value": "\"", "@language": "en"}}`,
		`{"@context": "https://schema.org/", "name": {"@value": "x", "@language": "fr-CA"}, "dateCreated": {"@value": "2020", "@type": "Date"}, "description": {"@value": null}}`,
	} {
		f.Add([]byte(d))
	}
	official := officialContext(f)
	p, err := NewProcessor(WithSchemaOrgContext(official))
	if err != nil {
		f.Fatal(err)
	}
	// A small budget keeps every execution, json-gold's included, to milliseconds: the fuzzer explores shapes,
	// not sizes, and minimising an input stays quick.
	p.work = 2000
	l := plainLoader(f, official)
	f.Fuzz(func(t *testing.T, doc []byte) {
		// Inputs are bounded by work, not bytes: the fast path refuses a poison graph (ErrTooComplex) within its
		// work limit, and what it accepts json-gold canonicalizes in comparable work.
		got, err := fastOnly(p, doc)
		if err != nil {
			return
		}
		want, werr := plainNormalizeErr(l, doc)
		if werr != nil {
			t.Fatalf("the fast path accepted a document json-gold rejects (%v):\n%s", werr, doc)
		}
		if string(got) != want {
			t.Fatalf("fast path differs from json-gold on\n%s\ngot:\n%s\nwant:\n%s", doc, got, want)
		}
	})
}

// TestIsLanguageTag: the hand-written test accepts what json-gold's regexp accepts.
func TestIsLanguageTag(t *testing.T) {
	re := regexp.MustCompile("^[a-zA-Z]+(-[a-zA-Z0-9]+)*$")
	for _, s := range []string{"", "en", "EN", "en-US", "fr-CA", "zh-Hant-TW", "de-1996", "en-", "-en", "en--US",
		"1en", "en_US", "en-US\n", "é", "en-é", "a-1-b-2", "x", "en US"} {
		if got, want := isLanguageTag(s), re.MatchString(s); got != want {
			t.Errorf("isLanguageTag(%q) = %v, want %v", s, got, want)
		}
	}
}

// TestFastPathKeepsNoDocumentMemory: the fast path reads strings from the caller's buffer without copying it, so
// nothing it keeps (memo tables, cached contexts) may refer to that buffer: a caller reuses it after the call.
func TestFastPathKeepsNoDocumentMemory(t *testing.T) {
	official := officialContext(t)
	p, err := NewProcessor(WithSchemaOrgContext(official))
	if err != nil {
		t.Fatal(err)
	}
	l := plainLoader(t, official)
	docs := landingDocs(t)
	docs["inline context"] = []byte(`{"@context": {"@vocab": "http://schema.org/", "@language": "en", "s": "@id"}, "s": "https://e.org/x", "@type": "Dataset", "name": "n", "@reverse": {"isBasedOn": {"@id": "https://e.org/y", "name": "m"}}}`)
	for name, doc := range docs {
		buf := bytes.Clone(doc)
		if _, err := fastOnly(p, buf); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for i := range buf {
			buf[i] = '#'
		}
	}
	for name, doc := range docs {
		got, err := fastOnly(p, bytes.Clone(doc))
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if want := plainNormalize(t, l, doc); string(got) != want {
			t.Errorf("%s: differs from json-gold after the first buffers were overwritten\ngot:\n%s\nwant:\n%s", name, got, want)
		}
	}
}
